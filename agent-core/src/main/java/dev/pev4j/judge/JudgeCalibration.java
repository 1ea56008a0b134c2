package dev.pev4j.judge;

import java.util.Objects;

/**
 * The calibrated threshold of one judge: its verdict is trusted when its confidence is at least {@link #threshold()}.
 * A judge that may never be trusted has an infinite threshold. Immutable and thread-safe.
 *
 * @param judge the judge's {@link Judge#name()}
 * @param threshold the least confidence at which the judge's verdict is accepted, between 0 and 1, or
 *     {@link Double#POSITIVE_INFINITY} when no threshold passed (the judge never accepts)
 * @param items the labelled items the judge was calibrated on (in a cascade: those no earlier judge accepted)
 * @param accepted how many of them had a confidence at or above the threshold
 * @param agreed how many of the accepted ones agreed with the human
 * @param errorBound the Clopper–Pearson upper bound on the error rate among accepted items, at the level the judge was
 *     tested at (the calibration's δ divided by its number of candidates, {@link CascadeCalibration#deltaPerCandidate()});
 *     1 when none were accepted
 */
public record JudgeCalibration(String judge, double threshold, int items, int accepted, int agreed, double errorBound) {

    public JudgeCalibration {
        Objects.requireNonNull(judge, "judge == null");
        if (judge.isBlank()) {
            throw new IllegalArgumentException("judge must not be blank");
        }
        if (!(threshold >= 0.0 && threshold <= 1.0) && threshold != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "threshold must be between 0 and 1, or infinite for a judge that never accepts, but was "
                            + threshold);
        }
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0 but was " + items);
        }
        if (accepted < 0 || accepted > items) {
            throw new IllegalArgumentException(
                    "accepted must be between 0 and items=" + items + " but was " + accepted);
        }
        if (agreed < 0 || agreed > accepted) {
            throw new IllegalArgumentException(
                    "agreed must be between 0 and accepted=" + accepted + " but was " + agreed);
        }
        if (threshold == Double.POSITIVE_INFINITY && accepted != 0) {
            throw new IllegalArgumentException(
                    "a judge that never accepts must have accepted=0 but was " + accepted);
        }
        if (!(errorBound >= 0.0 && errorBound <= 1.0)) {
            throw new IllegalArgumentException("errorBound must be between 0 and 1 but was " + errorBound);
        }
    }

    /** A judge calibrated on {@code items} items for which no threshold passed. */
    public static JudgeCalibration neverAccepts(String judge, int items) {
        return new JudgeCalibration(judge, Double.POSITIVE_INFINITY, items, 0, 0, 1.0);
    }

    /** Whether this judge's verdict at {@code confidence} is trusted. */
    public boolean accepts(double confidence) {
        return confidence >= threshold;
    }

    /** Whether any confidence at all is trusted; false for a judge that never accepts. */
    public boolean acceptsAny() {
        return threshold <= 1.0;
    }

    /** The share of this judge's calibration items it accepted; 0 when it had none. */
    public double coverage() {
        return items == 0 ? 0.0 : (double) accepted / items;
    }

    /** The share of accepted calibration items that agreed with the human; NaN when none were accepted. */
    public double agreement() {
        return accepted == 0 ? Double.NaN : (double) agreed / accepted;
    }
}
