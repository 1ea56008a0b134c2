package dev.pev4j.exec;

import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor.ExecutionListener;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ValuePreviewer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one plan: the dependency graph with a counter of unfinished dependencies per step, the queue of steps
 * ready to run, and the workers that run them. Thread-safe.
 *
 * <p>How it stays cheap: a worker that finishes a step runs the first step this made ready itself (no hand-off to
 * another thread), queues the others and starts workers for them, up to {@code maxParallelism} workers. Each step's
 * outcome is settled exactly once, by a compare-and-set: by its worker, by the timeout timer, by a cancel, or by the
 * failure of a step it depends on. Whoever settles it tells the listeners, and whoever settles the last step completes
 * the run. A step's monitor guards only the hand-over of its running thread (and its {@code Started} event) between
 * the worker and a timeout or cancel, so that an interrupt never reaches a thread that has moved on to another step,
 * and no terminal event comes before {@code Started}.
 */
final class Run {

    private static final Logger log = LoggerFactory.getLogger(Run.class);

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int CANCELLED = 2;

    private final PlanExecutor config;
    private final Plan plan;
    private final List<ExecutionListener> listeners;
    private final Node[] nodes;
    private final Map<StepId, Node> byId;
    private final ConcurrentLinkedQueue<Node> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger unsettled;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
    private final Map<StepId, StepOutcome.Done> reused;
    private final Map<StepId, EarlyRun.Early> adopted;
    private volatile @Nullable Instant startedAt;

    Run(PlanExecutor config, Plan plan, List<ExecutionListener> listeners, Map<StepId, StepOutcome.Done> reused) {
        this(config, plan, listeners, reused, Map.of());
    }

    /**
     * A run that also adopts steps started before the plan was whole ({@link EarlyRun}): each step of {@code adopted}
     * is not started again; its outcome, whenever it comes, settles the step (its events were told by the early run).
     */
    Run(
            PlanExecutor config,
            Plan plan,
            List<ExecutionListener> listeners,
            Map<StepId, StepOutcome.Done> reused,
            Map<StepId, EarlyRun.Early> adopted) {
        this.config = config;
        this.plan = plan;
        this.listeners = listeners;
        List<Step> steps = plan.steps();
        this.nodes = new Node[steps.size()];
        this.byId = new HashMap<>(steps.size() * 2);
        for (int i = 0; i < nodes.length; i++) {
            Node node = new Node(steps.get(i));
            if (byId.putIfAbsent(node.id, node) != null) {
                throw new IllegalArgumentException("the plan has two steps #" + node.id
                        + "; step ids must be unique (check plans with PlanValidator before running them)");
            }
            nodes[i] = node;
        }
        this.unsettled = new AtomicInteger(nodes.length);
        for (Map.Entry<StepId, StepOutcome.Done> known : reused.entrySet()) {
            Node node = byId.get(known.getKey());
            if (node == null) {
                throw new IllegalArgumentException("a reused outcome names #" + known.getKey()
                        + ", which is not in the plan (its steps are " + ids(nodes) + ")");
            }
            if (!node.tool.equals(known.getValue().tool())) {
                throw new IllegalArgumentException("the reused outcome for #" + node.id + " comes from tool '"
                        + known.getValue().tool() + "' but the step calls '" + node.tool + "'");
            }
            if (config.tools.effects(node.tool).ordered()) {
                throw new IllegalArgumentException("#" + node.id + " calls '" + node.tool
                        + "', which has side effects: its outcome cannot be reused, the step must run");
            }
        }
        this.reused = reused;
        this.adopted = adopted;
    }

    CompletableFuture<ExecutionResult> result() {
        return result;
    }

    Plan plan() {
        return plan;
    }

