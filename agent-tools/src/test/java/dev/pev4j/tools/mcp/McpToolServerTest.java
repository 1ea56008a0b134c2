package dev.pev4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pev4j's MCP server driven by the official MCP Java SDK's client, which nobody here wrote: over stdio with the server
 * in another JVM, and over streamable HTTP.
 */
class McpToolServerTest {

    @TempDir
    Path dir;

    private Path workspace() throws IOException {
        Path workspace = Files.createDirectory(dir.resolve("workspace"));
        Files.writeString(workspace.resolve("sales.csv"), "region,revenue\nNorth,10.5\nSouth,4\nNorth,2.5\n");
        Files.writeString(dir.resolve("secret.csv"), "password\nhunter2\n");
        return workspace;
    }

    @Test
    void serves_data_ops_over_stdio_to_a_client_in_another_jvm_chaining_tables_by_handle() throws IOException {
        Path workspace = workspace();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), ServeDataOps.class.getName(), workspace.toString())
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(120))
                .build()) {
            client.initialize();

            exercise(client);
        }
    }

    @Test
    void serves_data_ops_over_streamable_http() throws IOException {
        McpToolServer server = McpToolServer.builder()
                .tools(new DataOps(Workspace.of(workspace())))
                .build();
        try (McpToolServer.Running running = server.serveHttp(0);
                McpSyncClient client = McpClient.sync(
                                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + running.port())
                                        .endpoint("/mcp")
                                        .build())
                        .requestTimeout(Duration.ofSeconds(60))
                        .initializationTimeout(Duration.ofSeconds(120))
                        .build()) {
            client.initialize();

            exercise(client);
        }
    }

    private static void exercise(McpSyncClient client) {
        // lists the tools with schemas that take handles where a table goes
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).contains("read_csv", "groupby_agg", "sort_values");
        McpSchema.Tool groupby = tools.stream()
                .filter(t -> t.name().equals("groupby_agg"))
                .findFirst()
                .orElseThrow();
        assertThat(groupby.inputSchema().get("required")).isEqualTo(List.of("table", "by", "aggregations"));
        assertThat(groupby.inputSchema().get("properties").toString())
                .contains("table={type=string, pattern=^[a-z][a-z0-9_]*:[1-9][0-9]*$, description=a handle returned "
                        + "by an earlier call, such as \"table:1\"}");

        // read_csv returns a handle and a preview, groupby_agg takes the handle
        McpSchema.CallToolResult read = call(client, "read_csv", Map.of("path", "sales.csv"));
        assertThat(read.isError()).isFalse();
        assertThat(text(read))
                .startsWith("handle: table:1 (pass \"table:1\" to later calls to use this value)\n")
                .contains("3 rows x 2 columns");
        McpSchema.CallToolResult grouped = call(
                client,
                "groupby_agg",
                Map.of("table", "table:1", "by", List.of("region"), "aggregations", Map.of("revenue", List.of("sum"))));
        assertThat(grouped.isError()).isFalse();
        assertThat(text(grouped)).startsWith("handle: table:2 ").contains("2 rows x 2 columns", "revenue_sum", "13.0");
        assertThat(text(call(client, "shape", Map.of("table", "table:2")))).isEqualTo("[2,2]");

        // the workspace confines paths, as it does for plans
        McpSchema.CallToolResult escape = call(client, "read_csv", Map.of("path", "../secret.csv"));
        assertThat(escape.isError()).isTrue();
        assertThat(text(escape))
                .isEqualTo("tool 'read_csv' failed: path '../secret.csv' is outside the workspace: "
                        + "'..' leads above the workspace root");
        McpSchema.CallToolResult absolute = call(client, "read_csv", Map.of("path", "/etc/passwd"));
        assertThat(absolute.isError()).isTrue();
        assertThat(text(absolute)).contains("is outside the workspace");

        // a handle the server does not hold is an error naming the ones it does
        McpSchema.CallToolResult unknown = call(client, "shape", Map.of("table", "table:9"));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).isEqualTo("unknown handle 'table:9'; handles held: table:1, table:2");
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
