package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of cost-aware calibration ({@link Calibrator.Candidates#COST_PATH}) on {@link JudgePanel}, whose
 * judges err in different ways on different kinds of items: over 1 000 independent calibration sets of 400 items, the
 * exact risk of the calibrated cascade (computed in closed form, no test-set noise) exceeds α in at most δ of them,
 * up to binomial slack; the cascade costs less than 0.6 of the strongest judge alone and covers more than the
 * strongest judge alone calibrated at δ on the same items.
 */
class CostAwareGuaranteeTest {

    private static final int SPLITS = 1000;
    private static final int ITEMS = 400;
    private static final double ALPHA = 0.15;
    private static final double DELTA = 0.1;
    // If the true failure probability were exactly delta, the share of failures over 1 000 independent splits has
    // standard error sqrt(0.1 * 0.9 / 1000) = 0.0095; 3 standard errors: exceeded by chance with probability ~0.1%.
    private static final double SLACK = 3 * Math.sqrt(DELTA * (1 - DELTA) / SPLITS);

    record Outcome(
            int failures,
            double meanCostRatio,
            double costRatioSe,
            double meanCoverage,
            double meanStrongestCoverage,
            double coverageDiffSe) {
        double failureShare() {
            return (double) failures / SPLITS;
        }
    }

    static Outcome run(Calibrator calibrator, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int failures = 0;
        double[] costRatio = new double[SPLITS];
        double[] coverage = new double[SPLITS];
        double[] coverageDiff = new double[SPLITS];
        double strongestCoverage = 0;
        for (int s = 0; s < SPLITS; s++) {
            JudgePanel.Answers answers = JudgePanel.draw(ITEMS, random);
            CascadeCalibration cal =
                    calibrator.calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());
            JudgePanel.Exact exact = JudgePanel.exact(thresholds(cal));
            if (exact.coverage() > 0 && exact.risk() > ALPHA) {
                failures++;
            }
            // The strongest judge alone, calibrated at delta by the single-judge fixed sequence.
            JudgeCalibration alone =
                    calibrator.threshold(JudgePanel.NAMES.get(2), answers.confidences()[2], answers.agreed()[2]);
            JudgePanel.Exact strong =
                    JudgePanel.exact(List.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, alone.threshold()));
            costRatio[s] = exact.cost() / JudgePanel.COSTS.get(2);
            coverage[s] = exact.coverage();
            coverageDiff[s] = exact.coverage() - strong.coverage();
            strongestCoverage += strong.coverage();
        }
        return new Outcome(
                failures, mean(costRatio), se(costRatio), mean(coverage), strongestCoverage / SPLITS, se(coverageDiff));
    }

    static List<Double> thresholds(CascadeCalibration cal) {
        List<Double> out = new ArrayList<>();
        for (JudgeCalibration j : cal.judges()) {
            out.add(j.acceptsAny() ? j.threshold() : Double.POSITIVE_INFINITY);
        }
        return out;
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static double se(double[] xs) {
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1) / xs.length);
    }

    @Test
    void cost_aware_cascade_keeps_the_guarantee_costs_under_0_6_of_the_strongest_judge_and_covers_more() {
        // given
        Calibrator calibrator =
                Calibrator.of(ALPHA, DELTA).withObjective(Calibrator.Objective.cheapestCoveringAsMuchAsStrongest());

        // when
        Outcome outcome = run(calibrator, 12);

        // then: the guarantee, up to 3 binomial standard errors
        assertThat(SLACK).isCloseTo(0.0285, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(outcome.failureShare()).as(outcome.toString()).isLessThanOrEqualTo(DELTA + SLACK);
        // the cost: below 0.6 of the strongest judge alone's by more than 3 standard errors of the mean ratio
        assertThat(outcome.meanCostRatio() + 3 * outcome.costRatioSe())
                .as(outcome.toString())
                .isLessThan(0.6);
        // the coverage: above the strongest judge alone's by more than 3 standard errors of the mean difference
        assertThat(outcome.meanCoverage() - outcome.meanStrongestCoverage() - 3 * outcome.coverageDiffSe())
                .as(outcome.toString())
                .isGreaterThan(0.0);
    }
}
