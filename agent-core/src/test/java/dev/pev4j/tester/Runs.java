package dev.pev4j.tester;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Hand-built runs: each step done with a value, failed or skipped; and plans over them with criteria. */
final class Runs {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final Map<StepId, StepOutcome> outcomes = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    static Runs run() {
        return new Runs();
    }

    Runs done(int id, @Nullable Object value) {
        return add(
                id,
                "tool",
                new StepOutcome.Done(
                        StepId.of(id),
                        "tool",
                        T0,
                        Duration.ZERO,
                        value,
                        Previews.defaults().preview(value, 200)));
    }

    Runs failed(int id, String tool, String reason) {
        return add(id, tool, new StepOutcome.Failed(StepId.of(id), tool, T0, Duration.ZERO, reason, null));
    }

    Runs skipped(int id, String why) {
        return add(id, "tool", new StepOutcome.Skipped(StepId.of(id), "tool", T0, why));
    }

    private Runs add(int id, String tool, StepOutcome outcome) {
        outcomes.put(StepId.of(id), outcome);
        steps.add(new Step(StepId.of(id), "", tool, List.of()));
        return this;
    }

    /** The plan of these steps with {@code criteria}. */
    Plan plan(String... criteria) {
        return new Plan(steps, List.of(criteria));
    }

    ExecutionResult result() {
        return new ExecutionResult(new Plan(steps), outcomes, Duration.ZERO, false);
    }

    /** A list of records, {@code row("region", "North", "units", 3L)} each. */
    static List<Map<?, ?>> table(Map<?, ?>... rows) {
        return List.of(rows);
    }

    static Map<String, @Nullable Object> row(@Nullable Object... keysAndValues) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
