package dev.pev4j.agent;

import dev.pev4j.internal.Checks;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run of the agent ended: the answer (empty unless solved), why it stopped, the final test report, every attempt
 * (plan text, plan, per-step outcome previews, verdicts), token usage per role and timings. A solved run whose tester
 * abstained {@link #needsHumanReview()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * AgentResult result = agent.run("Top 3 regions by revenue in sales.csv");
 * if (result.solved()) System.out.println(result.answer());
 * else System.out.println(result.stopReason()); // e.g. MAX_REPLANS: ...
 * Files.writeString(trace, result.toJson());
 * }</pre>
 */
public record AgentResult(
        String runId,
        String task,
        String answer,
        StopReason stopReason,
        Optional<TestReport> verdict,
        List<Attempt> attempts,
        RoleUsage usage,
        Timings timings,
        Optional<Object> typedAnswer) {

    public AgentResult {
        attempts = List.copyOf(attempts);
    }

    /**
     * The answer of a run started with {@link Agent#run(String, Class)}, as the object the solver's JSON was read into.
     *
     * @throws IllegalStateException when the run did not solve the task or was not asked for a typed answer
     * @throws ClassCastException when {@code type} is not the type the run was asked for
     */
    public <T> T answer(Class<T> type) {
        Objects.requireNonNull(type, "type == null");
        Object value = typedAnswer.orElseThrow(() -> new IllegalStateException(
                solved()
                        ? "run " + runId + " has a free-text answer; ask for a typed one with Agent.run(task, "
                                + type.getSimpleName() + ".class)"
                        : "run " + runId + " has no answer: " + stopReason));
        return type.cast(value);
    }

    /** Whether the solver answered. */
    public boolean solved() {
        return stopReason.kind() == StopReason.Kind.SOLVED;
    }

    /**
     * Whether a human should review the answer: the tester abstained on a criterion, or a judge passed one without a
     * guarantee (it is not calibrated for the run's α and δ) and the user did not opt out
     * ({@code Agent.Builder.acceptJudgementsWithoutGuarantee()}); {@link TestReport#reviewReasons()} says which.
     */
    public boolean needsHumanReview() {
        return solved()
                && verdict.map(r -> r.overall() == Verdict.Status.ABSTAINED).orElse(false);
    }

    /** The verdicts the tester abstained on in the final report. */
    public List<Verdict> abstentions() {
        return verdict.map(TestReport::abstained).orElse(List.of());
    }

    /**
     * Whether the answer rests on a plan whose every criterion passed, each checked in code or passed by a judge
     * calibrated for the run's α and δ (or, if the user opted out, by any judge).
     */
    public boolean verified() {
        return solved()
                && verdict.map(r -> r.overall() == Verdict.Status.PASSED).orElse(false);
    }

    /** The last attempt; a run has at least one. */
    public Attempt lastAttempt() {
        if (attempts.isEmpty()) {
            throw new IllegalStateException(
                    "run " + runId + " has no attempt (it stopped before planning: " + stopReason + ")");
        }
        return attempts.get(attempts.size() - 1);
    }

    /**
     * The run trace as JSON, with evidence as previews only. The shape is stable:
     *
     * <pre>{@code
     * {"runId": "run-1", "task": "...", "answer": "...", "solved": true, "verified": true, "needsHumanReview": false,
     *  "stop": {"kind": "SOLVED", "message": "..."},
     *  "usage": {"planner": {"input": 0, "output": 0}, "tester": {...}, "solver": {...}, "worker": {...},
     *            "total": {...}},
     *  "timings": {"planningMillis": 0, "executionMillis": 0, "testingMillis": 0, "solvingMillis": 0, "totalMillis": 0},
     *  "verdict": {"overall": "PASSED", "verdicts": [{"criterion": "...", "status": "PASSED", "confidence": 1.0,
     *                                                 "reason": "...", "method": "CHECK", "guaranteed": true}],
     *              "acceptsWithoutGuarantee": false, "withoutGuarantee": ["criteria a judge decided without one"]}
     *             or null,
     *  "attempts": [{"number": 1, "prompt": [{"role": "system", "content": "..."}, {"role": "user", ...}],
     *                "rounds": [{"reply": "...", "problems": ["..."]}],
     *                "planText": "...",
     *                "plan": {"steps": [{"id": "E1", "thought": "...", "tool": "...", "call": "#E1 = ..."}],
     *                         "criteria": ["..."]} or null,
     *                "steps": [{"id": "E1", "tool": "...", "call": "...", "status": "DONE", "reused": false,
     *                           "sideEffects": false,
     *                           "detail": "<preview or reason>", "millis": 0,
     *                           "cells": {"title": "...", "columns": ["..."], "dtypes": ["..."], "rows": [["..."]],
     *                                     "moreRows": 0} (only when the preview shows a table)}],
     *                "report": {"overall": ..., "verdicts": [...]} or null}]}
     * }</pre>
     */
    public String toJson() {
        return TraceJson.write(this);
    }

    /**
     * This run as a chat-format fine-tuning record (one JSONL line, no newline): the planner's system and user message
     * of the last attempt, and as the assistant's message the plan text that passed. Empty unless the run is
     * {@link #verified()}.
     */
    public Optional<String> fineTuningRecord() {
        return verified() ? Optional.of(TraceJson.fineTuningRecord(lastAttempt())) : Optional.empty();
    }

    /**
     * One plan–execute–test cycle of a run: the planner's prompt (system and user message, the replanning feedback
     * included), each planner reply with its problems, the plan that was run (empty when no usable plan came), each step's
     * outcome with its evidence preview, and the tester's report (empty when the plan did not run through or was not
     * tested), and the tools and examples the planner was shown with their scores (empty when not recorded). Immutable
     * and thread-safe.
     *
     * @param number 1 for the first plan, 2 for the first replan, ...
     */
    public record Attempt(
            int number,
            List<ChatMessage> prompt,
            List<PlannerRound> rounds,
            Optional<Plan> plan,
            List<StepTrace> steps,
            Optional<TestReport> report,
            Optional<ToolSelector.Selection> selection) {

        /** An attempt without a recorded tool selection. */
        public Attempt(
                int number,
                List<ChatMessage> prompt,
                List<PlannerRound> rounds,
                Optional<Plan> plan,
                List<StepTrace> steps,
                Optional<TestReport> report) {
            this(number, prompt, rounds, plan, steps, report, Optional.empty());
        }

        public Attempt {
            Checks.atLeast("number", number, 1);
            prompt = List.copyOf(prompt);
            rounds = List.copyOf(rounds);
            steps = List.copyOf(steps);
        }

        /** The planner reply that was run, as the model wrote it; empty when no usable plan came. */
        public String planText() {
            return plan.isPresent() && !rounds.isEmpty()
                    ? rounds.get(rounds.size() - 1).reply()
                    : "";
        }

        /** How many of this attempt's steps reused an earlier attempt's evidence. */
        public long reusedSteps() {
            return steps.stream().filter(StepTrace::reused).count();
        }
    }

    /**
     * What became of one step of an attempt, for the trace: the call as written, whether it was done, failed or skipped,
     * whether its evidence was reused from an earlier attempt instead of running again, the evidence preview (for a
     * done step) or the reason, whether its tool has side effects (such steps ran in plan order and are never
     * reused), and the cells the preview shows when a previewer drew the evidence as a table. Evidence itself is never
     * kept here. Immutable and thread-safe.
     */
    public record StepTrace(
            StepId step,
            String tool,
            String call,
            Status status,
            boolean reused,
            String detail,
            Duration duration,
            boolean sideEffects,
            Optional<ValuePreviewer.TableCells> cells) {

        /** The step's outcome. */
        public enum Status {
            DONE,
            FAILED,
            SKIPPED
        }
    }

    /**
     * One reply of the planner within an attempt, and the problems found in it (empty for the reply that was used).
     * Immutable and thread-safe.
     */
    public record PlannerRound(String reply, List<String> problems) {

        public PlannerRound {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Why a run ended: it was solved, or a budget ran out (which one, and by how much), or a model failed. Immutable and
     * thread-safe.
     */
    public record StopReason(Kind kind, String message) {

        /** How a run ended. */
        public enum Kind {
            /** The plan passed its criteria (or the tester abstained) and the solver answered. */
            SOLVED,
            /** The plans kept failing and no replan was left. */
            MAX_REPLANS,
            /** The model wrote no usable plan within the repair rounds. */
            MAX_REPAIRS,
            /** The model kept writing plans with more steps than allowed. */
            MAX_STEPS,
            /** The run used up its model tokens. */
            MAX_TOKENS,
            /** The run used up its wall-clock time. */
            WALL_CLOCK,
            /** A model call failed. */
            MODEL_FAILED,
            /** The plan approver ({@code Agent.Builder#approver}) threw. */
            APPROVER_FAILED,
            /** The solver's reply held no JSON that fits the answer type of {@code Agent#run(String, Class)}. */
            ANSWER_UNREADABLE;

            /** Whether this is a budget running out. */
            public boolean isBudget() {
                return this != SOLVED && this != MODEL_FAILED && this != APPROVER_FAILED && this != ANSWER_UNREADABLE;
            }
        }

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }

    /**
     * Model tokens a run used, per role: the planner, the tester (its LLM judge), the solver, and the worker (the
     * plans' {@code llm} steps). Immutable and thread-safe.
     */
    public record RoleUsage(TokenUsage planner, TokenUsage tester, TokenUsage solver, TokenUsage worker) {

        public static final RoleUsage ZERO =
                new RoleUsage(TokenUsage.ZERO, TokenUsage.ZERO, TokenUsage.ZERO, TokenUsage.ZERO);

        /** A run's usage without LLM steps. */
        public RoleUsage(TokenUsage planner, TokenUsage tester, TokenUsage solver) {
            this(planner, tester, solver, TokenUsage.ZERO);
        }

        /** All roles together. */
        public TokenUsage total() {
            return planner.plus(tester).plus(solver).plus(worker);
        }

        RoleUsage plusPlanner(TokenUsage usage) {
            return new RoleUsage(planner.plus(usage), tester, solver, worker);
        }

        RoleUsage plusTester(TokenUsage usage) {
            return new RoleUsage(planner, tester.plus(usage), solver, worker);
        }

        RoleUsage plusSolver(TokenUsage usage) {
            return new RoleUsage(planner, tester, solver.plus(usage), worker);
        }

        RoleUsage plusWorker(TokenUsage usage) {
            return new RoleUsage(planner, tester, solver, worker.plus(usage));
        }
    }

    /**
     * Where a run's time went, by the agent's clock: planning (planner calls, repairs included), executing plans, testing,
     * solving, and the whole run. Immutable and thread-safe.
     */
    public record Timings(Duration planning, Duration execution, Duration testing, Duration solving, Duration total) {

        public static final Timings ZERO =
                new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
