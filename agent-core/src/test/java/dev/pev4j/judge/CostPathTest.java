package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CostPathTest {

    private static CascadeCalibration calibrate(long seed) {
        JudgePanel.Answers answers = JudgePanel.draw(400, new SplittableRandom(seed));
        return Calibrator.of(0.15, 0.1)
                .withObjective(Calibrator.Objective.cheapestCoveringAsMuchAsStrongest())
                .calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());
    }

    @Test
    void
            a_cost_aware_calibration_tests_each_of_the_four_families_at_a_quarter_of_delta_and_survives_a_json_round_trip() {
        // given
        CascadeCalibration cal = calibrate(3);

        // when
        CascadeCalibration read = CascadeCalibration.fromJson(cal.toJson(), "<string>");

        // then
        assertThat(read).isEqualTo(cal);
        assertThat(cal.selection().family()).isEqualTo(Calibrator.Candidates.COST_PATH);
        assertThat(cal.selection().candidates()).hasSize(4);
        assertThat(cal.deltaPerCandidate()).isEqualTo(0.025);
        assertThat(cal.selection().reason())
                .startsWith("fixed-sequence test of 4 families at delta/4=0.0250 each certified ");
    }

    @Test
    void is_deterministic_for_the_same_items() {
        assertThat(calibrate(5)).isEqualTo(calibrate(5));
    }

    @Test
    void a_budget_objective_keeps_the_cost_per_calibration_item_within_it_when_it_can() {
        JudgePanel.Answers answers = JudgePanel.draw(400, new SplittableRandom(9));

        CascadeCalibration cal = Calibrator.of(0.15, 0.1)
                .withObjective(Calibrator.Objective.mostCoverageWithin(5.0))
                .calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());

        assertThat(cal.selection().chosenCandidate().costPerItem()).isLessThanOrEqualTo(5.0);
        assertThat(cal.accepted()).isPositive();
    }

    @Test
    void a_budget_no_certified_configuration_meets_gets_the_cheapest_certified_one() {
        JudgePanel.Answers answers = JudgePanel.draw(400, new SplittableRandom(9));
        Calibrator calibrator = Calibrator.of(0.15, 0.1);

        CascadeCalibration tight = calibrator
                .withObjective(Calibrator.Objective.mostCoverageWithin(0.5))
                .calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());
        CascadeCalibration loose = calibrator
                .withObjective(Calibrator.Objective.mostCoverageWithin(10.7))
                .calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());

        // every family asks the strongest judge (10 per call) about what the others leave, so 0.5 is out of reach
        assertThat(tight.selection().chosenCandidate().costPerItem()).isGreaterThan(0.5);
        assertThat(tight.selection().chosenCandidate().costPerItem())
                .isLessThanOrEqualTo(loose.selection().chosenCandidate().costPerItem());
        assertThat(loose.coverage()).isGreaterThanOrEqualTo(tight.coverage());
    }
}
