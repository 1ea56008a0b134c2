package dev.pev4j.llm;

import dev.pev4j.internal.Bounds;
import dev.pev4j.internal.Checks;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;

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

    /**
     * Generates a reply, handing its text to {@code pieces} as it is decoded; called through {@link #stream}. The
     * pieces, concatenated, are the reply's text. By default the whole reply comes as one piece once it is complete;
     * a backend that decodes token by token overrides this to hand over each piece as it comes.
     *
     * @throws LlmException when the model cannot answer
     */
    default LlmResponse generateStreaming(LlmRequest request, Consumer<String> pieces) {
        LlmResponse reply = generate(request);
        if (!reply.text().isEmpty()) {
            pieces.accept(reply.text());
        }
        return reply;
    }

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
        LlmRequests.check(this, request);
        return LlmRequests.bounded(request, generate(request));
    }

    /**
     * As {@link #chat}, handing the reply's text to {@code pieces} while the model decodes it (all at once at the end
     * for a backend that does not stream, see {@link #generateStreaming}). The pieces stop at the same bound as
     * {@code chat}'s reply; {@code pieces} is called on the generating thread, and what it throws ends the call.
     *
     * <pre>{@code
     * LlmResponse reply = llm.stream(request, piece -> System.out.print(piece));
     * }</pre>
     *
     * @throws LlmException (not retriable) when the request asks for what this backend cannot do
     */
    default LlmResponse stream(LlmRequest request, Consumer<String> pieces) {
        Objects.requireNonNull(pieces, "pieces == null");
        LlmRequests.check(this, request);
        long limit = (long) request.maxTokens() * Bounds.REPLY_CHARS_PER_TOKEN;
        long[] delivered = {0};
        LlmResponse reply = generateStreaming(request, piece -> {
            long room = limit - delivered[0];
            if (room <= 0 || piece.isEmpty()) {
                return;
            }
            String kept = piece.length() <= room ? piece : piece.substring(0, (int) room);
            delivered[0] += kept.length();
            pieces.accept(kept);
        });
        return LlmRequests.bounded(request, reply);
    }

    /**
     * Counts tokens the way one model's tokenizer does, so that prompts are fitted to that model's context window. A
     * backend that knows its tokenizer implements it beside {@link LocalLlm} (the planner then counts with it); a
     * standalone tokenizer can implement it alone. Implementations are thread-safe.
     */
    @FunctionalInterface
    public interface TokenCounter {

        /** The number of tokens {@code text} encodes to, without any special tokens. */
        int count(String text);
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
