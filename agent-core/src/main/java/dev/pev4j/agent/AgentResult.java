package dev.pev4j.agent;

import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
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
        Timings timings) {

    public AgentResult {
        Objects.requireNonNull(runId, "runId == null");
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(answer, "answer == null");
        Objects.requireNonNull(stopReason, "stopReason == null");
        Objects.requireNonNull(verdict, "verdict == null");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(usage, "usage == null");
        Objects.requireNonNull(timings, "timings == null");
    }

    /** Whether the solver answered. */
    public boolean solved() {
        return stopReason.kind() == StopReason.Kind.SOLVED;
    }

    /** Whether the answer rests on criteria the tester abstained on: a human should review it. */
    public boolean needsHumanReview() {
        return solved() && verdict.map(r -> r.overall() == Verdict.Status.ABSTAINED).orElse(false);
    }

    /** The verdicts the tester abstained on in the final report. */
    public List<Verdict> abstentions() {
        return verdict.map(TestReport::abstained).orElse(List.of());
    }

    /** Whether the answer rests on a plan whose every criterion passed. */
    public boolean verified() {
        return solved() && verdict.map(r -> r.overall() == Verdict.Status.PASSED).orElse(false);
    }

    /** The last attempt; a run has at least one. */
    public Attempt lastAttempt() {
        if (attempts.isEmpty()) {
            throw new IllegalStateException("run " + runId + " has no attempt (it stopped before planning: "
                    + stopReason + ")");
        }
        return attempts.get(attempts.size() - 1);
    }

    /**
     * The run trace as JSON, with evidence as previews only. The shape is stable:
     *
     * <pre>{@code
     * {"runId": "run-1", "task": "...", "answer": "...", "solved": true, "needsHumanReview": false,
     *  "stop": {"kind": "SOLVED", "message": "..."},
     *  "usage": {"planner": {"input": 0, "output": 0}, "tester": {...}, "solver": {...}, "total": {...}},
     *  "timings": {"planningMillis": 0, "executionMillis": 0, "testingMillis": 0, "solvingMillis": 0, "totalMillis": 0},
     *  "verdict": {"overall": "PASSED", "verdicts": [{"criterion": "...", "status": "PASSED", "confidence": 1.0,
     *                                                 "reason": "...", "method": "CHECK"}]} or null,
     *  "attempts": [{"number": 1, "prompt": [{"role": "system", "content": "..."}, {"role": "user", ...}],
     *                "rounds": [{"reply": "...", "problems": ["..."]}],
     *                "planText": "...",
     *                "plan": {"steps": [{"id": "E1", "thought": "...", "tool": "...", "call": "#E1 = ..."}],
     *                         "criteria": ["..."]} or null,
     *                "steps": [{"id": "E1", "tool": "...", "call": "...", "status": "DONE", "reused": false,
     *                           "detail": "<preview or reason>", "millis": 0}],
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
}
