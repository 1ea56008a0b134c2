package dev.pev4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.internal.retry.Retry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting an MCP client over streamable HTTP when the connection drops while it initialises: pev4j's own MCP server
 * behind a {@link DroppingProxy}.
 */
class McpConnectionStartTest {

    @TempDir
    Path dir;

    private final List<Retry.RetryEvent> events = new CopyOnWriteArrayList<>();

    private McpToolServer.Running serve() {
        return McpToolServer.builder()
                .tools(new DataOps(Workspace.of(dir)))
                .build()
                .serveHttp(0);
    }

    private McpConnection connect(String name, DroppingProxy proxy) {
        return new McpConnection(
                McpServer.http(name, URI.create("http://127.0.0.1:" + proxy.port() + "/mcp")), events::add);
    }

    @Test
    void starts_again_when_the_connection_drops_during_initialisation() throws IOException {
        try (McpToolServer.Running running = serve();
                DroppingProxy proxy = new DroppingProxy(running.port(), 1);
                McpConnection connection = connect("flaky", proxy)) {

            List<McpSchema.Tool> tools = connection.listTools();

            assertThat(tools).extracting(McpSchema.Tool::name).contains("read_csv", "groupby_agg");
            assertThat(proxy.connections()).isGreaterThanOrEqualTo(2);
            assertThat(events).hasSize(1);
            Retry.RetryScheduled retried = (Retry.RetryScheduled) events.get(0);
            assertThat(retried.attempt()).isEqualTo(1);
            assertThat(retried.cause())
                    .hasMessage("MCP server 'flaky' dropped the connection while starting (http://127.0.0.1:"
                            + proxy.port() + "/mcp): HTTP/1.1 header parser received no bytes");
        }
    }

    @Test
    void gives_up_after_three_dropped_connections_naming_the_last_failure() throws IOException {
        try (McpToolServer.Running running = serve();
                DroppingProxy proxy = new DroppingProxy(running.port(), 3);
                McpConnection connection = connect("down", proxy)) {

            assertThatThrownBy(connection::listTools)
                    .isInstanceOf(McpException.class)
                    .hasMessage("MCP server 'down' could not be started (http://127.0.0.1:" + proxy.port()
                            + "/mcp): the connection dropped 3 times, the last time: HTTP/1.1 header parser received "
                            + "no bytes");
            assertThat(proxy.connections()).isEqualTo(3);
            assertThat(events)
                    .extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("RetryScheduled", "RetryScheduled", "GaveUp");
        }
    }
}
