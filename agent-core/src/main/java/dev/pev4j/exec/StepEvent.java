package dev.pev4j.exec;

import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to one step while a plan ran, as told to {@link ExecutionListener}s. For each step a
 * listener sees either {@link Started} then one of {@link Finished} or {@link Failed}, or a single {@link Failed} or
 * {@link Skipped} for a step that never started. Immutable and thread-safe.
 */
public sealed interface StepEvent permits StepEvent.Started, StepEvent.Finished, StepEvent.Failed, StepEvent.Skipped {

    /** The step's id. */
    StepId step();

    /** The tool the step calls. */
    String tool();

    /** When it happened, by the executor's clock. */
    Instant at();

    /** The step's tool is about to be called. */
    record Started(StepId step, String tool, Instant at) implements StepEvent {
        public Started {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(at, "at == null");
        }
    }

    /** The step's tool returned; {@code preview} is its evidence's bounded text. */
    record Finished(StepId step, String tool, Instant at, Duration duration, String preview) implements StepEvent {
        public Finished {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(at, "at == null");
            Objects.requireNonNull(duration, "duration == null");
            Objects.requireNonNull(preview, "preview == null");
        }
    }

    /** The step failed (see {@link StepOutcome.Failed}). */
    record Failed(StepId step, String tool, Instant at, String reason) implements StepEvent {
        public Failed {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(at, "at == null");
            Objects.requireNonNull(reason, "reason == null");
        }
    }

    /** The step will not run (see {@link StepOutcome.Skipped}). */
    record Skipped(StepId step, String tool, Instant at, String why) implements StepEvent {
        public Skipped {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(at, "at == null");
            Objects.requireNonNull(why, "why == null");
        }
    }
}
