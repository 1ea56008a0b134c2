package dev.pev4j.exec;

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
