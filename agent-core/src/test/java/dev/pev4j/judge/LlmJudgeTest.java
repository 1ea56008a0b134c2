package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmJudgeTest {

    private static final JudgeRequest REQUEST =
            new JudgeRequest("Total revenue by region", "every region appears once", "#E1 = North 10, South 5");

    @Test
    void asks_once_at_temperature_zero_with_the_versioned_prompt_filled_in() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("{\"verdict\": \"pass\", \"confidence\": 0.8, \"reason\": \"ok\"}");

        // when
        new LlmJudge(llm).judge(REQUEST);

        // then
        assertThat(llm.requests()).hasSize(1);
        LlmRequest sent = llm.requests().get(0);
        assertThat(sent.temperature()).isEqualTo(0.0);
        assertThat(sent.maxTokens()).isEqualTo(160);
        assertThat(sent.jsonSchema()).isNull();
        assertThat(sent.messages()).hasSize(1);
        assertThat(sent.lastUserText())
                .startsWith("You check whether the result of a task meets one criterion.")
                .contains("Task: Total revenue by region\n\nCriterion: every region appears once\n\n"
                        + "Evidence:\n#E1 = North 10, South 5\n\n")
                .endsWith("{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"...\"}\n")
                .doesNotContain("{task}", "{criterion}", "{evidence}");
    }

    @Test
    void fills_in_each_placeholder_once_even_when_a_value_holds_another_placeholder() {
        // given
        JudgeRequest request = new JudgeRequest("say {criterion}", "x > {evidence}", "{task}");

        // when
        String prompt = LlmJudge.prompt(request);

        // then
        assertThat(prompt).contains("Task: say {criterion}\n\nCriterion: x > {evidence}\n\nEvidence:\n{task}\n");
    }

    @Test
    void sends_a_bounded_json_schema_when_the_model_can_follow_one() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("{\"verdict\": \"fail\", \"confidence\": 0.7, \"reason\": \"dupes\"}")
                .withCapabilities(new LlmCapabilities(true, false, false, 0));

        // when
        Judgement judgement = new LlmJudge(llm).judge(REQUEST);

        // then
        assertThat(llm.requests().get(0).jsonSchema())
                .isEqualTo("{\"type\": \"object\", \"properties\": {"
                        + "\"verdict\": {\"type\": \"string\", \"enum\": [\"pass\", \"fail\"]}, "
                        + "\"confidence\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1}, "
                        + "\"reason\": {\"type\": \"string\", \"maxLength\": 300}}, "
                        + "\"required\": [\"verdict\", \"confidence\", \"reason\"], \"additionalProperties\": false}");
        assertThat(judgement.decision()).isEqualTo(Judgement.Decision.FAIL);
        assertThat(judgement.confidence()).isEqualTo(0.7);
        assertThat(judgement.reason()).isEqualTo("dupes");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"verdict\": \"pass\", \"confidence\": 0.85, \"reason\": \"each region once\"}",
                "Looking at the evidence, I conclude:\n```json\n{\"verdict\": \"pass\", \"confidence\": 0.85, "
                        + "\"reason\": \"each region once\"}\n```",
                "{'verdict': 'PASS', 'confidence': 0.85, 'reason': 'each region once',}",
                "Verdict below.\n{verdict: 'pass', confidence: '0.85', reason: 'each region once'}",
            })
    void reads_the_verdict_however_the_json_is_wrapped(String reply) {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(reply);

        // when
        Judgement judgement = new LlmJudge(llm).judge(REQUEST);

        // then
        assertThat(judgement.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(judgement.confidence()).isEqualTo(0.85);
        assertThat(judgement.reason()).isEqualTo("each region once");
        assertThat(judgement.confidencesSeen()).containsExactly(0.85);
        assertThat(judgement.usage().inputTokens()).isPositive();
    }

    @Test
    void clamps_the_stated_confidence_to_between_0_and_1() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(
                "{\"verdict\": \"pass\", \"confidence\": 1.7, \"reason\": \"a\"}",
                "{\"verdict\": \"fail\", \"confidence\": -0.2, \"reason\": \"b\"}");
        LlmJudge judge = new LlmJudge(llm);

        // when / then
        assertThat(judge.judge(REQUEST).confidence()).isEqualTo(1.0);
        assertThat(judge.judge(REQUEST).confidence()).isEqualTo(0.0);
    }

    @Test
    void keeps_at_most_300_characters_of_the_reason() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(
                "{\"verdict\": \"pass\", \"confidence\": 0.6, \"reason\": \"" + "a".repeat(400) + "\"}");

        // when
        Judgement judgement = new LlmJudge(llm).judge(REQUEST);

        // then
        assertThat(judgement.reason()).isEqualTo("a".repeat(297) + "...");
    }

    @Test
    void abstains_quoting_the_reply_when_it_holds_no_json() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("I think it passes.");

        // when
        Judgement judgement = new LlmJudge(llm).judge(REQUEST);

        // then
        assertThat(judgement)
                .isEqualTo(new Judgement(
                        Judgement.Decision.ABSTAIN,
                        0.0,
                        "the judge's reply could not be read: expected a JSON object in the model's reply but found none; "
                                + "the reply was: 'I think it passes.'",
                        List.of(),
                        judgement.usage()));
        assertThat(judgement.usage().outputTokens()).isEqualTo(4);
    }

    @Test
    void abstains_when_the_verdict_or_the_confidence_is_not_one_it_knows() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(
                "{\"verdict\": \"maybe\", \"confidence\": 0.5, \"reason\": \"hmm\"}",
                "{\"verdict\": \"pass\", \"reason\": \"sure\"}");
        LlmJudge judge = new LlmJudge(llm);

        // when / then
        assertThat(judge.judge(REQUEST).reason())
                .isEqualTo(
                        "the judge's reply could not be read: expected "
                                + "{\"verdict\": \"pass\"|\"fail\", \"confidence\": 0..1, \"reason\": \"...\"} but \"verdict\" is "
                                + "\"maybe\"; the reply was: '{\"verdict\": \"maybe\", \"confidence\": 0.5, \"reason\": \"hmm\"}'");
        assertThat(judge.judge(REQUEST).reason())
                .isEqualTo("the judge's reply could not be read: expected "
                        + "{\"verdict\": \"pass\"|\"fail\", \"confidence\": 0..1, \"reason\": \"...\"} but \"confidence\" is "
                        + "missing; the reply was: '{\"verdict\": \"pass\", \"reason\": \"sure\"}'");
    }

    @Test
    void is_named_after_its_model_and_rejects_a_tiny_token_budget() {
        assertThat(new LlmJudge(ScriptedLlm.replying()).name()).isEqualTo("scripted judge");
        assertThatThrownBy(() -> new LlmJudge(ScriptedLlm.replying(), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be >= 16 but was 4");
    }
}
