package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Tester;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DataOps' planner examples stay true: they parse, validate, run without a failed step and pass their criteria. */
class DataOpsExamplesTest {

    @TempDir
    Path dir;

    /** One example: its task and its plan with criteria. */
    record Example(String task, String plan) {
        @Override
        public String toString() {
            return task;
        }
    }

    static List<Example> examples() {
        String text = new DataOps(Workspace.of(Path.of("."))).examples();
        List<Example> examples = new ArrayList<>();
        for (String block : text.strip().split("\n\\s*\n(?=Task:)", -1)) {
            int lineEnd = block.indexOf('\n');
            assertThat(block).startsWith("Task: ");
            examples.add(new Example(block.substring("Task: ".length(), lineEnd), block.substring(lineEnd + 1)));
        }
        return examples;
    }

    @Test
    void there_are_examples_with_the_real_tools_and_argument_forms() {
        String text = new DataOps(Workspace.of(dir)).examples();

        assertThat(examples()).hasSize(9);
        assertThat(text)
                .contains(
                        "read_csv(",
                        "groupby_agg(#E1, [\"region\"], {\"revenue\": [\"sum\"]})",
                        "sort_values(",
                        "head(",
                        "filter(#E1, \"",
                        "value_counts(",
                        "normalize=true",
                        "plot(",
                        "quantile(",
                        "rank(",
                        "resample(",
                        "rolling(",
                        "\"7D\"",
                        "on=\"day\"",
                        "by=[\"region\"]",
                        "by=[\"store\"]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void each_example_validates_runs_and_passes_its_criteria(Example example) throws IOException {
        // given
        Files.writeString(dir.resolve("sales.csv"), """
                region,product,revenue
                North,tea,120.5
                South,tea,80
                East,coffee,42
                North,coffee,10
                West,tea,
                South,coffee,15.5
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("orders.csv"), """
                order_id,region,amount,ship_days,due_days
                1,North,250,3,5
                2,North,90,6,5
                3,South,310,2,2
                4,North,130,7,5
                5,East,55,1,3
                6,North,101,4,5
                7,South,20,9,5
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("daily.csv"), """
                store,day,sales
                A,2024-01-01,10
                A,2024-01-02,12
                B,2024-01-02,7
                A,2024-01-04,
                B,2024-01-05,9
                A,2024-01-22,4
                B,2024-01-23,5
                """, StandardCharsets.UTF_8);
        ToolRegistry tools = ToolRegistry.of(new DataOps(Workspace.of(dir)));
        Plan plan = PlanParser.create().parse(example.plan());

        // when
        List<String> problems = PlanValidator.forTools(tools).validate(plan).problems().stream()
                .map(Object::toString)
                .toList();
        ExecutionResult result = PlanExecutor.builder()
                .tools(tools)
                .previewer(new TablePreviewer())
                .build()
                .execute(plan);
        TestReport report = Tester.builder()
                .judge(new LlmJudge(ScriptedLlm.replying()))
                .inspector(new TableInspector())
                .build()
                .test(example.task(), plan, result);

        // then
        assertThat(problems).isEmpty();
        assertThat(plan.criteria()).isNotEmpty();
        assertThat(result.outcomes()).hasSize(plan.steps().size());
        assertThat(result.outcomes().values())
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(StepOutcome.Done.class));
        assertThat(report.verdicts())
                .allSatisfy(verdict -> {
                    assertThat(verdict.method()).as(verdict.toString()).isEqualTo(Verdict.Method.CHECK);
                    assertThat(verdict.status()).as(verdict.toString()).isEqualTo(Verdict.Status.PASSED);
                })
                .hasSize(plan.criteria().size());
        assertThat(report.passed()).isTrue();
    }
}
