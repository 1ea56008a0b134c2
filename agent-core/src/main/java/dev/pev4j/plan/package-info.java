/**
 * Plans as data: a {@link dev.pev4j.plan.Plan} is an ordered list of {@link dev.pev4j.plan.Step}s, each a call of one
 * tool whose arguments are literals, references to earlier steps' evidence ({@code #E1}) or text with references
 * inside. {@link dev.pev4j.plan.PlanParser} reads what models write (ReWOO, LLMCompiler, JSON, chatty prose around
 * any of them) and {@link dev.pev4j.plan.PlanValidator} reports every problem at once, as text a model can act on.
 */
@NullMarked
package dev.pev4j.plan;

import org.jspecify.annotations.NullMarked;
