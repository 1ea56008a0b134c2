package dev.pev4j.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.llm.ModelJson;
import dev.pev4j.internal.llm.ModelOutputException;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A judge that asks a model once whether the criterion holds, at temperature 0, and takes the model's stated
 * confidence (clamped to [0, 1]) as its own. When the model supports JSON schemas the reply is constrained to
 * {@code {"verdict": "pass"|"fail", "confidence": number, "reason": string}}; otherwise the JSON is read out of whatever
 * the model wrote. A reply that holds no readable verdict is an abstention whose reason quotes the reply. Immutable and
 * thread-safe when the model is.
 *
 * <pre>{@code
 * Judge judge = new LlmJudge(llm);
 * Tester tester = Tester.builder().judge(judge).build();
 * }</pre>
 *
 * <p>The prompt is the resource {@code dev/pev4j/judge/llm-judge-v1.txt}, with {@code {{task}}}, {@code {{criterion}}} and
 * {@code {{evidence}}} filled in.
 */
public final class LlmJudge implements Judge {

    /** The prompt's version: a changed prompt is a new file, so that results stay comparable. */
    public static final String PROMPT_RESOURCE = "llm-judge-v1.txt";

    static final String SCHEMA = "{\"type\": \"object\", \"properties\": {"
            + "\"verdict\": {\"type\": \"string\", \"enum\": [\"pass\", \"fail\"]}, "
            + "\"confidence\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1}, "
            + "\"reason\": {\"type\": \"string\", \"maxLength\": 300}}, "
            + "\"required\": [\"verdict\", \"confidence\", \"reason\"], \"additionalProperties\": false}";

    private static final PromptTemplate PROMPT = PromptTemplate.load(LlmJudge.class, PROMPT_RESOURCE);
    private static final int DEFAULT_MAX_TOKENS = 160;
    private static final int MAX_REASON_CHARS = 300;

    private final LocalLlm llm;
    private final int maxTokens;

    /** Asks {@code llm}, with room for a reply of 160 tokens. */
    public LlmJudge(LocalLlm llm) {
        this(llm, DEFAULT_MAX_TOKENS);
    }

    /** Asks {@code llm}, with room for a reply of {@code maxTokens} tokens (the reason is at most 300 characters). */
    public LlmJudge(LocalLlm llm, int maxTokens) {
        this.llm = Objects.requireNonNull(llm, "llm == null");
        Checks.atLeast("maxTokens", maxTokens, 16);
        this.maxTokens = maxTokens;
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        Objects.requireNonNull(request, "request == null");
        LlmRequest.Builder ask =
                LlmRequest.builder().user(prompt(request)).temperature(0.0).maxTokens(maxTokens);
        if (llm.capabilities().jsonSchema()) {
            ask.jsonSchema(SCHEMA);
        }
        LlmResponse response = llm.chat(ask.build());
        try {
            return read(response);
        } catch (ModelOutputException e) {
            return new Judgement(
                    Judgement.Decision.ABSTAIN,
                    0.0,
                    "the judge's reply could not be read: " + e.getMessage(),
                    List.of(),
                    response.usage());
        }
    }

    @Override
    public String name() {
        return llm.name() + " judge";
    }

    /** The prompt for {@code request}: the template with its placeholders filled in, in one pass. */
    static String prompt(JudgeRequest request) {
        return PROMPT.fill(
                Map.of("task", request.task(), "criterion", request.criterion(), "evidence", request.evidence()));
    }

    private static Judgement read(LlmResponse response) {
        String reply = response.text();
        JsonNode json = ModelJson.read(reply, ObjectNode.class);
        Judgement.Decision decision = decision(json.get("verdict"));
        if (decision == null) {
            throw refused(reply, "\"verdict\" is " + shown(json.get("verdict")));
        }
        JsonNode stated = json.get("confidence");
        double confidence;
        if (stated != null && stated.isNumber()) {
            confidence = stated.asDouble();
        } else if (stated != null && stated.isTextual()) {
            try {
                confidence = Double.parseDouble(stated.asText().strip());
            } catch (NumberFormatException e) {
                throw refused(reply, "\"confidence\" is " + shown(stated));
            }
        } else {
            throw refused(reply, "\"confidence\" is " + shown(stated));
        }
        if (Double.isNaN(confidence)) {
            throw refused(reply, "\"confidence\" is NaN");
        }
        confidence = Math.max(0.0, Math.min(1.0, confidence));
        JsonNode why = json.get("reason");
        String reason = why == null || why.isNull() || why.asText().isBlank()
                ? "(no reason given)"
                : why.asText().strip();
        if (reason.length() > MAX_REASON_CHARS) { // the schema bounds it; a model without one may ramble
            reason = reason.substring(0, MAX_REASON_CHARS - 3) + "...";
        }
        return Judgement.of(decision, confidence, reason, response.usage());
    }

