package dev.pev4j.examples.cli;

import dev.pev4j.tools.mcp.McpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The {@code --mcp}, {@code --mcp-http} and {@code --mcp-header} options (a picocli mixin), read into {@link McpServer}s.
 */
final class McpOptions {

    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]{0,39})=(.*)", Pattern.DOTALL);

    @Option(
            names = "--mcp",
            paramLabel = "COMMAND",
            description = "Also plan with the tools of an MCP server started with this command line, optionally "
                    + "named: \"fs=npx -y @modelcontextprotocol/server-filesystem /data\" (default names mcp1, "
                    + "mcp2, ...; a tool name two servers share gets its server's name as prefix). Repeatable.")
    List<String> commands = new ArrayList<>();

    @Option(
            names = "--mcp-http",
            paramLabel = "URL",
            description = "Also plan with the tools of an MCP server reached by streamable HTTP, optionally named: "
                    + "\"search=https://host/mcp\" (default names http1, http2, ...). Repeatable.")
    List<String> urls = new ArrayList<>();

    @Option(
            names = "--mcp-header",
            paramLabel = "NAME:VALUE",
            description = "An HTTP header sent to every --mcp-http server, e.g. \"Authorization: Bearer $TOKEN\". "
                    + "Repeatable.")
    List<String> headers = new ArrayList<>();

    /**
     * The servers the options name, none when they are not given.
     *
     * @throws IllegalArgumentException naming the bad option value
     */
    List<McpServer> servers() {
        return servers(commands, urls, headers);
    }

    /** @throws IllegalArgumentException naming the bad option value */
    static List<McpServer> servers(List<String> commands, List<String> urls, List<String> headers) {
        List<McpServer> servers = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String value = commands.get(i);
            Matcher named = NAMED.matcher(value);
            boolean hasName = named.matches() && !named.group(1).contains("/");
            String name = hasName ? named.group(1) : "mcp" + (i + 1);
            String commandLine = hasName ? named.group(2) : value;
            try {
                servers.add(McpServer.stdioCommandLine(name, commandLine));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mcp '" + value + "': " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < urls.size(); i++) {
            String value = urls.get(i);
            Matcher named = NAMED.matcher(value);
            boolean hasName = named.matches() && !value.startsWith("http");
            String name = hasName ? named.group(1) : "http" + (i + 1);
            String url = hasName ? named.group(2) : value;
            McpServer server;
            try {
                server = McpServer.http(name, URI.create(url.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mcp-http '" + value + "': " + e.getMessage(), e);
            }
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--mcp-header must be NAME: VALUE but was '" + header + "'");
                }
                server = server.header(
                        header.substring(0, colon).strip(),
                        header.substring(colon + 1).strip());
            }
            servers.add(server);
        }
        if (!headers.isEmpty() && urls.isEmpty()) {
            throw new IllegalArgumentException("--mcp-header is for --mcp-http servers, and none was given");
        }
        List<String> names = new ArrayList<>();
        for (McpServer server : servers) {
            if (names.contains(server.name())) {
                throw new IllegalArgumentException(
                        "two MCP servers are named '" + server.name() + "'; give each a different name (name=...)");
            }
            names.add(server.name());
        }
        return servers;
    }
}
