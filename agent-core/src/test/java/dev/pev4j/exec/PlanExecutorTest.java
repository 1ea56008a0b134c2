package dev.pev4j.exec;

import static dev.pev4j.exec.Plans.chain;
import static dev.pev4j.exec.Plans.id;
import static dev.pev4j.exec.Plans.list;
import static dev.pev4j.exec.Plans.lit;
import static dev.pev4j.exec.Plans.plan;
import static dev.pev4j.exec.Plans.ref;
import static dev.pev4j.exec.Plans.step;
import static dev.pev4j.exec.Plans.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pev4j.AgentException;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.RunningPlan;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @Test
    void runs_each_step_after_the_steps_whose_evidence_it_uses() {
        // given: #E4 uses #E1 and #E3, which uses #E2, which uses #E1
        List<String> order = new ArrayList<>();
        FakeTools tools = new FakeTools().with("add", (args, named) -> {
            long sum = 0;
            for (Object arg : args) {
                sum += (Long) arg;
            }
            synchronized (order) {
                order.add("add" + args);
            }
            return sum;
        });
        Plan plan = plan(
                step(1, "add", lit(1L)),
                step(2, "add", ref(1), lit(10L)),
                step(3, "add", ref(2), lit(100L)),
                step(4, "add", ref(1), ref(3)));

        // when
        ExecutionResult result = executor(tools).execute(plan);

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(order).containsExactly("add[1]", "add[1, 10]", "add[11, 100]", "add[1, 111]");
        assertThat(result.evidence(id(4))).contains(112L);
        assertThat(result.outcomes().keySet()).containsExactly(id(1), id(2), id(3), id(4));
    }

    @Test
    void runs_independent_steps_at_the_same_time() {
        // given: two steps that each wait for the other at a barrier, so both finish only if they run together
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        FakeTools tools = new FakeTools()
                .with("meet", (args, named) -> bothRunning.await(10, TimeUnit.SECONDS))
                .with("join", (args, named) -> "joined");
        Plan plan = plan(step(1, "meet"), step(2, "meet"), step(3, "join", ref(1), ref(2)));

        // when
        ExecutionResult result =
                assertTimeoutPreemptively(HANG_GUARD, () -> executor(tools).execute(plan));

        // then
        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void never_runs_more_steps_at_once_than_max_parallelism() {
        // given: eight independent steps that note how many run at once
        ConcurrencyMeter meter = new ConcurrencyMeter();
        FakeTools tools = new FakeTools().with("work", (args, named) -> meter.measure(() -> Thread.sleep(5)));
        List<dev.pev4j.plan.Step> steps = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            steps.add(step(i, "work"));
        }
        PlanExecutor one = PlanExecutor.builder().tools(tools).maxParallelism(1).build();

        // when
        ExecutionResult result = assertTimeoutPreemptively(HANG_GUARD, () -> one.execute(new Plan(steps)));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(meter.max()).isEqualTo(1);
    }

    @Test
    void runs_up_to_max_parallelism_steps_at_once_and_no_more() {
        // given: six steps meeting in pairs at a barrier (they finish only two at a time) under maxParallelism 2
        CyclicBarrier pairs = new CyclicBarrier(2);
        ConcurrencyMeter meter = new ConcurrencyMeter();
        FakeTools tools =
                new FakeTools().with("meet", (args, named) -> meter.measure(() -> pairs.await(10, TimeUnit.SECONDS)));
        List<dev.pev4j.plan.Step> steps = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            steps.add(step(i, "meet"));
        }
        PlanExecutor two = PlanExecutor.builder().tools(tools).maxParallelism(2).build();

        // when
        ExecutionResult result = assertTimeoutPreemptively(HANG_GUARD, () -> two.execute(new Plan(steps)));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(meter.max()).isEqualTo(2);
    }

    @Test
    void passes_a_referenced_step_its_evidence_as_the_same_instance() {
        // given
        Object evidence = new Object();
        AtomicReference<Object> received = new AtomicReference<>();
        FakeTools tools = new FakeTools()
                .with("make", (args, named) -> evidence)
                .with("use", (args, named) -> {
                    received.set(args.get(0));
                    return null;
                });

        // when
        ExecutionResult result = executor(tools).execute(plan(step(1, "make"), step(2, "use", ref(1))));

        // then
        assertThat(received.get()).isSameAs(evidence);
        assertThat(result.evidence(id(1))).containsSame(evidence);
        assertThat(result.evidence(id(2))).isEmpty();
        assertThat(result.outcome(id(2))).get().isInstanceOf(StepOutcome.Done.class);
    }

    @Test
    void replaces_references_in_text_by_their_evidence_text() {
        // given: a string, a number, a boolean and a list as evidence
        AtomicReference<Object> received = new AtomicReference<>();
        FakeTools tools = new FakeTools()
                .with("city", (args, named) -> "Paris")
                .with("population", (args, named) -> 2_100_000L)
                .with("capital", (args, named) -> true)
                .with("ranks", (args, named) -> List.of(1, 2, 3))
                .with("say", (args, named) -> {
                    received.set(args.get(0));
                    return null;
                });
        Plan plan = plan(
                step(1, "city"),
                step(2, "population", ref(1)),
                step(3, "capital", ref(1)),
                step(4, "ranks"),
                step(5, "say", text("population of ", 1, " is ", 2, ", capital: ", 3, ", ranks ", 4)));

        // when
        executor(tools).execute(plan);

        // then
        assertThat(received.get()).isEqualTo("population of Paris is 2100000, capital: true, ranks [1, 2, 3]");
    }

    @Test
    void resolves_lists_and_maps_of_arguments_keeping_order_and_nulls() {
        // given
        AtomicReference<Object> positional = new AtomicReference<>();
        AtomicReference<Map<String, Object>> namedSeen = new AtomicReference<>();
        FakeTools tools = new FakeTools().with("one", (args, named) -> 1L).with("take", (args, named) -> {
            positional.set(args.get(0));
            namedSeen.set(named);
            return null;
        });
        Map<String, Arg> named = new LinkedHashMap<>();
        named.put("z", ref(1));
        named.put("a", new Arg.MapOf(Map.of("k", lit("v"))));
        Plan plan = plan(
                step(1, "one"),
                new dev.pev4j.plan.Step(id(2), "", "take", List.of(list(lit("x"), lit(null), ref(1))), named));

        // when
        executor(tools).execute(plan);

        // then
        assertThat(positional.get()).isEqualTo(java.util.Arrays.asList("x", null, 1L));
        assertThat(namedSeen.get()).containsExactly(Map.entry("z", 1L), Map.entry("a", Map.of("k", "v")));
    }

    @Test
    void skips_every_step_that_depends_on_a_failed_step_while_independent_steps_finish() {
        // given: #E1 fails, #E2 uses #E1, #E3 uses #E2, #E4 needs neither
        AgentException boom = new AgentException("no file 'sales.csv' in the workspace; files: sale.csv");
        FakeTools tools = new FakeTools()
                .with("load", (args, named) -> {
                    throw boom;
                })
                .with("use", (args, named) -> "used")
                .with("other", (args, named) -> "fine");
        Plan plan = plan(step(1, "load"), step(2, "use", ref(1)), step(3, "use", ref(2)), step(4, "other"));

        // when
        ExecutionResult result = executor(tools).execute(plan);

        // then
        StepOutcome.Failed failed = (StepOutcome.Failed) result.outcomes().get(id(1));
        assertThat(failed.reason()).isEqualTo("no file 'sales.csv' in the workspace; files: sale.csv");
        assertThat(failed.cause()).isSameAs(boom);
        assertThat(((StepOutcome.Skipped) result.outcomes().get(id(2))).why())
                .isEqualTo("depends on #E1, which failed");
        assertThat(((StepOutcome.Skipped) result.outcomes().get(id(3))).why())
                .isEqualTo("depends on #E1 (through #E2), which failed");
        assertThat(result.evidence(id(4))).contains("fine");
        assertThat(tools.calls()).containsExactlyInAnyOrder("load", "other");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).containsExactly(failed);
        assertThat(result.skipped()).hasSize(2);
        assertThat(result.toString())
                .isEqualTo("#E1 failed: no file 'sales.csv' in the workspace; files: sale.csv\n"
                        + "#E2 skipped: depends on #E1, which failed\n"
                        + "#E3 skipped: depends on #E1 (through #E2), which failed\n"
                        + "#E4 = fine\n");
    }

    @Test
    void names_the_exception_class_when_a_failing_tool_gives_no_message() {
        // given
        FakeTools tools = new FakeTools().with("broken", (args, named) -> {
            throw new IllegalStateException();
        });

        // when
        ExecutionResult result = executor(tools).execute(plan(step(1, "broken")));

        // then
        assertThat(result.failures())
                .singleElement()
                .extracting(StepOutcome.Failed::reason)
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void fails_a_step_that_runs_longer_than_the_step_timeout_interrupts_it_and_skips_its_dependents() {
        // given: #E1 waits forever unless interrupted; #E3 is independent
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeTools tools = new FakeTools()
                .with("hang", (args, named) -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return null;
                })
                .with("quick", (args, named) -> "quick");
        PlanExecutor executor = PlanExecutor.builder()
                .tools(tools)
                .stepTimeout(Duration.ofMillis(200))
                .build();

        // when
        ExecutionResult result = assertTimeoutPreemptively(
                HANG_GUARD, () -> executor.execute(plan(step(1, "hang"), step(2, "quick", ref(1)), step(3, "quick"))));

        // then
        assertThat(result.failures())
                .singleElement()
                .extracting(StepOutcome.Failed::reason)
                .isEqualTo("timed out after 200 ms");
        assertThat(((StepOutcome.Skipped) result.outcomes().get(id(2))).why())
                .isEqualTo("depends on #E1, which failed");
        assertThat(result.evidence(id(3))).contains("quick");
        assertTimeoutPreemptively(HANG_GUARD, () -> interrupted.await());
    }

    @Test
    void a_timed_out_tool_that_ignores_interrupts_does_not_hold_up_the_other_steps() {
        // given: one slot; #E1 ignores interrupts until the test ends; #E2 is independent
        CountDownLatch testOver = new CountDownLatch(1);
        FakeTools tools = new FakeTools()
                .with("stubborn", (args, named) -> {
                    while (testOver.getCount() > 0) {
                        try {
                            testOver.await();
                        } catch (InterruptedException ignored) {
                            // keeps running, as badly written tools do
                        }
                    }
                    return "late";
                })
                .with("quick", (args, named) -> "quick");
        PlanExecutor executor = PlanExecutor.builder()
                .tools(tools)
                .maxParallelism(1)
                .stepTimeout(Duration.ofMillis(100))
                .build();

        // when
        ExecutionResult result;
        try {
            result = assertTimeoutPreemptively(
                    HANG_GUARD, () -> executor.execute(plan(step(1, "stubborn"), step(2, "quick"))));
        } finally {
            testOver.countDown();
        }

        // then
        assertThat(result.failures())
                .singleElement()
                .extracting(StepOutcome.Failed::reason)
                .isEqualTo("timed out after 100 ms");
        assertThat(result.evidence(id(2))).contains("quick");
    }

    @Test
    void cancel_interrupts_running_steps_and_skips_those_not_started() {
        // given: #E1 runs until interrupted, #E2 waits for it
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeTools tools = new FakeTools()
                .with("long", (args, named) -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return null;
                })
                .with("after", (args, named) -> "after");
        RunningPlan running = executor(tools).start(plan(step(1, "long"), step(2, "after", ref(1))));
        assertTimeoutPreemptively(HANG_GUARD, () -> started.await());

        // when
        boolean cancelled = running.cancel();
        ExecutionResult result = assertTimeoutPreemptively(HANG_GUARD, () -> running.await());

        // then
        assertThat(cancelled).isTrue();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(((StepOutcome.Failed) result.outcomes().get(id(1))).reason()).isEqualTo("cancelled while running");
        assertThat(((StepOutcome.Skipped) result.outcomes().get(id(2))).why()).isEqualTo("cancelled");
        assertTimeoutPreemptively(HANG_GUARD, () -> interrupted.await());
        assertThat(tools.calls()).containsExactly("long");
        assertThat(running.cancel()).isFalse();
    }

    @Test
    void interrupting_the_thread_that_waits_in_execute_cancels_the_run() throws Exception {
        // given
        CountDownLatch started = new CountDownLatch(1);
        FakeTools tools = new FakeTools().with("long", (args, named) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        PlanExecutor executor = executor(tools);
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(executor.execute(plan(step(1, "long"), step(2, "long", ref(1)))));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTimeoutPreemptively(HANG_GUARD, () -> started.await());

        // when
        caller.interrupt();
        caller.join(HANG_GUARD.toMillis());

        // then
        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get().cancelled()).isTrue();
        assertThat(result.get().outcomes().get(id(1))).isInstanceOf(StepOutcome.Failed.class);
        assertThat(result.get().outcomes().get(id(2))).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void cancelling_a_finished_run_changes_nothing() throws Exception {
        // given
        RunningPlan running =
                executor(new FakeTools().with("t", (args, named) -> "x")).start(plan(step(1, "t")));
        ExecutionResult result = running.await();

        // when
        boolean cancelled = running.cancel();

        // then
        assertThat(cancelled).isFalse();
        assertThat(running.isDone()).isTrue();
        assertThat(running.await()).isSameAs(result);
        assertThat(result.cancelled()).isFalse();
    }

    @Test
    void tells_listeners_each_step_s_events_in_order_before_execute_returns() {
        // given: #E1 done, #E2 fails, #E3 skipped
        RecordingListener listener = new RecordingListener();
        FakeTools tools = new FakeTools().with("ok", (args, named) -> "ok").with("fail", (args, named) -> {
            throw new AgentException("bad input");
        });
        PlanExecutor executor =
                PlanExecutor.builder().tools(tools).listener(listener).build();

        // when
        executor.execute(plan(step(1, "ok"), step(2, "fail", ref(1)), step(3, "ok", ref(2))));

        // then
        assertThat(listener.kindsFor(1)).containsExactly("Started", "Finished");
        assertThat(listener.kindsFor(2)).containsExactly("Started", "Failed");
        assertThat(listener.kindsFor(3)).containsExactly("Skipped");
        assertThat(listener.events()).hasSize(5);
        assertThat(listener.events().get(1))
                .isInstanceOfSatisfying(
                        StepEvent.Finished.class, e -> assertThat(e.preview()).isEqualTo("ok"));
        assertThat(listener.events())
                .filteredOn(e -> e instanceof StepEvent.Failed)
                .singleElement()
                .isInstanceOfSatisfying(
                        StepEvent.Failed.class, e -> assertThat(e.reason()).isEqualTo("bad input"));
    }

    @Test
    void a_throwing_listener_neither_stops_the_run_nor_keeps_events_from_the_other_listeners() {
        // given
        RecordingListener after = new RecordingListener();
        FakeTools tools = new FakeTools().with("ok", (args, named) -> "ok");
        PlanExecutor executor = PlanExecutor.builder()
                .tools(tools)
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(after)
                .build();

        // when
        ExecutionResult result = executor.execute(plan(step(1, "ok"), step(2, "ok", ref(1))));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(after.events()).hasSize(4);
    }

    @Test
    void a_run_s_own_listener_hears_only_that_run() {
        // given
        RecordingListener always = new RecordingListener();
        RecordingListener once = new RecordingListener();
        PlanExecutor executor = PlanExecutor.builder()
                .tools(new FakeTools().with("ok", (args, named) -> "ok"))
                .listener(always)
                .build();

        // when
        executor.execute(plan(step(1, "ok")), once);
        executor.execute(plan(step(1, "ok")));

        // then
        assertThat(once.events()).hasSize(2);
        assertThat(always.events()).hasSize(4);
    }

    @Test
    void keeps_a_bounded_preview_of_each_evidence() {
        // given: a huge string and a long list as evidence
        String huge = "x".repeat(1_000_000);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(i);
        }
        FakeTools tools = new FakeTools().with("huge", (args, named) -> huge).with("many", (args, named) -> many);
        PlanExecutor executor =
                PlanExecutor.builder().tools(tools).previewChars(200).build();

        // when
        ExecutionResult result = executor.execute(plan(step(1, "huge"), step(2, "many")));

        // then
        assertThat(result.preview(id(1)))
                .get()
                .asString()
                .hasSizeLessThanOrEqualTo(200)
                .endsWith(" more chars)");
        assertThat(result.preview(id(2)))
                .get()
                .asString()
                .hasSizeLessThanOrEqualTo(200)
                .endsWith(" more of 10000)]");
        assertThat(result.evidence(id(1))).containsSame(huge);
    }

    @Test
    void uses_contributed_previewers_before_the_built_in_ones() {
        // given
        PlanExecutor executor = PlanExecutor.builder()
                .tools(new FakeTools().with("n", (args, named) -> 42L))
                .previewer((value, max) ->
                        value instanceof Long n ? java.util.Optional.of("the number " + n) : java.util.Optional.empty())
                .build();

        // when
        ExecutionResult result = executor.execute(plan(step(1, "n")));

        // then
        assertThat(result.preview(id(1))).contains("the number 42");
    }

    @Test
    void runs_a_chain_of_a_thousand_steps() {
        // given
        FakeTools tools = new FakeTools().with("inc", (args, named) -> args.isEmpty() ? 1L : (Long) args.get(0) + 1);

        // when
        ExecutionResult result =
                assertTimeoutPreemptively(HANG_GUARD, () -> executor(tools).execute(chain(1000, "inc")));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.evidence(id(1000))).contains(1000L);
    }

    @Test
    void concurrent_runs_on_one_executor_each_get_their_own_results() throws Exception {
        // given: one executor, sixteen threads each running its own plan
        FakeTools tools = new FakeTools()
                .with("seed", (args, named) -> args.get(0))
                .with("twice", (args, named) -> 2 * (Long) args.get(0))
                .with("sum", (args, named) -> (Long) args.get(0) + (Long) args.get(1));
        PlanExecutor executor =
                PlanExecutor.builder().tools(tools).maxParallelism(3).build();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<ExecutionResult>> runs = new ArrayList<>();
            for (long seed = 0; seed < 64; seed++) {
                Plan plan = plan(
                        step(1, "seed", lit(seed)),
                        step(2, "twice", ref(1)),
                        step(3, "twice", ref(1)),
                        step(4, "sum", ref(2), ref(3)));
                runs.add(callers.submit(() -> executor.execute(plan)));
            }

            // when
            List<ExecutionResult> results = new ArrayList<>();
            for (Future<ExecutionResult> run : runs) {
                results.add(run.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS));
            }

            // then
            for (int seed = 0; seed < 64; seed++) {
                assertThat(results.get(seed).evidence(id(4))).contains(4L * seed);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void runs_steps_on_daemon_threads_by_default_so_the_jvm_can_exit() {
        // given
        AtomicBoolean daemon = new AtomicBoolean();
        FakeTools tools = new FakeTools().with("where", (args, named) -> {
            daemon.set(Thread.currentThread().isDaemon());
            return null;
        });

        // when
        executor(tools).execute(plan(step(1, "where")));

        // then
        assertThat(daemon).isTrue();
    }

    @Test
    void times_steps_and_the_run_with_the_injected_clock() {
        // given: a clock that moves 10 ms each time it is read
        Clock clock = new TickingClock(Duration.ofMillis(10));
        PlanExecutor executor = PlanExecutor.builder()
                .tools(new FakeTools().with("t", (args, named) -> "x"))
                .clock(clock)
                .build();

        // when
        ExecutionResult result = executor.execute(plan(step(1, "t")));

        // then
        assertThat(result.outcomes().get(id(1)).duration()).isEqualTo(Duration.ofMillis(10));
        assertThat(((StepOutcome.Done) result.outcomes().get(id(1))).started()).isEqualTo(Instant.EPOCH.plusMillis(10));
        assertThat(result.wall()).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void fails_a_step_that_uses_a_step_missing_from_the_plan_and_skips_its_dependents() {
        // given: an unvalidated plan
        FakeTools tools = new FakeTools().with("t", (args, named) -> "x");

        // when
        ExecutionResult result = assertTimeoutPreemptively(
                HANG_GUARD,
                () -> executor(tools).execute(plan(step(1, "t"), step(2, "t", ref(9)), step(3, "t", ref(2)))));

        // then
        assertThat(((StepOutcome.Failed) result.outcomes().get(id(2))).reason())
                .isEqualTo("uses #E9, which is not in the plan (its steps are #E1, #E2, #E3)");
        assertThat(((StepOutcome.Skipped) result.outcomes().get(id(3))).why())
                .isEqualTo("depends on #E2, which failed");
        assertThat(result.evidence(id(1))).contains("x");
    }

    @Test
    void fails_steps_on_a_dependency_cycle_instead_of_waiting_for_them() {
        // given: #E1 -> #E2 -> #E3 -> #E1, #E4 uses #E3, #E5 uses itself, #E6 is fine
        FakeTools tools = new FakeTools().with("t", (args, named) -> "x");
        Plan plan = plan(
                step(1, "t", ref(3)),
                step(2, "t", ref(1)),
                step(3, "t", ref(2)),
                step(4, "t", ref(3)),
                step(5, "t", ref(5)),
                step(6, "t"));

        // when
        ExecutionResult result =
                assertTimeoutPreemptively(HANG_GUARD, () -> executor(tools).execute(plan));

        // then
        assertThat(((StepOutcome.Failed) result.outcomes().get(id(1))).reason())
                .isEqualTo("is part of a dependency cycle: #E1 -> #E3 -> #E2 -> #E1 (each uses the next)");
        assertThat(((StepOutcome.Failed) result.outcomes().get(id(5))).reason())
                .isEqualTo("is part of a dependency cycle: #E5 -> #E5 (each uses the next)");
        assertThat(result.outcomes().get(id(4))).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(result.evidence(id(6))).contains("x");
        assertThat(tools.calls()).containsExactly("t");
    }

    @Test
    void runs_a_step_that_uses_the_same_step_twice_once_that_step_is_done() {
        // given
        FakeTools tools = new FakeTools()
                .with("one", (args, named) -> 1L)
                .with("add", (args, named) -> (Long) args.get(0) + (Long) args.get(1));

        // when
        ExecutionResult result = assertTimeoutPreemptively(
                HANG_GUARD, () -> executor(tools).execute(plan(step(1, "one"), step(2, "add", ref(1), ref(1)))));

        // then
        assertThat(result.evidence(id(2))).contains(2L);
        assertThat(tools.calls()).containsExactly("one", "add");
    }

    @Test
    void runs_a_step_that_uses_a_later_step_after_it_when_there_is_no_cycle() {
        // given: #E1 uses #E2, written after it
        FakeTools tools = new FakeTools().with("two", (args, named) -> 2L).with("echo", (args, named) -> args.get(0));

        // when
        ExecutionResult result = assertTimeoutPreemptively(
                HANG_GUARD, () -> executor(tools).execute(plan(step(1, "echo", ref(2)), step(2, "two"))));

        // then
        assertThat(result.evidence(id(1))).contains(2L);
        assertThat(result.outcomes().keySet()).containsExactly(id(1), id(2));
    }

    @Test
    void rejects_a_plan_with_two_steps_of_the_same_id() {
        // given
        PlanExecutor executor = executor(new FakeTools());

        // when / then
        assertThatThrownBy(() -> executor.execute(plan(step(1, "a"), step(1, "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan has two steps #E1; step ids must be unique "
                        + "(check plans with PlanValidator before running them)");
    }

    @Test
    void an_empty_plan_succeeds_at_once() {
        // when
        ExecutionResult result = executor(new FakeTools()).execute(new Plan(List.of()));

        // then
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void start_returns_at_once_and_completes_its_stage_with_the_result() throws Exception {
        // given
        CountDownLatch release = new CountDownLatch(1);
        FakeTools tools = new FakeTools().with("wait", (args, named) -> {
            release.await();
            return "done";
        });

        // when
        RunningPlan running = executor(tools).start(plan(step(1, "wait")));

        // then
        assertThat(running.isDone()).isFalse();
        assertThat(running.await(Duration.ofMillis(1))).isEmpty();
        release.countDown();
        ExecutionResult result = running.completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(result.evidence(id(1), String.class)).contains("done");
    }

    @Test
    void runs_steps_on_an_injected_executor() {
        // given
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> new Thread(task, "injected"));
        AtomicReference<String> thread = new AtomicReference<>();
        try {
            PlanExecutor executor = PlanExecutor.builder()
                    .tools(new FakeTools().with("where", (args, named) -> {
                        thread.set(Thread.currentThread().getName());
                        return null;
                    }))
                    .executor(pool)
                    .build();

            // when
            executor.execute(plan(step(1, "where")));
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(thread.get()).isEqualTo("injected");
    }

    @Test
    void fails_the_steps_an_executor_rejects() {
        // given: an executor that is shut down
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        PlanExecutor executor =
                PlanExecutor.builder().tools(new FakeTools()).executor(pool).build();

        // when
        ExecutionResult result =
                assertTimeoutPreemptively(HANG_GUARD, () -> executor.execute(plan(step(1, "t"), step(2, "t", ref(1)))));

        // then
        assertThat(result.failures())
                .singleElement()
                .extracting(StepOutcome.Failed::reason)
                .asString()
                .startsWith("could not be started: the executor rejected it (");
        assertThat(result.outcomes().get(id(2))).isInstanceOf(StepOutcome.Skipped.class);
    }

    @Test
    void validates_its_settings_with_messages_that_say_what_was_wrong() {
        assertThatThrownBy(() -> PlanExecutor.builder().maxParallelism(0))
                .hasMessage("maxParallelism must be >= 1 but was 0");
        assertThatThrownBy(() -> PlanExecutor.builder().previewChars(-5))
                .hasMessage("previewChars must be >= 1 but was -5");
        assertThatThrownBy(() -> PlanExecutor.builder().stepTimeout(Duration.ZERO))
                .hasMessage("stepTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> PlanExecutor.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "A PlanExecutor needs tools to call: pass a ToolRegistry (or any ToolInvoker) to tools(...).");
    }

    private static PlanExecutor executor(FakeTools tools) {
        return PlanExecutor.builder().tools(tools).build();
    }

    /** Counts the tool calls under way and keeps the highest count seen. */
    private static final class ConcurrencyMeter {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        interface Work {
            void run() throws Exception;
        }

        Object measure(Work work) throws Exception {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                work.run();
            } finally {
                now.decrementAndGet();
            }
            return "done";
        }

        int max() {
            return max.get();
        }
    }

    /** Starts at the epoch and moves {@code tick} forward each time it is read. */
    private static final class TickingClock extends Clock {
        private final Duration tick;
        private final AtomicLong reads = new AtomicLong();

        TickingClock(Duration tick) {
            this.tick = tick;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plus(tick.multipliedBy(reads.getAndIncrement()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
