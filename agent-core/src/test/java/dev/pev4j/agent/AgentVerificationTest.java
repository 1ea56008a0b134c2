package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.judge.Calibrator;
import dev.pev4j.judge.CascadeCalibration;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.report.RunReport;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What "verified" means: code-checked criteria, or judged ones whose judge is calibrated for the run's α and δ. */
class AgentVerificationTest {

    private static final String TASK = "What is the total of series a?";

    private static final String PLAN = """
            Plan: Read series a.
            #E1 = series("a")
            Plan: Add it up.
            #E2 = sum(#E1)
            Criteria:
            - %s
            - #E2 > 0
            """;

    private final AgentTools tools = new AgentTools();

    private static ScriptedLlm llm(String criterion) {
        return ScriptedLlm.replying(PLAN.formatted(criterion), "The total is 6.");
    }

    /** A judge whose confidence is written in the criterion: "... (sure)" 0.97, "... (unsure)" 0.6; always PASS. */
    private static final class WordJudge implements Judge {
        private final String name;

        WordJudge(String name) {
            this.name = name;
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            double confidence = request.criterion().endsWith("(sure)") ? 0.97 : 0.6;
            return Judgement.of(Judgement.Decision.PASS, confidence, "looks right", new TokenUsage(5, 1));
        }

        @Override
        public String name() {
            return name;
        }
    }

    /**
     * A cascade of one judge calibrated at alpha = delta = 0.1 on 200 labelled answers: on 100 it said 0.97 and was
     * always right, on 100 it said 0.6 and was right half the time; so 0.97 clears the threshold and 0.6 does not.
     */
    private static JudgeCascade calibratedCascade() {
        WordJudge judge = new WordJudge("word judge");
        double[][] confidences = new double[1][200];
        boolean[][] agreed = new boolean[1][200];
        for (int i = 0; i < 200; i++) {
            confidences[0][i] = i < 100 ? 0.97 : 0.6;
            agreed[0][i] = i < 100 || i % 2 == 0;
        }
        CascadeCalibration calibration = Calibrator.of(0.1, 0.1).calibrate(List.of(judge.name()), confidences, agreed);
        return JudgeCascade.builder().judge(judge).calibration(calibration).build();
    }

