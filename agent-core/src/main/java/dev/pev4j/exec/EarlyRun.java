package dev.pev4j.exec;

import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.ExecutionListener;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.ToolDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a plan started while the model still writes it (see {@link PlanExecutor.Streaming}): a step offered
 * here starts at once when its tool is declared free of side effects, no step before it has side effects, and every
 * step it uses was started here and is done; otherwise it is left to the run of the whole plan. At the end the whole
 * plan either adopts the steps it has unchanged (a {@link Run} with them) or they are stopped and their results
 * dropped. Thread-safe: steps are offered from the decoding thread while workers end them.
 */
final class EarlyRun {

    private static final Logger log = LoggerFactory.getLogger(EarlyRun.class);

    private final PlanExecutor config;
    private final List<ExecutionListener> listeners;
    /** Guarded by this: every step offered, in order. */
    private final Map<StepId, Early> offered = new LinkedHashMap<>();
    /** Guarded by this: steps that may start early and wait for their dependencies or a free slot. */
    private final List<Early> waiting = new ArrayList<>();
    /** Guarded by this. */
    private int running;
    /** Guarded by this: a step with side effects was offered, so no step after it may start early. */
    private boolean writerSeen;
    /** Guarded by this: the plan is whole (or dropped); nothing more starts. */
    private boolean closed;

    EarlyRun(PlanExecutor config, List<ExecutionListener> listeners) {
        this.config = config;
        this.listeners = listeners;
    }

    /** One step offered while the plan was written; its outcome is set once, by its worker, its timeout or a stop. */
    final class Early {
        private final Step step;
        private final CompletableFuture<StepOutcome> outcome = new CompletableFuture<>();
        /** Guarded by this Early: the thread running the tool, while it does. */
        private @Nullable Thread runner;
        /** Guarded by this Early. */
        private @Nullable Instant started;
        /** Guarded by the EarlyRun: handed to a worker. */
        private boolean submitted;

        Early(Step step) {
            this.step = step;
        }

        CompletableFuture<StepOutcome> outcome() {
            return outcome;
        }

        /** Interrupts the step if it runs and fails it with {@code reason}; no-op once it has an outcome. */
        void stop(String reason) {
            Instant now = config.clock.instant();
            synchronized (this) {
                Instant from = started == null ? now : started;
                StepOutcome.Failed failed =
                        new StepOutcome.Failed(step.id(), step.tool(), from, Duration.between(from, now), reason, null);
                if (!outcome.complete(failed)) {
                    return;
                }
                if (runner != null) {
                    runner.interrupt();
                }
                // Told under the monitor so that it comes after the step's Started.
                tell(new StepEvent.Failed(step.id(), step.tool(), now, reason));
            }
        }

        @Override
        public String toString() {
            return "#" + step.id();
        }
    }

    /** A step the model has finished writing, in plan order. */
    void offer(Step step) {
        synchronized (this) {
            if (closed || offered.containsKey(step.id())) {
                return; // a duplicate id: the validator will reject the plan
            }
            Early early = new Early(step);
            offered.put(step.id(), early);
            ToolDescriptor.Effects effects = config.tools.effects(step.tool());
            boolean eligible = !writerSeen && effects.reusable() && usesOnlyEarlySteps(step);
            writerSeen |= effects.ordered();
            if (eligible) {
                waiting.add(early);
            }
        }
        pump();
    }

    /** Whether every step {@code step} uses was offered before it and may start (or has started) early. */
    private boolean usesOnlyEarlySteps(Step step) {
        for (StepId used : step.dependencies()) {
            Early early = offered.get(used);
            if (early == null || early == offered.get(step.id()) || !(early.submitted || waiting.contains(early))) {
                return false;
            }
        }
        return true;
    }

