package dev.pev4j.tester;

import dev.pev4j.llm.TokenUsage;
import java.util.Objects;

/** STAND-IN (branch agent): the tester's verdict on one criterion. Immutable and thread-safe. */
public record Verdict(String criterion, Status status, double confidence, String reason, Method method, TokenUsage usage) {

    /** Whether the criterion holds. */
    public enum Status {
        PASSED,
        FAILED,
        ABSTAINED
    }

    /** How the verdict was reached. */
    public enum Method {
        CHECK,
        JUDGE
    }

    public Verdict {
        Objects.requireNonNull(criterion, "criterion == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(usage, "usage == null");
    }
}
