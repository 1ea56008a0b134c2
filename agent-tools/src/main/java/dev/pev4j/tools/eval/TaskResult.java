package dev.pev4j.tools.eval;

import dev.pev4j.llm.TokenUsage;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one task of an evaluation came to. The plan metrics are about the planner's first reply (as TinyAgent scores
 * the plan a model writes, before any repair); the answer is the evidence of the last step of the plan the agent
 * solved with, compared with the expected answer. Immutable and thread-safe.
 *
 * @param planParses the first reply holds a plan the parser reads
 * @param planValid that plan is valid for the tools (known tools, arguments that bind, references to earlier steps)
 *     and within the step limit
 * @param planUsable the first attempt got a usable plan, repair rounds included
 * @param isomorphic that plan's graph is isomorphic to the reference's, literals included
 * @param isomorphicRelaxed the same with the literals ignored
 * @param answerCorrect the run was solved and its final plan's result is the expected answer
 * @param testerPassed the tester's last verdict passed (null when no plan was tested)
 * @param attempts plans run (1 + replans; 0 when no usable plan came)
 * @param repairs planner replies that had problems and were sent back
 * @param wallMillis the agent's run, by its clock
 * @param answerDetail why the answer is (not) correct
 * @param problems the problems of the first reply, one a line (empty when it was usable)
 * @param training the fine-tuning example, present only when the run was verified and its answer correct
 */
public record TaskResult(
        String id,
        String category,
        boolean planParses,
        boolean planValid,
        boolean planUsable,
        boolean isomorphic,
        boolean isomorphicRelaxed,
        boolean solved,
        boolean verified,
        boolean answerCorrect,
        @Nullable Boolean testerPassed,
        int attempts,
        int repairs,
        int plannerCalls,
        int testerCalls,
        int solverCalls,
        TokenUsage plannerTokens,
        TokenUsage testerTokens,
        TokenUsage solverTokens,
        long wallMillis,
        String stop,
        String answer,
        String answerDetail,
        String problems,
        Optional<TrainingExample> training) {

    /** Replans: attempts after the first. */
    public int replans() {
        return Math.max(0, attempts - 1);
    }

    /** Model calls of all roles. */
    public int modelCalls() {
        return plannerCalls + testerCalls + solverCalls;
    }

    /** Whether the tester's verdict agrees with the expected answer; empty when no plan was tested. */
    public Optional<Boolean> testerAgrees() {
        return testerPassed == null ? Optional.empty() : Optional.of(testerPassed == answerCorrect);
    }

    /**
     * A verified run with the right answer, as a fine-tuning example: the planner's system and user message of the
     * last attempt, the plan text it wrote, and the plan as function calls (a JSON array of OpenAI-style
     * {@code tool_calls}, arguments by parameter name, references as {@code "#E1"}).
     */
    public record TrainingExample(String system, String user, String plan, String toolCalls) {}
}
