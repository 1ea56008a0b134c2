package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JudgeCascadeTest {

    private static final JudgeRequest REQUEST = new JudgeRequest("Total revenue by region", "every region once", "...");

    private static CascadeCalibration calibration(JudgeCalibration... judges) {
        return new CascadeCalibration(0.1, 0.1, 30, 1000, 100, List.of(judges));
    }

    private static final JudgeCalibration SMALL = new JudgeCalibration("small", 0.9, 100, 40, 39, 0.05);
    private static final JudgeCalibration LARGE = new JudgeCalibration("large", 0.8, 60, 30, 29, 0.08);

    @Test
    void accepts_the_verdict_of_the_first_judge_confident_enough() {
        // given
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.95);
        FixedJudge large = new FixedJudge("large", Judgement.Decision.FAIL, 0.99);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small, 0.5)
                .judge(large, 7)
                .calibration(calibration(SMALL, LARGE))
                .build();

        // when
        Judgement j = cascade.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isEqualTo(0.95);
        assertThat(j.confidencesSeen()).containsExactly(0.95);
        assertThat(j.reason()).isEqualTo("small (confidence 0.950 >= threshold 0.900): fixed");
        assertThat(large.calls.get()).isZero();
        assertThat(cascade.costOf(j)).isEqualTo(0.5);
    }

    @Test
    void escalates_when_a_judge_is_not_confident_enough() {
        // given
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.7);
        FixedJudge large = new FixedJudge("large", Judgement.Decision.FAIL, 0.85);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small, 0.5)
                .judge(large, 7)
                .calibration(calibration(SMALL, LARGE))
                .build();

        // when
        Judgement j = cascade.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.FAIL);
        assertThat(j.confidencesSeen()).containsExactly(0.7, 0.85);
        assertThat(j.usage()).isEqualTo(new TokenUsage(20, 2));
        assertThat(j.reason()).isEqualTo("large (confidence 0.850 >= threshold 0.800): fixed");
        assertThat(cascade.costOf(j)).isEqualTo(7.5);
    }

    @Test
    void abstains_with_the_confidences_seen_when_no_judge_is_confident_enough() {
        // given
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.7);
        FixedJudge large = new FixedJudge("large", Judgement.Decision.ABSTAIN, 0.0);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small)
                .judge(large)
                .calibration(calibration(SMALL, LARGE))
                .build();

        // when
        Judgement j = cascade.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.ABSTAIN);
        assertThat(j.confidence()).isEqualTo(0.7);
        assertThat(j.confidencesSeen()).containsExactly(0.7, 0.0);
        assertThat(j.reason())
                .isEqualTo("needs human review: no judge reached its threshold; small needs 0.900, large abstained");
    }

    @Test
    void an_abstaining_judge_is_never_trusted_whatever_its_confidence() {
        FixedJudge small = new FixedJudge("small", Judgement.Decision.ABSTAIN, 0.99);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small)
                .calibration(calibration(new JudgeCalibration("small", 0.9, 100, 40, 39, 0.05)))
                .build();

        assertThat(cascade.judge(REQUEST).decision()).isEqualTo(Judgement.Decision.ABSTAIN);
    }

    @Test
    void does_not_ask_a_judge_that_is_calibrated_never_to_accept() {
        // given
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.99);
        FixedJudge large = new FixedJudge("large", Judgement.Decision.PASS, 0.9);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small, 0.5)
                .judge(large, 7)
                .calibration(calibration(
                        JudgeCalibration.neverAccepts("small", 100),
                        new JudgeCalibration("large", 0.8, 100, 30, 29, 0.08)))
                .build();

        // when
        Judgement j = cascade.judge(REQUEST);

        // then
        assertThat(small.calls.get()).isZero();
        assertThat(j.confidencesSeen()).containsExactly(0.9);
        assertThat(cascade.costOf(j)).isEqualTo(7.0);
        assertThat(cascade.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8);
    }

    @Test
    void abstains_at_once_when_no_judge_may_ever_be_trusted() {
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.99);
        JudgeCascade cascade = JudgeCascade.builder()
                .judge(small)
                .calibration(calibration(JudgeCalibration.neverAccepts("small", 100)))
                .build();

        Judgement j = cascade.judge(REQUEST);

        assertThat(j.decision()).isEqualTo(Judgement.Decision.ABSTAIN);
        assertThat(j.confidencesSeen()).isEmpty();
        assertThat(j.reason())
                .isEqualTo("needs human review: no judge of the cascade is calibrated to be trusted at alpha=0.1");
        assertThat(cascade.costOf(j)).isZero();
        assertThat(small.calls.get()).isZero();
    }

    @Test
    void refuses_a_calibration_for_other_judges() {
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.9);
        FixedJudge other = new FixedJudge("other", Judgement.Decision.PASS, 0.9);

        assertThatThrownBy(() -> JudgeCascade.builder()
                        .judge(small)
                        .calibration(calibration(SMALL, LARGE))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The calibration is for 2 judges but the cascade has 1; calibrate these judges, "
                        + "in this order.");
        assertThatThrownBy(() -> JudgeCascade.builder()
                        .judge(small)
                        .judge(other)
                        .calibration(calibration(SMALL, LARGE))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Judge 2 is 'other' but the calibration's judge 2 is 'large'; calibrate these judges, "
                        + "in this order.");
        assertThatThrownBy(() -> JudgeCascade.builder().judge(small).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A cascade needs a calibration; calibrate its judges with Calibrator or load one.");
        assertThatThrownBy(() -> JudgeCascade.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A cascade needs at least one judge; add one with judge(...).");
        assertThatThrownBy(() -> JudgeCascade.builder().judge(small, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("costPerCall must be >= 0 and finite but was -1.0");
    }

    @Test
    void is_named_after_its_size_unless_named() {
        FixedJudge small = new FixedJudge("small", Judgement.Decision.PASS, 0.9);
        CascadeCalibration cal = calibration(new JudgeCalibration("small", 0.9, 100, 40, 39, 0.05));

        assertThat(JudgeCascade.builder().judge(small).calibration(cal).build().name())
                .isEqualTo("cascade of 1");
        assertThat(JudgeCascade.builder()
                        .judge(small)
                        .calibration(cal)
                        .name("checker")
                        .build()
                        .name())
                .isEqualTo("checker");
    }

    /** A judge that always gives the same judgement and counts its calls. */
    private static final class FixedJudge implements Judge {
        final String name;
        final Judgement judgement;
        final AtomicInteger calls = new AtomicInteger();

        FixedJudge(String name, Judgement.Decision decision, double confidence) {
            this.name = name;
            this.judgement = Judgement.of(decision, confidence, "fixed", new TokenUsage(10, 1));
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            calls.incrementAndGet();
            return judgement;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
