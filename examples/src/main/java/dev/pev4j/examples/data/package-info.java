/**
 * DataOps for the agent: {@link dev.pev4j.examples.data.DataToolkit} gives the planner the data files' columns and
 * the tester tables it can check.
 */
@NullMarked
package dev.pev4j.examples.data;

import org.jspecify.annotations.NullMarked;
