package dev.pev4j.tools.eval;

import dev.pev4j.llm.TokenUsage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One evaluation run: a suite, a model and the settings it ran with, and each task's result in suite order, with the
 * metrics over all tasks ({@link #rates()}, {@link #totals()}). Immutable and thread-safe.
 */
public record EvalRun(
        String suite, String model, Map<String, String> settings, List<TaskResult> results, long wallMillis) {

    /** The rates {@link #rates()} reports, in order. */
    public static final List<String> RATES = List.of(
            "plan_parses",
            "plan_valid",
            "plan_usable",
            "plan_isomorphic",
            "plan_isomorphic_relaxed",
            "answer_correct",
            "tester_agrees",
            "solved",
            "verified");

    public EvalRun {
        Objects.requireNonNull(suite, "suite == null");
        Objects.requireNonNull(model, "model == null");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        results = List.copyOf(results);
    }

    /** {@code model · key=value, ...}: the run's column title in a comparison. */
    public String label() {
        StringBuilder label = new StringBuilder(model);
        settings.forEach((k, v) -> label.append(" · ").append(k).append('=').append(v));
        return label.toString();
    }

    /**
     * The metrics as rates with Wilson intervals, by the names in {@link #RATES}. {@code tester_agrees} counts only
     * the tasks whose plan was tested.
     */
    public Map<String, Rate> rates() {
        Map<String, Rate> rates = new LinkedHashMap<>();
        rates.put("plan_parses", rate(TaskResult::planParses));
        rates.put("plan_valid", rate(TaskResult::planValid));
        rates.put("plan_usable", rate(TaskResult::planUsable));
        rates.put("plan_isomorphic", rate(TaskResult::isomorphic));
        rates.put("plan_isomorphic_relaxed", rate(TaskResult::isomorphicRelaxed));
        rates.put("answer_correct", rate(TaskResult::answerCorrect));
        List<TaskResult> tested =
                results.stream().filter(r -> r.testerAgrees().isPresent()).toList();
        rates.put(
                "tester_agrees",
                new Rate(
                        (int) tested.stream()
                                .filter(r -> r.testerAgrees().orElseThrow())
                                .count(),
                        tested.size()));
        rates.put("solved", rate(TaskResult::solved));
        rates.put("verified", rate(TaskResult::verified));
        return rates;
    }

    /** The rates of the tasks of one category, by category, in order of first appearance. */
    public Map<String, Rate> answerCorrectByCategory() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TaskResult r : results) {
            int[] c = counts.computeIfAbsent(r.category(), k -> new int[2]);
            c[0] += r.answerCorrect() ? 1 : 0;
            c[1]++;
        }
        Map<String, Rate> rates = new LinkedHashMap<>();
        counts.forEach((k, c) -> rates.put(k, new Rate(c[0], c[1])));
        return rates;
    }

    /** Sums and means: replans, model calls and tokens per role, wall time. */
    public Map<String, Number> totals() {
        Map<String, Number> totals = new LinkedHashMap<>();
        int n = Math.max(1, results.size());
        totals.put("tasks", results.size());
        totals.put("replans", results.stream().mapToInt(TaskResult::replans).sum());
        totals.put("repairs", results.stream().mapToInt(TaskResult::repairs).sum());
        totals.put(
                "model_calls", results.stream().mapToInt(TaskResult::modelCalls).sum());
        totals.put(
                "planner_calls",
                results.stream().mapToInt(TaskResult::plannerCalls).sum());
        totals.put(
                "tester_calls",
                results.stream().mapToInt(TaskResult::testerCalls).sum());
        totals.put(
                "solver_calls",
                results.stream().mapToInt(TaskResult::solverCalls).sum());
        TokenUsage planner = sum(TaskResult::plannerTokens);
        TokenUsage tester = sum(TaskResult::testerTokens);
        TokenUsage solver = sum(TaskResult::solverTokens);
        totals.put("planner_prompt_tokens", planner.inputTokens());
        totals.put("planner_completion_tokens", planner.outputTokens());
        totals.put("tester_prompt_tokens", tester.inputTokens());
        totals.put("tester_completion_tokens", tester.outputTokens());
        totals.put("solver_prompt_tokens", solver.inputTokens());
        totals.put("solver_completion_tokens", solver.outputTokens());
        totals.put(
                "mean_model_calls",
                (double) results.stream().mapToInt(TaskResult::modelCalls).sum() / n);
        totals.put(
                "mean_task_millis",
                (double) results.stream().mapToLong(TaskResult::wallMillis).sum() / n);
        totals.put("wall_millis", wallMillis);
        return totals;
    }

    /** The run as JSON: suite, model, settings, rates with intervals, totals and every task's result. */
    public String toJson() {
        return EvalJson.run(this);
    }

    /**
     * Reads a run back from {@link #toJson()}'s text (to compare runs written earlier).
     *
     * @throws IllegalArgumentException when the text is not an evaluation result
     */
    public static EvalRun fromJson(String json) {
        return EvalJson.readRun(java.util.Objects.requireNonNull(json, "json == null"));
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void writeJson(Path file) {
        AtomicFiles.write(file, toJson() + "\n");
    }

    private Rate rate(Predicate<TaskResult> metric) {
        return new Rate((int) results.stream().filter(metric).count(), results.size());
    }

    private TokenUsage sum(java.util.function.Function<TaskResult, TokenUsage> role) {
        TokenUsage total = TokenUsage.ZERO;
        for (TaskResult r : results) {
            total = total.plus(role.apply(r));
        }
        return total;
    }
}
