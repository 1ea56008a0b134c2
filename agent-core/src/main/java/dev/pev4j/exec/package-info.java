/**
 * Running plans: {@link dev.pev4j.exec.PlanExecutor} runs a validated plan as a dependency graph, each step as soon
 * as the steps it uses are done, independent steps in parallel, and keeps every step's outcome and a bounded preview
 * of its evidence for prompts.
 */
@NullMarked
package dev.pev4j.exec;

import org.jspecify.annotations.NullMarked;
