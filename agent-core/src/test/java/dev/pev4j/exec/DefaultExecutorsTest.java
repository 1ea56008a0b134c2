package dev.pev4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DefaultExecutorsTest {

    @Test
    void the_java_17_fallback_pool_runs_tasks_on_daemon_threads_that_end_when_idle() throws Exception {
        // given
        ThreadPoolExecutor pool = DefaultExecutors.platformPool(2);
        AtomicBoolean daemon = new AtomicBoolean();

        // when
        pool.submit(() -> daemon.set(Thread.currentThread().isDaemon())).get(20, TimeUnit.SECONDS);

        // then
        assertThat(daemon).isTrue();
        assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
        assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
    }

    @Test
    void the_timeout_timer_runs_on_a_daemon_thread() {
        // given
        AtomicBoolean daemon = new AtomicBoolean();

        // when
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> DefaultExecutors.timer()
                        .schedule(() -> daemon.set(Thread.currentThread().isDaemon()), 1, TimeUnit.MILLISECONDS)
                        .get());

        // then
        assertThat(daemon).isTrue();
    }

    @Test
    void gives_virtual_threads_exactly_when_the_runtime_has_them() {
        assertThat(DefaultExecutors.virtualThreadsAvailable())
                .isEqualTo(Runtime.version().feature() >= 21);
    }

    @Test
    void sizes_the_fallback_pool_for_several_runs() {
        assertThat(DefaultExecutors.poolSize(1)).isEqualTo(16);
        assertThat(DefaultExecutors.poolSize(8)).isEqualTo(32);
        assertThat(DefaultExecutors.poolSize(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
