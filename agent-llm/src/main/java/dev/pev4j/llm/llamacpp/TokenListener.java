package dev.pev4j.llm.llamacpp;

/**
 * Receives a reply piece by piece while {@link LlamaCppLlm} generates it. The pieces, concatenated, are exactly the
 * reply's text: text that may begin a stop string is held back until it is known not to, and a stop string itself is
 * never delivered. Called on the generating thread; an exception thrown here is logged and generation goes on.
 */
@FunctionalInterface
public interface TokenListener {

    /** Called with the next piece of the reply, never empty. */
    void onToken(String piece);
}
