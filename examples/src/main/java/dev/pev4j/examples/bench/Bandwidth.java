package dev.pev4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory bandwidth of streaming reads from Java: one {@code long[]} per thread, 1 GiB in all, summed by the given
 * number of threads at once. Allocated once and reused, so every pass measures the same way. Not thread-safe.
 */
final class Bandwidth implements AutoCloseable {

    private static final long BYTES = 1L << 30;

    private final long[][] arrays;
    private final ExecutorService pool;
    private long sink;

    Bandwidth(int threads) {
        int perThread = (int) (BYTES / 8 / threads);
        arrays = new long[threads][];
        for (int t = 0; t < threads; t++) {
            arrays[t] = new long[perThread];
            // Distinct values: pages of one repeated value could be merged by the host and read from cache.
            long x = 0x9E3779B97F4A7C15L * (t + 1);
            for (int i = 0; i < perThread; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                arrays[t][i] = x;
            }
        }
        pool = Executors.newFixedThreadPool(threads);
    }

    /** Runs {@code n} passes unmeasured, for the JIT. */
    void warmUp(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            pass();
        }
    }

    /** GB/s of one pass over all arrays. */
    double pass() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (long[] a : arrays) {
            tasks.add(() -> sum(a));
        }
        long bytes = 0;
        for (long[] a : arrays) {
            bytes += 8L * a.length;
        }
        long start = System.nanoTime();
        for (Future<Long> f : pool.invokeAll(tasks)) {
            sink += f.get();
        }
        return (double) bytes / (System.nanoTime() - start);
    }

    /** A value depending on every element read, so the reads cannot be elided. */
    long sink() {
        return sink;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static long sum(long[] a) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        for (int i = 0; i + 3 < a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        return s0 + s1 + s2 + s3;
    }
}
