package dev.pev4j.exec;

import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
     * The tool returned: {@code value} is the evidence, the Java object itself (null for a {@code void} tool), and
     * {@code preview} its bounded text for prompts.
     */
    record Done(StepId step, String tool, Instant started, Duration duration, @Nullable Object value, String preview)
            implements StepOutcome {
        public Done {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(started, "started == null");
            Objects.requireNonNull(duration, "duration == null");
            Objects.requireNonNull(preview, "preview == null");
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
            StepId step, String tool, Instant started, Duration duration, String reason, @Nullable Throwable cause)
            implements StepOutcome {
        public Failed {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(started, "started == null");
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
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(at, "at == null");
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
