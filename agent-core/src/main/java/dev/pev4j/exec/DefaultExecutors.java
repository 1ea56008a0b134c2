package dev.pev4j.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the executor uses when the user injects none: virtual threads on Java 21 and later (looked up
 * reflectively, since the code is compiled for 17), else a bounded pool of daemon platform threads that end when idle;
 * and one daemon timer thread for step timeouts. None of them keeps the JVM alive.
 */
final class DefaultExecutors {

    private static final Logger log = LoggerFactory.getLogger(DefaultExecutors.class);

    /** Platform threads end after this long without work. */
    private static final long IDLE_SECONDS = 10;

    private DefaultExecutors() {}

    /** Virtual threads when the runtime has them, else a pool of daemon platform threads for {@code parallelism}. */
    static Executor create(int parallelism) {
        ExecutorService virtual = VirtualThreads.EXECUTOR;
        return virtual != null ? virtual : platformPool(poolSize(parallelism));
    }

    /** Whether {@link #create} gives virtual threads on this runtime. */
    static boolean virtualThreadsAvailable() {
        return VirtualThreads.EXECUTOR != null;
    }

    static int poolSize(int parallelism) {
        // Several runs may share one PlanExecutor; tools mostly block on I/O, so threads are cheap next to waiting.
        return Math.max(16, parallelism > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 4 * parallelism);
    }

    /** Up to {@code threads} daemon threads, created on demand and ended after {@value #IDLE_SECONDS} s idle. */
    static ThreadPoolExecutor platformPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                IDLE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("pev4j-exec-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The shared timer that enforces step timeouts, one daemon thread, started on first use. */
    static ScheduledExecutorService timer() {
        return Timer.INSTANCE;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class VirtualThreads {
        static final @Nullable ExecutorService EXECUTOR = lookUp();

        private static @Nullable ExecutorService lookUp() {
            try {
                MethodHandle factory = MethodHandles.publicLookup()
                        .findStatic(
                                Executors.class,
                                "newVirtualThreadPerTaskExecutor",
                                MethodType.methodType(ExecutorService.class));
                ExecutorService executor = (ExecutorService) factory.invokeExact();
                log.debug("running plan steps on virtual threads");
                return executor;
            } catch (NoSuchMethodException | IllegalAccessException e) {
                log.debug(
                        "no virtual threads on Java {}; running plan steps on platform threads",
                        Runtime.version().feature());
                return null;
            } catch (Throwable e) { // Java 19 and 20 without --enable-preview throw UnsupportedOperationException.
                log.debug("virtual threads unavailable ({}); running plan steps on platform threads", e.toString());
                return null;
            }
        }
    }

    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("pev4j-timeout-"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
