package dev.pev4j.tools.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.report.RunReport;
import dev.pev4j.spi.ToolSelector.Scored;
import dev.pev4j.spi.ToolSelector.Selection;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with Tool RAG: selected tools reach the planner, and an unknown tool widens the selection. */
class ToolRagPlanningTest {

    private static final String FILTER_AND_SAVE = """
            Plan: Load the orders.
            #E1 = read_csv("orders.csv")
            Plan: Keep the big ones.
            #E2 = filter(#E1, "amount > 500")
            Plan: Save them.
            #E3 = %s(#E2, "big.csv")
            Criteria:
            - rows(#E2) == 2
            - #E3 == "big.csv"
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void orders() throws IOException {
        Files.writeString(dir.resolve("orders.csv"), "order_id,amount\n1,700\n2,20\n3,550\n", StandardCharsets.UTF_8);
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        return start < 0 ? "" : text.substring(start, end < 0 ? text.length() : end);
    }

    @Test
    void a_task_whose_loading_tool_only_a_dependency_reaches_is_planned_and_run() {
        // given: k = 1 ranks only the filter; read_csv comes in as its dependency, write_csv by its pandas name
        ScriptedLlm planner = ScriptedLlm.replying(FILTER_AND_SAVE.formatted("write_csv"));
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(ScriptedLlm.replying("2 orders saved to big.csv."))
                .tools(new DataOps(Workspace.of(dir)))
                .toolSelector(ToolRag.builder().topK(2).build())
                .build();

        // when
        AgentResult result = agent.run("Filter the orders to those above 500 euros, then df.to_csv them to big.csv");

        // then
        Selection selection = result.attempts().get(0).selection().orElseThrow();
        assertThat(selection.tools())
                .extracting(Scored::name, Scored::reason)
                .contains(Tuple.tuple("read_csv", Scored.Reason.DEPENDENCY));
        assertThat(selection.toolNames()).contains("filter", "write_csv").hasSizeLessThan(6);
        String tools = section(planner.requests().get(0).lastUserText(), "## Tools for this task", "## Examples");
        assertThat(tools)
                .contains(
                        "read_csv(path: String",
                        "filter(table: Table, expr: String)",
                        "write_csv(table: Table, path: String")
                .doesNotContain("groupby_agg(");
        assertThat(result.verified()).isTrue();
        assertThat(dir.resolve("big.csv")).exists();
    }

    @Test
    void a_plan_that_calls_a_tool_it_was_not_shown_widens_the_selection_for_the_next_reply() throws IOException {
        // given: the model first asks for pandas' to_csv, which is no tool; write_csv was not selected
        ScriptedLlm planner =
                ScriptedLlm.replying(FILTER_AND_SAVE.formatted("to_csv"), FILTER_AND_SAVE.formatted("write_csv"));
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(ScriptedLlm.replying("2 orders saved to big.csv."))
                .tools(new DataOps(Workspace.of(dir)))
                .toolSelector(ToolRag.builder().topK(1).build())
                .build();
        String task = "Filter the orders to those above 500 euros";

        // when
        AgentResult result = agent.run(task);

        // then
        String firstTools = section(planner.requests().get(0).lastUserText(), "## Tools for this task", "## Examples");
        assertThat(firstTools).contains("filter(").doesNotContain("write_csv(");
        assertThat(result.attempts().get(0).rounds().get(0).problems())
                .singleElement()
                .asString()
                .contains("unknown tool 'to_csv'", "Nearest tools not shown before: write_csv");
        assertThat(planner.requests().get(1).lastUserText())
                .contains("Tools you were not shown before", "write_csv(table: Table, path: String");
        Selection selection = result.lastAttempt().selection().orElseThrow();
        assertThat(selection.tools())
                .extracting(Scored::name, Scored::reason)
                .contains(Tuple.tuple("write_csv", Scored.Reason.WIDENED));
        assertThat(result.verified()).isTrue();
        assertThat(dir.resolve("big.csv")).exists();
        assertThat(result.toJson()).contains("\"selection\"", "\"WIDENED\"");
        assertThat(RunReport.builder(result).build().html()).contains("The planner was shown", "widened");
    }

    @Test
    void the_fixed_part_of_the_prompt_is_the_same_for_every_task() throws IOException {
        ScriptedLlm planner =
                ScriptedLlm.replying(FILTER_AND_SAVE.formatted("write_csv"), FILTER_AND_SAVE.formatted("write_csv"));
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(ScriptedLlm.replying("done", "done"))
                .tools(new DataOps(Workspace.of(dir)), new CalendarTools(java.time.LocalDate.of(2024, 5, 31)))
                .toolSelector(new ToolRag())
                .build();

        agent.run("Keep only the orders above 500 euros and save them as big.csv");
        Files.deleteIfExists(dir.resolve("big.csv"));
        agent.run("Which 3 orders were the largest? Save them to big.csv");

        String first = planner.requests().get(0).messages().get(0).text();
        assertThat(planner.requests().get(1).messages().get(0).text()).isEqualTo(first);
        assertThat(first)
                .contains("## Tools for every task", "today() -> String")
                .doesNotContain("filter(");
    }

    @Test
    void the_llm_step_tool_is_always_shown_in_the_fixed_part_of_the_prompt() {
        // given: k = 1, and a task that says nothing about asking a model
        ScriptedLlm planner = ScriptedLlm.replying(FILTER_AND_SAVE.formatted("write_csv"));
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(ScriptedLlm.replying("2 orders saved to big.csv."))
                .workerLlm(ScriptedLlm.replying())
                .tools(new DataOps(Workspace.of(dir)))
                .toolSelector(ToolRag.builder().topK(1).build())
                .build();

        // when
        AgentResult result = agent.run("Filter the orders to those above 500 euros, then save them to big.csv");

        // then
        assertThat(result.attempts().get(0).selection().orElseThrow().tools())
                .extracting(Scored::name, Scored::reason)
                .contains(Tuple.tuple("llm", Scored.Reason.ALWAYS_ON));
        String fixed = section(
                planner.requests().get(0).messages().get(0).text(), "## Tools for every task", "## How to write");
        assertThat(fixed).contains("llm(prompt: String, schema?: Map) -> Object: Asks a language model");
    }
}
