package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.Inventory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 11, defect 4: evidence must not go stale across replans when tools change what others read. */
class AgentSideEffectsTest {

    private static final String TASK = "Order widgets until at least 10 are in stock.";

    private final Inventory inventory = new Inventory();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private Agent agent(ScriptedLlm llm) {
        return Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(inventory)
                .listener(events::add)
                .build();
    }

    @Test
    void reorder_then_stock_reads_the_new_level_after_a_replan_instead_of_reusing_the_old_one() {
        // given: each attempt orders 5 more; stock starts at 3, so the second attempt reaches 13
        String plan = """
                #E1 = reorder("widget", 5)
                #E2 = stock("widget")
                Criteria:
                - #E2 >= 10
                """;
        ScriptedLlm llm = ScriptedLlm.replying(plan, plan, "13 widgets are in stock.");

        // when
        AgentResult result = agent(llm).run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.attempts()).hasSize(2);
        assertThat(inventory.calls("reorder")).isEqualTo(2);
        assertThat(inventory.calls("stock")).isEqualTo(2);
        assertThat(result.attempts().get(0).steps())
                .extracting(StepTrace::detail)
                .containsExactly("8", "8");
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::detail).containsExactly("13", "13");
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::reused).containsExactly(false, false);
        assertThat(result.lastAttempt().steps())
                .extracting(StepTrace::sideEffects)
                .containsExactly(true, false);
        assertThat(events).noneMatch(AgentEvent.StepReused.class::isInstance);
    }

    @Test
    void reuses_a_free_step_before_the_first_side_effect_step_but_reads_again_after_it() {
        // given: attempt 1 runs no side effect, so its stock read may be reused before the reorder, not after it
        String first = """
                #E1 = stock("widget")
                Criteria:
                - #E1 >= 10
                """;
        String second = """
                #E1 = stock("widget")
                #E2 = reorder("widget", 10)
                #E3 = stock("widget")
                Criteria:
                - #E3 >= 10
                """;
        ScriptedLlm llm = ScriptedLlm.replying(first, second, "13 widgets are in stock.");

        // when
        AgentResult result = agent(llm).run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::reused).containsExactly(true, false, false);
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::detail).containsExactly("3", "13", "13");
        assertThat(inventory.calls("stock")).isEqualTo(2);
    }

    /** A tool whose side effects are not declared: each call counts up. */
    public static final class Ticker {
        private final AtomicLong ticks = new AtomicLong();

        @Tool("The next tick")
        public long tick() {
            return ticks.incrementAndGet();
        }
    }

    @Test
    void never_reuses_a_step_whose_tool_did_not_declare_itself_free_of_side_effects() {
        // given
        String plan = """
                #E1 = tick()
                Criteria:
                - #E1 >= 2
                """;
        ScriptedLlm llm = ScriptedLlm.replying(plan, plan, "Tick 2.");
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(new Ticker())
                .build();

        // when
        AgentResult result = agent.run("Tick twice.");

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::detail).containsExactly("2");
        assertThat(result.lastAttempt().reusedSteps()).isZero();
    }
}
