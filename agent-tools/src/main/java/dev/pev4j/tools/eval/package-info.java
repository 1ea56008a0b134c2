/**
 * The evaluation harness: how well a model plans and solves the tasks of a suite. A {@link
 * dev.pev4j.tools.eval.EvalSuite} holds tasks with data files, a reference plan and the expected answer; an {@link
 * dev.pev4j.tools.eval.Evaluation} runs the agent on each task with a given model and settings and scores plan parses,
 * plan validity, plan-graph isomorphism to the reference (TinyAgent's metric, strict and relaxed, see {@link
 * dev.pev4j.tools.eval.PlanGraphs}), answer correctness and tester agreement, with Wilson intervals; results go to
 * JSON, a resumable JSONL checkpoint, an HTML page comparing runs, and fine-tuning records.
 */
@NullMarked
package dev.pev4j.tools.eval;

import org.jspecify.annotations.NullMarked;
