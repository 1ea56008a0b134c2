package dev.pev4j.agent;

import java.util.List;
import java.util.Objects;

/**
 * One reply of the planner within an attempt, and the problems found in it (empty for the reply that was used).
 * Immutable and thread-safe.
 */
public record PlannerRound(String reply, List<String> problems) {

    public PlannerRound {
        Objects.requireNonNull(reply, "reply == null");
        problems = List.copyOf(problems);
    }
}
