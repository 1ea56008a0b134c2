package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.mcp.McpServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ask --mcp/--mcp-http/--mcp-header} read into MCP server configurations. */
class McpOptionsTest {

    @Test
    void reads_named_and_unnamed_commands_and_urls_with_headers() {
        List<McpServer> servers = McpOptions.servers(
                List.of("fs=npx -y @modelcontextprotocol/server-filesystem \"/my data\"", "node server.js"),
                List.of("search=https://example.com/mcp", "http://localhost:3001/mcp"),
                List.of("Authorization: Bearer abc"));

        assertThat(servers).extracting(McpServer::name).containsExactly("fs", "mcp2", "search", "http2");
        assertThat(servers.get(0).transport())
                .isEqualTo(new McpServer.Stdio(
                        List.of("npx", "-y", "@modelcontextprotocol/server-filesystem", "/my data"), Map.of()));
        assertThat(servers.get(2).transport())
                .isEqualTo(new McpServer.Http(
                        URI.create("https://example.com/mcp"), Map.of("Authorization", "Bearer abc")));
    }

    @Test
    void rejects_a_header_without_a_colon_naming_it() {
        assertThatThrownBy(() -> McpOptions.servers(List.of(), List.of("http://h/mcp"), List.of("Bearer abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--mcp-header must be NAME: VALUE but was 'Bearer abc'");
    }

    @Test
    void rejects_two_servers_with_one_name() {
        assertThatThrownBy(() -> McpOptions.servers(List.of("a=x", "a=y"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two MCP servers are named 'a'; give each a different name (name=...)");
    }

    @Test
    void rejects_a_url_that_is_not_http() {
        assertThatThrownBy(() -> McpOptions.servers(List.of(), List.of("ftp://h/mcp"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--mcp-http 'ftp://h/mcp': an MCP server URL must be http or https but was 'ftp://h/mcp'");
    }

    @Test
    void rejects_an_unclosed_quote() {
        assertThatThrownBy(() -> McpOptions.servers(List.of("node \"x"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--mcp 'node \"x': unclosed quote \" in command line: node \"x");
    }
}
