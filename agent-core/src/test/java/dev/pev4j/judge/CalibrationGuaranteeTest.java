package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The acceptance tests of calibration, with simulated judges of known behaviour: over 1 000 random calibration/test
 * splits, the share of splits whose accepted test items agree with the human less than 1 − α of the time is at most δ
 * plus binomial slack, with the calibrator choosing the cascade's configuration as it does by default; and the chosen
 * configuration covers as many held-out items as the strongest judge alone calibrated at the same per-test level
 * (δ / 2), and at most {@code BONFERRONI_SLACK} fewer than the strongest judge calibrated alone at δ. Every split draws a fresh pool of items (so splits are independent), seeded, so the test is
 * deterministic.
 */
class CalibrationGuaranteeTest {

    private static final int SPLITS = 1000;
    private static final int CALIBRATION_ITEMS = 500;
    // A large test half keeps the test set's own sampling noise small next to the guarantee being checked.
    private static final int TEST_ITEMS = 4000;
    private static final double ALPHA = 0.1;
    private static final double DELTA = 0.1;
    // If the true failure probability were exactly delta, the observed share over 1 000 independent splits would
    // exceed delta + 3 standard deviations with probability about 0.1%: slack = 3 * sqrt(0.1 * 0.9 / 1000) = 0.0285.
    private static final double SLACK = 3 * Math.sqrt(DELTA * (1 - DELTA) / SPLITS);
    // The price of choosing among the 2 default candidates: each is calibrated at delta / 2, so when the strongest
    // judge alone is best it covers a little less than when calibrated alone at delta. The tolerance is not taken
    // from the observed gap but from the sampling error of the two compared means: each is a mean over SPLITS
    // independent splits of a coverage share in [0, 1], whose variance is at most that of a fair coin, 1/4 (the
    // binomial p(1 - p) at p = 1/2, Popoviciu's bound); so each mean has a standard error of at most
    // sqrt(0.25 / SPLITS) = 0.0158, the difference of the two independent means at most sqrt(2) times that, and
    // 3 standard errors of the difference give 3 * sqrt(2 * 0.25 / SPLITS) = 0.067.
    private static final double BONFERRONI_SLACK = 3 * Math.sqrt(2 * 0.25 / SPLITS);

    @Test
    void single_judge_agreement_on_accepted_items_falls_below_one_minus_alpha_in_at_most_delta_of_splits() {
        // given a calibrated judge (right with probability = confidence, confidence uniform on [0.5, 1]):
        // accepting c >= 0.8 gives exactly 10% errors, so the calibration has little room to spare
        // (observed: 5.4% of splits fail, mean test coverage 13.7%)
        List<SimulatedJudge> judges = List.of(SimulatedJudge.calibrated("uniform", 1.0));

        // when
        Outcome outcome = run(judges, 1);

        // then
        assertThat(SLACK).isCloseTo(0.0285, within(1e-4));
        assertThat(outcome.failureShare()).as(outcome.toString()).isLessThanOrEqualTo(DELTA + SLACK);
        assertThat(outcome.meanCoverage()).as(outcome.toString()).isGreaterThan(0.1);
    }

    @Test
    void cascade_keeps_the_guarantee_and_covers_about_as_much_as_its_strongest_judge_alone() {
        // given a weak, overconfident judge, a middling one and a strong one, finding items hard independently
        SimulatedJudge weak = SimulatedJudge.of("weak", 2.0, c -> 0.3 + 0.7 * c);
        SimulatedJudge middling = SimulatedJudge.calibrated("middling", 1.0);
        SimulatedJudge strong = SimulatedJudge.calibrated("strong", 0.4);
        List<SimulatedJudge> all = List.of(weak, middling, strong);

        // when
        Outcome chosen = run(Calibrator.of(ALPHA, DELTA), all, 2, false);
        Outcome strongAlone = run(Calibrator.of(ALPHA, DELTA), List.of(strong), 3, false);
        Outcome strongAtHalfDelta = run(Calibrator.of(ALPHA, DELTA / 2), List.of(strong), 3, false);

        // then (observed: the chosen configuration fails in 3.1% of splits and covers 46.3%, choosing the strong
        // judge alone in 17% of splits; the strong judge alone at delta fails in 6.0% and covers 47.6%, at delta / 2
        // it covers 38.4%. Every test runs at delta / 2, so the chosen configuration may cover a little less than the
        // strong judge calibrated alone at delta: BONFERRONI_SLACK)
        assertThat(chosen.failureShare()).as(chosen.toString()).isLessThanOrEqualTo(DELTA + SLACK);
        assertThat(strongAlone.failureShare()).as(strongAlone.toString()).isLessThanOrEqualTo(DELTA + SLACK);
        assertThat(chosen.meanCoverage())
                .as("chosen %s, strong alone at delta / 2 %s", chosen, strongAtHalfDelta)
                .isGreaterThanOrEqualTo(strongAtHalfDelta.meanCoverage());
        assertThat(chosen.meanCoverage())
                .as("chosen %s, strong alone %s", chosen, strongAlone)
                .isGreaterThanOrEqualTo(strongAlone.meanCoverage() - BONFERRONI_SLACK);
    }

