/**
 * Runnable examples, each a {@code main} that runs on the default local model (or {@code --model},
 * {@code --ollama}, {@code --openai-base-url}) and a static {@code run} method the tests call with a scripted model:
 * the DataOps agent on the bundled sales data ({@link dev.pev4j.examples.tutorial.SalesQuestion}), your own tools
 * planned ReWOO-style ({@link dev.pev4j.examples.tutorial.MovieQuestion}), a wide plan run in parallel with its
 * timeline ({@link dev.pev4j.examples.tutorial.ParallelPlan}) and a model server instead of the in-process model
 * ({@link dev.pev4j.examples.tutorial.ServerModel}). Calibrating a judge cascade is
 * {@link dev.pev4j.examples.judge.CalibrateCascade}.
 */
@NullMarked
package dev.pev4j.examples.tutorial;

import org.jspecify.annotations.NullMarked;
