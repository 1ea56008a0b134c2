package dev.pev4j.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Calibrates judges on human-labelled items by fixed-sequence testing (Trust or Escalate, arXiv 2407.18370), so that
 * with probability at least {@code 1 - delta} the verdicts a judge is trusted with agree with humans at least
 * {@code 1 - alpha} of the time. Immutable, deterministic and thread-safe.
 *
 * <p>For one judge: candidate thresholds λ = {@code j / gridSteps} are tried from 1 down to 0; a λ with fewer than
 * {@code minItems} items at confidence ≥ λ is skipped; for the others the exact Clopper–Pearson upper bound, at level
 * δ, on the error rate among those items is compared with α; the first λ whose bound exceeds α ends the sequence, and
 * the last λ that passed is the threshold. When none passed the judge never accepts. For a cascade, judge 1 is
 * calibrated on all items, judge 2 on the items judge 1 did not accept, and so on.
 *
 * <pre>{@code
 * CascadeCalibration cal = Calibrator.of(0.1, 0.05).calibrate(List.of(smallJudge, largeJudge), labelledItems);
 * }</pre>
 */
public final class Calibrator {

    /** Thresholds with fewer items at or above them are not tested. */
    public static final int DEFAULT_MIN_ITEMS = 30;

    /** Candidate thresholds are multiples of 1/1000. */
    public static final int DEFAULT_GRID_STEPS = 1000;

    static final int MAX_GRID_STEPS = 1_000_000;

    private final double alpha;
    private final double delta;
    private final int minItems;
    private final int gridSteps;

    private Calibrator(double alpha, double delta, int minItems, int gridSteps) {
        checkSettings(alpha, delta, minItems, gridSteps);
        this.alpha = alpha;
        this.delta = delta;
        this.minItems = minItems;
        this.gridSteps = gridSteps;
    }

    /**
     * A calibrator for disagreement rate {@code alpha} at risk {@code delta}, with the default 30 items and a grid of
     * 1/1000.
     */
    public static Calibrator of(double alpha, double delta) {
        return new Calibrator(alpha, delta, DEFAULT_MIN_ITEMS, DEFAULT_GRID_STEPS);
    }

    /** The same calibrator, testing only thresholds with at least {@code minItems} items at or above them. */
    public Calibrator withMinItems(int minItems) {
        return new Calibrator(alpha, delta, minItems, gridSteps);
    }

    /** The same calibrator, trying the thresholds {@code j / gridSteps}. */
    public Calibrator withGridSteps(int gridSteps) {
        return new Calibrator(alpha, delta, minItems, gridSteps);
    }

    public double alpha() {
        return alpha;
    }

    public double delta() {
        return delta;
    }

    public int minItems() {
        return minItems;
    }

    public int gridSteps() {
        return gridSteps;
    }

