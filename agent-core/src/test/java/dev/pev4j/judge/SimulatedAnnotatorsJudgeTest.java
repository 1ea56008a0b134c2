package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.TokenLogprob;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SimulatedAnnotatorsJudgeTest {

    private static final JudgeRequest REQUEST =
            new JudgeRequest("Total revenue by region", "every region appears once", "north 10, south 12, east 7");

    private static List<LabelledItem> examples(int count) {
        List<LabelledItem> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new LabelledItem(new JudgeRequest("task " + i, "criterion " + i, "evidence " + i), i % 2 == 0));
        }
        return out;
    }

    /** The letter that means "holds" in this prompt. */
    private static String holdsLetter(LlmRequest request) {
        return request.lastUserText().contains("A: the criterion holds") ? "A" : "B";
    }

    private static String failsLetter(LlmRequest request) {
        return holdsLetter(request).equals("A") ? "B" : "A";
    }

    @Test
    void without_logprobs_confidence_is_the_vote_share_over_samples() {
        // given a model that says "holds" in 3 of every 5 samples
        AtomicInteger call = new AtomicInteger();
        ScriptedLlm llm = ScriptedLlm.answering(r -> call.getAndIncrement() % 5 < 3 ? holdsLetter(r) : failsLetter(r));
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(9))
                .build();

        // when
        Judgement j = judge.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(j.confidencesSeen()).containsExactly(j.confidence());
        assertThat(j.reason()).isEqualTo("3 of 3 annotators say the criterion holds (mean probability 0.600)");
        List<LlmRequest> requests = llm.requests();
        assertThat(requests).hasSize(15);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.temperature()).isEqualTo(0.8);
            assertThat(r.topLogprobs()).isZero();
        });
        Set<Long> seeds = new HashSet<>();
        requests.forEach(r -> seeds.add(r.seed()));
        assertThat(seeds).hasSize(15);
        assertThat(j.usage().totalTokens()).isPositive();
    }

    @Test
    void reads_answers_wrapped_in_prose() {
        ScriptedLlm llm = ScriptedLlm.answering(r -> "The answer is " + failsLetter(r) + ". A region is missing.");
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(3))
                .build();

        Judgement j = judge.judge(REQUEST);

        assertThat(j.decision()).isEqualTo(Judgement.Decision.FAIL);
        assertThat(j.confidence()).isEqualTo(1.0);
    }

    @Test
    void an_annotator_without_a_readable_answer_has_no_vote() {
        // given: the first annotator's five samples are unreadable, the others say "holds"
        AtomicInteger call = new AtomicInteger();
        ScriptedLlm llm = ScriptedLlm.answering(r -> call.getAndIncrement() < 5 ? "Hmm, hard to say." : holdsLetter(r));
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(9))
                .build();

        // when
        Judgement j = judge.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isEqualTo(1.0);
        assertThat(j.reason())
                .isEqualTo(
                        "2 of 3 annotators say the criterion holds (mean probability 1.000); 1 gave no readable answer");
    }

    @Test
    void abstains_when_no_annotator_gives_a_readable_answer() {
        ScriptedLlm llm = ScriptedLlm.answering(r -> "I cannot tell.");
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(3))
                .build();

        Judgement j = judge.judge(REQUEST);

        assertThat(j.decision()).isEqualTo(Judgement.Decision.ABSTAIN);
        assertThat(j.confidence()).isZero();
        assertThat(j.reason())
                .isEqualTo(
                        "no annotator gave a readable answer; expected the letter A or B, last reply: \"I cannot tell.\"");
    }

    @Test
    void with_logprobs_confidence_is_the_verdict_token_probability_averaged_over_both_option_orders() {
        // given a model that gives "holds" probability 0.8 when it is option A and 0.6 when it is option B
        LogprobLlm llm = new LogprobLlm(r -> {
            String holds = holdsLetter(r);
            double p = holds.equals("A") ? 0.8 : 0.6;
            return reply(holds, p, failsLetter(r));
        });
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(9))
                .build();

        // when
        Judgement j = judge.judge(REQUEST);

        // then
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isCloseTo(0.7, within(1e-12));
        assertThat(llm.requests).hasSize(6);
        assertThat(llm.requests).allSatisfy(r -> {
            assertThat(r.temperature()).isZero();
            assertThat(r.topLogprobs()).isEqualTo(5);
        });
        assertThat(llm.requests.get(0).lastUserText())
                .contains("A: the criterion holds\nB: the criterion does not hold");
        assertThat(llm.requests.get(1).lastUserText())
                .contains("A: the criterion does not hold\nB: the criterion holds");
    }

    @Test
    void prediction_is_the_majority_and_confidence_its_mean_probability() {
        // given annotators giving "holds" probabilities 0.9, 0.7 and 0.2 (one per annotator, same in both orders)
        double[] perAnnotator = {0.9, 0.7, 0.2};
        AtomicInteger call = new AtomicInteger();
        LogprobLlm llm = new LogprobLlm(r -> {
            double p = perAnnotator[call.getAndIncrement() / 2];
            return p >= 0.5 ? reply(holdsLetter(r), p, failsLetter(r)) : reply(failsLetter(r), 1 - p, holdsLetter(r));
        });
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(9))
                .build();

        // when
        Judgement j = judge.judge(REQUEST);

        // then: 2 of 3 say holds; mean probability of "holds" is (0.9 + 0.7 + 0.2) / 3
        assertThat(j.decision()).isEqualTo(Judgement.Decision.PASS);
        assertThat(j.confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(j.reason()).isEqualTo("2 of 3 annotators say the criterion holds (mean probability 0.600)");
    }

    @Test
    void finds_the_answer_token_after_whitespace_tokens_and_falls_back_to_the_text() {
        // given replies whose first token is a space, then one without log-probabilities at all
        AtomicInteger call = new AtomicInteger();
        LogprobLlm llm = new LogprobLlm(r -> {
            if (call.getAndIncrement() % 2 == 0) {
                TokenLogprob space = new TokenLogprob(" ", Math.log(0.99), List.of());
                TokenLogprob letter = new TokenLogprob(
                        holdsLetter(r),
                        Math.log(0.9),
                        List.of(
                                new TokenLogprob.Alternative(holdsLetter(r), Math.log(0.9)),
                                new TokenLogprob.Alternative(" " + failsLetter(r), Math.log(0.1))));
                return new LlmResponse(
                        " " + holdsLetter(r),
                        new TokenUsage(1, 2),
                        LlmResponse.FinishReason.STOP,
                        List.of(space, letter));
            }
            return new LlmResponse(holdsLetter(r), new TokenUsage(1, 1), LlmResponse.FinishReason.STOP);
        });
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(llm)
                .examples(examples(9))
                .build();

        // when
        Judgement j = judge.judge(REQUEST);

        // then: each annotator averages 0.9 (log-probabilities) and 1.0 (the text)
        assertThat(j.confidence()).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void each_annotator_sees_a_different_set_of_labelled_examples_with_answers_in_the_prompts_option_order() {
        // given
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(ScriptedLlm.replying())
                .examples(examples(9))
                .build();

        // when
        List<LabelledItem> first = judge.shotsFor(0);
        List<LabelledItem> second = judge.shotsFor(1);
        List<LabelledItem> third = judge.shotsFor(2);
        String prompt = judge.prompt(REQUEST, first, false);
        String swapped = judge.prompt(REQUEST, first, true);

        // then
        assertThat(first).hasSize(3).doesNotContainAnyElementsOf(second).doesNotContainAnyElementsOf(third);
        assertThat(second).doesNotContainAnyElementsOf(third);
        LabelledItem shot = first.get(0);
        String block = "Task: " + shot.request().task() + "\nCriterion: "
                + shot.request().criterion() + "\nEvidence:\n" + shot.request().evidence() + "\nAnswer: ";
        assertThat(prompt).contains(block + (shot.holds() ? "A" : "B"));
        assertThat(swapped).contains(block + (shot.holds() ? "B" : "A"));
        assertThat(prompt)
                .endsWith("Task: Total revenue by region\nCriterion: every region appears once\n"
                        + "Evidence:\nnorth 10, south 12, east 7\nAnswer:");
        assertThat(prompt).doesNotContain("{{").doesNotContain("# simulated-annotator");
    }

    @Test
    void puts_evidence_into_the_prompt_verbatim_even_when_it_looks_like_a_placeholder() {
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(ScriptedLlm.replying())
                .examples(examples(1))
                .build();
        JudgeRequest tricky = new JudgeRequest("t", "c", "{{task}} and {{unknown}}");

        assertThat(judge.prompt(tricky, judge.shotsFor(0), false)).contains("Evidence:\n{{task}} and {{unknown}}\n");
    }

    @Test
    void is_named_after_its_model() {
        SimulatedAnnotatorsJudge judge = SimulatedAnnotatorsJudge.builder()
                .llm(ScriptedLlm.replying())
                .examples(examples(1))
                .build();

        assertThat(judge.name()).isEqualTo("annotators(scripted)");
    }

    @Test
    void rejects_bad_settings() {
        assertThatThrownBy(() -> SimulatedAnnotatorsJudge.builder().annotators(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("annotators must be >= 1 but was 0");
        assertThatThrownBy(() -> SimulatedAnnotatorsJudge.builder().temperature(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be > 0 and <= 2 (samples must differ) but was 0.0");
        assertThatThrownBy(() ->
                        SimulatedAnnotatorsJudge.builder().examples(examples(1)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A SimulatedAnnotatorsJudge needs a model; set one with llm(...).");
        assertThatThrownBy(() -> SimulatedAnnotatorsJudge.builder()
                        .llm(ScriptedLlm.replying())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A SimulatedAnnotatorsJudge needs labelled examples for its annotators' prompts; "
                        + "add at least one with examples(...).");
    }

    private static LlmResponse reply(String letter, double p, String other) {
        TokenLogprob token = new TokenLogprob(
                letter,
                Math.log(p),
                List.of(
                        new TokenLogprob.Alternative(letter, Math.log(p)),
                        new TokenLogprob.Alternative(other, Math.log(1 - p))));
        return new LlmResponse(letter, new TokenUsage(100, 1), LlmResponse.FinishReason.STOP, List.of(token));
    }

    /** A fake model that reports log-probabilities, replying with whatever {@code responder} makes. */
    private static final class LogprobLlm implements LocalLlm {
        final List<LlmRequest> requests = new ArrayList<>();
        final Function<LlmRequest, LlmResponse> responder;

        LogprobLlm(Function<LlmRequest, LlmResponse> responder) {
            this.responder = responder;
        }

        @Override
        public synchronized LlmResponse generate(LlmRequest request) {
            requests.add(request);
            return responder.apply(request);
        }

        @Override
        public LlmCapabilities capabilities() {
            return new LlmCapabilities(false, true, true, 4096);
        }
    }
}
