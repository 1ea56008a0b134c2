/**
 * The worker: the built-in {@code llm} tool (ReWOO's {@code LLM[...]} worker), a plan step that asks a model to
 * extract, classify or summarise from the bounded previews of earlier evidence, from the versioned prompt resource
 * {@code worker-v1.txt}; with a JSON schema, its result is the reply's JSON value.
 */
@NullMarked
package dev.pev4j.internal.worker;

import org.jspecify.annotations.NullMarked;
