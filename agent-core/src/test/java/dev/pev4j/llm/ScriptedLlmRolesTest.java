package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentTools;
import org.junit.jupiter.api.Test;

class ScriptedLlmRolesTest {

    private static final String PLAN = """
            #E1 = series("a")
            #E2 = sum(#E1)
            Criteria:
            - the total is the sum of series a
            """;

    @Test
    void tells_the_planner_the_tester_and_the_solver_apart_whatever_order_they_call_in() {
        // given: a criterion only the LLM judge can decide, so all three roles call the model
        ScriptedLlm llm = ScriptedLlm.byRole()
                .solver("The total is 6.")
                .tester("{\"verdict\": \"pass\", \"confidence\": 0.95, \"reason\": \"6 = 1 + 2 + 3\"}")
                .planner(PLAN)
                .build();
        Agent agent = Agent.builder().llm(llm).tools(new AgentTools()).build();

        // when
        AgentResult result = agent.run("What is the total of series a?");

        // then
        assertThat(result.answer()).isEqualTo("The total is 6.");
        assertThat(llm.requests(ScriptedLlm.Role.PLANNER)).hasSize(1);
        assertThat(llm.requests(ScriptedLlm.Role.TESTER)).hasSize(1);
        assertThat(llm.requests(ScriptedLlm.Role.SOLVER)).hasSize(1);
    }

    @Test
    void a_role_without_replies_left_fails_naming_the_role() {
        ScriptedLlm llm = ScriptedLlm.byRole().planner(PLAN).build();
        LlmRequest solverLike = LlmRequest.builder()
                .system("You write the final answer to a task.")
                .user("Task: x")
                .build();

        assertThatThrownBy(() -> llm.chat(solverLike))
                .isInstanceOf(LlmException.class)
                .hasMessage("ScriptedLlm has no solver reply left for: Task: x");
    }
}
