package dev.pev4j.agent;

import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of one step of an attempt, for the trace: the call as written, whether it was done, failed or skipped,
 * whether its evidence was reused from an earlier attempt instead of running again, and the evidence preview (for a
 * done step) or the reason. Evidence itself is never kept here. Immutable and thread-safe.
 */
public record StepTrace(StepId step, String tool, String call, Status status, boolean reused, String detail, Duration duration) {

    /** The step's outcome. */
    public enum Status {
        DONE,
        FAILED,
        SKIPPED
    }

    public StepTrace {
        Objects.requireNonNull(step, "step == null");
        Objects.requireNonNull(tool, "tool == null");
        Objects.requireNonNull(call, "call == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(detail, "detail == null");
        Objects.requireNonNull(duration, "duration == null");
    }
}
