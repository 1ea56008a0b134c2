/**
 * What the tester decided: a {@link dev.pev4j.tester.Verdict} per criterion (passed, failed or abstained, decided in
 * code or by a judge, with its confidence) and the {@link dev.pev4j.tester.TestReport} of one attempt. The tester
 * itself is internal; these results reach users through {@link dev.pev4j.agent.AgentResult} and agent events.
 */
@NullMarked
package dev.pev4j.tester;

import org.jspecify.annotations.NullMarked;
