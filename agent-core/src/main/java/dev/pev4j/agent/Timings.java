package dev.pev4j.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a run's time went, by the agent's clock: planning (planner calls, repairs included), executing plans, testing,
 * solving, and the whole run. Immutable and thread-safe.
 */
public record Timings(Duration planning, Duration execution, Duration testing, Duration solving, Duration total) {

    public static final Timings ZERO = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Timings {
        Objects.requireNonNull(planning, "planning == null");
        Objects.requireNonNull(execution, "execution == null");
        Objects.requireNonNull(testing, "testing == null");
        Objects.requireNonNull(solving, "solving == null");
        Objects.requireNonNull(total, "total == null");
    }
}
