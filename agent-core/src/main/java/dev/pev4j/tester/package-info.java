/**
 * STAND-IN (branch agent): a minimal version of the tester package, written so that the agent compiles and its tests
 * run before the real Tester (branch tester) lands. The real package replaces every file here. It turns a plan's
 * criteria into verdicts over the evidence of a run.
 */
@NullMarked
package dev.pev4j.tester;

import org.jspecify.annotations.NullMarked;
