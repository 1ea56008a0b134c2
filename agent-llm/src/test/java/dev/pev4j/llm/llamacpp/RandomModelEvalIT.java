package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pev4j.tools.eval.EvalRun;
import dev.pev4j.tools.eval.EvalSuite;
import dev.pev4j.tools.eval.Evaluation;
import dev.pev4j.tools.eval.PlanFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness on a generated random-weight model under the planner's JSON-schema grammar (opt-in: about a
 * minute on two cores; {@code mvn -pl agent-llm -am test -Dtest=RandomModelEvalIT -Dsurefire.failIfNoSpecifiedTests=false}).
 * Random weights cannot answer, so answers score 0 by construction; what is measured is the plan form.
 *
 * <p>Found with this test: the schema bounds strings in characters (a thought up to 300), the planner's reply in
 * tokens (1024). A model that fills a string with multi-byte characters on a byte-level tokenizer (4 tokens each)
 * is cut off at the token limit inside the string, so that reply does not parse; the repair round then gets a plan
 * that parses and validates. So every task ends with a usable plan, but the first reply does not always parse.
 */
class RandomModelEvalIT {

    @TempDir
    Path dir;

    @Test
    void a_random_weight_model_under_the_schema_writes_plans_that_all_parse_and_validate() throws Exception {
        // given: two one-tool tasks, the planner shown only the needed tool
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/sales.csv"), "region,revenue\nNorth,12\nSouth,5\n");
        Files.writeString(dir.resolve("suite.json"), """
                {"name": "random", "tasks": [
                 {"id": "read", "task": "Load sales.csv.", "files": ["data/sales.csv"],
                  "reference_plan": "#E1 = read_csv(\\"sales.csv\\")", "tools": ["read_csv"],
                  "expected": {"kind": "set", "values": ["North", "South"], "column": "region"}},
                 {"id": "read-again", "task": "Read the sales file.", "files": ["data/sales.csv"],
                  "reference_plan": "#E1 = read_csv(\\"sales.csv\\")", "tools": ["read_csv"],
                  "expected": {"kind": "set", "values": ["North", "South"], "column": "region"}}]}
                """);
        EvalSuite suite = EvalSuite.load(dir.resolve("suite.json"));

        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            try (LlamaCppLlm llm = LlamaCppLlm.builder()
                    .modelFile(TinyModels.llama(dir))
                    .threads(1)
                    .contextSize(16_384)
                    .build()) {
                // when
                EvalRun run = Evaluation.builder()
                        .suite(suite)
                        .llm(llm)
                        .planFormat(PlanFormat.JSON)
                        .neededToolsOnly()
                        .maxStepsPerPlan(1)
                        .maxReplans(0)
                        .build()
                        .run();

                // then
                System.out.println(
                        "random-weight model (cannot answer; answer_correct is 0 by construction): " + run.rates());
                assertThat(run.rates().get("plan_usable").value())
                        .as(run.toJson())
                        .isEqualTo(1.0);
                for (var task : run.results()) {
                    if (!task.planParses()) {
                        // the only way a reply under the grammar fails to parse: cut off at the token limit
                        assertThat(task.problems()).as(task.id()).contains("Unexpected end-of-input");
                    } else {
                        assertThat(task.planValid())
                                .as(task.id() + ": " + task.problems())
                                .isTrue();
                    }
                }
            }
        });
    }
}
