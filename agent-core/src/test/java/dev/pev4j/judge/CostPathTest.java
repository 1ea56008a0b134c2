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
    void a_cost_aware_calibration_tests_every_candidate_at_delta_and_survives_a_json_round_trip() {
        // given
        CascadeCalibration cal = calibrate(3);

        // when
        CascadeCalibration read = CascadeCalibration.fromJson(cal.toJson(), "<string>");

        // then
        assertThat(read).isEqualTo(cal);
        assertThat(cal.selection().family()).isEqualTo(Calibrator.Candidates.COST_PATH);
        assertThat(cal.deltaPerCandidate()).isEqualTo(0.1);
        assertThat(cal.selection().reason()).startsWith("fixed-sequence test on 280 held-out items certified ");
    }

    @Test
    void is_deterministic_for_the_same_items() {
        assertThat(calibrate(5)).isEqualTo(calibrate(5));
    }

    @Test
    void a_budget_objective_keeps_the_cost_per_calibration_item_within_it_when_it_can() {
        JudgePanel.Answers answers = JudgePanel.draw(400, new SplittableRandom(9));

        CascadeCalibration cal = Calibrator.of(0.15, 0.1)
                .withObjective(Calibrator.Objective.mostCoverageWithin(3.0))
                .calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());

        assertThat(cal.selection().chosenCandidate().costPerItem()).isLessThanOrEqualTo(3.0);
        assertThat(cal.accepted()).isPositive();
    }
}
