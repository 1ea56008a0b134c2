/**
 * Implementation shared by pev4j's own modules. Nothing under {@code dev.pev4j.internal} is API: it may change in any
 * release without notice, and applications must not use it. The packages below mirror the roles of the flow (planner,
 * tester, solver, prompt fitting, execution helpers).
 */
@NullMarked
package dev.pev4j.internal;

import org.jspecify.annotations.NullMarked;
