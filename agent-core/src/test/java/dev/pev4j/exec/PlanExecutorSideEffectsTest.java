package dev.pev4j.exec;

import static dev.pev4j.exec.Plans.lit;
import static dev.pev4j.exec.Plans.plan;
import static dev.pev4j.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.tool.Inventory;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PlanExecutorSideEffectsTest {

    private final Inventory inventory = new Inventory();
    private final ToolRegistry registry = ToolRegistry.of(inventory);
    private final PlanExecutor executor =
            PlanExecutor.builder().tools(registry).maxParallelism(4).build();
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void reads_the_effects_declared_on_the_class_and_the_method() {
        assertThat(registry.find("stock").orElseThrow().effects()).isEqualTo(ToolDescriptor.Effects.NONE);
        assertThat(registry.find("reorder").orElseThrow().effects()).isEqualTo(ToolDescriptor.Effects.WRITES);
        assertThat(registry.effects("reorder")).isEqualTo(ToolDescriptor.Effects.WRITES);
    }

    @Test
    void a_step_after_a_side_effect_step_reads_what_it_changed_though_it_does_not_use_its_evidence() {
        // given: #2 does not refer to #1, so without ordering both would start at once
        Plan plan = plan(step(1, "reorder", lit("widget"), lit(10L)), step(2, "stock", lit("widget")));

        // when
        ExecutionResult result = executor.execute(plan, events::add);

        // then
        assertThat(result.evidence(StepId.of(1))).contains(13L);
        assertThat(result.evidence(StepId.of(2))).contains(13L);
    }

    @Test
    void a_step_before_a_side_effect_step_reads_the_state_before_it() {
        // given
        Plan plan = plan(step(1, "stock", lit("widget")), step(2, "reorder", lit("widget"), lit(10L)));

        // when
        ExecutionResult result = executor.execute(plan, events::add);

        // then
        assertThat(result.evidence(StepId.of(1))).contains(3L);
        assertThat(result.evidence(StepId.of(2))).contains(13L);
    }

    @Test
    void orders_a_side_effect_step_after_every_step_before_it_and_before_every_step_after_it() {
        // given
        Plan plan = plan(
                step(1, "stock", lit("widget")),
                step(2, "stock", lit("gadget")),
                step(3, "reorder", lit("widget"), lit(1L)),
                step(4, "stock", lit("widget")),
                step(5, "stock", lit("gadget")));

        // when
        executor.execute(plan, events::add);

        // then
        int reorderStarted = index(StepEvent.Started.class, 3);
        int reorderFinished = index(StepEvent.Finished.class, 3);
        assertThat(index(StepEvent.Finished.class, 1)).isLessThan(reorderStarted);
        assertThat(index(StepEvent.Finished.class, 2)).isLessThan(reorderStarted);
        assertThat(index(StepEvent.Started.class, 4)).isGreaterThan(reorderFinished);
        assertThat(index(StepEvent.Started.class, 5)).isGreaterThan(reorderFinished);
    }

    @Test
    void skips_the_steps_after_a_failed_side_effect_step_and_says_why() {
        // given
        Plan plan = plan(step(1, "cancel", lit("widget")), step(2, "stock", lit("widget")));

        // when
        ExecutionResult result = executor.execute(plan, events::add);

        // then
        assertThat(result.outcome(StepId.of(2)).orElseThrow())
                .isInstanceOfSatisfying(
                        StepOutcome.Skipped.class,
                        skipped -> assertThat(skipped.why())
                                .isEqualTo("runs after #E1 (ordered by side effects), which failed"));
        assertThat(inventory.calls("stock")).isZero();
    }

    @Test
    void refuses_to_reuse_the_outcome_of_a_side_effect_step() {
        // given
        Plan plan = plan(step(1, "reorder", lit("widget"), lit(10L)));
        StepOutcome.Done earlier =
                new StepOutcome.Done(StepId.of(1), "reorder", Instant.EPOCH, Duration.ofMillis(1), 13L, "13");

        // when / then
        assertThatThrownBy(() -> executor.execute(plan, Map.of(StepId.of(1), earlier), events::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("#E1 calls 'reorder', which has side effects: its outcome cannot be reused, the step must "
                        + "run");
    }

    @Test
    void a_registration_option_declares_the_effects_of_a_tool_it_names() {
        ToolRegistry declared = ToolRegistry.builder()
                .add(new Inventory())
                .effects("stock", ToolDescriptor.Effects.UNDECLARED)
                .build();

        assertThat(declared.effects("stock")).isEqualTo(ToolDescriptor.Effects.UNDECLARED);
        assertThatThrownBy(() -> ToolRegistry.builder()
                        .add(new Inventory())
                        .effects("stok", ToolDescriptor.Effects.NONE)
                        .build())
                .hasMessage("effects(\"stok\", NONE) names no tool; did you mean 'stock'? tools: cancel, reorder, "
                        + "stock");
    }

    private int index(Class<? extends StepEvent> type, int step) {
        for (int i = 0; i < events.size(); i++) {
            StepEvent event = events.get(i);
            if (type.isInstance(event) && event.step().equals(StepId.of(step))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " event for #" + step + " in " + events);
    }
}
