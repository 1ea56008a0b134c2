package dev.pev4j.plan;

import dev.pev4j.plan.PlanParser.PlanParseException;

/** Turns a problem found at an offset into the exception to throw, adding the context its reader knows. */
@FunctionalInterface
interface ErrorSink {

    /** {@code problem} names what is wrong, such as {@code "'#E0' does not name a step"}. */
    PlanParseException error(String problem, int offset);
}
