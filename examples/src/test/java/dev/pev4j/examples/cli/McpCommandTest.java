package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.tools.mcp.NpmMcpServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pev4j mcp --http} driven by the MCP Inspector's command-line client from npm, which nobody here wrote:
 * list tools, {@code read_csv} then {@code groupby_agg} by handle, a path outside the workspace refused. The Inspector
 * is read from {@code PEV4J_NPM_DIR} (default {@code ~/.cache/pev4j-npm}, where {@code .ci/run} installs it) and
 * installed there with npm when missing; the test is skipped, with the reason, only without node and npm.
 */
class McpCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSPECTOR = "@modelcontextprotocol/inspector";
    private static final String INSPECTOR_LOCK = "inspector";

    @TempDir
    Path dir;

    @Test
    void serves_data_ops_over_http_to_the_mcp_inspector_chaining_tables_by_handle() throws Exception {
        // given
        Path workspace = Files.createDirectory(dir.resolve("workspace"));
        Files.writeString(workspace.resolve("sales.csv"), "region,revenue\nNorth,10.5\nSouth,4\nNorth,2.5\n");
        Files.writeString(dir.resolve("secret.csv"), "password\nhunter2\n");
        List<String> inspector = inspector();
        StringWriter err = new StringWriter();
        McpCommand[] command = new McpCommand[1];
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K created = CommandLine.defaultFactory().create(type);
                if (created instanceof McpCommand mcp) {
                    command[0] = mcp;
                }
                return created;
            }
        };
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Pev4jCli.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                factory,
                "mcp",
                "--workspace",
                workspace.toString(),
                "--http",
                "0"));
        String url = awaitUrl(err, exit);
        try {
            // when
            JsonNode tools = call(inspector, url, "--method", "tools/list");
            JsonNode read = call(
                    inspector,
                    url,
                    "--method",
                    "tools/call",
                    "--tool-name",
                    "read_csv",
                    "--tool-arg",
                    "path=sales.csv");
            JsonNode grouped = call(
                    inspector,
                    url,
                    "--method",
                    "tools/call",
                    "--tool-name",
                    "groupby_agg",
                    "--tool-arg",
                    "table=table:1",
                    "--tool-arg",
                    "by=[\"region\"]",
                    "--tool-arg",
                    "aggregations={\"revenue\": [\"sum\"]}");
            JsonNode escape = call(
                    inspector,
                    url,
                    "--method",
                    "tools/call",
                    "--tool-name",
                    "read_csv",
                    "--tool-arg",
                    "path=../secret.csv");

            // then
            List<String> names = new ArrayList<>();
            tools.path("tools").forEach(t -> names.add(t.path("name").asText()));
            assertThat(names).contains("read_csv", "groupby_agg", "sort_values", "head");
            assertThat(read.path("isError").asBoolean()).isFalse();
            assertThat(read.path("content").get(0).path("text").asText())
                    .startsWith("handle: table:1 (pass \"table:1\" to later calls to use this value)\n")
                    .contains("3 rows x 2 columns");
            assertThat(grouped.path("isError").asBoolean()).isFalse();
            assertThat(grouped.path("structuredContent").path("handle").asText())
                    .isEqualTo("table:2");
            assertThat(grouped.path("content").get(0).path("text").asText())
                    .contains("2 rows x 2 columns", "revenue_sum", "13.0");
            assertThat(escape.path("isError").asBoolean()).isTrue();
            assertThat(escape.path("content").get(0).path("text").asText())
                    .isEqualTo("tool 'read_csv' failed: path '../secret.csv' is outside the workspace: '..' leads "
                            + "above the workspace root");
        } finally {
            command[0].stop.countDown();
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }

    private static String awaitUrl(StringWriter err, CompletableFuture<Integer> exit) throws InterruptedException {
        Pattern serving = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/mcp)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher matcher = serving.matcher(err.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (exit.isDone()) {
                throw new IllegalStateException("pev4j mcp ended: " + err);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("pev4j mcp did not report its URL within 120 s: " + err);
    }

    private static JsonNode call(List<String> inspector, String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(inspector);
        command.add(url);
        command.add("--transport");
        command.add("http");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the Inspector finished")
                .isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return JSON.readTree(text);
    }

    /** The MCP Inspector's CLI, installed like the MCP servers of agent-tools' tests. */
    private static List<String> inspector() {
        return NpmMcpServers.script(INSPECTOR_LOCK, INSPECTOR + "-cli/build/index.js");
    }
}
