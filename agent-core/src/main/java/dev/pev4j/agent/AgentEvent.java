package dev.pev4j.agent;

import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.tester.TestReport;

/**
 * Something that happened in a run, as told to {@link AgentListener}s. Every event carries the run's id, so that a
 * listener shared by concurrent runs can tell them apart. Immutable and thread-safe.
 */
public sealed interface AgentEvent
        permits AgentEvent.Planned,
                AgentEvent.Repairing,
                AgentEvent.Step,
                AgentEvent.StepReused,
                AgentEvent.Tested,
                AgentEvent.Replanning,
                AgentEvent.Solved,
                AgentEvent.Stopped {

    /** The run's id, {@code run-1}, {@code run-2}, ... per agent. */
    String runId();

    /** The planner wrote a usable plan for attempt {@code attempt}. */
    record Planned(String runId, int attempt, Plan plan, String planText) implements AgentEvent {}

    /** The planner's reply had problems; repair round {@code round} (1, 2, ...) asks again with them. */
    record Repairing(String runId, int attempt, int round, String problems) implements AgentEvent {}

    /** A step event of the executor, passed through. */
    record Step(String runId, int attempt, StepEvent event) implements AgentEvent {}

    /** Step {@code step} repeats a step that was done in attempt {@code fromAttempt}; its evidence is reused. */
    record StepReused(String runId, int attempt, StepId step, int fromAttempt) implements AgentEvent {}

    /** The tester judged the plan's criteria. */
    record Tested(String runId, int attempt, TestReport report) implements AgentEvent {}

    /** Attempt {@code attempt} failed; the planner is asked for attempt {@code attempt + 1} with this feedback. */
    record Replanning(String runId, int attempt, Feedback feedback) implements AgentEvent {}

    /** The solver answered. */
    record Solved(String runId, String answer, boolean needsHumanReview) implements AgentEvent {}

    /** The run stopped without an answer. */
    record Stopped(String runId, StopReason reason) implements AgentEvent {}
}