    /**
     * Runs each judge on the items no earlier judge accepted and calibrates it on its answers. A judge that abstains
     * on an item is never trusted with it.
     *
     * @throws dev.pev4j.llm.LlmException when a judge's model fails
     */
    public CascadeCalibration calibrate(List<? extends Judge> judges, List<LabelledItem> items) {
        Objects.requireNonNull(judges, "judges == null");
        Objects.requireNonNull(items, "items == null");
        if (judges.isEmpty()) {
            throw new IllegalArgumentException("judges must not be empty: a cascade needs at least one judge");
        }
        List<LabelledItem> reaching = List.copyOf(items);
        List<JudgeCalibration> result = new ArrayList<>();
        for (Judge judge : judges) {
            Objects.requireNonNull(judge, "judge == null");
            int n = reaching.size();
            double[] confidence = new double[n];
            boolean[] agreed = new boolean[n];
            for (int i = 0; i < n; i++) {
                LabelledItem item = reaching.get(i);
                Judgement judgement = judge.judge(item.request());
                confidence[i] = judgement.decision() == Judgement.Decision.ABSTAIN
                        ? Double.NaN
                        : judgement.confidence();
                agreed[i] = judgement.decision() == item.verdict();
            }
            JudgeCalibration calibration = threshold(judge.name(), confidence, agreed);
            result.add(calibration);
            List<LabelledItem> next = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!calibration.accepts(confidence[i])) {
                    next.add(reaching.get(i));
                }
            }
            reaching = next;
        }
        return new CascadeCalibration(alpha, delta, minItems, gridSteps, items.size(), result);
    }

    /**
     * Calibrates a cascade from answers already collected: {@code confidences[j][i]} and {@code agreed[j][i]} are
     * judge {@code j}'s confidence on item {@code i} (NaN when it abstained) and whether its verdict matched the
     * human's. Judge {@code j}'s answers on items an earlier judge accepted are ignored. Pure: the arrays are only
     * read.
     */
    public CascadeCalibration calibrate(List<String> judgeNames, double[][] confidences, boolean[][] agreed) {
        Objects.requireNonNull(judgeNames, "judgeNames == null");
        Objects.requireNonNull(confidences, "confidences == null");
        Objects.requireNonNull(agreed, "agreed == null");
        if (judgeNames.isEmpty()) {
            throw new IllegalArgumentException("judgeNames must not be empty: a cascade needs at least one judge");
        }
        if (confidences.length != judgeNames.size() || agreed.length != judgeNames.size()) {
            throw new IllegalArgumentException("confidences and agreed must have one row per judge ("
                    + judgeNames.size() + ") but had " + confidences.length + " and " + agreed.length);
        }
        int n = confidences[0].length;
        boolean[] reaching = new boolean[n];
        Arrays.fill(reaching, true);
        List<JudgeCalibration> result = new ArrayList<>(judgeNames.size());
        for (int j = 0; j < judgeNames.size(); j++) {
            if (confidences[j].length != n || agreed[j].length != n) {
                throw new IllegalArgumentException("every judge needs an answer for each of the " + n
                        + " items but judge " + j + " has " + confidences[j].length + " confidences and "
                        + agreed[j].length + " agreements");
            }
            JudgeCalibration calibration = fit(judgeNames.get(j), confidences[j], agreed[j], reaching);
            result.add(calibration);
            if (calibration.acceptsAny()) {
                for (int i = 0; i < n; i++) {
                    if (calibration.accepts(confidences[j][i])) {
                        reaching[i] = false;
                    }
                }
            }
        }
        return new CascadeCalibration(alpha, delta, minItems, gridSteps, n, result);
    }

    /**
     * Calibrates one judge from its confidences (NaN where it abstained) and whether each verdict agreed with the
     * human. Pure.
     */
    public JudgeCalibration threshold(String judgeName, double[] confidences, boolean[] agreed) {
        Objects.requireNonNull(judgeName, "judgeName == null");
        Objects.requireNonNull(confidences, "confidences == null");
        Objects.requireNonNull(agreed, "agreed == null");
        if (confidences.length != agreed.length) {
            throw new IllegalArgumentException("confidences and agreed must have the same length but had "
                    + confidences.length + " and " + agreed.length);
        }
        return fit(judgeName, confidences, agreed, null);
    }

    private JudgeCalibration fit(String name, double[] confidences, boolean[] agreed, boolean @Nullable [] include) {
        // Bucket the items by the highest grid threshold they reach, so walking the grid needs no sort.
        int[] count = new int[gridSteps + 1];
        int[] errors = new int[gridSteps + 1];
        int items = 0;
        for (int i = 0; i < confidences.length; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            items++;
            double c = confidences[i];
            if (Double.isNaN(c)) {
                continue;
            }
            if (!(c >= 0.0 && c <= 1.0)) {
                throw new IllegalArgumentException(
                        "confidences must be between 0 and 1, or NaN for an abstention, but item " + i + " had " + c);
            }
            int j = highestGridPointAtOrBelow(c);
            count[j]++;
            if (!agreed[i]) {
                errors[j]++;
            }
        }
        int n = 0;
        int k = 0;
        int passed = -1;
        int passedN = 0;
        int passedK = 0;
        for (int j = gridSteps; j >= 0; j--) {
            n += count[j];
            k += errors[j];
            if (n < minItems) {
                continue;
            }
            // Same items as the threshold just passed: same bound, passes again.
            boolean same = passed >= 0 && n == passedN;
            if (!same && ClopperPearson.upperBoundExceeds(k, n, delta, alpha)) {
                break;
            }
            passed = j;
            passedN = n;
            passedK = k;
        }
        if (passed < 0) {
            return JudgeCalibration.neverAccepts(name, items);
        }
        return new JudgeCalibration(name, gridPoint(passed), items, passedN, passedN - passedK,
                ClopperPearson.upperBound(passedK, passedN, delta));
    }

    private double gridPoint(int j) {
        return j / (double) gridSteps;
    }

    // The largest j with j / gridSteps <= c, computed against the same doubles the thresholds are, so that an item
    // counted at or above a threshold here is accepted by JudgeCalibration.accepts at inference.
    private int highestGridPointAtOrBelow(double c) {
        int j = (int) Math.floor(c * gridSteps);
        while (j < gridSteps && gridPoint(j + 1) <= c) {
            j++;
        }
        while (j > 0 && gridPoint(j) > c) {
            j--;
        }
        return j;
    }

    static void checkSettings(double alpha, double delta, int minItems, int gridSteps) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive) but was " + alpha);
        }
        if (!(delta > 0.0 && delta < 1.0)) {
            throw new IllegalArgumentException("delta must be between 0 and 1 (exclusive) but was " + delta);
        }
        if (minItems < 1) {
            throw new IllegalArgumentException("minItems must be >= 1 but was " + minItems);
        }
        if (gridSteps < 1 || gridSteps > MAX_GRID_STEPS) {
            throw new IllegalArgumentException(
                    "gridSteps must be between 1 and " + MAX_GRID_STEPS + " but was " + gridSteps);
        }
    }

    @Override
    public String toString() {
        return "Calibrator[alpha=" + alpha + ", delta=" + delta + ", minItems=" + minItems + ", gridSteps="
                + gridSteps + "]";
    }
}
