/**
 * The agent: {@link dev.pev4j.agent.Agent} runs plan → validate (repair) → execute → test → solve, replanning from
 * what failed within budgets (replans, repairs, steps per plan, model tokens, wall clock), never running again a step
 * whose result a new plan repeats exactly, and returns an {@link dev.pev4j.agent.AgentResult} with the answer, every
 * attempt, the verdicts, token usage per role, timings and why it stopped. The trace serialises to JSON and a passing
 * run exports as a chat-format fine-tuning record.
 */
@NullMarked
package dev.pev4j.agent;

import org.jspecify.annotations.NullMarked;