    @Test
    void with_a_shared_difficulty_the_chosen_configuration_covers_about_as_much_as_the_strongest_judge_alone() {
        // given judges that find the same items hard (as the examples' SimulatedJudges): the cheap judges take the
        // easy items, so the strongest judge of the plain cascade is calibrated on the hard rest only
        SimulatedJudge small = SimulatedJudge.withSkill("small", 0.40, 0.6);
        SimulatedJudge medium = SimulatedJudge.withSkill("medium", 0.60, 0.3);
        SimulatedJudge large = SimulatedJudge.withSkill("large", 0.85, 0.0);
        List<SimulatedJudge> all = List.of(small, medium, large);

        // when
        Outcome inOrder = run(Calibrator.of(ALPHA, DELTA).withCandidates(Calibrator.Candidates.IN_ORDER), all, 8, true);
        Outcome chosen = run(Calibrator.of(ALPHA, DELTA), all, 8, true);
        Outcome largeAlone = run(Calibrator.of(ALPHA, DELTA), List.of(large), 8, true);
        Outcome largeAtHalfDelta = run(Calibrator.of(ALPHA, DELTA / 2), List.of(large), 8, true);

        // then (observed: the plain cascade covers 70.8% and the large judge alone 95.2%; the chosen configuration,
        // the large judge alone in 93.7% of splits, covers 93.7% and fails in 2.6% of splits; the large judge alone
        // at delta / 2 covers 93.1%)
        assertThat(inOrder.meanCoverage())
                .as("the plain cascade %s, large alone %s", inOrder, largeAlone)
                .isLessThan(largeAlone.meanCoverage() - 0.2);
        assertThat(chosen.failureShare()).as(chosen.toString()).isLessThanOrEqualTo(DELTA + SLACK);
        assertThat(chosen.meanCoverage())
                .as("chosen %s, large alone at delta / 2 %s", chosen, largeAtHalfDelta)
                .isGreaterThanOrEqualTo(largeAtHalfDelta.meanCoverage());
        assertThat(chosen.meanCoverage())
                .as("chosen %s, large alone %s", chosen, largeAlone)
                .isGreaterThanOrEqualTo(largeAlone.meanCoverage() - BONFERRONI_SLACK);
    }

    @Test
    void everything_abstains_when_no_judge_is_good_enough() {
        // given two judges that are right 70% of the time whatever their confidence, and alpha = 10%
        SimulatedJudge first = SimulatedJudge.of("first", 1.0, c -> 0.7);
        SimulatedJudge second = SimulatedJudge.of("second", 0.5, c -> 0.7);
        List<LabelledItem> calibrationItems = items(0, 600, new SplittableRandom(4));
        List<LabelledItem> testItems = items(600, 200, new SplittableRandom(5));
        Predicate<JudgeRequest> truth = truth(calibrationItems, testItems);
        List<Judge> judges = List.of(first.answering(truth, 6), second.answering(truth, 7));

        // when
        CascadeCalibration calibration = Calibrator.of(ALPHA, DELTA).calibrate(judges, calibrationItems);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(judges.get(0))
                .judge(judges.get(1))
                .calibration(calibration)
                .build();
        List<Judgement> judgements = new ArrayList<>();
        for (LabelledItem item : testItems) {
            judgements.add(cascade.judge(item.request()));
        }

        // then
        assertThat(calibration.judges())
                .allSatisfy(j -> assertThat(j.acceptsAny()).isFalse());
        assertThat(calibration.coverage()).isZero();
        assertThat(judgements).allSatisfy(j -> {
            assertThat(j.decision()).isEqualTo(Judgement.Decision.ABSTAIN);
            assertThat(j.reason())
                    .isEqualTo("needs human review: no judge of the cascade is calibrated to be trusted at alpha=0.1");
        });
    }

