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
}
