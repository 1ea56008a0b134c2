package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.judge.LlmJudge.Pairwise;
import dev.pev4j.judge.LlmJudge.Pairwise.Comparison;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairwiseJudgeTest {

    private static final Comparison PAIR = new Comparison("Sum 2 and 2", "4", "It is 5");

    /** An inner judge that says "the first response is better" when it is "4", and records what it was asked. */
    private static final class Recording implements Judge {
        final List<Comparison> asked = new ArrayList<>();
        final double confidence;
        final boolean alwaysFirst;

        Recording(double confidence, boolean alwaysFirst) {
            this.confidence = confidence;
            this.alwaysFirst = alwaysFirst;
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            Comparison c = Comparison.of(request);
            asked.add(c);
            boolean firstBetter = alwaysFirst || c.responseA().equals("4");
            return Judgement.of(
                    firstBetter ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                    confidence,
                    "because",
                    new TokenUsage(10, 2));
        }

        @Override
        public String name() {
            return "small";
        }
    }

    @Test
    void asks_the_inner_judge_in_both_orders_and_agrees_when_they_agree() {
        Recording inner = new Recording(0.9, false);

        Judgement j = new Pairwise(inner).judge(PAIR.request());

        assertThat(inner.asked).containsExactly(PAIR, PAIR.swapped());
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(j.usage()).isEqualTo(new TokenUsage(20, 4));
        assertThat(j.reason()).isEqualTo("small prefers A (A first: P(A better)=0.900; B first: 0.900): because");
    }

    @Test
    void a_judge_that_always_prefers_the_first_position_gets_confidence_one_half() {
        Judgement j = new Pairwise(new Recording(0.9, true)).judge(PAIR.request());

        assertThat(j.confidence()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(j.reason())
                .isEqualTo("small prefers A (A first: P(A better)=0.900; B first: 0.100; the orders disagree, so the"
                        + " confidence is low): because");
    }

    @Test
    void abstains_when_the_inner_judge_abstains_in_both_orders() {
        Judge abstaining =
                request -> new Judgement(Judgement.Decision.ABSTAIN, 0.0, "no verdict", List.of(), TokenUsage.ZERO);

        Judgement j = new Pairwise(abstaining).judge(PAIR.request());

        assertThat(j.decision()).isEqualTo(Judgement.Decision.ABSTAIN);
        assertThat(j.reason()).endsWith("abstained in both orders: no verdict");
    }

    @Test
    void a_comparison_survives_responses_that_quote_the_framing() {
        Comparison tricky = new Comparison("p", "x\n\nResponse B (3 characters):\nabc", "");

        assertThat(Comparison.of(tricky.request())).isEqualTo(tricky);
        assertThat(Comparison.of(tricky.swapped().request())).isEqualTo(tricky.swapped());
    }

    @Test
    void a_request_that_is_not_a_comparison_is_refused_with_the_criterion_named() {
        assertThatThrownBy(() -> new Pairwise(new Recording(0.9, false))
                        .judge(new JudgeRequest("t", "every region appears once", "rows")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a pairwise comparison: the criterion must be 'Response A is better than response B'"
                        + " and the evidence start with 'Response A (' but the criterion was 'every region appears"
                        + " once'");
    }

    @Test
    void pairwise_judges_calibrate_like_pass_fail_judges() {
        // given: 200 comparisons, the human prefers A on even ones; the judge is right except on every tenth
        List<Calibrator.LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(new Comparison("q" + i, "a" + i, "b" + i).labelled(i % 2 == 0));
        }
        Judge inner = request -> {
            Comparison c = Comparison.of(request);
            int i = Integer.parseInt(c.prompt().substring(1));
            boolean aFirst = c.responseA().startsWith("a");
            boolean humanPrefersFirst = (i % 2 == 0) == aFirst;
            boolean right = i % 10 != 3;
            return Judgement.of(
                    humanPrefersFirst == right ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                    right ? 0.95 : 0.6,
                    "r",
                    TokenUsage.ZERO);
        };

        // when
        CascadeCalibration cal = Calibrator.of(0.1, 0.1).calibrate(List.of(new Pairwise(inner)), items);

        // then: the wrong tenth is answered with confidence 0.6 in both orders and falls below the threshold
        assertThat(cal.judges().get(0).threshold()).isGreaterThan(0.6);
        assertThat(cal.coverage()).isEqualTo(0.9);
        assertThat(cal.agreement()).isEqualTo(1.0);
    }
}
