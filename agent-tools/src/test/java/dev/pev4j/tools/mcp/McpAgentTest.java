package dev.pev4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent planning with the filesystem MCP server's tools next to DataOps, on a scripted model. */
class McpAgentTest {

    @TempDir
    Path dir;

    @Test
    void plans_with_mcp_tools_from_their_schemas_and_chains_two_of_them_next_to_data_ops() throws IOException {
        // given
        Path data = Files.createDirectory(dir.resolve("data")).toRealPath();
        Files.writeString(data.resolve("notes.txt"), "North sells most.\n");
        Files.writeString(data.resolve("sales.csv"), "region,revenue\nNorth,10\nSouth,4\n");
        String plan = """
                {"steps": [
                  {"id": "E1", "thought": "Read the notes.", "tool": "read_text_file",
                   "args": {"path": "%1$s/notes.txt"}},
                  {"id": "E2", "thought": "Keep a copy.", "tool": "write_file",
                   "args": {"path": "%1$s/copy.txt", "content": "#E1"}},
                  {"id": "E3", "thought": "Load the sales.", "tool": "read_csv", "args": {"path": "sales.csv"}}
                 ],
                 "criteria": ["rows(#E3) == 2"]}
                """.formatted(data);
        ScriptedLlm planner = ScriptedLlm.replying(plan).withCapabilities(new LlmCapabilities(true, false, false, 0));
        ScriptedLlm solver = ScriptedLlm.replying("North, as the notes say.");
        McpServer files = McpServer.stdio("fs", NpmMcpServers.command(NpmMcpServers.FILESYSTEM, data.toString()))
                .include("read_text_file", "write_file", "list_directory");

        // when
        AgentResult result;
        try (Agent agent = Agent.builder()
                .plannerLlm(planner)
                .solverLlm(solver)
                .testerLlm(ScriptedLlm.replying())
                .tools(new DataOps(Workspace.of(data)), McpTools.of(files))
                .toolSelection(false) // this test is about MCP tools in the plan schema, not Tool RAG
                .build()) {
            result = agent.run("Which region do the notes name, and how many sales rows are there?");
        }

        // then
        String schema = planner.requests().get(0).jsonSchemaIfSet().orElseThrow();
        assertThat(schema)
                .contains(
                        "\"enum\":[\"read_text_file\"]",
                        "\"enum\":[\"write_file\"]",
                        "\"content\":{\"type\":\"string\",\"maxLength\":300}",
                        "\"tail\":{\"anyOf\":[{\"description\":\"If provided, returns only the last N lines of the file\","
                                + "\"type\":\"number\"},{\"type\":\"string\",\"pattern\":\"^#E[1-9][0-9]{0,2}$\"}]}",
                        "\"enum\":[\"read_csv\"]");
        assertThat(planner.requests().get(0).messages().get(0).text())
                .contains("read_text_file(path: String, tail?: Double, head?: Double) -> Object");
        assertThat(result.lastAttempt().steps())
                .as(result.lastAttempt().steps().toString())
                .extracting(StepTrace::tool, StepTrace::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("read_text_file", StepTrace.Status.DONE),
                        org.assertj.core.groups.Tuple.tuple("write_file", StepTrace.Status.DONE),
                        org.assertj.core.groups.Tuple.tuple("read_csv", StepTrace.Status.DONE));
        assertThat(Files.readString(data.resolve("copy.txt"))).isEqualTo("North sells most.\n");
        assertThat(result.verified()).isTrue();
        assertThat(result.answer()).isEqualTo("North, as the notes say.");
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .as("the agent's close() stopped the server")
                .isZero();
    }
}