    private static Judgement.@Nullable Decision decision(@Nullable JsonNode verdict) {
        if (verdict == null) {
            return null;
        }
        if (verdict.isBoolean()) {
            return verdict.asBoolean() ? Judgement.Decision.PASS : Judgement.Decision.FAIL;
        }
        return switch (verdict.asText().strip().toLowerCase(Locale.ROOT)) {
            case "pass", "passed", "yes", "true", "holds" -> Judgement.Decision.PASS;
            case "fail", "failed", "no", "false" -> Judgement.Decision.FAIL;
            default -> null;
        };
    }

    private static String shown(@Nullable JsonNode node) {
        return node == null ? "missing" : node.toString();
    }

    private static ModelOutputException refused(String reply, String problem) {
        String expected = "{\"verdict\": \"pass\"|\"fail\", \"confidence\": 0..1, \"reason\": \"...\"}";
        String shown = reply.strip().replace("\r", "").replace("\n", "\\n");
        if (shown.length() > 200) {
            shown = shown.substring(0, 197) + "...";
        }
        return new ModelOutputException(
                "expected " + expected + " but " + problem + "; the reply was: '" + shown + "'", reply, expected, null);
    }

    /**
     * Pairwise preference judging, the task Trust or Escalate evaluates: is response A better than response B for
     * this prompt? It wraps any pass/fail judge (an {@link LlmJudge}, a {@link SimulatedAnnotatorsJudge}, a replay of
     * recorded answers) and asks it twice, with the responses in both orders (position swapping), since judges favour
     * a position. {@code PASS} means A is better, {@code FAIL} that B is. Thread-safe when the inner judge is.
     *
     * <p>Each order gives a probability that A is better: the inner judge's confidence when it picks A, one minus it
     * when it picks B, an abstention 0.5. The judgement is their mean: A when it is at least 0.5, with confidence
     * {@code max(p, 1 - p)}. When the two orders disagree, the probabilities cancel towards 0.5 and the confidence is
     * low, so a calibrated threshold does not accept it; when both orders abstain, so does this judge. Because its
     * answers are pass/fail judgements with confidences, a cascade of pairwise judges is calibrated by
     * {@link Calibrator} like any other, on {@link Comparison#labelled human-labelled comparisons}.
     *
     * <pre>{@code
     * Judge small = new LlmJudge.Pairwise(new LlmJudge(smallModel));
     * Judgement j = small.judge(new LlmJudge.Pairwise.Comparison(prompt, answerA, answerB).request());
     * }</pre>
     */
    public static final class Pairwise implements Judge {

        /** The criterion of every pairwise request; a request with another criterion is not a comparison. */
        public static final String CRITERION = "Response A is better than response B";

        private final Judge inner;

        public Pairwise(Judge inner) {
            this.inner = Objects.requireNonNull(inner, "inner == null");
        }

        /**
         * Two responses to one prompt. {@link #request()} encodes it as a judge request: the prompt as the task,
         * {@link #CRITERION} as the criterion, the two responses (with their lengths, so either may hold any text) as
         * the evidence.
         */
        public record Comparison(String prompt, String responseA, String responseB) {

            private static final String A = "Response A (";
            private static final String B = "Response B (";
            private static final String CHARS = " characters):\n";

            public Comparison {
                Objects.requireNonNull(prompt, "prompt == null");
                Objects.requireNonNull(responseA, "responseA == null");
                Objects.requireNonNull(responseB, "responseB == null");
            }

