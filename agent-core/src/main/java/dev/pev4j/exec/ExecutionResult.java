package dev.pev4j.exec;

import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run of a plan ended: every step's {@link StepOutcome} in plan order, the wall-clock time of the run, and
 * whether it was cancelled. Immutable and thread-safe (evidence values are whatever the tools returned).
 */
public record ExecutionResult(Plan plan, Map<StepId, StepOutcome> outcomes, Duration wall, boolean cancelled) {

    public ExecutionResult {
        Objects.requireNonNull(plan, "plan == null");
        Objects.requireNonNull(wall, "wall == null");
        Map<StepId, StepOutcome> copy = new LinkedHashMap<>();
        outcomes.forEach((id, outcome) -> copy.put(
                Objects.requireNonNull(id, "step id == null"), Objects.requireNonNull(outcome, "outcome == null")));
        outcomes = Collections.unmodifiableMap(copy);
    }

    /** The outcome of step {@code id}, empty when the plan has no such step. */
    public Optional<StepOutcome> outcome(StepId id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    /** The evidence of step {@code id}: its value when it is done, empty when it is not or its tool returned null. */
    public Optional<Object> evidence(StepId id) {
        return outcomes.get(id) instanceof StepOutcome.Done done ? Optional.ofNullable(done.value()) : Optional.empty();
    }

    /**
     * The evidence of step {@code id} as a {@code type}, empty as {@link #evidence(StepId)} is.
     *
     * @throws ClassCastException when the evidence is of another type
     */
    public <T> Optional<T> evidence(StepId id, Class<T> type) {
        return evidence(id).map(type::cast);
    }

    /** The bounded text of step {@code id}'s evidence, empty when the step is not done. */
    public Optional<String> preview(StepId id) {
        return outcomes.get(id) instanceof StepOutcome.Done done ? Optional.of(done.preview()) : Optional.empty();
    }

    /** Whether every step is done and the run was not cancelled. */
    public boolean succeeded() {
        if (cancelled) {
            return false;
        }
        for (StepOutcome outcome : outcomes.values()) {
            if (!(outcome instanceof StepOutcome.Done)) {
                return false;
            }
        }
        return true;
    }

    /** The steps that are done, in plan order. */
    public List<StepOutcome.Done> done() {
        return only(StepOutcome.Done.class);
    }

    /** The steps that failed, in plan order. */
    public List<StepOutcome.Failed> failures() {
        return only(StepOutcome.Failed.class);
    }

    /** The steps that were skipped, in plan order. */
    public List<StepOutcome.Skipped> skipped() {
        return only(StepOutcome.Skipped.class);
    }

    private <T extends StepOutcome> List<T> only(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (StepOutcome outcome : outcomes.values()) {
            if (kind.isInstance(outcome)) {
                found.add(kind.cast(outcome));
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** One line a step, {@code #E1 = preview}, {@code #E2 failed: reason}, {@code #E3 skipped: why}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (StepOutcome outcome : outcomes.values()) {
            text.append(outcome).append('\n');
        }
        if (cancelled) {
            text.append("(cancelled)\n");
        }
        return text.toString();
    }
}
