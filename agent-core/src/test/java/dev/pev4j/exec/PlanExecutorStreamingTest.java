package dev.pev4j.exec;

import static dev.pev4j.exec.Plans.lit;
import static dev.pev4j.exec.Plans.plan;
import static dev.pev4j.exec.Plans.ref;
import static dev.pev4j.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.tool.Sources;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlanExecutorStreamingTest {

    private final Sources sources = new Sources();
    private final PlanExecutor executor =
            PlanExecutor.builder().tools(ToolRegistry.of(sources)).build();
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void a_side_effect_step_and_the_steps_after_it_wait_for_the_whole_plan() throws Exception {
        // given
        Step fetchA = step(1, "fetch", lit("a"));
        Step save = step(2, "save", ref(1));
        Step fetchB = step(3, "fetch", lit("bb"));
        PlanExecutor.Streaming streaming = executor.streaming(events::add);

        // when: all three are decoded, and the first has run
        streaming.offer(fetchA);
        streaming.offer(save);
        streaming.offer(fetchB);
        assertThat(sources.finished("a").await(10, TimeUnit.SECONDS)).isTrue();

        // then: only the free step before the writer started early
        assertThat(streaming.started()).containsExactly(StepId.of(1));
        assertThat(sources.log()).containsExactly("fetch a", "fetched a");

        // and the whole plan runs them in order
        ExecutionResult result = streaming.finish(plan(fetchA, save, fetchB), Map.of());
        assertThat(result.succeeded()).isTrue();
        assertThat(sources.log()).containsExactly("fetch a", "fetched a", "save", "fetch bb", "fetched bb");
        assertThat(events.stream().filter(StepEvent.Started.class::isInstance).map(StepEvent::step))
                .containsExactly(StepId.of(1), StepId.of(2), StepId.of(3));
    }

    @Test
    void a_step_waits_for_a_step_decoded_after_the_one_before_it_and_then_starts_early() throws Exception {
        // given: #2 is held, so #3 (which uses #1 and #2) must wait for it
        sources.hold("bb");
        PlanExecutor.Streaming streaming = executor.streaming(events::add);
        Step add = step(3, "add", ref(1), ref(2));

        // when
        streaming.offer(step(1, "fetch", lit("a")));
        streaming.offer(step(2, "fetch", lit("bb")));
        streaming.offer(add);
        assertThat(sources.started("bb").await(10, TimeUnit.SECONDS)).isTrue();
        boolean addedWhileHeld = sources.log().contains("add");
        sources.release("bb");
        assertThat(sources.started("add").await(10, TimeUnit.SECONDS)).isTrue();

        // then: it started before the plan was whole, after what it uses
        assertThat(addedWhileHeld).isFalse();
        assertThat(streaming.started()).containsExactly(StepId.of(1), StepId.of(2), StepId.of(3));
        ExecutionResult result =
                streaming.finish(plan(step(1, "fetch", lit("a")), step(2, "fetch", lit("bb")), add), Map.of());
        assertThat(result.evidence(StepId.of(3))).contains(3L);
        assertThat(sources.log()).containsSubsequence("fetched bb", "add");
        assertThat(sources.log()).filteredOn("add"::equals).hasSize(1);
    }

    @Test
    void a_step_started_early_that_the_whole_plan_changed_is_stopped_and_the_plan_runs_as_written() throws Exception {
        // given: the model decoded fetch("a"), the whole plan reads fetch("zzz")
        sources.hold("a");
        PlanExecutor.Streaming streaming = executor.streaming(events::add);
        streaming.offer(step(1, "fetch", lit("a")));
        assertThat(sources.started("a").await(10, TimeUnit.SECONDS)).isTrue();

        // when
        ExecutionResult result = streaming.finish(plan(step(1, "fetch", lit("zzz"))), Map.of());

        // then
        assertThat(result.evidence(StepId.of(1))).contains(3L);
        assertThat(sources.stopped("a").await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events)
                .filteredOn(StepEvent.Failed.class::isInstance)
                .extracting(e -> ((StepEvent.Failed) e).reason())
                .containsExactly("discarded: not in the plan as written in the end");
    }

    @Test
    void discarding_stops_the_steps_started_early_and_drops_their_results() throws Exception {
        // given
        sources.hold("a");
        java.util.concurrent.CountDownLatch secondDone = new java.util.concurrent.CountDownLatch(1);
        PlanExecutor.Streaming streaming = executor.streaming(event -> {
            events.add(event);
            if (event instanceof StepEvent.Finished && event.step().equals(StepId.of(2))) {
                secondDone.countDown();
            }
        });
        streaming.offer(step(1, "fetch", lit("a")));
        streaming.offer(step(2, "fetch", lit("bb")));
        assertThat(sources.started("a").await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();

        // when
        streaming.discard("the plan has problems");
        streaming.offer(step(3, "fetch", lit("ccc")));

        // then: the running one is interrupted; nothing starts afterwards
        assertThat(sources.stopped("a").await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events)
                .filteredOn(StepEvent.Failed.class::isInstance)
                .extracting(StepEvent::step, e -> ((StepEvent.Failed) e).reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StepId.of(1), "discarded: the plan has problems"));
        assertThat(streaming.started()).containsExactly(StepId.of(1), StepId.of(2));
        assertThat(sources.log()).doesNotContain("fetch ccc");
    }

    @Test
    void a_plan_with_no_early_step_runs_as_execute_runs_it() {
        Plan plan = plan(step(1, "fetch", lit("a")), step(2, "add", ref(1), lit(1L)));

        ExecutionResult result = executor.streaming(events::add).finish(plan, Map.of());

        assertThat(result.evidence(StepId.of(2))).contains(2L);
    }
}
