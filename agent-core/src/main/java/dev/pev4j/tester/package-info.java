/**
 * The tester: decides whether a run's evidence meets the plan's criteria. A criterion written in the small check
 * language ({@code rows(#E4) <= 3}, {@code sorted(#E3, "revenue_sum", "desc")}) is checked in code, deterministically
 * and for free; any other criterion is asked of a {@link dev.pev4j.spi.Judge}, which may abstain. Tables are reached
 * through {@link dev.pev4j.spi.EvidenceInspector}s that toolkits contribute, since this module knows no dataframe
 * library. What it decided is a {@link dev.pev4j.tester.Verdict} per criterion and the
 * {@link dev.pev4j.tester.TestReport} of one attempt, which says what failed in words the planner can replan from.
 *
 * <p>The agent runs a {@link dev.pev4j.tester.Tester} itself; use one directly to check a plan you run with a
 * {@link dev.pev4j.exec.PlanExecutor}, or {@link dev.pev4j.tester.Tester#problems} to find criteria that cannot be
 * checked before anything runs.
 */
@NullMarked
package dev.pev4j.tester;

import org.jspecify.annotations.NullMarked;
