package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.StepId;
import dev.pev4j.tool.Sources;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Issue 15: steps start while the planner still writes the plan, and an invalid plan drops them. */
class AgentStreamedExecutionTest {

    private static final String TEXT_PLAN = """
            #E1 = fetch("a")
            #E2 = fetch("bb")
            #E3 = add(#E1, #E2)
            Criteria:
            - #E3 == 3
            """;

    private static final String JSON_PLAN = """
            {"steps": [
              {"id": "E1", "tool": "fetch", "args": {"key": "a"}},
              {"id": "E2", "tool": "fetch", "args": {"key": "bb"}},
              {"id": "E3", "tool": "add", "args": {"a": "#E1", "b": "#E2"}}
            ], "criteria": ["#E3 == 3"]}
            """;

    private final Sources sources = new Sources();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private Agent agent(ScriptedLlm llm) {
        return Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(sources)
                .listener(events::add)
                .streamedExecution(true)
                .build();
    }

    /** Holds the planner's reply once it has written {@code marker} until {@code latch} opens; notes if it did. */
    private static ScriptedLlm.Pacer holdAt(String marker, CountDownLatch latch, AtomicBoolean opened) {
        AtomicBoolean held = new AtomicBoolean();
        return (request, written) -> {
            if (written.contains(marker)
                    && ScriptedLlm.role(request) == ScriptedLlm.Role.PLANNER
                    && held.compareAndSet(false, true)) {
                opened.set(latch.await(10, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void a_text_plan_step_starts_before_the_model_has_finished_writing_the_plan() {
        startsBeforeThePlanIsWritten(ScriptedLlm.replying(TEXT_PLAN, "The sum is 3."), "#E3");
    }

    @Test
    void a_json_plan_step_starts_before_the_model_has_finished_writing_the_plan() {
        startsBeforeThePlanIsWritten(
                ScriptedLlm.replying(JSON_PLAN, "The sum is 3.")
                        .withCapabilities(new LlmCapabilities(true, false, false, 0)),
                "\"E3\"");
    }

    /** The model stops writing at {@code marker} (after the second step) until the first step has started. */
    private void startsBeforeThePlanIsWritten(ScriptedLlm script, String marker) {
        // given
        AtomicBoolean startedMidPlan = new AtomicBoolean();
        ScriptedLlm llm = script.decoding(holdAt(marker, sources.started("a"), startedMidPlan));

        // when
        AgentResult result = agent(llm).run("Add the values of a and bb.");

        // then
        assertThat(startedMidPlan).isTrue();
        assertThat(result.solved()).isTrue();
        assertThat(result.lastAttempt().steps())
                .extracting(AgentResult.StepTrace::detail)
                .containsExactly("1", "2", "3");
        assertThat(sources.log()).filteredOn(s -> s.startsWith("fetch ")).hasSize(2);
    }

    @Test
    void a_step_that_uses_a_later_decoded_step_waits_for_it_and_still_starts_before_the_plan_is_written() {
        // given: #E2 is held until the model reaches the criteria; #E3 must wait for it
        sources.hold("bb");
        AtomicBoolean addStartedMidPlan = new AtomicBoolean();
        AtomicBoolean addWaited = new AtomicBoolean();
        AtomicBoolean held = new AtomicBoolean();
        ScriptedLlm llm = ScriptedLlm.replying(TEXT_PLAN, "The sum is 3.").decoding((request, written) -> {
            if (written.contains("Criteria")
                    && ScriptedLlm.role(request) == ScriptedLlm.Role.PLANNER
                    && held.compareAndSet(false, true)) {
                // #E3 is decoded and #E1 done, but #E2 runs: add must not have started
                addWaited.set(sources.started("bb").await(10, TimeUnit.SECONDS)
                        && !sources.log().contains("add"));
                sources.release("bb");
                addStartedMidPlan.set(sources.started("add").await(10, TimeUnit.SECONDS));
            }
        });

        // when
        AgentResult result = agent(llm).run("Add the values of a and bb.");

        // then
        assertThat(addWaited).isTrue();
        assertThat(addStartedMidPlan).isTrue();
        assertThat(result.solved()).isTrue();
        assertThat(sources.log()).containsSubsequence("fetched bb", "add");
    }

    @Test
    void an_invalid_plan_stops_the_steps_it_started_and_goes_to_repair() {
        // given: the first reply's second step calls an unknown tool; #E1 is running when the reply ends
        sources.hold("a");
        String invalid = """
                #E1 = fetch("a")
                #E2 = nosuch(#E1)
                Criteria:
                - #E2 == 1
                """;
        String repaired = """
                #E1 = fetch("ccc")
                Criteria:
                - #E1 == 3
                """;
        AtomicBoolean startedMidPlan = new AtomicBoolean();
        ScriptedLlm llm = ScriptedLlm.replying(invalid, repaired, "It is 3.")
                .decoding(holdAt("#E2", sources.started("a"), startedMidPlan));

        // when
        AgentResult result = agent(llm).run("Fetch something.");

        // then
        assertThat(startedMidPlan).isTrue();
        assertThat(result.solved()).isTrue();
        assertThat(result.attempts()).hasSize(1);
        assertThat(result.lastAttempt().rounds()).hasSize(2);
        assertThat(events)
                .filteredOn(AgentEvent.Step.class::isInstance)
                .extracting(e -> ((AgentEvent.Step) e).event())
                .filteredOn(StepEvent.Failed.class::isInstance)
                .extracting(StepEvent::step, e -> ((StepEvent.Failed) e).reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        StepId.of(1), "discarded: the plan had problems and went to repair round 1"));
        assertThat(result.lastAttempt().steps())
                .extracting(AgentResult.StepTrace::detail)
                .containsExactly("3");
    }

    @Test
    void a_side_effect_step_waits_for_the_whole_plan_to_be_validated() {
        // given: the model pauses at the criteria until #E1 is done; save must not have started by then
        String plan = """
                #E1 = fetch("a")
                #E2 = save(#E1)
                #E3 = fetch("bb")
                Criteria:
                - #E3 == 2
                """;
        AtomicBoolean savedMidPlan = new AtomicBoolean(true);
        AtomicBoolean held = new AtomicBoolean();
        ScriptedLlm llm = ScriptedLlm.replying(plan, "Saved.").decoding((request, written) -> {
            if (written.contains("Criteria")
                    && ScriptedLlm.role(request) == ScriptedLlm.Role.PLANNER
                    && held.compareAndSet(false, true)) {
                sources.finished("a").await(10, TimeUnit.SECONDS);
                savedMidPlan.set(sources.log().contains("save") || sources.log().contains("fetch bb"));
            }
        });

        // when
        AgentResult result = agent(llm).run("Save a.");

        // then
        assertThat(savedMidPlan).isFalse();
        assertThat(result.solved()).isTrue();
        assertThat(sources.log()).containsExactly("fetch a", "fetched a", "save", "fetch bb", "fetched bb");
    }

    @Test
    void cannot_be_combined_with_an_approver() {
        assertThatThrownBy(() -> Agent.builder()
                        .llm(ScriptedLlm.replying())
                        .tools(sources)
                        .approver(review -> Agent.Approval.approve())
                        .streamedExecution(true)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("streamedExecution(true) starts steps before the plan is whole, but an approver must see"
                        + " each plan before any of its steps runs: use one or the other.");
    }
}
