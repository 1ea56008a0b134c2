package dev.pev4j.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.ModelJson;
import java.util.Locale;
import java.util.Objects;

/**
 * STAND-IN (branch agent): a judge that asks one model for {@code {"decision": "pass|fail|abstain", "confidence": 0.9,
 * "reason": "..."}}. The real class comes with its own branch and replaces this one. Thread-safe.
 */
public final class LlmJudge implements Judge {

    private final LocalLlm llm;

    public LlmJudge(LocalLlm llm) {
        this.llm = Objects.requireNonNull(llm, "llm == null");
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        LlmResponse reply = llm.chat(LlmRequest.builder()
                .system("You check whether a criterion holds. Answer with JSON: "
                        + "{\"decision\": \"pass\" | \"fail\" | \"abstain\", \"confidence\": 0..1, \"reason\": \"...\"}")
                .user("Task: " + request.task() + "\nCriterion: " + request.criterion() + "\nEvidence:\n"
                        + request.evidence())
                .maxTokens(256)
                .build());
        try {
            JsonNode node = ModelJson.read(reply.text());
            Judgement.Decision decision = Judgement.Decision.valueOf(
                    node.path("decision").asText("abstain").toUpperCase(Locale.ROOT));
            double confidence = Math.max(0.0, Math.min(1.0, node.path("confidence").asDouble(0.0)));
            return Judgement.of(decision, confidence, node.path("reason").asText(""), reply.usage());
        } catch (RuntimeException e) {
            return Judgement.of(Judgement.Decision.ABSTAIN, 0.0, "unreadable judge reply: " + e.getMessage(),
                    reply.usage());
        }
    }
}
