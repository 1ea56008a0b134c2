/**
 * Writing GGUF model files: {@link dev.pev4j.llm.llamacpp.gguf.GgufWriter} streams a header, typed metadata and F32 or
 * Q8_0 tensors to disk, so tests and benchmarks can generate random-weight models of any shape that llama.cpp loads
 * (speed does not depend on weight values). It writes files; it does not train, convert or read models.
 */
@NullMarked
package dev.pev4j.llm.llamacpp.gguf;

import org.jspecify.annotations.NullMarked;