    private static List<LabelledItem> items(int from, int count, SplittableRandom random) {
        List<LabelledItem> items = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            items.add(new LabelledItem(
                    new JudgeRequest("task " + i, "criterion " + i, "evidence " + i), random.nextBoolean()));
        }
        return items;
    }

    /** Runs {@link #SPLITS} splits of freshly drawn items through a cascade of {@code judges}. */
    private static Outcome run(List<SimulatedJudge> judges, long seed) {
        return run(Calibrator.of(ALPHA, DELTA), judges, seed, false);
    }

    /**
     * Runs {@link #SPLITS} splits of freshly drawn items through a cascade of {@code judges} calibrated by
     * {@code calibrator}; with {@code sharedDifficulty}, each item has a difficulty all judges see.
     */
    private static Outcome run(
            Calibrator calibrator, List<SimulatedJudge> judges, long seed, boolean sharedDifficulty) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = judges.size();
        List<String> names = new ArrayList<>();
        judges.forEach(j -> names.add(j.name()));
        double[][] calConfidence = new double[m][CALIBRATION_ITEMS];
        boolean[][] calCorrect = new boolean[m][CALIBRATION_ITEMS];
        double[][] testConfidence = new double[m][TEST_ITEMS];
        boolean[][] testCorrect = new boolean[m][TEST_ITEMS];
        double[] calDifficulty = new double[CALIBRATION_ITEMS];
        double[] testDifficulty = new double[TEST_ITEMS];
        int failures = 0;
        double coverage = 0;
        int strongestChosen = 0;
        for (int split = 0; split < SPLITS; split++) {
            if (sharedDifficulty) {
                for (int i = 0; i < CALIBRATION_ITEMS; i++) {
                    calDifficulty[i] = random.nextDouble();
                }
                for (int i = 0; i < TEST_ITEMS; i++) {
                    testDifficulty[i] = random.nextDouble();
                }
            }
            for (int j = 0; j < m; j++) {
                SimulatedJudge judge = judges.get(j);
                for (int i = 0; i < CALIBRATION_ITEMS; i++) {
                    judge.draw(
                            random,
                            sharedDifficulty ? calDifficulty[i] : Double.NaN,
                            calConfidence[j],
                            calCorrect[j],
                            i);
                }
                for (int i = 0; i < TEST_ITEMS; i++) {
                    judge.draw(
                            random,
                            sharedDifficulty ? testDifficulty[i] : Double.NaN,
                            testConfidence[j],
                            testCorrect[j],
                            i);
                }
            }
            CascadeCalibration calibration = calibrator.calibrate(names, calConfidence, calCorrect);
            if (calibration.selection().chosenCandidate().judges().equals(List.of(m - 1))) {
                strongestChosen++;
            }
            int accepted = 0;
            int agreed = 0;
            for (int i = 0; i < TEST_ITEMS; i++) {
                for (int j = 0; j < m; j++) {
                    if (calibration.judges().get(j).accepts(testConfidence[j][i])) {
                        accepted++;
                        if (testCorrect[j][i]) {
                            agreed++;
                        }
                        break;
                    }
                }
            }
            if (accepted > 0 && agreed < (1 - ALPHA) * accepted) {
                failures++;
            }
            coverage += (double) accepted / TEST_ITEMS;
        }
        return new Outcome((double) failures / SPLITS, coverage / SPLITS, (double) strongestChosen / SPLITS);
    }

    /**
     * What {@link #SPLITS} splits gave: the share whose accepted test items agreed with the human less than 1 − α of
     * the time, the mean share of test items accepted, and the share of splits whose calibration chose the strongest
     * judge alone.
     */
    private record Outcome(double failureShare, double meanCoverage, double strongestAloneChosen) {}

    /** The human verdicts of the calibration and test items, by request. */
    private static Predicate<JudgeRequest> truth(List<LabelledItem> a, List<LabelledItem> b) {
        Map<JudgeRequest, Boolean> truth = new HashMap<>();
        a.forEach(i -> truth.put(i.request(), i.holds()));
        b.forEach(i -> truth.put(i.request(), i.holds()));
        return truth::get;
    }
}
