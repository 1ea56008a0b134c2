package dev.pev4j.judge;

import java.util.Objects;

/**
 * A question a human has answered: does the request's criterion hold ({@code holds})? Used to calibrate judges and as
 * the few-shot examples of {@link SimulatedAnnotatorsJudge}. Immutable and thread-safe.
 */
public record LabelledItem(JudgeRequest request, boolean holds) {

    public LabelledItem {
        Objects.requireNonNull(request, "request == null");
    }

    /** The human's verdict as a judge's decision: {@code PASS} when the criterion holds, else {@code FAIL}. */
    public Judgement.Decision verdict() {
        return holds ? Judgement.Decision.PASS : Judgement.Decision.FAIL;
    }
}