    /** Links the graph, fails the steps that can never run, and starts the steps that need nothing. */
    void start() {
        startedAt = config.clock.instant();
        Map<Node, String> reasons = new LinkedHashMap<>();
        boolean forward = false;
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            node.index = i;
            for (Arg arg : node.step.args()) {
                link(node, arg, reasons);
            }
            for (Arg arg : node.step.namedArgs().values()) {
                link(node, arg, reasons);
            }
            forward |= node.usesLater;
        }
        orderSideEffects();
        if (forward) { // only a step that uses a later one can be on a cycle
            findCycles(reasons);
        }
        settleReused();
        List<Node> stillRunning = settleAdopted();
        if (!reasons.isEmpty()) {
            // Settle them all before skipping dependents, so each step on a cycle gets its own reason.
            Instant now = config.clock.instant();
            List<StepOutcome.Failed> failures = new ArrayList<>();
            reasons.forEach((node, reason) -> {
                StepOutcome.Failed failed =
                        new StepOutcome.Failed(node.id, node.tool, now, Duration.ZERO, reason, null);
                if (node.outcome.compareAndSet(null, failed)) {
                    failures.add(failed);
                }
            });
            for (StepOutcome.Failed failed : failures) {
                Node node = Objects.requireNonNull(byId.get(failed.step()));
                tell(new StepEvent.Failed(node.id, node.tool, now, failed.reason()));
                skipDependents(node);
                settled();
            }
        }
        for (Node node : nodes) {
            if (node.pending.get() == 0 && node.outcome.get() == null) {
                ready.add(node);
            }
        }
        if (nodes.length == 0) {
            complete();
            return;
        }
        // After the ready scan, so that a dependent is queued once: by the scan or by its adopted dependency's end.
        for (Node node : stillRunning) {
            // The outcome future never completes exceptionally: its early run completes it with an outcome.
            CompletableFuture<?> unused = Objects.requireNonNull(adopted.get(node.id))
                    .outcome()
                    .whenComplete((outcome, error) -> adoptedEnded(node));
        }
        spawnWorkers();
    }

    /**
     * Settles the adopted steps that have ended and returns those still running, each holding one of the
     * {@code maxParallelism} slots until it ends.
     */
    private List<Node> settleAdopted() {
        List<Node> running = new ArrayList<>();
        for (Node node : nodes) {
            EarlyRun.Early early = adopted.get(node.id);
            if (early == null) {
                continue;
            }
            StepOutcome outcome = early.outcome().getNow(null);
            if (outcome == null) {
                active.incrementAndGet();
                node.pending.incrementAndGet(); // never ready here: its early run runs it
                running.add(node);
            } else {
                settleAdopted(node, outcome, false);
            }
        }
        return running;
    }

    private void adoptedEnded(Node node) {
        StepOutcome outcome =
                Objects.requireNonNull(adopted.get(node.id)).outcome().join();
        settleAdopted(node, outcome, true);
        active.decrementAndGet();
        spawnWorkers();
    }

    private void settleAdopted(Node node, StepOutcome outcome, boolean queue) {
        if (!node.outcome.compareAndSet(null, outcome)) {
            return;
        }
        if (outcome instanceof StepOutcome.Done) {
            for (Node dependent : node.dependents) {
                if (dependent.pending.decrementAndGet() == 0 && queue && dependent.outcome.get() == null) {
                    ready.add(dependent);
                }
            }
        } else {
            skipDependents(node);
        }
        settled();
    }

    /** Settles the steps whose outcomes were given up front, before anything runs, and counts them off. */
    private void settleReused() {
        for (Node node : nodes) {
            StepOutcome.Done known = reused.get(node.id);
            if (known == null) {
                continue;
            }
            StepOutcome.Done done = new StepOutcome.Done(
                    node.id,
                    node.tool,
                    known.started(),
                    known.duration(),
                    known.value(),
                    known.preview(),
                    known.cells());
            if (node.outcome.compareAndSet(null, done)) {
                for (Node dependent : node.dependents) {
                    dependent.pending.decrementAndGet();
                }
                settled();
            }
        }
    }

    /**
     * Orders each step whose tool has side effects against the others, in plan order: it starts after every step
     * before it (which may read what it changes) and before every step after it (which may read what it changed).
     * Steps between two such steps still run in parallel. Only adds edges from earlier to later steps, so it makes no
     * cycle that the plan did not have.
     */
    private void orderSideEffects() {
        for (int w = 0; w < nodes.length; w++) {
            Node writer = nodes[w];
            if (!config.tools.effects(writer.tool).ordered()) {
                continue;
            }
            for (int i = 0; i < nodes.length; i++) {
                if (i < w) {
                    order(nodes[i], writer);
                } else if (i > w) {
                    order(writer, nodes[i]);
                }
            }
        }
    }

    private static void order(Node first, Node then) {
        if (first.dependents.contains(then)) {
            return;
        }
        first.dependents.add(then);
        then.pending.incrementAndGet();
        then.orderedAfter.add(first);
    }

    /** Records that {@code node} uses the steps {@code arg} refers to, each once. */
    private void link(Node node, Arg arg, Map<Node, String> reasons) {
        arg.forEachReference(dependency -> link(node, dependency, reasons));
    }

    private void link(Node node, StepId dependency, Map<Node, String> reasons) {
        Node used = byId.get(dependency);
        if (used == null) {
            reasons.putIfAbsent(
                    node, "uses #" + dependency + ", which is not in the plan (its steps are " + ids(nodes) + ")");
            return;
        }
        List<Node> dependents = used.dependents;
        if (!dependents.isEmpty() && dependents.get(dependents.size() - 1) == node) {
            return; // the same step used twice by one step counts once; steps are linked one at a time
        }
        dependents.add(node);
        node.pending.incrementAndGet();
        if (used.index < 0 || used == node) {
            node.usesLater = true;
        }
    }

    /** Steps on a dependency cycle never become ready: say so instead of waiting for them forever. */
    private void findCycles(Map<Node, String> reasons) {
        Map<Node, Integer> waiting = new HashMap<>();
        Deque<Node> free = new ArrayDeque<>();
        for (Node node : nodes) {
            waiting.put(node, node.pending.get());
            if (node.pending.get() == 0) {
                free.add(node);
            }
        }
        int sorted = 0;
        while (!free.isEmpty()) {
            Node node = free.poll();
            sorted++;
            for (Node dependent : node.dependents) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    free.add(dependent);
                }
            }
        }
        if (sorted == nodes.length) {
            return;
        }
        // Rare and only for plans that skipped validation: a search per leftover step is fine.
        for (Node node : nodes) {
            if (waiting.getOrDefault(node, 0) > 0) {
                List<Node> cycle = cycleThrough(node, waiting);
                if (!cycle.isEmpty()) {
                    StringJoiner path = new StringJoiner(" -> ");
                    for (Node on : cycle) {
                        path.add("#" + on.id);
                    }
                    reasons.putIfAbsent(node, "is part of a dependency cycle: " + path + " (each uses the next)");
                }
            }
        }
    }

    /** A path {@code node -> ... -> node} along dependencies among the unsorted steps, or empty. */
    private List<Node> cycleThrough(Node start, Map<Node, Integer> waiting) {
        Map<Node, Node> reachedFrom = new HashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            Node node = todo.poll();
            for (StepId dependency : node.step.dependencies()) {
                Node used = byId.get(dependency);
                if (used == null || waiting.getOrDefault(used, 0) == 0) {
                    continue;
                }
                if (used == start) {
                    List<Node> back = new ArrayList<>();
                    for (Node at = node; at != start; at = reachedFrom.get(at)) {
                        back.add(at);
                    }
                    Collections.reverse(back);
                    List<Node> cycle = new ArrayList<>();
                    cycle.add(start);
                    cycle.addAll(back);
                    cycle.add(start);
                    return cycle;
                }
                if (reachedFrom.putIfAbsent(used, node) == null) {
                    todo.add(used);
                }
            }
        }
        return List.of();
    }

    private static String ids(Node[] nodes) {
        StringJoiner ids = new StringJoiner(", ");
        for (Node node : nodes) {
            ids.add("#" + node.id);
        }
        return ids.toString();
    }

    /** Takes free worker slots for queued steps and hands each to a new worker. */
    private void spawnWorkers() {
        while (!ready.isEmpty() && state.get() == RUNNING) {
            int running = active.get();
            if (running >= config.maxParallelism) {
                return;
            }
            if (!active.compareAndSet(running, running + 1)) {
                continue;
            }
            Node node = ready.poll();
            if (node == null) {
                active.decrementAndGet(); // and look again: a step queued meanwhile may have found no free slot
                continue;
            }
            try {
                config.executor.execute(new Worker(node));
            } catch (RejectedExecutionException e) {
                active.decrementAndGet();
                fail(
                        node,
                        new StepOutcome.Failed(
                                node.id,
                                node.tool,
                                config.clock.instant(),
                                Duration.ZERO,
                                "could not be started: the executor rejected it (" + e.getMessage() + ")",
                                e));
            }
        }
    }

    /** Runs steps while there are any for it, holding one of the {@code maxParallelism} slots. */
    private final class Worker implements Runnable {
        private @Nullable Node next;

        Worker(Node first) {
            this.next = first;
        }

        @Override
        public void run() {
            for (; ; ) {
                Node node = next != null ? next : ready.poll();
                next = null;
                if (node == null) {
                    active.decrementAndGet();
                    // A step queued after our poll may have seen every slot taken: take it ourselves.
                    if (ready.isEmpty() || !takeSlot()) {
                        return;
                    }
                    continue;
                }
                if (!runStep(node, this)) {
                    return;
                }
            }
        }
    }

    private boolean takeSlot() {
        for (; ; ) {
            int running = active.get();
            if (running >= config.maxParallelism || state.get() != RUNNING) {
                return false;
            }
            if (active.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    /**
     * Runs one step on this thread. Returns false when the worker must stop without giving back its slot: the step was
     * settled while it ran (the timer took the slot over, or the run was cancelled).
     */
    private boolean runStep(Node node, Worker worker) {
        Instant started = config.clock.instant();
        synchronized (node) {
            if (node.outcome.get() != null || state.get() != RUNNING) {
                return true; // cancelled before it started; the cancel settles it
            }
            node.runner = Thread.currentThread();
            node.started = started;
            // Told under the monitor so that a concurrent timeout or cancel is told after it.
            if (!listeners.isEmpty()) {
                tell(new StepEvent.Started(node.id, node.tool, started));
            }
        }
        Future<?> timeout = config.stepTimeout == null
                ? null
                : DefaultExecutors.timer()
                        .schedule(() -> timeOut(node, started), config.stepTimeoutNanos, TimeUnit.NANOSECONDS);
        @Nullable Object value = null;
        @Nullable Throwable error = null;
        try {
            Step step = node.step;
            value = config.tools.invoke(
                    step.tool(),
                    arguments(step.args(), this::evidence),
                    namedArguments(step.namedArgs(), this::evidence));
        } catch (Throwable e) { // the step fails, whatever the tool threw; the run goes on
            error = e;
        }
        Instant ended = config.clock.instant();
        if (timeout != null) {
            timeout.cancel(false);
        }
        synchronized (node) {
            node.runner = null;
        }
        Duration duration = Duration.between(started, ended);
        StepOutcome outcome = error == null
                ? done(node, started, duration, value)
                : new StepOutcome.Failed(node.id, node.tool, started, duration, reason(error), error);
        if (!node.outcome.compareAndSet(null, outcome)) {
            Thread.interrupted(); // the interrupt was for this step, which is over; not for the next one
            return false;
        }
        if (outcome instanceof StepOutcome.Done done) {
            if (!listeners.isEmpty()) {
                tell(new StepEvent.Finished(node.id, node.tool, ended, duration, done.preview()));
            }
            worker.next = release(node);
            settled();
        } else {
            StepOutcome.Failed failed = (StepOutcome.Failed) outcome;
            log.debug("step #{} ({}) failed: {}", node.id, node.tool, failed.reason(), error);
            if (!listeners.isEmpty()) {
                tell(new StepEvent.Failed(node.id, node.tool, ended, failed.reason()));
            }
            skipDependents(node);
            settled();
        }
        return true;
    }

    /** Counts {@code done} off its dependents; returns the first that became ready and queues the others. */
    private @Nullable Node release(Node done) {
        Node first = null;
        boolean queued = false;
        for (Node dependent : done.dependents) {
            if (dependent.pending.decrementAndGet() == 0 && dependent.outcome.get() == null) {
                if (first == null) {
                    first = dependent;
                } else {
                    ready.add(dependent);
                    queued = true;
                }
            }
        }
        if (queued) {
            spawnWorkers();
        }
        return first;
    }

    /** Fails a step that never ran, or ran out of time, and skips what depends on it. */
    private void fail(Node node, StepOutcome.Failed failed) {
        if (!node.outcome.compareAndSet(null, failed)) {
            return;
        }
        tell(new StepEvent.Failed(node.id, node.tool, failed.started(), failed.reason()));
        skipDependents(node);
        settled();
    }

    /** Runs on the timer thread when a step has run for {@code stepTimeout}. */
    private void timeOut(Node node, Instant started) {
        Duration limit = config.stepTimeout;
        if (limit == null) {
            return;
        }
        StepOutcome.Failed failed;
        synchronized (node) {
            Thread runner = node.runner;
            if (runner == null) {
                return;
            }
            Instant now = config.clock.instant();
            failed = new StepOutcome.Failed(
                    node.id,
                    node.tool,
                    started,
                    Duration.between(started, now),
                    "timed out after " + format(limit),
                    null);
            if (!node.outcome.compareAndSet(null, failed)) {
                return;
            }
            runner.interrupt();
        }
        log.debug("step #{} ({}) timed out after {}", node.id, node.tool, format(limit));
        if (!listeners.isEmpty()) {
            tell(new StepEvent.Failed(node.id, node.tool, failed.started().plus(failed.duration()), failed.reason()));
        }
        skipDependents(node);
        settled();
        // The worker stuck in the tool leaves when the tool returns; its slot is free for the steps that can still run.
        active.decrementAndGet();
        spawnWorkers();
    }

    /** Skips every step that depends, directly or not, on {@code failed}, naming it in the reason. */
    private void skipDependents(Node failed) {
        if (failed.dependents.isEmpty()) {
            return;
        }
        Instant now = config.clock.instant();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(failed);
        while (!todo.isEmpty()) {
            Node through = todo.pop();
            for (Node dependent : through.dependents) {
                String why;
                if (dependent.orderedAfter.contains(through)) {
                    why = "runs after #" + through.id + " (ordered by side effects)"
                            + (through == failed
                                    ? ", which failed"
                                    : ", which was skipped because #" + failed.id + " failed");
                } else {
                    why = through == failed
                            ? "depends on #" + failed.id + ", which failed"
                            : "depends on #" + failed.id + " (through #" + through.id + "), which failed";
                }
                StepOutcome.Skipped skipped = new StepOutcome.Skipped(dependent.id, dependent.tool, now, why);
                if (dependent.outcome.compareAndSet(null, skipped)) {
                    if (!listeners.isEmpty()) {
                        tell(new StepEvent.Skipped(dependent.id, dependent.tool, now, why));
                    }
                    todo.push(dependent);
                    settled();
                }
            }
        }
    }

    /** Stops the run: running steps are interrupted and fail, the others are skipped. */
    boolean cancel() {
        if (!state.compareAndSet(RUNNING, CANCELLED)) {
            return false;
        }
        Instant now = config.clock.instant();
        for (Node node : nodes) {
            EarlyRun.Early early = adopted.get(node.id);
            if (early != null && node.outcome.get() == null) {
                early.stop("cancelled while running"); // its outcome comes back through adoptedEnded
                continue;
            }
            StepOutcome outcome;
            synchronized (node) {
                if (node.outcome.get() != null) {
                    continue;
                }
                Thread runner = node.runner;
                Instant started = node.started;
                outcome = runner == null || started == null
                        ? new StepOutcome.Skipped(node.id, node.tool, now, "cancelled")
                        : new StepOutcome.Failed(
                                node.id,
                                node.tool,
                                started,
                                Duration.between(started, now),
                                "cancelled while running",
                                null);
                if (!node.outcome.compareAndSet(null, outcome)) {
                    continue;
                }
                if (runner != null) {
                    runner.interrupt();
                }
            }
            if (!listeners.isEmpty()) {
                tell(
                        outcome instanceof StepOutcome.Failed failed
                                ? new StepEvent.Failed(node.id, node.tool, now, failed.reason())
                                : new StepEvent.Skipped(node.id, node.tool, now, "cancelled"));
            }
            settled();
        }
        return true;
    }

    private void settled() {
        if (unsettled.decrementAndGet() == 0) {
            complete();
        }
    }

    private void complete() {
        Instant end = config.clock.instant();
        boolean cancelled = !state.compareAndSet(RUNNING, FINISHED);
        Map<StepId, StepOutcome> outcomes = new LinkedHashMap<>();
        for (Node node : nodes) {
            StepOutcome outcome = node.outcome.get();
            if (outcome == null) { // cannot happen: every step was counted off when settled
                throw new IllegalStateException("step #" + node.id + " has no outcome at the end of the run");
            }
            outcomes.put(node.id, outcome);
        }
        Instant start = startedAt == null ? end : startedAt;
        result.complete(new ExecutionResult(plan, outcomes, Duration.between(start, end), cancelled));
    }

    private void tell(StepEvent event) {
        tell(listeners, event);
    }

    static void tell(List<ExecutionListener> listeners, StepEvent event) {
        for (ExecutionListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (Throwable e) { // a listener never stops a run
                log.warn("execution listener {} threw on {}; ignoring it", listener, event, e);
            }
        }
    }

    private StepOutcome.Done done(Node node, Instant started, Duration duration, @Nullable Object value) {
        ValuePreviewer.Preview preview = config.previews.structured(value, config.previewChars);
        return new StepOutcome.Done(node.id, node.tool, started, duration, value, preview.text(), preview.cells());
    }

    static String reason(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getName() : message;
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return duration.toNanos() / 1000 + " µs";
        }
        return millis % 1000 == 0 && millis >= 10_000 ? millis / 1000 + " s" : millis + " ms";
    }

    // Argument resolution: the steps referred to are done, since a step starts only when all it uses is.

    static List<@Nullable Object> arguments(List<Arg> args, Function<StepId, StepOutcome.Done> evidence) {
        if (args.isEmpty()) {
            return List.of();
        }
        List<@Nullable Object> values = new ArrayList<>(args.size());
        for (Arg arg : args) {
            values.add(resolve(arg, evidence));
        }
        return Collections.unmodifiableList(values);
    }

    static Map<String, @Nullable Object> namedArguments(
            Map<String, Arg> args, Function<StepId, StepOutcome.Done> evidence) {
        if (args.isEmpty()) {
            return Map.of();
        }
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        args.forEach((name, arg) -> values.put(name, resolve(arg, evidence)));
        return Collections.unmodifiableMap(values);
    }

    private static @Nullable Object resolve(Arg arg, Function<StepId, StepOutcome.Done> evidence) {
        return arg.accept(new Resolver(evidence));
    }

    /** An argument's value: literals as written, references as their evidence, text with the evidence's text in it. */
    private static final class Resolver implements Arg.Visitor<Object> {
        private final Function<StepId, StepOutcome.Done> evidence;

        Resolver(Function<StepId, StepOutcome.Done> evidence) {
            this.evidence = evidence;
        }

        @Override
        public @Nullable Object value(Arg.Value literal) {
            return literal.value();
        }

        @Override
        public @Nullable Object ref(Arg.Ref ref) {
            return evidence.apply(ref.step()).value();
        }

        @Override
        public Object text(Arg.Text text) {
            StringBuilder out = new StringBuilder();
            for (Object part : text.parts()) {
                if (part instanceof Arg.Ref ref) {
                    out.append(asText(evidence.apply(ref.step())));
                } else {
                    out.append(part);
                }
            }
            return out.toString();
        }

        @Override
        public Object list(Arg.ListOf list) {
            return arguments(list.items(), evidence);
        }

        @Override
        public Object map(Arg.MapOf map) {
            return namedArguments(map.entries(), evidence);
        }
    }

    private StepOutcome.Done evidence(StepId id) {
        Node node = byId.get(id);
        StepOutcome outcome = node == null ? null : node.outcome.get();
        if (outcome instanceof StepOutcome.Done done) {
            return done;
        }
        throw new IllegalStateException("#" + id + " has no evidence yet: " + outcome);
    }

    private static String asText(StepOutcome.Done done) {
        Object value = done.value();
        if (value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value == null) {
            return String.valueOf(value);
        }
        return done.preview();
    }

    /** One step of the graph. */
    private static final class Node {
        final Step step;
        final StepId id;
        final String tool;
        final List<Node> dependents = new ArrayList<>(2);
        /** Steps it waits for only because one of the two has side effects; set only while the run starts. */
        final List<Node> orderedAfter = new ArrayList<>(0);
        /** Dependencies not done yet; the step is ready at zero. */
        final AtomicInteger pending = new AtomicInteger();
        /** Set once, by whoever settles the step. */
        final AtomicReference<@Nullable StepOutcome> outcome = new AtomicReference<>();
        /** The thread running the tool, while it does. Guarded by this. */
        @Nullable
        Thread runner;
        /** Guarded by this. */
        @Nullable
        Instant started;
        /** Position in the plan; -1 until linked. Set and read only while the run starts. */
        int index = -1;
        /** Whether it uses itself or a step after it. Set and read only while the run starts. */
        boolean usesLater;

        Node(Step step) {
            this.step = step;
            this.id = step.id();
            this.tool = step.tool();
        }

        @Override
        public String toString() {
            return "#" + id;
        }
    }
}
