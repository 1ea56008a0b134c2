package dev.pev4j.examples.tutorial;

import static dev.pev4j.agent.AgentResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.SideEffects;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Testing your agent" example, word for word: keep the two in step. */
class TestingYourAgentTest {

    /** The application's tools. */
    @SideEffects(false)
    public static final class Prices {
        private final Map<String, Long> cents = Map.of("apple", 40L, "pear", 55L);

        @Tool("The price of a fruit, in cents")
        public long price(@P("the fruit") String fruit) {
            Long price = cents.get(fruit);
            if (price == null) {
                throw new IllegalArgumentException("no price for '" + fruit + "'; fruits: " + cents.keySet());
            }
            return price;
        }
    }

    @Test
    void answers_with_the_cheaper_fruit() {
        // given: a fake model with one reply per role; no model download, no server
        ScriptedLlm llm = ScriptedLlm.byRole()
                .planner("""
                        #E1 = price("apple")
                        #E2 = price("pear")
                        Criteria:
                        - #E1 < #E2
                        """)
                .solver("The apple is cheaper: 40 cents.")
                .build();
        Agent agent = Agent.builder().llm(llm).tools(new Prices()).build();

        // when
        AgentResult result = agent.run("Which is cheaper, an apple or a pear?");

        // then
        assertThatRun(result)
                .isVerified()
                .hasAnswer("The apple is cheaper: 40 cents.")
                .hasAttempts(1)
                .ranTools("price", "price")
                .passedCriteria("#E1 < #E2");
        assertThat(llm.requests(ScriptedLlm.Role.SOLVER).get(0).lastUserText()).contains("Result: 40");
    }
}
