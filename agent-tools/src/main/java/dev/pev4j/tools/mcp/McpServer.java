package dev.pev4j.tools.mcp;

import dev.pev4j.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one MCP server and which of its tools to use: a name (used in messages and as the prefix of clashing
 * tool names), a transport (a command line for stdio, or a streamable-HTTP URL with headers), name patterns to
 * include and exclude, and the per-call timeout.
 *
 * <pre>{@code
 * McpServer files = McpServer.stdio("fs", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/data")
 *         .include("read_*", "list_directory")
 *         .callTimeout(Duration.ofSeconds(20));
 * McpServer remote = McpServer.http("search", URI.create("https://example.com/mcp"))
 *         .header("Authorization", "Bearer " + token);
 * }</pre>
 *
 * <p>Patterns are globs over tool names ({@code *} any run of characters, {@code ?} one character), matched against
 * the server's own names (before any prefix). A tool is used when it matches an include pattern (or there are none)
 * and no exclude pattern. Immutable and thread-safe.
 */
public record McpServer(
        String name, Transport transport, List<String> include, List<String> exclude, Duration callTimeout) {

    /** The call timeout unless one is given: 60 seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** How a server is reached. */
    public sealed interface Transport permits Stdio, Http {}

    /** A server started as a child process, speaking MCP over its standard input and output. */
    public record Stdio(List<String> command, Map<String, String> environment) implements Transport {
        public Stdio {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            if (command.isEmpty() || command.get(0).isBlank()) {
                throw new IllegalArgumentException("an MCP stdio command must not be empty");
            }
        }
    }

    /** A server reached by streamable HTTP at {@code url}, with these headers on every request (auth, say). */
    public record Http(URI url, Map<String, String> headers) implements Transport {
        public Http {
            Objects.requireNonNull(url, "url == null");
            headers = Map.copyOf(headers);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("an MCP server URL must be http or https but was '" + url + "'");
            }
        }
    }

    public McpServer {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(transport, "transport == null");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(callTimeout, "callTimeout == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an MCP server name must be 1 to 40 letters, digits, '_' or '-' "
                    + "(it prefixes clashing tool names) but was '" + name + "'");
        }
        Checks.positive("callTimeout", callTimeout);
    }

    /** A server started with this command line, e.g. {@code stdio("fs", "npx", "-y", "pkg", "/dir")}. */
    public static McpServer stdio(String name, String... command) {
        return stdio(name, Arrays.asList(command));
    }

    /** A server started with this command line. */
    public static McpServer stdio(String name, List<String> command) {
        return new McpServer(name, new Stdio(command, Map.of()), List.of(), List.of(), DEFAULT_CALL_TIMEOUT);
    }

    /**
     * A server started with a command line given as one string, split at spaces outside quotes: {@code npx -y
     * "@scope/pkg" "/my dir"}.
     */
    public static McpServer stdioCommandLine(String name, String commandLine) {
        return stdio(name, split(commandLine));
    }

    /** A server reached by streamable HTTP. */
    public static McpServer http(String name, URI url) {
        return new McpServer(name, new Http(url, Map.of()), List.of(), List.of(), DEFAULT_CALL_TIMEOUT);
    }

    /** This server using only the tools whose names match one of these globs. */
    public McpServer include(String... patterns) {
        return new McpServer(name, transport, concat(include, patterns), exclude, callTimeout);
    }

    /** This server without the tools whose names match one of these globs. */
    public McpServer exclude(String... patterns) {
        return new McpServer(name, transport, include, concat(exclude, patterns), callTimeout);
    }

    /** This server with calls failing after {@code timeout} without an answer. */
    public McpServer callTimeout(Duration timeout) {
        return new McpServer(name, transport, include, exclude, timeout);
    }

    /** This server with one more HTTP header (HTTP servers) or environment variable (stdio servers). */
    public McpServer header(String key, String value) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(value, "value == null");
        if (transport instanceof Http http) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(http.headers());
            headers.put(key, value);
            return new McpServer(name, new Http(http.url(), headers), include, exclude, callTimeout);
        }
        throw new IllegalArgumentException("server '" + name + "' is started by a command; headers are for HTTP "
                + "servers (use environment(...) instead)");
    }

    /** This stdio server with one more environment variable for its process. */
    public McpServer environment(String key, String value) {
        if (transport instanceof Stdio stdio) {
            Map<String, String> environment = new java.util.LinkedHashMap<>(stdio.environment());
            environment.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
            return new McpServer(name, new Stdio(stdio.command(), environment), include, exclude, callTimeout);
        }
        throw new IllegalArgumentException("server '" + name + "' is reached by HTTP; environment variables are for "
                + "servers started by a command");
    }

    /** Whether this server's tool {@code toolName} passes the include and exclude patterns. */
    public boolean uses(String toolName) {
        boolean included = include.isEmpty()
                || include.stream().anyMatch(p -> glob(p).matcher(toolName).matches());
        return included
                && exclude.stream().noneMatch(p -> glob(p).matcher(toolName).matches());
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        for (String pattern : more) {
            all.add(Objects.requireNonNull(pattern, "pattern == null"));
        }
        return all;
    }

    /** Splits a command line at spaces outside double or single quotes. */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote + " in command line: " + commandLine);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("an MCP stdio command must not be empty");
        }
        return words;
    }
}
