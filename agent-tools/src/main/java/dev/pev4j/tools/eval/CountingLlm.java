package dev.pev4j.tools.eval;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model seen through an evaluation: counts the calls of one task and declares the capabilities the plan format
 * asks for (no JSON schema for {@link PlanFormat#TEXT}). Keeps the model's tokenizer and its bound on replies under a schema visible to
 * the planner. Thread-safe.
 */
class CountingLlm implements LocalLlm {

    private final LocalLlm model;
    private final LlmCapabilities capabilities;
    private final AtomicInteger calls = new AtomicInteger();

    CountingLlm(LocalLlm model, LlmCapabilities capabilities) {
        this.model = model;
        this.capabilities = capabilities;
    }

    static CountingLlm of(LocalLlm model, PlanFormat format) {
        LlmCapabilities caps = model.capabilities();
        if (format == PlanFormat.JSON && !caps.jsonSchema()) {
            throw new IllegalArgumentException("plan format json needs a backend that constrains replies to a JSON "
                    + "schema, and model '" + model.name() + "' cannot; use plan format text or auto");
        }
        if (format == PlanFormat.TEXT) {
            caps = new LlmCapabilities(false, caps.logprobs(), caps.seed(), caps.contextWindow());
        }
        return model instanceof TokenCounter counter
                ? new WithTokenizer(model, caps, counter)
                : new CountingLlm(model, caps);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        calls.incrementAndGet();
        return model.chat(request);
    }

    @Override
    public LlmCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public OptionalInt replyTokenBound(String jsonSchema) {
        return model.replyTokenBound(jsonSchema);
    }

    /** The same, for a model with its own tokenizer. */
    static final class WithTokenizer extends CountingLlm implements TokenCounter {
        private final TokenCounter counter;

        WithTokenizer(LocalLlm model, LlmCapabilities capabilities, TokenCounter counter) {
            super(model, capabilities);
            this.counter = counter;
        }

        @Override
        public int count(String text) {
            return counter.count(text);
        }
    }
}