    /** Starts the waiting steps whose dependencies are done, while slots are free; drops those whose failed. */
    private void pump() {
        List<Early> start = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Early> it = waiting.iterator(); it.hasNext(); ) {
                Early early = it.next();
                int ready = readiness(early.step);
                if (ready < 0) {
                    it.remove(); // a dependency failed: the run of the whole plan skips it
                } else if (ready > 0 && !closed && running < config.maxParallelism) {
                    it.remove();
                    early.submitted = true;
                    running++;
                    start.add(early);
                }
            }
        }
        for (Early early : start) {
            try {
                config.executor.execute(() -> run(early));
            } catch (RejectedExecutionException e) {
                early.stop("could not be started: the executor rejected it (" + e.getMessage() + ")");
                ended();
            }
        }
    }

    /** 1 when every dependency is done, 0 while one runs or waits, -1 when one failed. */
    private int readiness(Step step) {
        for (StepId used : step.dependencies()) {
            StepOutcome outcome =
                    Objects.requireNonNull(offered.get(used)).outcome.getNow(null);
            if (outcome == null) {
                return 0;
            }
            if (!(outcome instanceof StepOutcome.Done)) {
                return -1;
            }
        }
        return 1;
    }

    private void run(Early early) {
        Step step = early.step;
        Instant started = config.clock.instant();
        synchronized (early) {
            if (early.outcome.isDone()) {
                ended();
                return;
            }
            early.runner = Thread.currentThread();
            early.started = started;
            tell(new StepEvent.Started(step.id(), step.tool(), started));
        }
        Future<?> timeout = config.stepTimeout == null
                ? null
                : DefaultExecutors.timer()
                        .schedule(
                                () -> early.stop("timed out after " + Run.format(config.stepTimeout)),
                                config.stepTimeoutNanos,
                                TimeUnit.NANOSECONDS);
        @Nullable Object value = null;
        @Nullable Throwable error = null;
        try {
            value = config.tools.invoke(
                    step.tool(),
                    Run.arguments(step.args(), this::evidence),
                    Run.namedArguments(step.namedArgs(), this::evidence));
        } catch (Throwable e) { // the step fails, whatever the tool threw
            error = e;
        }
        Instant ended = config.clock.instant();
        if (timeout != null) {
            timeout.cancel(false);
        }
        Duration duration = Duration.between(started, ended);
        synchronized (early) {
            early.runner = null;
            if (error == null) {
                ValuePreviewer.Preview preview = config.previews.structured(value, config.previewChars);
                if (early.outcome.complete(new StepOutcome.Done(
                        step.id(), step.tool(), started, duration, value, preview.text(), preview.cells()))) {
                    tell(new StepEvent.Finished(step.id(), step.tool(), ended, duration, preview.text()));
                }
            } else {
                String reason = Run.reason(error);
                if (early.outcome.complete(
                        new StepOutcome.Failed(step.id(), step.tool(), started, duration, reason, error))) {
                    log.debug("step #{} ({}) failed: {}", step.id(), step.tool(), reason, error);
                    tell(new StepEvent.Failed(step.id(), step.tool(), ended, reason));
                }
            }
        }
        Thread.interrupted(); // an interrupt was for this step, which is over
        ended();
    }

    private void ended() {
        synchronized (this) {
            running--;
        }
        pump();
    }

    private StepOutcome.Done evidence(StepId id) {
        Early early;
        synchronized (this) {
            early = offered.get(id);
        }
        StepOutcome outcome = early == null ? null : early.outcome.getNow(null);
        if (outcome instanceof StepOutcome.Done done) {
            return done;
        }
        throw new IllegalStateException("#" + id + " has no evidence yet: " + outcome);
    }

    /**
     * The whole plan is there and valid: the steps started early that it has unchanged, with every step they use kept
     * too and no step with side effects before them, are kept for the run of the plan; the others are stopped and
     * their outcomes dropped. Nothing starts early after this.
     */
    Map<StepId, Early> adopt(Plan plan, Map<StepId, StepOutcome.Done> reused, String dropped) {
        Map<StepId, Early> kept = new LinkedHashMap<>();
        List<Early> drop = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiting.clear();
            Map<StepId, Step> planned = new LinkedHashMap<>();
            for (Step step : plan.steps()) {
                planned.putIfAbsent(step.id(), step);
            }
            List<StepId> order = new ArrayList<>(planned.keySet());
            for (Early early : offered.values()) {
                if (!early.submitted) {
                    continue;
                }
                Step step = early.step;
                if (step.equals(planned.get(step.id()))
                        && !writerBefore(plan, order.indexOf(step.id()))
                        && !reused.containsKey(step.id())
                        && kept.keySet().containsAll(step.dependencies())) {
                    kept.put(step.id(), early);
                } else {
                    drop.add(early);
                }
            }
        }
        for (Early early : drop) {
            early.stop(dropped);
        }
        return kept;
    }

    /** Whether a step with side effects comes before position {@code index} of the plan (or the step is not in it). */
    private boolean writerBefore(Plan plan, int index) {
        if (index < 0) {
            return true;
        }
        for (int i = 0; i < index; i++) {
            if (config.tools.effects(plan.steps().get(i).tool()).ordered()) {
                return true;
            }
        }
        return false;
    }

    /** The plan will not run: every step started early is stopped (if it still runs) and its outcome dropped. */
    void discard(String why) {
        List<Early> started = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiting.clear();
            for (Early early : offered.values()) {
                if (early.submitted) {
                    started.add(early);
                }
            }
        }
        for (Early early : started) {
            early.stop(why);
        }
    }

    /** The steps started early so far, in order. */
    synchronized List<StepId> started() {
        List<StepId> ids = new ArrayList<>();
        for (Early early : offered.values()) {
            if (early.submitted) {
                ids.add(early.step.id());
            }
        }
        return ids;
    }

    private void tell(StepEvent event) {
        Run.tell(listeners, event);
    }
}
