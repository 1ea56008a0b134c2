package dev.pev4j.agent;

import dev.pev4j.llm.ChatMessage;
import dev.pev4j.plan.Plan;
import dev.pev4j.tester.TestReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One plan–execute–test cycle of a run: the planner's prompt (system and user message, the replanning feedback
 * included), each planner reply with its problems, the plan that was run (empty when no usable plan came), each step's
 * outcome with its evidence preview, and the tester's report (empty when the plan did not run through or was not
 * tested). Immutable and thread-safe.
 *
 * @param number 1 for the first plan, 2 for the first replan, ...
 */
public record Attempt(
        int number,
        List<ChatMessage> prompt,
        List<PlannerRound> rounds,
        Optional<Plan> plan,
        List<StepTrace> steps,
        Optional<TestReport> report) {

    public Attempt {
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1 but was " + number);
        }
        prompt = List.copyOf(prompt);
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(plan, "plan == null");
        steps = List.copyOf(steps);
        Objects.requireNonNull(report, "report == null");
    }

    /** The planner reply that was run, as the model wrote it; empty when no usable plan came. */
    public String planText() {
        return plan.isPresent() && !rounds.isEmpty() ? rounds.get(rounds.size() - 1).reply() : "";
    }

    /** How many of this attempt's steps reused an earlier attempt's evidence. */
    public long reusedSteps() {
        return steps.stream().filter(StepTrace::reused).count();
    }
}
