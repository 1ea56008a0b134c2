package dev.pev4j.llm;

import dev.pev4j.internal.Bounds;
import dev.pev4j.internal.Checks;
import java.util.OptionalInt;

/**
 * A language model the agent can ask: an in-process llama.cpp model, an Ollama or OpenAI-compatible server, or a
 * scripted fake in tests.
 *
 * <p>A backend implements {@link #generate} and declares its {@link #capabilities()}. Callers go through
 * {@link #chat}, which checks the request against those capabilities once, for every backend, before the backend
 * sees it.
 *
 * <pre>{@code
 * LocalLlm llm = ...;
 * LlmResponse reply = llm.chat(LlmRequest.builder().user("Say hi").maxTokens(16).build());
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one model serves the planner, the tester and the solver of many runs. A call
 * blocks until the reply is complete; an interrupted caller gets an {@link LlmException} or a
 * {@link LlmResponse.FinishReason#CANCELLED} reply.
 */
@FunctionalInterface
public interface LocalLlm {

    /**
     * Generates a reply. Called through {@link #chat}, so the request already fits {@link #capabilities()}.
     *
     * @throws LlmException when the model cannot answer
     */
    LlmResponse generate(LlmRequest request);

    /** What this backend can do; plain text generation unless it declares more. */
    default LlmCapabilities capabilities() {
        return LlmCapabilities.TEXT_ONLY;
    }

    /** A short name for logs and traces, such as the model file or the server's model name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The most tokens a reply constrained to {@code jsonSchema} can have on this backend, end-of-generation token
     * included, or empty when the backend does not know (a server's grammar engine, a schema with an unbounded string
     * or list). A request whose {@code maxTokens} is at least this bound gets a reply that the token limit cannot cut
     * inside the JSON. Empty by default; a backend that declares it must hold to it for every reply.
     */
    default OptionalInt replyTokenBound(String jsonSchema) {
        return OptionalInt.empty();
    }

    /**
     * Checks the request against {@link #capabilities()}, then generates a reply. A reply longer than
     * {@code maxTokens} times 32 characters (a backend that ignored {@code maxTokens}) is cut there and marked
     * {@link LlmResponse.FinishReason#LENGTH}.
     *
     * @throws LlmException (not retriable) when the request asks for what this backend cannot do
     */
    default LlmResponse chat(LlmRequest request) {
        LlmCapabilities caps = capabilities();
        if (request.jsonSchema() != null && !caps.jsonSchema()) {
            throw new LlmException(
                    "model '" + name() + "' cannot constrain replies to a JSON schema; "
                            + "send the request without jsonSchema and parse the reply",
                    false);
        }
        if (request.topLogprobs() > 0 && !caps.logprobs()) {
            throw new LlmException(
                    "model '" + name() + "' does not report token log-probabilities; "
                            + "send the request with topLogprobs = 0",
                    false);
        }
        LlmResponse reply = generate(request);
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

    /**
     * What a backend can do, declared by the backend. Immutable and thread-safe.
     *
     * @param jsonSchema replies are constrained to a request's JSON schema
     * @param logprobs replies carry token log-probabilities when asked
     * @param seed a request's seed makes replies reproducible
     * @param contextWindow the most tokens prompt and reply may hold together, 0 when unknown
     */
    public record LlmCapabilities(boolean jsonSchema, boolean logprobs, boolean seed, int contextWindow) {

        /** Plain text generation, nothing more declared. */
        public static final LlmCapabilities TEXT_ONLY = new LlmCapabilities(false, false, false, 0);

        public LlmCapabilities {
            Checks.atLeast("contextWindow", contextWindow, 0);
        }
    }
}
