/**
 * The model interface every backend implements. {@link dev.pev4j.llm.LocalLlm} has one method,
 * {@link dev.pev4j.llm.LocalLlm#generate}, taking an {@link dev.pev4j.llm.LlmRequest} (messages, token limit,
 * sampling, stop strings, seed, an optional JSON schema) and returning an {@link dev.pev4j.llm.LlmResponse} (text,
 * token usage, finish reason, log-probabilities where the backend has them). Backends declare what they can do in
 * {@link dev.pev4j.llm.LocalLlm.LlmCapabilities}; the roles ask, they never guess.
 */
@NullMarked
package dev.pev4j.llm;

import org.jspecify.annotations.NullMarked;
