package dev.pev4j.internal.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverTest {

    @Test
    void answers_from_the_task_the_plan_and_the_evidence_previews() {
        // given
        Plan plan = PlanParser.create().parse("""
                Plan: Read a.
                #E1 = series("a")
                #E2 = sum(#E1)
                #E3 = sum(#E1)
                """);
        Map<StepId, StepOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put(
                StepId.of(1),
                new StepOutcome.Done(StepId.of(1), "series", Instant.EPOCH, Duration.ZERO, List.of(1L, 2L), "[1, 2]"));
        outcomes.put(
                StepId.of(2),
                new StepOutcome.Failed(StepId.of(2), "sum", Instant.EPOCH, Duration.ZERO, "overflow", null));
        outcomes.put(StepId.of(3), new StepOutcome.Skipped(StepId.of(3), "sum", Instant.EPOCH, "cancelled"));
        ExecutionResult result = new ExecutionResult(plan, outcomes, Duration.ZERO, false);
        ScriptedLlm llm = ScriptedLlm.replying("  The total is 3.\n");

        // when
        Solution solution = Solver.builder().llm(llm).build().solve("Add up a", plan, result);

        // then
        assertThat(solution.answer()).isEqualTo("The total is 3.");
        assertThat(llm.requests().get(0).messages().get(1)).isEqualTo(ChatMessage.user("""
                Task: Add up a

                Plan and results:
                Plan: Read a.
                #E1 = series("a")
                Result: [1, 2]
                #E2 = sum(#E1)
                Failed: overflow
                #E3 = sum(#E1)
                Skipped: cancelled

                Answer:"""));
        assertThat(solution.usage().outputTokens()).isEqualTo(4);
    }

    @Test
    void builder_fails_with_a_sentence() {
        assertThatThrownBy(() -> Solver.builder().build()).hasMessage("A Solver needs a model: pass one to llm(...).");
        assertThatThrownBy(() -> Solver.builder().maxTokens(0)).hasMessage("maxTokens must be >= 1 but was 0");
    }
}
