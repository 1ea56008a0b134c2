package dev.pev4j.agent;

import dev.pev4j.llm.TokenUsage;
import java.util.Objects;

/** Model tokens a run used, per role. Immutable and thread-safe. */
public record RoleUsage(TokenUsage planner, TokenUsage tester, TokenUsage solver) {

    public static final RoleUsage ZERO = new RoleUsage(TokenUsage.ZERO, TokenUsage.ZERO, TokenUsage.ZERO);

    public RoleUsage {
        Objects.requireNonNull(planner, "planner == null");
        Objects.requireNonNull(tester, "tester == null");
        Objects.requireNonNull(solver, "solver == null");
    }

    /** All roles together. */
    public TokenUsage total() {
        return planner.plus(tester).plus(solver);
    }

    RoleUsage plusPlanner(TokenUsage usage) {
        return new RoleUsage(planner.plus(usage), tester, solver);
    }

    RoleUsage plusTester(TokenUsage usage) {
        return new RoleUsage(planner, tester.plus(usage), solver);
    }

    RoleUsage plusSolver(TokenUsage usage) {
        return new RoleUsage(planner, tester, solver.plus(usage));
    }
}
