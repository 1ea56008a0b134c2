package dev.pev4j.llm;

/**
 * Counts tokens the way one model's tokenizer does, so that prompts are fitted to that model's context window.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenCounter {

    /** The number of tokens {@code text} encodes to, without any special tokens. */
    int count(String text);
}
