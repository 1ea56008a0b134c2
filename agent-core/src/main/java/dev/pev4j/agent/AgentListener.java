package dev.pev4j.agent;

/**
 * Told about every {@link AgentEvent} of an agent's runs. Step events arrive on the threads that run the steps, the
 * others on the thread that called {@code run}; implementations must be thread-safe and quick. An exception thrown by
 * a listener is logged and ignored.
 */
@FunctionalInterface
public interface AgentListener {

    void onEvent(AgentEvent event);
}
