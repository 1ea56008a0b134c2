/**
 * An in-process llama.cpp backend for {@link dev.pev4j.llm.LocalLlm}: {@link dev.pev4j.llm.llamacpp.LlamaCppLlm}
 * loads a GGUF model file through {@code de.kherud:llama} (llama.cpp build b4916), renders conversations with the
 * model's own chat template, constrains replies to JSON schemas with grammars, streams pieces to a
 * {@link dev.pev4j.llm.llamacpp.TokenListener}, and stops when its calling thread is interrupted. Model files are
 * checked before native code sees them, so a missing, foreign or truncated file fails with a
 * {@link dev.pev4j.llm.llamacpp.ModelFileException} that says what is wrong.
 */
@NullMarked
package dev.pev4j.llm.llamacpp;

import org.jspecify.annotations.NullMarked;
