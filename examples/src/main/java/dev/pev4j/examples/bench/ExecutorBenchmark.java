package dev.pev4j.examples.bench;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.tool.ToolInvoker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures what the plan executor adds to a run: how close a parallel plan comes to its critical path, and the cost
 * per step of a long chain of tools that do nothing. Prints {@code name=value} lines only, then exits by itself
 * (the executor's threads are daemon threads).
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.ExecutorBenchmark
 * </pre>
 */
public final class ExecutorBenchmark {

    private static final int DAG_BRANCHES = 8;
    private static final long DAG_SLEEP_MS = 200;
    private static final int DAG_WARMUPS = 2;
    private static final int DAG_RUNS = 5;

    private static final int CHAIN_STEPS = 1000;
    private static final int CHAIN_WARMUPS = 200;
    private static final int CHAIN_RUNS = 51;

    private static final int WIDE_STEPS = 1000;

    private ExecutorBenchmark() {}

    public static void main(String[] args) {
        AtomicReference<String> threadKind = new AtomicReference<>("unknown");
        ToolInvoker tools = (tool, arguments, named) -> {
            switch (tool) {
                case "sleep":
                    threadKind.set(Thread.currentThread().getClass().getName());
                    try {
                        Thread.sleep((Long) arguments.get(0));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    return "slept";
                case "join":
                    return arguments.size();
                case "noop":
                    return null;
                default:
                    throw new IllegalArgumentException("unknown tool '" + tool + "'; tools: sleep, join, noop");
            }
        };
        PlanExecutor executor =
                PlanExecutor.builder().tools(tools).maxParallelism(DAG_BRANCHES).build();

        Plan dag = dag();
        Plan chain = chain();
        Plan wide = wide();

        for (int i = 0; i < DAG_WARMUPS; i++) {
            run(executor, dag);
        }
        double dagWallMs = median(DAG_RUNS, () -> run(executor, dag)) / 1e6;

        for (int i = 0; i < CHAIN_WARMUPS; i++) {
            run(executor, chain);
            run(executor, wide);
        }
        double chainWallNs = median(CHAIN_RUNS, () -> run(executor, chain));
        double wideWallNs = median(CHAIN_RUNS, () -> run(executor, wide));

        print("java_version", Runtime.version().toString());
        print("java_vendor", System.getProperty("java.vendor"));
        print("available_processors", Runtime.getRuntime().availableProcessors());
        print("executor_threads", "java.lang.VirtualThread".equals(threadKind.get()) ? "virtual" : "platform");
        print("max_parallelism", DAG_BRANCHES);
        print("dag_branches", DAG_BRANCHES);
        print("dag_step_sleep_ms", DAG_SLEEP_MS);
        print("dag_critical_path_ms", DAG_SLEEP_MS);
        print("dag_runs", DAG_RUNS);
        print("dag_wall_ms", format(dagWallMs));
        print("dag_wall_over_critical_path", format(dagWallMs / DAG_SLEEP_MS));
        print("chain_steps", CHAIN_STEPS);
        print("chain_runs", CHAIN_RUNS);
        print("chain_wall_ms", format(chainWallNs / 1e6));
        print("executor_overhead_us_per_step", format(chainWallNs / CHAIN_STEPS / 1e3));
        print("wide_steps", WIDE_STEPS);
        print("wide_wall_ms", format(wideWallNs / 1e6));
        print("wide_overhead_us_per_step", format(wideWallNs / WIDE_STEPS / 1e3));
    }

    /** {@code DAG_BRANCHES} independent sleeps, then one step that joins them: critical path = one sleep. */
    private static Plan dag() {
        List<Step> steps = new ArrayList<>();
        List<Arg> all = new ArrayList<>();
        for (int i = 1; i <= DAG_BRANCHES; i++) {
            steps.add(new Step(StepId.of(i), "", "sleep", List.of(Arg.of(DAG_SLEEP_MS))));
            all.add(Arg.ref(i));
        }
        steps.add(new Step(StepId.of(DAG_BRANCHES + 1), "", "join", all));
        return new Plan(steps);
    }

    /** {@code #E1 = noop()}, {@code #En = noop(#En-1)}: no parallelism, all overhead. */
    private static Plan chain() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(StepId.of(1), "", "noop", List.of()));
        for (int i = 2; i <= CHAIN_STEPS; i++) {
            steps.add(new Step(StepId.of(i), "", "noop", List.of(Arg.ref(i - 1))));
        }
        return new Plan(steps);
    }

    /** {@code WIDE_STEPS} independent no-op steps. */
    private static Plan wide() {
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= WIDE_STEPS; i++) {
            steps.add(new Step(StepId.of(i), "", "noop", List.of()));
        }
        return new Plan(steps);
    }

    /** Runs the plan; returns the wall time in nanoseconds. */
    private static long run(PlanExecutor executor, Plan plan) {
        long start = System.nanoTime();
        ExecutionResult result = executor.execute(plan);
        long wall = System.nanoTime() - start;
        if (!result.succeeded()) {
            throw new IllegalStateException("benchmark plan failed:\n" + result);
        }
        return wall;
    }

    private interface Measurement {
        long nanos();
    }

    private static double median(int runs, Measurement measurement) {
        long[] samples = new long[runs];
        for (int i = 0; i < runs; i++) {
            samples[i] = measurement.nanos();
        }
        Arrays.sort(samples);
        return runs % 2 == 1 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2.0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
