/**
 * The tester: decides whether a run's evidence meets the plan's criteria. A criterion written in the small check
 * language ({@code rows(#E4) <= 3}, {@code sorted(#E3, "revenue_sum", "desc")}) is checked in code, deterministically
 * and for free; any other criterion is asked of a {@link dev.pev4j.spi.Judge}, which may abstain. Tables are reached
 * through {@link dev.pev4j.spi.EvidenceInspector}s that toolkits contribute, since this module knows no dataframe
 * library. The {@link dev.pev4j.tester.TestReport} says what failed in words the planner can replan from.
 */
@NullMarked
package dev.pev4j.internal.tester;

import org.jspecify.annotations.NullMarked;
