package dev.pev4j.examples.cli;

import dev.pev4j.tools.mcp.McpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code --mcp}, {@code --mcp-http} and {@code --mcp-header} options into {@link McpServer}s. */
final class McpOptions {

    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]{0,39})=(.*)", Pattern.DOTALL);

    private McpOptions() {}

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
