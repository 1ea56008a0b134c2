package dev.pev4j.agent;

import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on an {@link AgentResult}, for tests of applications that embed the agent; failure messages show
 * why the run stopped and what its last attempt did. Ships in agent-core's test-jar with {@code ScriptedLlm}.
 *
 * <pre>{@code
 * AgentResultAssert.assertThatRun(result)
 *         .isVerified()
 *         .hasAnswer("The total is 6.")
 *         .ranTools("series", "sum")
 *         .passedCriteria("#E2 > 0");
 * }</pre>
 */
public final class AgentResultAssert extends AbstractAssert<AgentResultAssert, AgentResult> {

    private AgentResultAssert(AgentResult actual) {
        super(actual, AgentResultAssert.class);
    }

    /** Starts assertions on {@code result}. */
    public static AgentResultAssert assertThatRun(AgentResult result) {
        return new AgentResultAssert(result);
    }

    /** The run answered. */
    public AgentResultAssert isSolved() {
        isNotNull();
        if (!actual.solved()) {
            failWithMessage("Expected the run to be solved but it stopped: %s%s", actual.stopReason(), lastAttempt());
        }
        return this;
    }

    /** The run answered and every criterion of its last plan passed. */
    public AgentResultAssert isVerified() {
        isSolved();
        if (!actual.verified()) {
            failWithMessage("Expected a verified answer but the verdicts were: %s", verdicts());
        }
        return this;
    }

    /** The run stopped for this kind of reason. */
    public AgentResultAssert stoppedBecause(StopReason.Kind kind) {
        isNotNull();
        if (actual.stopReason().kind() != kind) {
            failWithMessage("Expected the run to stop with %s but it stopped: %s", kind, actual.stopReason());
        }
        return this;
    }

    /** The answer is exactly {@code expected}. */
    public AgentResultAssert hasAnswer(String expected) {
        isSolved();
        if (!actual.answer().equals(expected)) {
            failWithMessage("Expected the answer%n  <%s>%nbut it was%n  <%s>", expected, actual.answer());
        }
        return this;
    }

    /** The run took this many attempts (1 when the first plan passed). */
    public AgentResultAssert hasAttempts(int expected) {
        isNotNull();
        if (actual.attempts().size() != expected) {
            failWithMessage(
                    "Expected %s attempts but there were %s: %s",
                    expected, actual.attempts().size(), actual.stopReason());
        }
        return this;
    }

    /** The last attempt's plan called exactly these tools, in plan order (reused steps included). */
    public AgentResultAssert ranTools(String... tools) {
        isNotNull();
        List<String> ran =
                actual.lastAttempt().steps().stream().map(StepTrace::tool).toList();
        if (!ran.equals(List.of(tools))) {
            failWithMessage("Expected the last plan to call %s but it called %s", List.of(tools), ran);
        }
        return this;
    }

    /** This many steps of the last attempt reused an earlier attempt's evidence. */
    public AgentResultAssert hasReusedSteps(long expected) {
        isNotNull();
        if (actual.lastAttempt().reusedSteps() != expected) {
            failWithMessage(
                    "Expected %s reused steps in the last attempt but there were %s%s",
                    expected, actual.lastAttempt().reusedSteps(), lastAttempt());
        }
        return this;
    }

    /** Each of these criteria is in the final report and passed. */
    public AgentResultAssert passedCriteria(String... criteria) {
        isNotNull();
        for (String criterion : criteria) {
            boolean passed = actual.verdict()
                    .map(r -> r.verdicts().stream().anyMatch(v -> v.criterion().equals(criterion) && v.passed()))
                    .orElse(false);
            if (!passed) {
                failWithMessage("Expected criterion <%s> to pass; the verdicts were: %s", criterion, verdicts());
            }
        }
        return this;
    }

    private String verdicts() {
        return actual.verdict()
                .map(r -> r.verdicts().stream()
                        .map(v -> v.criterion() + " " + v.status() + " (" + v.reason() + ")")
                        .toList()
                        .toString())
                .orElse("none (no plan was tested)");
    }

    private String lastAttempt() {
        if (actual.attempts().isEmpty()) {
            return "";
        }
        StringBuilder steps = new StringBuilder("\nlast attempt:");
        for (StepTrace step : actual.lastAttempt().steps()) {
            steps.append("\n  ")
                    .append(step.call())
                    .append(" -> ")
                    .append(step.status())
                    .append(": ")
                    .append(step.detail());
        }
        return steps.toString();
    }
}
