package dev.pev4j.exec;

import dev.pev4j.plan.Plan;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
public final class RunningPlan {

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
