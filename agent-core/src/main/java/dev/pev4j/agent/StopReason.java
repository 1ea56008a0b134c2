package dev.pev4j.agent;

import java.util.Objects;

/**
 * Why a run ended: it was solved, or a budget ran out (which one, and by how much), or a model failed. Immutable and
 * thread-safe.
 */
public record StopReason(Kind kind, String message) {

    /** How a run ended. */
    public enum Kind {
        /** The plan passed its criteria (or the tester abstained) and the solver answered. */
        SOLVED,
        /** The plans kept failing and no replan was left. */
        MAX_REPLANS,
        /** The model wrote no usable plan within the repair rounds. */
        MAX_REPAIRS,
        /** The model kept writing plans with more steps than allowed. */
        MAX_STEPS,
        /** The run used up its model tokens. */
        MAX_TOKENS,
        /** The run used up its wall-clock time. */
        WALL_CLOCK,
        /** A model call failed. */
        MODEL_FAILED;

        /** Whether this is a budget running out. */
        public boolean isBudget() {
            return this != SOLVED && this != MODEL_FAILED;
        }
    }

    public StopReason {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(message, "message == null");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
