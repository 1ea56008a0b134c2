package dev.pev4j.exec;

import static dev.pev4j.exec.Plans.lit;
import static dev.pev4j.exec.Plans.plan;
import static dev.pev4j.exec.Plans.ref;
import static dev.pev4j.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PlanExecutorReuseTest {

    private final FakeTools tools = new FakeTools()
            .with("load", (args, named) -> List.of(1L, 2L, 3L))
            .with(
                    "sum",
                    (args, named) -> ((List<?>) args.get(0))
                            .stream().mapToLong(o -> (Long) o).sum());

    private final PlanExecutor executor =
            PlanExecutor.builder().tools(tools).maxParallelism(2).build();

    private static StepOutcome.Done done(int id, String tool, Object value) {
        return new StepOutcome.Done(StepId.of(id), tool, Instant.EPOCH, Duration.ofMillis(5), value, value.toString());
    }

    @Test
    void does_not_call_the_tool_of_a_reused_step_and_feeds_its_evidence_to_dependents() {
        // given
        Plan plan = plan(step(1, "load", lit("a")), step(2, "sum", ref(1)));
        List<StepEvent> events = new CopyOnWriteArrayList<>();

        // when
        ExecutionResult result =
                executor.execute(plan, Map.of(StepId.of(1), done(7, "load", List.of(10L, 20L))), events::add);

        // then
        assertThat(tools.calls()).containsExactly("sum");
        assertThat(result.evidence(StepId.of(1))).contains(List.of(10L, 20L));
        assertThat(result.evidence(StepId.of(2))).contains(30L);
        assertThat(result.outcome(StepId.of(1)).orElseThrow().step()).isEqualTo(StepId.of(1));
        assertThat(events).extracting(StepEvent::step).containsOnly(StepId.of(2));
    }

    @Test
    void completes_when_every_step_is_reused() {
        // given
        Plan plan = plan(step(1, "load", lit("a")));

        // when
        ExecutionResult result = executor.execute(plan, Map.of(StepId.of(1), done(1, "load", 5L)), event -> {});

        // then
        assertThat(tools.calls()).isEmpty();
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void rejects_a_reused_outcome_for_a_step_not_in_the_plan_or_of_another_tool() {
        Plan plan = plan(step(1, "load", lit("a")));

        assertThatThrownBy(() -> executor.execute(plan, Map.of(StepId.of(3), done(3, "load", 5L)), event -> {}))
                .hasMessage("a reused outcome names #E3, which is not in the plan (its steps are #E1)");
        assertThatThrownBy(() -> executor.execute(plan, Map.of(StepId.of(1), done(1, "sum", 5L)), event -> {}))
                .hasMessage("the reused outcome for #E1 comes from tool 'sum' but the step calls 'load'");
    }
}
