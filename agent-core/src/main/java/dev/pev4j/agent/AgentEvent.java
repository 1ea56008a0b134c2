package dev.pev4j.agent;

import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.tester.TestReport;
import java.util.Objects;

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
    record Planned(String runId, int attempt, Plan plan, String planText) implements AgentEvent {
        public Planned {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(plan, "plan == null");
            Objects.requireNonNull(planText, "planText == null");
        }
    }

    /** The planner's reply had problems; repair round {@code round} (1, 2, ...) asks again with them. */
    record Repairing(String runId, int attempt, int round, String problems) implements AgentEvent {
        public Repairing {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(problems, "problems == null");
        }
    }

    /** A step event of the executor, passed through. */
    record Step(String runId, int attempt, StepEvent event) implements AgentEvent {
        public Step {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(event, "event == null");
        }
    }

    /** Step {@code step} repeats a step that was done in attempt {@code fromAttempt}; its evidence is reused. */
    record StepReused(String runId, int attempt, StepId step, int fromAttempt) implements AgentEvent {
        public StepReused {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(step, "step == null");
        }
    }

    /** The tester judged the plan's criteria. */
    record Tested(String runId, int attempt, TestReport report) implements AgentEvent {
        public Tested {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(report, "report == null");
        }
    }

    /** Attempt {@code attempt} failed; the planner is asked for attempt {@code attempt + 1} with this feedback. */
    record Replanning(String runId, int attempt, Feedback feedback) implements AgentEvent {
        public Replanning {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(feedback, "feedback == null");
        }
    }

    /** The solver answered. */
    record Solved(String runId, String answer, boolean needsHumanReview) implements AgentEvent {
        public Solved {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(answer, "answer == null");
        }
    }

    /** The run stopped without an answer. */
    record Stopped(String runId, StopReason reason) implements AgentEvent {
        public Stopped {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(reason, "reason == null");
        }
    }
}
