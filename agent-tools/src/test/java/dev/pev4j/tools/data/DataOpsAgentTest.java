package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataOps inside the agent: its context reaches the planner, its tables the previews and the tester's checks. */
class DataOpsAgentTest {

    private static final String PLAN = """
            Plan: Load the sales.
            #E1 = read_csv("sales.csv")
            Plan: Total revenue per region.
            #E2 = groupby_agg(#E1, ["region"], {"revenue": ["sum"]})
            Plan: Highest first.
            #E3 = sort_values(#E2, ["revenue_sum"], [false])
            Plan: The leader.
            #E4 = head(#E3, 1)
            Criteria:
            - rows(#E3) == 3
            - sorted(#E3, "revenue_sum", "desc")
            - nulls(#E3, "revenue_sum") == 0
            - #E4.region == "North"
            """;

    @TempDir
    Path dir;

    @Test
    void answers_a_data_question_with_checks_over_tablesaw_tables() throws IOException {
        // given
        Files.writeString(
                dir.resolve("sales.csv"),
                "region,revenue\nNorth,10.5\nSouth,4\nNorth,2.5\nEast,\nSouth,1\n",
                StandardCharsets.UTF_8);
        ScriptedLlm planner = ScriptedLlm.replying(PLAN);
        ScriptedLlm solver = ScriptedLlm.replying("North leads with 13.0.");
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(solver)
                .tools(new DataOps(Workspace.of(dir)))
                .build();

        // when
        AgentResult result = agent.run("Which region had the most revenue?");

        // then
        assertThat(planner.requests().get(0).lastUserText())
                .contains("sales.csv", "region (object)", "revenue (float64)");
        // the examples are in the prompt (with DataOps' 37 tools, Tool RAG chooses them and puts them with the task)
        assertThat(planner.requests().get(0).messages().get(0).text()
                        + planner.requests().get(0).lastUserText())
                .contains("#E2 = groupby_agg(#E1, [\"region\"], {\"revenue\": [\"sum\"]})")
                .doesNotContain("group_by(");
        assertThat(result.verified()).isTrue();
        assertThat(result.verdict().orElseThrow().verdicts())
                .extracting(Verdict::method, Verdict::status)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Verdict.Method.CHECK, Verdict.Status.PASSED));
        assertThat(solver.requests().get(0).lastUserText())
                .contains("3 rows x 2 columns", "1 row x 2 columns", "North");
        assertThat(result.answer()).isEqualTo("North leads with 13.0.");
    }

    @Test
    void a_failing_check_over_a_table_names_the_values_seen() throws IOException {
        // given
        Files.writeString(dir.resolve("sales.csv"), "region,revenue\nNorth,1\nSouth,4\n", StandardCharsets.UTF_8);
        String wrongPlan = PLAN.replace("[false]", "[true]");
        Agent agent = Agent.builder()
                .plannerLlm(ScriptedLlm.replying(wrongPlan, PLAN))
                .testerLlm(ScriptedLlm.replying())
                .solverLlm(ScriptedLlm.replying("South."))
                .tools(new DataOps(Workspace.of(dir)))
                .maxReplans(0)
                .build();

        // when
        AgentResult result = agent.run("Which region had the most revenue?");

        // then
        assertThat(result.verified()).isFalse();
        assertThat(result.verdict().orElseThrow().verdicts())
                .filteredOn(v -> v.status() == Verdict.Status.FAILED)
                .extracting(Verdict::reason)
                .contains("rows(#E3) == 3 is false: rows(#E3) is 2");
    }
}
