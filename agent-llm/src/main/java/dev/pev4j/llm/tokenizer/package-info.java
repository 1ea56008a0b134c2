/**
 * Token counting for models served elsewhere: {@link dev.pev4j.llm.tokenizer.HfTokenizerCounter} counts tokens with a
 * model's own {@code tokenizer.json} through DJL's binding of the HuggingFace tokenizers library, so prompts for an
 * Ollama or OpenAI-compatible server are fitted to its context window by the server model's real tokenizer.
 */
@NullMarked
package dev.pev4j.llm.tokenizer;

import org.jspecify.annotations.NullMarked;
