package dev.pev4j.exec;

import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.ExecutionListener;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.ToolInvoker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a plan as a dependency graph: each step as soon as every step whose evidence it uses is done, independent steps
 * in parallel (at most {@code maxParallelism} at once), a failed step's dependents skipped while the other branches
 * finish. Steps that do not use each other's evidence run unordered, except around a step whose tool has side effects
 * ({@link ToolInvoker#effects}, declared with {@code @SideEffects}): it starts after every step before it in the plan and
 * before every step after it. Immutable and thread-safe: one instance serves any number of concurrent runs.
 *
 * <pre>{@code
 * PlanExecutor executor = PlanExecutor.builder().tools(registry).stepTimeout(Duration.ofSeconds(30)).build();
 * ExecutionResult result = executor.execute(plan);
 * result.evidence(StepId.of(2)).ifPresent(System.out::println);
 * }</pre>
 *
 * <p>The plan should have passed {@code PlanValidator}; if it has not, a step that uses a step missing from the plan,
 * or that is on a dependency cycle, fails with a reason saying so instead of waiting forever.
 */
public final class PlanExecutor {

    final ToolInvoker tools;
    final Executor executor;
    final String threads;
    final int maxParallelism;
    final @Nullable Duration stepTimeout;
    final long stepTimeoutNanos;
    final Clock clock;
    final List<ExecutionListener> listeners;
    final Previews previews;
    final int previewChars;

    private PlanExecutor(Builder builder, ToolInvoker tools) {
        this.tools = tools;
        this.maxParallelism = builder.maxParallelism;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.threads = "injected executor";
        } else {
            this.executor = DefaultExecutors.create(maxParallelism);
            this.threads = DefaultExecutors.virtualThreadsAvailable() ? "virtual threads" : "platform daemon threads";
        }
        this.stepTimeout = builder.stepTimeout;
        this.stepTimeoutNanos = stepTimeout == null ? Long.MAX_VALUE : saturatedNanos(stepTimeout);
        this.clock = builder.clock;
        this.listeners = List.copyOf(builder.listeners);
        this.previews = Previews.with(builder.previewers);
        this.previewChars = builder.previewChars;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) { // longer than 292 years: as good as none
            return Long.MAX_VALUE;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code plan} and waits until every step is done, failed or skipped. Interrupting the calling thread cancels
     * the run (see {@link RunningPlan#cancel()}): the result then says {@link ExecutionResult#cancelled()}, and the
     * thread's interrupt status is set again.
     *
     * @throws IllegalArgumentException when two steps of the plan have the same id
     */
    public ExecutionResult execute(Plan plan) {
        return await(start(plan));
    }

    /** As {@link #execute(Plan)}, also telling {@code listener} about this run's events. */
    public ExecutionResult execute(Plan plan, ExecutionListener listener) {
        return await(start(plan, listener));
    }

    /**
     * As {@link #execute(Plan, ExecutionListener)}, with some steps' outcomes known up front: each step of
     * {@code reused} (keyed by its id in {@code plan}) is settled as done with that evidence without calling its tool,
     * and its dependents use that evidence. The agent uses this to never run again a step a replanned plan repeats
     * exactly. Reused steps get no events.
     *
     * @throws IllegalArgumentException when two steps of the plan have the same id, or {@code reused} names a step the
     *     plan does not have or gives it the outcome of another tool
     */
    public ExecutionResult execute(Plan plan, Map<StepId, StepOutcome.Done> reused, ExecutionListener listener) {
        Objects.requireNonNull(plan, "plan == null");
        Objects.requireNonNull(reused, "reused == null");
        Objects.requireNonNull(listener, "listener == null");
        List<ExecutionListener> all = new ArrayList<>(listeners);
        all.add(listener);
        Run run = new Run(this, plan, List.copyOf(all), Map.copyOf(reused));
        run.start();
        return await(new RunningPlan(run));
    }

    /**
     * Starts running {@code plan} and returns at once; the steps that need no evidence are already under way.
     *
     * @throws IllegalArgumentException when two steps of the plan have the same id
     */
    public RunningPlan start(Plan plan) {
        return start(plan, listeners);
    }

    /** As {@link #start(Plan)}, also telling {@code listener} about this run's events. */
    public RunningPlan start(Plan plan, ExecutionListener listener) {
        Objects.requireNonNull(listener, "listener == null");
        List<ExecutionListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return start(plan, List.copyOf(all));
    }

    private RunningPlan start(Plan plan, List<ExecutionListener> runListeners) {
        Objects.requireNonNull(plan, "plan == null");
        Run run = new Run(this, plan, runListeners, Map.of());
        run.start();
        return new RunningPlan(run);
    }

    /**
     * Starts a streamed execution: steps are offered while the model still writes the plan, and those that may start
     * early do (see {@link Streaming}); then the whole plan, once validated, runs to the end with them, or the steps
     * started early are dropped.
     */
    public Streaming streaming(ExecutionListener listener) {
        Objects.requireNonNull(listener, "listener == null");
        List<ExecutionListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new Streaming(this, List.copyOf(all));
    }

    private static ExecutionResult await(RunningPlan running) {
        try {
            return running.await();
        } catch (InterruptedException e) {
            running.cancel();
            ExecutionResult result = awaitUninterruptibly(running);
            Thread.currentThread().interrupt();
            return result;
        }
    }

    /** After a cancel every step is settled, so the result is at most a few listener calls away. */
    private static ExecutionResult awaitUninterruptibly(RunningPlan running) {
        boolean interrupted = false;
        try {
            for (; ; ) {
                try {
                    return running.await();
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The settings, for logs: {@code PlanExecutor[virtual threads, maxParallelism=8, stepTimeout=none, ...]}. */
    @Override
    public String toString() {
        return "PlanExecutor[" + threads + ", maxParallelism=" + maxParallelism + ", stepTimeout="
                + (stepTimeout == null ? "none" : Run.format(stepTimeout)) + ", previewChars=" + previewChars
                + ", listeners=" + listeners.size() + "]";
    }

    /** Configures a {@link PlanExecutor}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {

        private @Nullable ToolInvoker tools;
        private @Nullable Executor executor;
        private int maxParallelism = 8;
        private @Nullable Duration stepTimeout;
        private Clock clock = Clock.systemUTC();
        private final List<ExecutionListener> listeners = new ArrayList<>();
        private final List<ValuePreviewer> previewers = new ArrayList<>();
        private int previewChars = 1000;

        private Builder() {}

        /** Calls the tools; required. Usually a {@code ToolRegistry}. */
        public Builder tools(ToolInvoker tools) {
            this.tools = Objects.requireNonNull(tools, "tools == null");
            return this;
        }

        /**
         * Runs the steps; by default virtual threads on Java 21 and later, else a pool of daemon platform threads.
         * The executor is used, never shut down, by the plan executor.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** At most this many steps of one run at once; 8 by default. */
        public Builder maxParallelism(int maxParallelism) {
            Checks.atLeast("maxParallelism", maxParallelism, 1);
            this.maxParallelism = maxParallelism;
            return this;
        }

        /**
         * A step that runs longer fails ({@code timed out after 30 s}), its thread is interrupted and its dependents
         * are skipped. None by default.
         */
        public Builder stepTimeout(Duration stepTimeout) {
            Checks.positive("stepTimeout", stepTimeout);
            this.stepTimeout = stepTimeout;
            return this;
        }

        /** Times the steps and the run; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Adds a listener told about every step event of every run. */
        public Builder listener(ExecutionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /** Adds a previewer for evidence types it knows, tried before the ones added later and the built-in ones. */
        public Builder previewer(ValuePreviewer previewer) {
            previewers.add(Objects.requireNonNull(previewer, "previewer == null"));
            return this;
        }

        /** The longest preview of a step's evidence, in characters; 1000 by default. */
        public Builder previewChars(int previewChars) {
            Checks.atLeast("previewChars", previewChars, 1);
            this.previewChars = previewChars;
            return this;
        }

        /**
         * The executor.
         *
         * @throws IllegalStateException when no tools were given
         */
        public PlanExecutor build() {
            if (tools == null) {
                throw new IllegalStateException(
                        "A PlanExecutor needs tools to call: pass a ToolRegistry (or any ToolInvoker) to tools(...).");
            }
            return new PlanExecutor(this, tools);
        }
    }

    /**
     * Told about every {@link StepEvent} of the runs of a {@link PlanExecutor}, on the thread where it happened (a step's
     * worker thread, the thread that started or cancelled the run, or the timeout timer). Events of one step arrive in
     * order; events of different steps may arrive concurrently, so implementations must be thread-safe, and quick. An
     * exception thrown by a listener is logged and ignored.
     *
     * <pre>{@code
     * PlanExecutor.builder().tools(registry).listener(event -> log.info("{}", event)).build();
     * }</pre>
     */
    @FunctionalInterface
    public interface ExecutionListener {

        void onEvent(StepEvent event);
    }

    /**
     * Something that happened to one step while a plan ran, as told to {@link ExecutionListener}s. For each step a
     * listener sees either {@link Started} then one of {@link Finished} or {@link Failed}, or a single {@link Failed} or
     * {@link Skipped} for a step that never started. Immutable and thread-safe.
     */
    public sealed interface StepEvent
            permits StepEvent.Started, StepEvent.Finished, StepEvent.Failed, StepEvent.Skipped {

        /** The step's id. */
        StepId step();

        /** The tool the step calls. */
        String tool();

        /** When it happened, by the executor's clock. */
        Instant at();

        /** The step's tool is about to be called. */
        record Started(StepId step, String tool, Instant at) implements StepEvent {
            public Started {
                ExecutionResult.requireStep(step, tool, "at", at);
            }
        }

        /** The step's tool returned; {@code preview} is its evidence's bounded text. */
        record Finished(StepId step, String tool, Instant at, Duration duration, String preview) implements StepEvent {
            public Finished {
                ExecutionResult.requireStep(step, tool, "at", at);
                Objects.requireNonNull(duration, "duration == null");
                Objects.requireNonNull(preview, "preview == null");
            }
        }

        /** The step failed (see {@link StepOutcome.Failed}). */
        record Failed(StepId step, String tool, Instant at, String reason) implements StepEvent {
            public Failed {
                ExecutionResult.requireStep(step, tool, "at", at);
                Objects.requireNonNull(reason, "reason == null");
            }
        }

        /** The step will not run (see {@link StepOutcome.Skipped}). */
        record Skipped(StepId step, String tool, Instant at, String why) implements StepEvent {
            public Skipped {
                ExecutionResult.requireStep(step, tool, "at", at);
                Objects.requireNonNull(why, "why == null");
            }
        }
    }

    /**
     * A plan run while the model writes it (LLMCompiler's streamed planner and executor): {@link #offer} each step as
     * it is decoded, then {@link #finish} with the whole plan once it is validated, or {@link #discard} when it is not.
     * Thread-safe.
     *
     * <p>An offered step starts at once, before the plan is whole, only when its tool is declared free of side effects
     * ({@code @SideEffects(false)}, {@link dev.pev4j.tool.ToolDescriptor.Effects#NONE}), no step offered before it has
     * side effects, and every step it uses was offered before it and started early too (it starts when they are done,
     * at most {@code maxParallelism} at once). A tool with side effects ({@code @SideEffects}), or with none declared,
     * never starts before the whole plan is validated: a plan may still turn out invalid, and what such a tool does
     * cannot be taken back. Steps started early get their {@link StepEvent}s like any step.
     *
     * <pre>{@code
     * PlanExecutor.Streaming streaming = executor.streaming(event -> {});
     * PlanParser.Incremental reading = PlanParser.create().incremental(streaming::offer);
     * LlmResponse reply = llm.stream(request, reading::append);
     * Plan plan = PlanParser.create().parse(reply.text());
     * if (PlanValidator.forTools(registry).validate(plan).isValid()) {
     *     ExecutionResult result = streaming.finish(plan, Map.of());
     * } else {
     *     streaming.discard("the plan has problems");
     * }
     * }</pre>
     */
    public static final class Streaming {

        private final PlanExecutor config;
        private final List<ExecutionListener> listeners;
        private final EarlyRun early;

        private Streaming(PlanExecutor config, List<ExecutionListener> listeners) {
            this.config = config;
            this.listeners = listeners;
            this.early = new EarlyRun(config, listeners);
        }

        /** A step the model has finished writing, in plan order; starts it now when it may start early. */
        public void offer(Step step) {
            early.offer(Objects.requireNonNull(step, "step == null"));
        }

        /** The ids of the steps started so far before the plan was whole, in order. */
        public List<StepId> started() {
            return early.started();
        }

        /**
         * Runs the whole, validated plan to its end, as {@link PlanExecutor#execute(Plan, Map, ExecutionListener)}
         * does, keeping the steps started early that the plan has unchanged (same id, tool and arguments, every step
         * they use kept too, no step with side effects before them); the other steps started early are stopped and
         * fail with {@code discarded: not in the plan as written in the end}, and their outcomes are not used. A step
         * of {@code reused} is taken from there even when it was started early.
         *
         * @throws IllegalArgumentException as {@code execute} does
         */
        public ExecutionResult finish(Plan plan, Map<StepId, StepOutcome.Done> reused) {
            Objects.requireNonNull(plan, "plan == null");
            Objects.requireNonNull(reused, "reused == null");
            Map<StepId, EarlyRun.Early> kept =
                    early.adopt(plan, reused, "discarded: not in the plan as written in the end");
            Run run = new Run(config, plan, listeners, Map.copyOf(reused), kept);
            run.start();
            return await(new RunningPlan(run));
        }

        /**
         * The plan will not run (it failed validation, or the model failed): the steps started early are stopped if
         * they still run, failing with {@code discarded: <why>}, and their outcomes are dropped.
         */
        public void discard(String why) {
            early.discard("discarded: " + Objects.requireNonNull(why, "why == null"));
        }

        @Override
        public String toString() {
            return "Streaming[" + early.started().size() + " steps started early]";
        }
    }

    /**
     * A plan that {@link PlanExecutor#start(Plan)} is running: wait for its {@link ExecutionResult}, or cancel it.
     * Thread-safe.
     *
     * <pre>{@code
     * RunningPlan running = executor.start(plan);
     * Optional<ExecutionResult> result = running.await(Duration.ofSeconds(30));
     * if (result.isEmpty()) running.cancel();
     * }</pre>
     */
    public static final class RunningPlan {

        private final Run run;

        RunningPlan(Run run) {
            this.run = run;
        }

        /** The plan being run. */
        public Plan plan() {
            return run.plan();
        }

        /**
         * Stops the run: steps running now are interrupted and fail with {@code cancelled while running}, steps not
         * started are skipped with {@code cancelled}, and the result, complete when this returns or soon after, says
         * {@link ExecutionResult#cancelled()}. Returns false when the run had already finished (or was cancelled before).
         */
        public boolean cancel() {
            return run.cancel();
        }

        /** Whether the result is there. */
        public boolean isDone() {
            return run.result().isDone();
        }

        /** Waits for the result. An interrupt stops the waiting, not the run. */
        public ExecutionResult await() throws InterruptedException {
            try {
                return run.result().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a plan run ended abnormally: " + e.getCause(), e.getCause());
            }
        }

        /** Waits at most {@code timeout} for the result; empty when it is not there by then. */
        public Optional<ExecutionResult> await(Duration timeout) throws InterruptedException {
            Objects.requireNonNull(timeout, "timeout == null");
            try {
                return Optional.of(run.result().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a plan run ended abnormally: " + e.getCause(), e.getCause());
            }
        }

        /** Completes with the result; a read-only stage, so it cannot be completed or cancelled through it. */
        public CompletionStage<ExecutionResult> completion() {
            return run.result().minimalCompletionStage();
        }

        @Override
        public String toString() {
            return "RunningPlan[" + plan().steps().size() + " steps, " + (isDone() ? "done" : "running") + "]";
        }
    }
}
