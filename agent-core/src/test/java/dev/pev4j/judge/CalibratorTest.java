package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.judge.CascadeCalibration.CascadeSelection;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    private final Calibrator calibrator = Calibrator.of(0.1, 0.1);

    @Test
    void threshold_is_the_last_grid_point_that_passed_before_the_first_that_failed() {
        // given 50 right answers at confidence 0.9 and 50 wrong ones at 0.6
        Data data = new Data().add(50, 0.9, true).add(50, 0.6, false);

        // when
        JudgeCalibration cal = calibrator.threshold("j", data.confidences(), data.agreed());

        // then: every lambda in (0.6, 0.9] has the same 50 right items and passes; 0.6 adds 50 errors and fails
        assertThat(cal.threshold()).isEqualTo(0.601);
        assertThat(cal.items()).isEqualTo(100);
        assertThat(cal.accepted()).isEqualTo(50);
        assertThat(cal.agreed()).isEqualTo(50);
        assertThat(cal.errorBound()).isCloseTo(1 - Math.pow(0.1, 1 / 50.0), within(1e-12));
        assertThat(cal.coverage()).isEqualTo(0.5);
        assertThat(cal.agreement()).isEqualTo(1.0);
    }

    @Test
    void testing_stops_at_the_first_failure_even_when_a_lower_threshold_would_pass_again() {
        // given: at 0.8 a third are wrong (fails); at 0.7 the 300 right answers dilute the errors to 5.6%
        Data data = new Data().add(40, 0.9, true).add(20, 0.8, false).add(300, 0.7, true);
        assertThat(ClopperPearson.upperBound(20, 360, 0.1)).isLessThan(0.1);

        // when
        JudgeCalibration cal = calibrator.threshold("j", data.confidences(), data.agreed());

        // then
        assertThat(cal.threshold()).isEqualTo(0.801);
        assertThat(cal.accepted()).isEqualTo(40);
    }

    @Test
    void too_few_items_above_every_threshold_gives_no_threshold_rather_than_an_exception() {
        // given 29 confident right answers: no lambda has the 30 items a test needs
        Data data = new Data().add(29, 0.99, true);

        // when
        JudgeCalibration cal = calibrator.threshold("j", data.confidences(), data.agreed());

        // then
        assertThat(cal.acceptsAny()).isFalse();
        assertThat(cal.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(cal.accepts(1.0)).isFalse();
        assertThat(cal.items()).isEqualTo(29);
        assertThat(cal.accepted()).isZero();
        assertThat(cal.errorBound()).isEqualTo(1.0);
        assertThat(cal.coverage()).isZero();
        assertThat(cal.agreement()).isNaN();
    }

    @Test
    void thirty_right_answers_are_enough_at_alpha_and_delta_of_ten_percent() {
        // given: the bound for 0 errors in 30 at delta 0.1 is 1 - 0.1^(1/30) = 0.074 <= 0.1
        Data data = new Data().add(30, 0.99, true);

        // when
        JudgeCalibration cal = calibrator.threshold("j", data.confidences(), data.agreed());

        // then: nothing below 0.99 argues against any lower lambda, so the last one passing is 0
        assertThat(cal.threshold()).isEqualTo(0.0);
        assertThat(cal.accepted()).isEqualTo(30);
    }

    @Test
    void min_items_can_be_raised() {
        Data data = new Data().add(30, 0.99, true);

        JudgeCalibration cal = calibrator.withMinItems(31).threshold("j", data.confidences(), data.agreed());

        assertThat(cal.acceptsAny()).isFalse();
    }

    @Test
    void a_judge_that_abstained_is_never_trusted_with_that_item() {
        // given 40 right answers and 10 abstentions (NaN)
        Data data = new Data().add(40, 0.9, true).add(10, Double.NaN, false);

        // when
        JudgeCalibration cal = calibrator.threshold("j", data.confidences(), data.agreed());

        // then
        assertThat(cal.items()).isEqualTo(50);
        assertThat(cal.accepted()).isEqualTo(40);
        assertThat(cal.accepts(Double.NaN)).isFalse();
    }

    @Test
    void the_items_counted_at_a_threshold_are_exactly_those_it_accepts_at_inference() {
        // given confidences on and next to grid points, where rounding could disagree
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            int n = 200;
            double[] confidences = new double[n];
            boolean[] agreed = new boolean[n];
            for (int i = 0; i < n; i++) {
                double grid = random.nextInt(1001) / 1000.0;
                double c = switch (random.nextInt(4)) {
                    case 0 -> grid;
                    case 1 -> Math.nextUp(grid);
                    case 2 -> Math.nextDown(grid);
                    default -> random.nextInt(10) * 0.1;
                };
                confidences[i] = Math.min(1.0, Math.max(0.0, c));
                agreed[i] = random.nextDouble() < confidences[i] + 0.1;
            }

            // when
            JudgeCalibration cal = Calibrator.of(0.2, 0.1).threshold("j", confidences, agreed);

            // then
            long counted = Arrays.stream(confidences).filter(cal::accepts).count();
            assertThat(counted).isEqualTo(cal.accepted());
        }
    }

    @Test
    void calibration_is_deterministic() {
        Data data = new Data()
                .add(100, 0.95, true)
                .add(5, 0.9, false)
                .add(60, 0.7, true)
                .add(40, 0.6, false);

        assertThat(calibrator.threshold("j", data.confidences(), data.agreed()))
                .isEqualTo(calibrator.threshold("j", data.confidences(), data.agreed()));
    }

    @Test
    void cascade_calibrates_each_judge_on_the_items_no_earlier_judge_accepted() {
        // given: judge 0 is sure and right on the first 50 items; judge 1 on the other 50
        double[][] confidences = new double[2][100];
        boolean[][] agreed = new boolean[2][100];
        for (int i = 0; i < 100; i++) {
            confidences[0][i] = i < 50 ? 0.95 : 0.55;
            agreed[0][i] = i < 50;
            confidences[1][i] = i < 50 ? 0.1 : 0.9;
            agreed[1][i] = i >= 50;
        }

        // when
        CascadeCalibration cal = calibrator.calibrate(List.of("small", "large"), confidences, agreed);

        // then
        assertThat(cal.items()).isEqualTo(100);
        assertThat(cal.judges().get(0).threshold()).isEqualTo(0.551);
        assertThat(cal.judges().get(0).accepted()).isEqualTo(50);
        assertThat(cal.judges().get(1).items()).isEqualTo(50);
        assertThat(cal.judges().get(1).accepted()).isEqualTo(50);
        assertThat(cal.coverage()).isEqualTo(1.0);
        assertThat(cal.agreement()).isEqualTo(1.0);
    }

    @Test
    void calibrating_judges_asks_each_judge_once_and_only_about_the_items_some_candidate_routes_to_it() {
        // given a first judge sure and right about 40 of 100 items, unsure about the rest
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(new LabelledItem(new JudgeRequest("t", "c" + i, "e"), true));
        }
        Judge first = named(
                "first",
                request -> Integer.parseInt(request.criterion().substring(1)) < 40
                        ? Judgement.of(Judgement.Decision.PASS, 0.9, "sure", TokenUsage.ZERO)
                        : Judgement.of(Judgement.Decision.FAIL, 0.5, "unsure", TokenUsage.ZERO));
        AtomicInteger secondCalls = new AtomicInteger();
        Judge second = named("second", request -> {
            secondCalls.incrementAndGet();
            return Judgement.of(Judgement.Decision.ABSTAIN, 0.0, "no idea", TokenUsage.ZERO);
        });
        AtomicInteger thirdCalls = new AtomicInteger();
        Judge third = named("third", request -> {
            thirdCalls.incrementAndGet();
            return Judgement.of(Judgement.Decision.ABSTAIN, 0.0, "no idea", TokenUsage.ZERO);
        });

        // when
        CascadeCalibration cal = calibrator.calibrate(List.of(first, second, third), items);

        // then: the middle judge is only in the full cascade, after the first; the last is also asked alone
        assertThat(secondCalls.get()).isEqualTo(60);
        assertThat(thirdCalls.get()).isEqualTo(100);
        assertThat(cal.judges().get(0).judge()).isEqualTo("first");
        assertThat(cal.judges().get(0).accepted()).isEqualTo(40);
        assertThat(cal.judges().get(1).items()).isEqualTo(60);
        assertThat(cal.judges().get(1).acceptsAny()).isFalse();
        assertThat(cal.selection().chosen()).isZero();
    }

    @Test
    void chooses_the_strongest_judge_alone_when_it_covers_more_than_the_cascade_and_says_why() {
        // given: judge 0 is sure and right on the 50 easy items; judge 1 is right on all 100, sure on the easy ones
        // and a little less on the hard ones, where it errs 1 time in 10 at 0.8 and never at 0.9
        double[][] confidences = new double[2][100];
        boolean[][] agreed = new boolean[2][100];
        for (int i = 0; i < 100; i++) {
            confidences[0][i] = i < 50 ? 0.95 : 0.55;
            agreed[0][i] = i < 50;
            confidences[1][i] = i < 50 ? 0.99 : i < 80 ? 0.9 : 0.8;
            agreed[1][i] = i < 98;
        }

        // when
        CascadeCalibration cal =
                calibrator.calibrate(List.of("small", "large"), List.of(0.5, 7.0), confidences, agreed);

        // then: in the cascade, large sees only the 50 hard items (2 errors in 50, bound above 0.1 at 0.8), alone
        // all 100 (2 in 100 passes)
        CascadeSelection selection = cal.selection();
        assertThat(selection.family()).isEqualTo(Calibrator.Candidates.CASCADE_OR_STRONGEST);
        assertThat(selection.candidates())
                .containsExactly(
                        new CascadeSelection.Candidate(List.of(0, 1), 80, 80, (100 * 0.5 + 50 * 7.0) / 100),
                        new CascadeSelection.Candidate(List.of(1), 100, 98, 7.0));
        assertThat(selection.chosen()).isEqualTo(1);
        assertThat(selection.reason())
                .isEqualTo("highest coverage on the calibration items: 1.000 against at most 0.800 for the others");
        assertThat(cal.skips(0)).isTrue();
        assertThat(cal.judges().get(0)).isEqualTo(JudgeCalibration.neverAccepts("small", 100));
        assertThat(cal.judges().get(1).threshold()).isEqualTo(0.0);
        assertThat(cal.coverage()).isEqualTo(1.0);
        assertThat(cal.deltaPerCandidate()).isEqualTo(0.05);
        assertThat(cal.judges().get(1).errorBound()).isCloseTo(ClopperPearson.upperBound(2, 100, 0.05), within(1e-12));
    }

    @Test
    void breaks_a_tie_in_coverage_by_the_cost_on_the_calibration_items() {
        // given two judges that are each sure and right about every item
        double[][] confidences = new double[2][100];
        boolean[][] agreed = new boolean[2][100];
        for (int j = 0; j < 2; j++) {
            Arrays.fill(confidences[j], 0.99);
            Arrays.fill(agreed[j], true);
        }

        // when
        CascadeCalibration cheapFirst = calibrator.calibrate(List.of("a", "b"), List.of(1.0, 7.0), confidences, agreed);
        CascadeCalibration cheapLast = calibrator.calibrate(List.of("a", "b"), List.of(7.0, 1.0), confidences, agreed);

        // then
        assertThat(cheapFirst.selection().chosen()).isZero();
        assertThat(cheapFirst.selection().reason())
                .isEqualTo("coverage tied at 1.000; lowest cost per item: 1.000 against 7.000");
        assertThat(cheapLast.selection().chosen()).isEqualTo(1);
    }

    @Test
    void in_order_calibrates_only_the_full_cascade_at_delta() {
        double[][] confidences = {{0.95, 0.95}, {0.9, 0.9}};
        boolean[][] agreed = {{true, true}, {true, true}};

        CascadeCalibration cal = calibrator
                .withCandidates(Calibrator.Candidates.IN_ORDER)
                .calibrate(List.of("a", "b"), confidences, agreed);

        assertThat(cal.selection().candidates()).hasSize(1);
        assertThat(cal.selection().reason()).isEqualTo("the only candidate");
        assertThat(cal.deltaPerCandidate()).isEqualTo(0.1);
    }

    @Test
    void candidate_families_list_the_full_cascade_first() {
        assertThat(Calibrator.Candidates.IN_ORDER.of(3)).containsExactly(List.of(0, 1, 2));
        assertThat(Calibrator.Candidates.CASCADE_OR_STRONGEST.of(3)).containsExactly(List.of(0, 1, 2), List.of(2));
        assertThat(Calibrator.Candidates.CASCADE_OR_STRONGEST.of(1)).containsExactly(List.of(0));
        assertThat(Calibrator.Candidates.SUFFIXES.of(3)).containsExactly(List.of(0, 1, 2), List.of(1, 2), List.of(2));
        assertThat(Calibrator.Candidates.ENDING_WITH_STRONGEST.of(3))
                .containsExactly(List.of(0, 1, 2), List.of(0, 2), List.of(1, 2), List.of(2));
    }

    @Test
    void skips_thresholds_with_too_few_items_to_pass_even_without_errors() {
        // given: at alpha 0.05 and delta 0.1, 0 errors in n pass only from n = 45 on; 30 sure right answers, then 20
        Data data = new Data().add(30, 0.99, true).add(20, 0.95, true);
        assertThat(Calibrator.fewestItemsThatCanPass(0.05, 0.1)).isEqualTo(45);
        assertThat(Calibrator.fewestItemsThatCanPass(0.1, 0.1)).isEqualTo(22);

        // when
        JudgeCalibration cal = Calibrator.of(0.05, 0.1).threshold("j", data.confidences(), data.agreed());

        // then: testing 0.99 (30 items) first would have failed and ended the sequence
        assertThat(cal.threshold()).isEqualTo(0.0);
        assertThat(cal.accepted()).isEqualTo(50);
    }

    @Test
    void rejects_settings_out_of_range() {
        assertThatThrownBy(() -> Calibrator.of(1.5, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be between 0 and 1 (exclusive) but was 1.5");
        assertThatThrownBy(() -> Calibrator.of(0.1, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta must be between 0 and 1 (exclusive) but was 0.0");
        assertThatThrownBy(() -> calibrator.withMinItems(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minItems must be >= 1 but was 0");
        assertThatThrownBy(() -> calibrator.withGridSteps(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gridSteps must be between 1 and 1000000 but was 0");
    }

    @Test
    void rejects_bad_answers() {
        assertThatThrownBy(() -> calibrator.threshold("j", new double[] {0.5, 0.7, 1.2}, new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidences must be between 0 and 1, or NaN for an abstention, but item 2 had 1.2");
        assertThatThrownBy(() -> calibrator.threshold("j", new double[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidences and agreed must have the same length but had 2 and 3");
        assertThatThrownBy(() -> calibrator.calibrate(List.of("a", "b"), new double[1][3], new boolean[2][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidences and agreed must have one row per judge (2) but had 1 and 2");
        assertThatThrownBy(() -> calibrator.calibrate(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("judges must not be empty: a cascade needs at least one judge");
        assertThatThrownBy(() ->
                        calibrator.calibrate(List.of("a", "b"), List.of(1.0), new double[2][3], new boolean[2][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("costsPerCall must have one cost per judge (2) but had 1");
        assertThatThrownBy(() -> calibrator.calibrate(List.of("a"), List.of(-1.0), new double[1][3], new boolean[1][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("costsPerCall[0] must be >= 0 and finite but was -1.0");
    }

    private static Judge named(String name, Judge judge) {
        return new Judge() {
            @Override
            public Judgement judge(JudgeRequest request) {
                return judge.judge(request);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** Labelled answers built in groups: count answers at a confidence, all right or all wrong. */
    private static final class Data {
        private final List<Double> confidences = new ArrayList<>();
        private final List<Boolean> agreed = new ArrayList<>();

        Data add(int count, double confidence, boolean right) {
            for (int i = 0; i < count; i++) {
                confidences.add(confidence);
                agreed.add(right);
            }
            return this;
        }

        double[] confidences() {
            return confidences.stream().mapToDouble(Double::doubleValue).toArray();
        }

        boolean[] agreed() {
            boolean[] out = new boolean[agreed.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = agreed.get(i);
            }
            return out;
        }
    }
}
