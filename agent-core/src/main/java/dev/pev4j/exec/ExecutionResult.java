package dev.pev4j.exec;

import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ValuePreviewer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /** What every step outcome and step event names: the step, its tool, and when it began or was decided. */
    static void requireStep(StepId step, String tool, String timeName, Instant time) {
        Objects.requireNonNull(step, "step == null");
        Objects.requireNonNull(tool, "tool == null");
        Objects.requireNonNull(time, timeName + " == null");
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

    /**
     * What became of one plan step in a run: {@link Done} with its evidence, {@link Failed} with a reason, or
     * {@link Skipped} because it could not or need not run. Immutable and thread-safe (a {@code Done}'s value is whatever
     * the tool returned).
     */
    public sealed interface StepOutcome permits StepOutcome.Done, StepOutcome.Failed, StepOutcome.Skipped {

        /** The step's id. */
        StepId step();

        /** The tool the step calls. */
        String tool();

        /** How long the step ran; zero for a step that never ran. */
        Duration duration();

        /**
         * The tool returned: {@code value} is the evidence, the Java object itself (null for a {@code void} tool),
         * {@code preview} its bounded text for prompts, and {@code cells} the table that text shows, when a previewer
         * drew the value as one.
         */
        record Done(
                StepId step,
                String tool,
                Instant started,
                Duration duration,
                @Nullable Object value,
                String preview,
                Optional<ValuePreviewer.TableCells> cells)
                implements StepOutcome {
            public Done {
                requireStep(step, tool, "started", started);
                Objects.requireNonNull(duration, "duration == null");
                Objects.requireNonNull(preview, "preview == null");
                Objects.requireNonNull(cells, "cells == null");
            }

            /** A step done with a text-only preview. */
            public Done(
                    StepId step,
                    String tool,
                    Instant started,
                    Duration duration,
                    @Nullable Object value,
                    String preview) {
                this(step, tool, started, duration, value, preview, Optional.empty());
            }

            /** {@code #E1 = 42}, with the preview. */
            @Override
            public String toString() {
                return "#" + step + " = " + preview;
            }
        }

        /**
         * The step did not produce evidence: the tool threw, timed out, was cancelled while running, or the step could not
         * be started (a reference to a step that is not in the plan, a dependency cycle). {@code reason} is a sentence fit
         * for a prompt; {@code cause} is the exception, when there was one.
         */
        record Failed(
                StepId step,
                String tool,
                Instant started,
                Duration duration,
                String reason,
                @Nullable Throwable cause) implements StepOutcome {
            public Failed {
                requireStep(step, tool, "started", started);
                Objects.requireNonNull(duration, "duration == null");
                Objects.requireNonNull(reason, "reason == null");
            }

            /** {@code #E2 failed: reason}. */
            @Override
            public String toString() {
                return "#" + step + " failed: " + reason;
            }
        }

        /**
         * The step never ran: a step it depends on failed or was skipped, or the run was cancelled first. {@code at} is
         * when that was decided; {@code why} a sentence such as {@code depends on #E2, which failed}.
         */
        record Skipped(StepId step, String tool, Instant at, String why) implements StepOutcome {
            public Skipped {
                requireStep(step, tool, "at", at);
                Objects.requireNonNull(why, "why == null");
            }

            @Override
            public Duration duration() {
                return Duration.ZERO;
            }

            /** {@code #E3 skipped: why}. */
            @Override
            public String toString() {
                return "#" + step + " skipped: " + why;
            }
        }
    }
}
