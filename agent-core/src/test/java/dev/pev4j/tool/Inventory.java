package dev.pev4j.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stock of items, for side-effect tests: {@code stock} reads a level (declared free of side effects), {@code reorder}
 * changes it ({@link SideEffects}). To make the race that ordering prevents happen every time when nothing orders the
 * steps, {@code reorder} first waits (up to 300 ms) for a {@code stock} read. Thread-safe.
 */
@SideEffects(false)
public final class Inventory {

    private final Map<String, Long> levels = new ConcurrentHashMap<>(Map.of("widget", 3L));
    private final CountDownLatch stockRead = new CountDownLatch(1);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** How often {@code tool} was called. */
    public int calls(String tool) {
        AtomicInteger n = calls.get(tool);
        return n == null ? 0 : n.get();
    }

    @Tool("Units of an item in stock")
    public long stock(@P("the item") String item) {
        calls.computeIfAbsent("stock", t -> new AtomicInteger()).incrementAndGet();
        long level = levels.getOrDefault(item, 0L);
        stockRead.countDown();
        return level;
    }

    @SideEffects
    @Tool("Orders more units of an item; returns the new stock level")
    public long reorder(@P("the item") String item, @P("units to order") long units) throws InterruptedException {
        calls.computeIfAbsent("reorder", t -> new AtomicInteger()).incrementAndGet();
        stockRead.await(300, TimeUnit.MILLISECONDS);
        return levels.merge(item, units, Long::sum);
    }

    @SideEffects
    @SuppressWarnings("DoNotCallSuggester") // a tool that fails on purpose, called by the registry
    @Tool("Cancels all orders of an item; always fails here")
    public long cancel(@P("the item") String item) {
        throw new IllegalStateException("no orders of '" + item + "' to cancel");
    }
}
