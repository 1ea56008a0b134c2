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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness on generated random-weight models under the planner's JSON-schema grammar (opt-in: about a
 * minute per model on one core; {@code mvn -pl agent-llm -am test -Dtest=RandomModelEvalIT
 * -Dsurefire.failIfNoSpecifiedTests=false}, {@code -Dpev4j.seeds=N} for other than 50 models). Random weights cannot
 * answer, so answers score 0 by construction; what is measured is the plan form: every first reply parses and
 * validates, on every model.
 *
 * <p>This is what {@link LlamaCppLlm#replyTokenBound} and the planner's reply budget are for. The schema bounds
 * strings in characters (a thought up to 300); a model filling one with multi-byte characters on a byte-level
 * tokenizer (up to 4 tokens each, 6 for a {@code \}{@code uXXXX} escape) used to be cut off at the planner's 1024
 * tokens inside the string, so that reply did not parse. The planner now asks for as many tokens as the grammar's
 * longest reply when the context window holds them, as it does here: the grammar of a one-step plan calling
 * {@code read_csv} (whose {@code na_values} list alone may hold 20 strings of 300 characters) admits replies of up to
 * about 51k tokens, and a random model writes half of that.
 */
class RandomModelEvalIT {

    @TempDir
    Path dir;

    @Test
    void random_weight_models_under_the_schema_write_first_replies_that_all_parse_and_validate() throws Exception {
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

        int seeds = Integer.getInteger("pev4j.seeds", 50);
        List<String> rates = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(3L * seeds), () -> {
            for (long seed = 1; seed <= seeds; seed++) {
                Path model = TinyModels.llama(dir.resolve("tiny-" + seed + ".gguf"), seed);
                try (LlamaCppLlm llm = LlamaCppLlm.builder()
                        .modelFile(model)
                        .threads(1)
                        .contextSize(65_536)
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
                    rates.add("seed " + seed + ": " + run.rates().get("plan_parses") + " parse, "
                            + run.rates().get("plan_valid") + " valid, "
                            + run.totals().get("planner_completion_tokens") + " completion tokens");
                    System.out.println(rates.get(rates.size() - 1));
                    for (var task : run.results()) {
                        assertThat(task.planParses())
                                .as("seed %d, task %s: %s", seed, task.id(), task.problems())
                                .isTrue();
                        assertThat(task.planValid())
                                .as("seed %d, task %s: %s", seed, task.id(), task.problems())
                                .isTrue();
                    }
                    assertThat(run.rates().get("plan_parses").value()).isEqualTo(1.0);
                    assertThat(run.rates().get("plan_valid").value()).isEqualTo(1.0);
                } finally {
                    Files.delete(model);
                }
            }
        });
        System.out.println("random-weight models (cannot answer; answer_correct is 0 by construction), " + seeds
                + " seeds:\n" + String.join("\n", rates));
    }
}
