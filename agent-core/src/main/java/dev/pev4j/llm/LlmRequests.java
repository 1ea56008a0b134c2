package dev.pev4j.llm;

import dev.pev4j.internal.Bounds;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;

/** What {@link LocalLlm#chat} and {@link LocalLlm#stream} do around every backend, written once. */
final class LlmRequests {

    private LlmRequests() {}

    /** Fails when {@code request} asks for what {@code llm} cannot do. */
    static void check(LocalLlm llm, LlmRequest request) {
        LlmCapabilities caps = llm.capabilities();
        if (request.jsonSchema() != null && !caps.jsonSchema()) {
            throw new LlmException(
                    "model '" + llm.name() + "' cannot constrain replies to a JSON schema; "
                            + "send the request without jsonSchema and parse the reply",
                    false);
        }
        if (request.topLogprobs() > 0 && !caps.logprobs()) {
            throw new LlmException(
                    "model '" + llm.name() + "' does not report token log-probabilities; "
                            + "send the request with topLogprobs = 0",
                    false);
        }
    }

    /**
     * The reply, cut at {@code maxTokens} times {@link Bounds#REPLY_CHARS_PER_TOKEN} characters and marked
     * {@link LlmResponse.FinishReason#LENGTH} when a backend ignored {@code maxTokens}.
     */
    static LlmResponse bounded(LlmRequest request, LlmResponse reply) {
        long limit = (long) request.maxTokens() * Bounds.REPLY_CHARS_PER_TOKEN;
        if (reply.text().length() <= limit) {
            return reply;
        }
        // A backend that ignores maxTokens must not hand a runaway reply to the roles, the trace or the next prompt.
        return new LlmResponse(
                reply.text().substring(0, (int) limit),
                reply.usage(),
                LlmResponse.FinishReason.LENGTH,
                reply.logprobs().subList(0, Math.min(reply.logprobs().size(), request.maxTokens())));
    }
}
