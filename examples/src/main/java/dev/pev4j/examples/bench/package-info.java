/**
 * Benchmarks behind the numbers the README claims: the executor's parallel speed-up, llama.cpp decode speed, the
 * judge cascade's savings, and the agent's model calls and prompt tokens per solved task beside a ReAct loop on the
 * same scripted content. Each is a {@code main} that prints {@code name=value} lines; nothing here is API.
 */
@NullMarked
package dev.pev4j.examples.bench;

import org.jspecify.annotations.NullMarked;
