package dev.pev4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pev4j.AgentException;
import dev.pev4j.tool.ToolRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP servers from npm that nobody here wrote, as plan tools: listing, filtering, naming, results, failures. */
class McpToolsTest {

    @TempDir
    Path dir;

    private McpTools mcp;

    @AfterEach
    void close() {
        if (mcp != null) {
            mcp.close();
        }
    }

    private static McpServer everything(String name) {
        return McpServer.stdio(name, NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"));
    }

    @Test
    void lists_a_servers_tools_with_their_input_schemas_as_parameters() {
        mcp = McpTools.of(everything("every").include("echo", "get-sum"));

        ToolRegistry registry = ToolRegistry.of(mcp);

        assertThat(registry.names()).containsExactly("echo", "get-sum");
        assertThat(registry.find("echo").orElseThrow().signature()).isEqualTo("echo(message: String) -> Object");
        assertThat(registry.find("get-sum").orElseThrow().signature())
                .isEqualTo("get-sum(a: Double, b: Double) -> Object");
        assertThat(registry.find("echo")
                        .orElseThrow()
                        .parameter("message")
                        .orElseThrow()
                        .valueSchema()
                        .toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"Message to echo\",\"maxLength\":300}");
    }

    @Test
    void filters_tools_by_include_and_exclude_patterns() {
        mcp = McpTools.of(everything("every").include("get-*").exclude("get-resource-*", "get-env"));

        assertThat(ToolRegistry.of(mcp).names())
                .containsExactly("get-annotated-message", "get-structured-content", "get-sum", "get-tiny-image");
    }

    @Test
    void prefixes_a_tool_name_offered_by_two_servers_with_the_server_name() {
        mcp = McpTools.of(
                everything("a").include("echo", "get-sum"), everything("b").include("echo"));

        assertThat(ToolRegistry.of(mcp).names()).containsExactly("a_echo", "get-sum", "b_echo");
    }

    @Test
    void turns_text_json_and_image_results_into_evidence() {
        mcp = McpTools.of(everything("every").include("echo", "get-tiny-image", "get-structured-content"));
        ToolRegistry registry = ToolRegistry.of(mcp);

        Object echoed = registry.invoke("echo", List.of("hello"), Map.of());
        Object weather = registry.invoke("get-structured-content", List.of(), Map.of("location", "Chicago"));
        Object image = registry.invoke("get-tiny-image", List.of(), Map.of());

        assertThat(echoed).isEqualTo("Echo: hello");
        assertThat(weather).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) weather).has("temperature")).isTrue();
        assertThat(image)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .filteredOn(McpImage.class::isInstance)
                .singleElement()
                .satisfies(i -> {
                    McpImage png = (McpImage) i;
                    assertThat(png.mimeType()).isEqualTo("image/png");
                    assertThat(png.data()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
                });
    }

    @Test
    void an_error_result_fails_the_call_with_the_servers_message() throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        mcp = McpTools.of(McpServer.stdio("fs", NpmMcpServers.command(NpmMcpServers.FILESYSTEM, allowed.toString()))
                .include("read_text_file"));
        ToolRegistry registry = ToolRegistry.of(mcp);

        assertThatThrownBy(() -> registry.invoke("read_text_file", List.of(), Map.of("path", "/etc/hostname")))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("tool 'read_text_file' failed: MCP server 'fs' returned an error for tool "
                        + "'read_text_file': ")
                .hasMessageContaining("Access denied - path outside allowed directories: /etc/hostname");
    }

    @Test
    void a_call_that_hangs_past_the_timeout_fails_and_the_server_keeps_serving() {
        mcp = McpTools.of(everything("slow")
                .include("echo", "trigger-long-running-operation")
                .callTimeout(Duration.ofMillis(700)));
        ToolRegistry registry = ToolRegistry.of(mcp);

        assertThatThrownBy(() -> registry.invoke(
                        "trigger-long-running-operation", List.of(), Map.of("duration", 30L, "steps", 2L)))
                .isInstanceOf(AgentException.class)
                .hasMessage("tool 'trigger-long-running-operation' failed: MCP server 'slow' did not answer within "
                        + "700 ms while calling tool 'trigger-long-running-operation' (the call timeout; see "
                        + "McpServer.callTimeout)");
        assertThat(registry.invoke("echo", List.of("still here"), Map.of())).isEqualTo("Echo: still here");
    }

    @Test
    void restarts_a_crashed_server_once_and_retries_the_call() {
        mcp = McpTools.of(everything("fragile").include("echo"));
        ToolRegistry registry = ToolRegistry.of(mcp);
        ProcessHandle server = serverProcess();

        server.destroyForcibly();
        server.onExit().join();

        assertThat(registry.invoke("echo", List.of("again"), Map.of())).isEqualTo("Echo: again");
        assertThat(serverProcess().pid()).isNotEqualTo(server.pid());
    }

    @Test
    void a_crashed_server_that_cannot_restart_fails_the_call_with_both_reasons() throws Exception {
        Path marker = Files.createFile(dir.resolve("may-start"));
        List<String> command = NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio");
        String script = "test -e '" + marker + "' || { echo 'marker gone, refusing to start' >&2; exit 3; }; exec '"
                + String.join("' '", command) + "'";
        mcp = McpTools.of(McpServer.stdio("once", "sh", "-c", script).include("echo"));
        ToolRegistry registry = ToolRegistry.of(mcp);
        ProcessHandle server = serverProcess();
        Files.delete(marker);

        server.destroyForcibly();
        server.onExit().join();

        assertThatThrownBy(() -> registry.invoke("echo", List.of("again"), Map.of()))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("tool 'echo' failed: MCP server 'once' crashed (process "
                        + server.pid() + " exited) and could not be restarted: MCP server 'once' "
                        + "could not be started (sh -c " + script + "): ")
                .hasMessageContaining("marker gone, refusing to start");
    }

    @Test
    void reaches_a_server_over_streamable_http() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(NpmMcpServers.command(NpmMcpServers.EVERYTHING, "streamableHttp"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", String.valueOf(port));
        Process process = builder.start();
        try {
            waitForPort(port);
            mcp = McpTools.of(McpServer.http("remote", URI.create("http://localhost:" + port + "/mcp"))
                    .header("Authorization", "Bearer test-token")
                    .include("echo"));

            Object echoed = ToolRegistry.of(mcp).invoke("echo", List.of("over http"), Map.of());

            assertThat(echoed).isEqualTo("Echo: over http");
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    @Test
    void concurrent_calls_share_one_server_process() throws Exception {
        mcp = McpTools.of(everything("shared").include("echo"));
        ToolRegistry registry = ToolRegistry.of(mcp);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Object>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String message = "m" + i;
                calls.add(pool.submit(() -> registry.invoke("echo", List.of(message), Map.of())));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(calls.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo("Echo: m" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(serverProcess()).isNotNull();
    }

    @Test
    void a_closed_toolset_refuses_calls() {
        mcp = McpTools.of(everything("shut").include("echo"));
        ToolRegistry registry = ToolRegistry.of(mcp);

        mcp.close();

        assertThatThrownBy(() -> registry.invoke("echo", List.of("x"), Map.of()))
                .isInstanceOf(AgentException.class)
                .hasMessage("tool 'echo' failed: MCP server 'shut' is closed");
    }

    /** The one child process of this JVM running a server (the tests start one server at a time). */
    private static ProcessHandle serverProcess() {
        List<ProcessHandle> children = ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .toList();
        assertThat(children).hasSize(1);
        return children.get(0);
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new java.net.Socket("localhost", port).close();
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the MCP server did not listen on port " + port + " within 20 s");
    }
}
