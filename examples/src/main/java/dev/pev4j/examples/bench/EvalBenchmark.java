package dev.pev4j.examples.bench;

import dev.pev4j.tools.eval.EvalRun;
import dev.pev4j.tools.eval.EvalSuite;
import dev.pev4j.tools.eval.Evaluation;
import dev.pev4j.tools.eval.Rate;
import dev.pev4j.tools.eval.ReferencePlanner;
import dev.pev4j.tools.eval.TaskResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the bundled DataOps evaluation suite with the scripted reference planner and prints {@code name=value} lines:
 * {@code eval_tasks}, {@code eval_plan_isomorphic}, {@code eval_answer_correct} (both 1.0 when the suite's reference
 * plans and its pandas-computed answers agree with DataOps), and the other rates. A task that fails is printed with
 * why, on stderr.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.EvalBenchmark [suite.json]
 * </pre>
 */
public final class EvalBenchmark {

    private EvalBenchmark() {}

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/eval/dataops/suite.json");
        EvalSuite suite = EvalSuite.load(file);
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(ReferencePlanner.of(suite))
                .parallelism(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .build()
                .run();
        for (TaskResult result : run.results()) {
            if (!result.isomorphic() || !result.answerCorrect()) {
                System.err.println("task " + result.id() + ": isomorphic=" + result.isomorphic() + ", answer: "
                        + result.answerDetail() + " (" + result.stop() + ")");
            }
        }
        System.out.println("eval_tasks=" + run.results().size());
        System.out.println("eval_plan_isomorphic=" + rate(run, "plan_isomorphic"));
        System.out.println("eval_answer_correct=" + rate(run, "answer_correct"));
        for (String name : EvalRun.RATES) {
            if (!name.equals("plan_isomorphic") && !name.equals("answer_correct")) {
                System.out.println("eval_" + name + "=" + rate(run, name));
            }
        }
        System.out.println("eval_wall_millis=" + run.wallMillis());
    }

    private static String rate(EvalRun run, String name) {
        Rate rate = Objects.requireNonNull(run.rates().get(name)); // rates() has every name in EvalRun.RATES
        return String.format(Locale.ROOT, "%.4f", rate.value())
                .replaceAll("0+$", "")
                .replaceAll("\\.$", ".0");
    }
}