    @Test
    void a_judge_only_criterion_passed_by_an_uncalibrated_judge_is_never_verified() {
        // given: the judge passes at confidence 0.01 and claims no guarantee
        Agent agent = Agent.builder()
                .llm(llm("the total looks plausible"))
                .judge(Judges.uncalibratedPassing())
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.needsHumanReview()).isTrue();
        TestReport report = result.verdict().orElseThrow();
        assertThat(report.withoutGuarantee())
                .extracting(Verdict::criterion)
                .containsExactly("the total looks plausible");
        assertThat(report.verdicts())
                .extracting(Verdict::method)
                .containsExactly(Verdict.Method.JUDGE, Verdict.Method.CHECK);
        assertThat(report.reviewReasons()).containsExactly("the total looks plausible: judged without a guarantee");
        assertThat(result.stopReason().message())
                .isEqualTo("solved in 1 attempt; needs human review: 1 of 2 criteria "
                        + "judged without a guarantee (the judge is not calibrated for the run's alpha and delta)");
    }

    @Test
    void the_trace_and_the_report_mark_criteria_judged_without_a_guarantee() throws Exception {
        // given
        AgentResult result = Agent.builder()
                .llm(llm("the total looks plausible"))
                .judge(Judges.uncalibratedPassing())
                .tools(tools)
                .build()
                .run(TASK);

        // when
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        String html = RunReport.of(result).html();

        // then
        assertThat(json.at("/verified").asBoolean()).isFalse();
        assertThat(json.at("/needsHumanReview").asBoolean()).isTrue();
        assertThat(json.at("/verdict/verdicts/0/method").asText()).isEqualTo("JUDGE");
        assertThat(json.at("/verdict/verdicts/0/guaranteed").asBoolean()).isFalse();
        assertThat(json.at("/verdict/verdicts/1/guaranteed").asBoolean()).isTrue();
        assertThat(json.at("/verdict/withoutGuarantee/0").asText()).isEqualTo("the total looks plausible");
        assertThat(json.at("/verdict/acceptsWithoutGuarantee").asBoolean()).isFalse();
        assertThat(html)
                .contains("1 criterion judged without a guarantee: needs human review")
                .contains("judge, no guarantee");
    }

    @Test
    void a_user_who_opts_out_gets_verified_but_the_trace_still_says_no_guarantee() throws Exception {
        // given
        Agent agent = Agent.builder()
                .llm(llm("the total looks plausible"))
                .judge(Judges.uncalibratedPassing())
                .acceptJudgementsWithoutGuarantee()
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.verified()).isTrue();
        assertThat(result.needsHumanReview()).isFalse();
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.at("/verdict/verdicts/0/guaranteed").asBoolean()).isFalse();
        assertThat(json.at("/verdict/acceptsWithoutGuarantee").asBoolean()).isTrue();
        assertThat(RunReport.of(result).html()).contains("judged without a guarantee (accepted by the user)");
    }

    @Test
    void the_default_llm_judge_is_uncalibrated_so_its_pass_needs_review() {
        // given: the tester's model passes the criterion with confidence 0.01
        ScriptedLlm tester =
                ScriptedLlm.replying("{\"verdict\": \"pass\", \"confidence\": 0.01, \"reason\": \"maybe\"}");
        Agent agent = Agent.builder()
                .llm(llm("the total looks plausible"))
                .testerLlm(tester)
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.verified()).isFalse();
        assertThat(result.needsHumanReview()).isTrue();
    }

    @Test
    void a_calibrated_cascade_verifies_a_confident_judgement() {
        // given
        Agent agent = Agent.builder()
                .llm(llm("the total is the sum of series a (sure)"))
                .judge(calibratedCascade())
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.verified()).isTrue();
        assertThat(result.needsHumanReview()).isFalse();
        Verdict judged = result.verdict().orElseThrow().verdicts().get(0);
        assertThat(judged.method()).isEqualTo(Verdict.Method.CALIBRATED_JUDGE);
        assertThat(judged.status()).isEqualTo(Verdict.Status.PASSED);
        assertThat(judged.reason()).startsWith("word judge (confidence 0.970 >= threshold ");
    }

    @Test
    void a_calibrated_cascade_abstains_on_an_unsure_judgement_so_the_run_needs_review() {
        // given
        Agent agent = Agent.builder()
                .llm(llm("the total is the sum of series a (unsure)"))
                .judge(calibratedCascade())
                .judgeRisk(0.1, 0.1)
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.verified()).isFalse();
        assertThat(result.needsHumanReview()).isTrue();
        Verdict judged = result.verdict().orElseThrow().verdicts().get(0);
        assertThat(judged.status()).isEqualTo(Verdict.Status.ABSTAINED);
        assertThat(judged.reason())
                .startsWith("needs human review: no judge reached its threshold; word judge needs ")
                .endsWith("(confidences seen: 0.60)");
        assertThat(result.stopReason().message())
                .isEqualTo("solved in 1 attempt; needs human review: the tester abstained on 1 of 2 criteria");
    }

    @Test
    void a_cascade_calibrated_less_strictly_than_the_run_requires_is_refused() {
        // given
        Agent.Builder builder = Agent.builder()
                .llm(llm("x"))
                .judge(calibratedCascade())
                .judgeRisk(0.05, 0.1)
                .tools(tools);

        // when / then
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The judge 'cascade of 1' is calibrated at alpha=0.1, delta=0.1 but the agent requires "
                        + "alpha=0.05, delta=0.1; calibrate it at alpha <= 0.05 and delta <= 0.1, or set "
                        + "judgeRisk(0.1, 0.1).");
    }

    @Test
    void a_cascade_calibrated_more_strictly_than_the_run_requires_counts() {
        // given
        Agent agent = Agent.builder()
                .llm(llm("the total is the sum of series a (sure)"))
                .judge(calibratedCascade())
                .judgeRisk(0.2, 0.2)
                .tools(tools)
                .build();

        // when / then
        assertThat(agent.run(TASK).verified()).isTrue();
    }
}
