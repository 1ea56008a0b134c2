/**
 * pev4j: agents that plan, execute and verify on local models. This root package holds what every other package
 * shares, the exception hierarchy rooted at {@link dev.pev4j.AgentException}.
 */
@NullMarked
package dev.pev4j;

import org.jspecify.annotations.NullMarked;
