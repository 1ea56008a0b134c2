package dev.pev4j.tool;

import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Test tools for streamed execution: {@code fetch} (free of side effects) that a test can hold until it releases the
 * key, and {@code save} (with side effects). Every start and end is recorded in order ({@code fetch a}, {@code fetched
 * a}, {@code add}, {@code save}), and each start counts down a latch per key. Thread-safe.
 */
@SideEffects(false)
public final class Sources {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> stopped = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final List<String> interrupted = new CopyOnWriteArrayList<>();

    @Tool("The value of a key: its length")
    public long fetch(String key) throws InterruptedException {
        log.add("fetch " + key);
        started(key).countDown();
        CountDownLatch hold = held.get(key);
        if (hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                interrupted.add(key);
                stopped(key).countDown();
                throw e;
            }
        }
        log.add("fetched " + key);
        finished(key).countDown();
        return key.length();
    }

    @Tool("The sum of two numbers")
    public long add(long a, long b) {
        log.add("add");
        started("add").countDown();
        return a + b;
    }

    @SideEffects
    @Tool("Saves a number")
    public long save(long value) {
        log.add("save");
        started("save").countDown();
        return value;
    }

    /** Makes {@code fetch(key)} wait until {@link #release} (or an interrupt). */
    public void hold(String key) {
        held.put(key, new CountDownLatch(1));
    }

    public void release(String key) {
        CountDownLatch hold = held.remove(key);
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Counted down when {@code fetch(key)} (or {@code add}, {@code save} by their names) starts. */
    public CountDownLatch started(String key) {
        return started.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    /** Counted down when {@code fetch(key)} is interrupted while held. */
    public CountDownLatch stopped(String key) {
        return stopped.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    /** Counted down when {@code fetch(key)} returns. */
    public CountDownLatch finished(String key) {
        return finished.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    /** The starts and ends, in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The keys whose fetch was interrupted. */
    public List<String> interrupted() {
        return List.copyOf(interrupted);
    }
}
