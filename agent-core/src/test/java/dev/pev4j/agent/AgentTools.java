package dev.pev4j.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.tool.SideEffects;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools for agent tests: number series by name, a sum, and a call count per tool. Thread-safe. */
@SideEffects(false)
public final class AgentTools implements Toolkit {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Runnable onSeries = () -> {};

    /** Runs {@code action} in every call of {@code series} (to move a test clock). */
    AgentTools onSeries(Runnable action) {
        this.onSeries = action;
        return this;
    }

    int calls(String tool) {
        AtomicInteger n = calls.get(tool);
        return n == null ? 0 : n.get();
    }

    private void count(String tool) {
        calls.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
    }

    @Tool("Reads the number series with this name")
    public List<Long> series(@P("the series' name") String name) {
        count("series");
        onSeries.run();
        if (name.equals("broken")) {
            throw new IllegalStateException("series 'broken' is corrupt; series: a, b");
        }
        if (name.matches("n\\d+")) { // series n<k> is [k, 1], for tests with many different tasks
            return List.of(Long.parseLong(name.substring(1)), 1L);
        }
        return name.equals("a") ? List.of(1L, 2L, 3L) : List.of(10L, 20L);
    }

    @Tool("Adds up a series")
    public long sum(@P("the numbers") List<Long> values) {
        count("sum");
        return values.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String context() {
        return "series: a (3 numbers), b (2 numbers)";
    }
}
