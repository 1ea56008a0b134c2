package dev.pev4j.tester;

import dev.pev4j.internal.Checks;
import dev.pev4j.llm.TokenUsage;
import java.util.Locale;
import java.util.Objects;

/**
 * What the tester decided about one criterion. Immutable and thread-safe.
 *
 * @param criterion the criterion as the plan wrote it
 * @param status passed, failed, or abstained (a human should look)
 * @param confidence 1.0 for a check; for a judge its confidence in the decision, for an abstention the highest
 *     confidence seen (the reason lists every one)
 * @param reason why, in a sentence that names the values seen; for a failure, fit for a replanning prompt
 * @param method checked in code, asked of a judge calibrated for the run's α and δ, or asked of a judge without such a
 *     guarantee
 * @param usage the tokens judging cost, zero for a check
 */
public record Verdict(
        String criterion, Status status, double confidence, String reason, Method method, TokenUsage usage) {

    /** Whether a criterion holds. */
    public enum Status {
        PASSED,
        FAILED,
        /** Neither a check nor a confident judge could decide: needs human review. */
        ABSTAINED
    }

    /** How a criterion was decided. */
    public enum Method {
        /** Evaluated in code: the criterion is written in the check language. */
        CHECK,
        /**
         * Asked of a {@link dev.pev4j.spi.Judge} without a guarantee: the judge is not calibrated, or not for the run's
         * α and δ, so its pass is taken at its word and the run needs human review unless the user opted out.
         */
        JUDGE,
        /**
         * Asked of a judge calibrated for the run's α and δ, whose confidence cleared its calibrated threshold: the
         * verdict carries the calibration's guarantee.
         */
        CALIBRATED_JUDGE
    }

    public Verdict {
        Objects.requireNonNull(criterion, "criterion == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(usage, "usage == null");
        Checks.between0And1("confidence", confidence);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean abstained() {
        return status == Status.ABSTAINED;
    }

    /**
     * Whether a judge passed or failed this criterion without a guarantee ({@link Method#JUDGE}, not abstained): its
     * verdict rests on the judge's word alone.
     */
    public boolean withoutGuarantee() {
        return method == Method.JUDGE && status != Status.ABSTAINED;
    }

    /** {@code FAILED by check: rows(#E4) <= 3 is false: rows(#E4) is 5}, or {@code ... by calibrated judge: ...}. */
    @Override
    public String toString() {
        String by = method.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return status + " by " + by + ": " + criterion + ": " + reason;
    }
}