            /** This comparison as a request to a pass/fail judge: does "response A is better" hold? */
            public JudgeRequest request() {
                return new JudgeRequest(
                        prompt,
                        CRITERION,
                        A + responseA.length() + CHARS + responseA + "\n\n" + B + responseB.length() + CHARS
                                + responseB);
            }

            /** The same comparison with the responses in the other order. */
            public Comparison swapped() {
                return new Comparison(prompt, responseB, responseA);
            }

            /** A labelled comparison: {@code aBetter} is the human's preference. */
            public Calibrator.LabelledItem labelled(boolean aBetter) {
                return new Calibrator.LabelledItem(request(), aBetter);
            }

            /**
             * Reads a request made by {@link #request()}.
             *
             * @throws IllegalArgumentException when the request is not a comparison
             */
            public static Comparison of(JudgeRequest request) {
                String e = request.evidence();
                if (!CRITERION.equals(request.criterion()) || !e.startsWith(A)) {
                    throw new IllegalArgumentException("not a pairwise comparison: the criterion must be '" + CRITERION
                            + "' and the evidence start with '" + A + "' but the criterion was '"
                            + request.criterion() + "'");
                }
                int[] at = {A.length()};
                String a = take(e, at, A);
                String sep = "\n\n" + B;
                if (!e.startsWith(sep, at[0])) {
                    throw new IllegalArgumentException("not a pairwise comparison: no '" + B + "' after response A");
                }
                at[0] += sep.length();
                String b = take(e, at, B);
                if (at[0] != e.length()) {
                    throw new IllegalArgumentException("not a pairwise comparison: text after response B");
                }
                return new Comparison(request.task(), a, b);
            }

            private static String take(String e, int[] at, String label) {
                int end = e.indexOf(CHARS, at[0]);
                int length;
                try {
                    length = end < 0 ? -1 : Integer.parseInt(e.substring(at[0], end));
                } catch (NumberFormatException x) {
                    length = -1;
                }
                int from = end + CHARS.length();
                if (length < 0 || from + length > e.length()) {
                    throw new IllegalArgumentException(
                            "not a pairwise comparison: the length of '" + label.strip() + "' is not readable");
                }
                at[0] = from + length;
                return e.substring(from, from + length);
            }
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            Comparison comparison = Comparison.of(Objects.requireNonNull(request, "request == null"));
            Judgement asIs = inner.judge(comparison.request());
            Judgement swapped = inner.judge(comparison.swapped().request());
            return combine(asIs, swapped, inner.name());
        }

        /**
         * The judgement from the inner judge's answers on both orders: {@code asIs} with A first, {@code swapped}
         * with B first (its PASS means B is better).
         */
        public static Judgement combine(Judgement asIs, Judgement swapped, String judgeName) {
            double p1 = probabilityFirstBetter(asIs);
            double p2 = 1.0 - probabilityFirstBetter(swapped);
            TokenUsage usage = asIs.usage().plus(swapped.usage());
            if (asIs.decision() == Judgement.Decision.ABSTAIN && swapped.decision() == Judgement.Decision.ABSTAIN) {
                return new Judgement(
                        Judgement.Decision.ABSTAIN,
                        0.0,
                        judgeName + " abstained in both orders: " + asIs.reason(),
                        List.of(),
                        usage);
            }
            double p = 0.5 * (p1 + p2);
            boolean aBetter = p >= 0.5;
            boolean consistent = (p1 >= 0.5) == (p2 >= 0.5);
            String reason = String.format(
                    Locale.ROOT,
                    "%s prefers %s (A first: P(A better)=%.3f; B first: %.3f%s): %s",
                    judgeName,
                    aBetter ? "A" : "B",
                    p1,
                    p2,
                    consistent ? "" : "; the orders disagree, so the confidence is low",
                    asIs.reason());
            return Judgement.of(
                    aBetter ? Judgement.Decision.PASS : Judgement.Decision.FAIL, Math.max(p, 1.0 - p), reason, usage);
        }

        private static double probabilityFirstBetter(Judgement j) {
            return switch (j.decision()) {
                case PASS -> j.confidence();
                case FAIL -> 1.0 - j.confidence();
                case ABSTAIN -> 0.5;
            };
        }

        @Override
        public String name() {
            return inner.name() + " (pairwise)";
        }
    }
}
