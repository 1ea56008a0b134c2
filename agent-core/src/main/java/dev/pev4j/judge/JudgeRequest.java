package dev.pev4j.judge;

import java.util.Objects;

/**
 * What a judge is asked: does {@code criterion} hold for this {@code task}, given {@code evidence} (the bounded
 * previews of the steps' results, as text)? Immutable and thread-safe.
 */
public record JudgeRequest(String task, String criterion, String evidence) {

    public JudgeRequest {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(criterion, "criterion == null");
        Objects.requireNonNull(evidence, "evidence == null");
        if (criterion.isBlank()) {
            throw new IllegalArgumentException("criterion must not be blank");
        }
    }
}
