package dev.pev4j.llm.llamacpp;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the JVM once a given thread has ended and only natively attached threads keep it alive.
 *
 * <p>Why: {@code de.kherud:llama} 4.2.0 runs each model's task loop on a native thread that it attaches to the JVM as
 * a non-daemon thread and never detaches (upstream issue 116), not even after {@code LlamaModel.close()} ends the
 * loop. The JVM waits for non-daemon threads before it exits, so a {@code main} that loaded a model never returns to
 * the shell. Such a thread runs no Java code, so it has no Java stack frames: that is how it is told apart from the
 * application's own threads, which are waited for as usual. Thread-safe.
 */
final class JvmExit {

    private static final Logger LOG = LoggerFactory.getLogger(JvmExit.class);
    private static final long POLL_MILLIS = 100;

    private JvmExit() {}

    /**
     * Starts a daemon watchdog that calls {@link System#exit} once {@code thread} has ended and every other live
     * non-daemon thread is a native one; the status is 1 when {@code thread} ended with an uncaught exception, else 0.
     */
    static void whenThreadEnds(Thread thread) {
        Objects.requireNonNull(thread, "thread == null");
        AtomicBoolean failed = new AtomicBoolean();
        Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
        thread.setUncaughtExceptionHandler((t, e) -> {
            failed.set(true);
            previous.uncaughtException(t, e);
        });
        Thread watchdog = new Thread(() -> watch(thread, failed), "pev4j-jvm-exit");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch(Thread thread, AtomicBoolean failed) {
        try {
            thread.join();
            int quietPolls = 0;
            // Two quiet polls in a row, so that a Java thread caught before its first frame is not taken for native.
            while (quietPolls < 2) {
                Thread.sleep(POLL_MILLIS);
                quietPolls = onlyNativeThreadsLeft() ? quietPolls + 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = failed.get() ? 1 : 0;
        LOG.debug("'{}' ended and only native threads are left; exiting with status {}", thread.getName(), status);
        System.exit(status);
    }

    /** True when every live non-daemon thread, apart from the launcher's DestroyJavaVM, runs no Java code. */
    static boolean onlyNativeThreadsLeft() {
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.isAlive() && !t.isDaemon() && !t.getName().equals("DestroyJavaVM") && e.getValue().length > 0) {
                return false;
            }
        }
        return true;
    }
}
