package dev.pev4j.examples.bench;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model whose replies report token usage counted by {@link Cl100k} (the request's messages in, the reply out),
 * whatever the wrapped model reports, and which records every call with the role that asked. Thread-safe.
 */
final class CountingLlm implements LocalLlm {

    /** One call: who asked (see {@link Role#of}) and the tokens read and written. */
    record Call(Role role, int inputTokens, int outputTokens) {
        Call {
            Objects.requireNonNull(role, "role == null");
        }
    }

    private final LocalLlm delegate;
    private final Cl100k tokens;
    private final List<Call> calls = new ArrayList<>();

    CountingLlm(LocalLlm delegate, Cl100k tokens) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.tokens = Objects.requireNonNull(tokens, "tokens == null");
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        LlmResponse reply = delegate.chat(request);
        TokenUsage usage = new TokenUsage(tokens.countChat(request.messages()), tokens.count(reply.text()));
        synchronized (calls) {
            calls.add(new Call(Role.of(request), usage.inputTokens(), usage.outputTokens()));
        }
        return new LlmResponse(reply.text(), usage, reply.finishReason(), reply.logprobs());
    }

    @Override
    public LlmCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String name() {
        return delegate.name() + "+" + Cl100k.NAME;
    }

    /** The calls so far, oldest first. */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls after the first {@code from}, oldest first. */
    List<Call> callsSince(int from) {
        synchronized (calls) {
            return List.copyOf(calls.subList(from, calls.size()));
        }
    }
}
