package dev.pev4j.judge;

import dev.pev4j.llm.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * A judge's answer. Immutable and thread-safe.
 *
 * @param decision pass, fail, or abstain
 * @param confidence the judge's confidence in its decision, between 0 and 1 (for an abstention: the highest confidence
 *     seen, which was not enough)
 * @param reason why, in a sentence, for the trace and for replanning
 * @param confidencesSeen for a cascade, each consulted judge's confidence in order; for a single judge, its own
 * @param usage the tokens the judgement cost
 */
public record Judgement(
        Decision decision, double confidence, String reason, List<Double> confidencesSeen, TokenUsage usage) {

    /** A judge's decision about a criterion. */
    public enum Decision {
        PASS,
        FAIL,
        /** No judge was confident enough: a human should look. */
        ABSTAIN
    }

    public Judgement {
        Objects.requireNonNull(decision, "decision == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(usage, "usage == null");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 but was " + confidence);
        }
        confidencesSeen = List.copyOf(confidencesSeen);
    }

    public static Judgement of(Decision decision, double confidence, String reason, TokenUsage usage) {
        return new Judgement(decision, confidence, reason, List.of(confidence), usage);
    }
}
