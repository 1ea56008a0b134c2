package dev.pev4j.agent;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.plan.Plan;
import dev.pev4j.tester.TestReport;

/**
 * How the agent tests a run against its plan's criteria: the Tester, behind one method, so that the loop depends on
 * nothing else of it. Implementations are thread-safe.
 */
@FunctionalInterface
interface Verification {

    TestReport test(String task, Plan plan, ExecutionResult result);
}
