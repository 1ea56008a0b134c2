package dev.pev4j.internal.solver;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.TokenUsage;
import java.util.Objects;

/** The solver's answer, the request that produced it and its token cost. Immutable and thread-safe. */
public record Solution(String answer, LlmRequest request, TokenUsage usage) {

    public Solution {
        Objects.requireNonNull(answer, "answer == null");
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(usage, "usage == null");
    }
}
