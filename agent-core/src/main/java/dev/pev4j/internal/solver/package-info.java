/**
 * The solver: writes the final answer from the task, the plan and the bounded previews of its evidence (ReWOO's
 * solver), from the versioned prompt resource {@code solver-v1.txt}. It never sees whole tables, only previews.
 */
@NullMarked
package dev.pev4j.internal.solver;

import org.jspecify.annotations.NullMarked;
