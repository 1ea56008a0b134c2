package dev.pev4j.examples.bench;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.SideEffects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Streamed execution against plan-then-run: the same agent, the same plan and the same tools, with
 * {@code streamedExecution} on and off. The planner is a scripted model that decodes at 20 tokens a second (what the
 * in-process llama.cpp runtime does on this machine; a token is four characters), the tools wait a fixed latency (a
 * remote API or a database query). Measured is the wall time of planning and execution together (the agent's
 * {@code planning + execution} timings; testing is code checks and the solver's short answer is left out, the same in
 * both modes), as a ratio streamed over plan-then-run, the median of {@value #RUNS} runs of each after a warm-up:
 * on a wide plan (independent steps; goal ≤ 0.7) and on a chain (each step uses the one before; goal ≤ 1.0).
 * Prints {@code name=value} lines only.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.StreamingBenchmark [tool-latency-ms]
 * </pre>
 */
public final class StreamingBenchmark {

    private static final double TOKENS_PER_SECOND = 20;
    private static final long DEFAULT_LATENCY_MS = 2000;
    private static final int STEPS = 6;
    private static final int RUNS = 3;

    private StreamingBenchmark() {}

    /** Tools that wait {@code latencyMs} and are declared free of side effects, so steps may start early. */
    @SideEffects(false)
    public static final class Remote {
        private final long latencyMs;

        Remote(long latencyMs) {
            this.latencyMs = latencyMs;
        }

        @Tool("Revenue of a region, from the sales service")
        public long revenue(String region) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(latencyMs);
            return region.length() * 100L;
        }

        @Tool("The region ranked next after a revenue figure, from the ranking service")
        public String nextRegion(long revenue) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(latencyMs);
            return "region" + (revenue % 7);
        }
    }

    /** The agent's default: at most eight steps at once. */
    private static final int DEFAULT_PARALLELISM = 8;

    public static void main(String[] args) {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_LATENCY_MS;
        String wide = widePlan();
        String chain = chainPlan();

        // warm-up: class loading, the first runs of the parser and the executor
        measure(wide, latencyMs, true, DEFAULT_PARALLELISM);
        measure(wide, latencyMs, false, DEFAULT_PARALLELISM);
        double wideStreamed = median(() -> measure(wide, latencyMs, true, DEFAULT_PARALLELISM));
        double widePlanThenRun = median(() -> measure(wide, latencyMs, false, DEFAULT_PARALLELISM));
        double chainStreamed = median(() -> measure(chain, latencyMs, true, DEFAULT_PARALLELISM));
        double chainPlanThenRun = median(() -> measure(chain, latencyMs, false, DEFAULT_PARALLELISM));
        // The same wide plan when the tools take two calls at a time (a rate-limited service, or CPU-bound tools on
        // two cores): plan-then-run then queues the calls after the whole plan, streaming queues them while decoding.
        double narrowStreamed = median(() -> measure(wide, latencyMs, true, 2));
        double narrowPlanThenRun = median(() -> measure(wide, latencyMs, false, 2));

        print("decode_tokens_per_s", format(TOKENS_PER_SECOND));
        print("tool_latency_ms", latencyMs);
        print("plan_steps", STEPS);
        print("wide_plan_tokens", wide.length() / ScriptedLlm.Pacer.TOKEN_CHARS);
        print("chain_plan_tokens", chain.length() / ScriptedLlm.Pacer.TOKEN_CHARS);
        print("runs", RUNS);
        print("wide_plan_then_run_wall_ms", format(widePlanThenRun));
        print("wide_streamed_wall_ms", format(wideStreamed));
        print("chain_plan_then_run_wall_ms", format(chainPlanThenRun));
        print("chain_streamed_wall_ms", format(chainStreamed));
        print("streamed_over_plan_then_run_wall_wide", format(wideStreamed / widePlanThenRun));
        print("streamed_over_plan_then_run_wall_chain", format(chainStreamed / chainPlanThenRun));
        print("wide_parallelism_2_plan_then_run_wall_ms", format(narrowPlanThenRun));
        print("wide_parallelism_2_streamed_wall_ms", format(narrowStreamed));
        print("streamed_over_plan_then_run_wall_wide_parallelism_2", format(narrowStreamed / narrowPlanThenRun));
        System.exit(0);
    }

    /** Plan and execution wall time of one run with at most {@code parallelism} steps at once, in ms. */
    private static double measure(String plan, long latencyMs, boolean streamed, int parallelism) {
        Function<LlmRequest, String> replies =
                request -> ScriptedLlm.role(request) == ScriptedLlm.Role.PLANNER ? plan : "Done.";
        ScriptedLlm llm = ScriptedLlm.answering(replies).decoding(ScriptedLlm.Pacer.tokensPerSecond(TOKENS_PER_SECOND));
        Agent agent = Agent.builder()
                .llm(llm)
                .tools(new Remote(latencyMs))
                .maxReplans(0)
                .streamedExecution(streamed)
                .maxParallelism(parallelism)
                .build();
        AgentResult result = agent.run("Revenue of the regions");
        if (!result.solved()) {
            throw new IllegalStateException("the benchmark's run did not solve: " + result.stopReason());
        }
        AgentResult.Timings timings = result.timings();
        return timings.planning().plus(timings.execution()).toNanos() / 1e6;
    }

    /** ReWOO text, a thought per step, then criteria: {@value #STEPS} independent calls. */
    static String widePlan() {
        StringBuilder plan = new StringBuilder();
        for (int i = 1; i <= STEPS; i++) {
            plan.append("Plan: Get the revenue of region ").append(i).append(" from the sales service.\n");
            plan.append("#E").append(i).append(" = revenue(\"region").append(i).append("\")\n");
        }
        plan.append("Criteria:\n");
        for (int i = 1; i <= STEPS; i += 2) {
            plan.append("- #E").append(i).append(" > 0\n");
        }
        return plan.toString();
    }

    /** The same length of plan, each step using the one before. */
    static String chainPlan() {
        StringBuilder plan = new StringBuilder();
        plan.append("Plan: Get the revenue of the first region from the sales service.\n");
        plan.append("#E1 = revenue(\"region1\")\n");
        for (int i = 2; i <= STEPS; i++) {
            if (i % 2 == 0) {
                plan.append("Plan: Find the region ranked after that figure.\n");
                plan.append("#E")
                        .append(i)
                        .append(" = nextRegion(#E")
                        .append(i - 1)
                        .append(")\n");
            } else {
                plan.append("Plan: Get the revenue of that region.\n");
                plan.append("#E")
                        .append(i)
                        .append(" = revenue(#E")
                        .append(i - 1)
                        .append(")\n");
            }
        }
        plan.append("Criteria:\n");
        plan.append("- #E1 > 0\n");
        return plan.toString();
    }

    private interface Measure {
        double run();
    }

    private static double median(Measure measure) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(measure.run());
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
