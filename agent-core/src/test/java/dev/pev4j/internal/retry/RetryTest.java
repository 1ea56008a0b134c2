package dev.pev4j.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.internal.retry.Retry.GaveUp;
import dev.pev4j.internal.retry.Retry.RetryEvent;
import dev.pev4j.internal.retry.Retry.RetryScheduled;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry policy: its attempts, its backoff (recorded by a fake sleeper, never waited), its events, interruption. */
class RetryTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<RetryEvent> events = new ArrayList<>();

    private Retry.Builder policy() {
        return Retry.builder()
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(500))
                .retryIf(e -> e instanceof IOException)
                .sleeper(sleeps::add)
                .listener(events::add);
    }

    @Test
    void a_retriable_failure_is_tried_again_after_a_doubling_capped_backoff_until_it_succeeds() throws Exception {
        IOException[] failures = {new IOException("one"), new IOException("two"), new IOException("three")};
        List<String> previous = new ArrayList<>();

        String result = policy().maxAttempts(5).build().<String, IOException>call((attempt, before) -> {
            previous.add(before == null ? "none" : before.getMessage());
            if (attempt <= 3) {
                throw failures[attempt - 1];
            }
            return "done at " + attempt;
        });

        assertThat(result).isEqualTo("done at 4");
        assertThat(previous).containsExactly("none", "one", "two", "three");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(events)
                .containsExactly(
                        new RetryScheduled(1, Duration.ofMillis(100), failures[0]),
                        new RetryScheduled(2, Duration.ofMillis(200), failures[1]),
                        new RetryScheduled(3, Duration.ofMillis(400), failures[2]));
    }

    @Test
    void the_backoff_doubles_up_to_its_cap() {
        Retry retry = policy().maxAttempts(10).build();

        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(retry::delayAfter))
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500));
    }

    @Test
    void when_the_attempts_run_out_it_gives_up_with_the_last_failure() {
        IOException last = new IOException("still down");

        assertThatThrownBy(() -> policy().maxAttempts(3).build().<String, IOException>call((attempt, before) -> {
                    throw attempt == 3 ? last : new IOException("down " + attempt);
                }))
                .isSameAs(last);

        assertThat(sleeps).hasSize(2);
        assertThat(events).hasSize(3).last().isEqualTo(new GaveUp(3, last));
    }

    @Test
    void a_failure_that_is_not_retriable_ends_the_call_at_once_without_an_event() {
        IllegalStateException refused = new IllegalStateException("bad request");
        int[] attempts = {0};

        assertThatThrownBy(() -> policy().build().call((attempt, before) -> {
                    attempts[0]++;
                    throw refused;
                }))
                .isSameAs(refused);

        assertThat(attempts[0]).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void an_interrupted_wait_ends_the_retries_naming_the_failure_it_waited_for() {
        IOException failure = new IOException("timeout");
        InterruptedException interruption = new InterruptedException("stop");
        int[] attempts = {0};
        Retry retry = policy().sleeper(d -> {
                    throw interruption;
                })
                .build();

        assertThatThrownBy(() -> retry.<String, IOException>call((attempt, before) -> {
                    attempts[0]++;
                    throw failure;
                }))
                .isInstanceOfSatisfying(
                        Retry.Interrupted.class,
                        e -> assertThat(e.lastFailure()).isSameAs(failure))
                .hasMessage("interrupted while waiting to retry after: timeout")
                .hasCause(interruption);
        assertThat(attempts[0]).isEqualTo(1);
        assertThat(events).containsExactly(new RetryScheduled(1, Duration.ofMillis(100), failure));
    }

    @Test
    void one_attempt_turns_retries_off_and_bad_settings_are_refused() throws Exception {
        assertThatThrownBy(() -> policy().maxAttempts(1).build().<String, IOException>call((attempt, before) -> {
                    throw new IOException("once");
                }))
                .hasMessage("once");
        assertThat(sleeps).isEmpty();
        assertThatThrownBy(() -> Retry.builder().maxAttempts(0)).hasMessage("maxAttempts must be >= 1 but was 0");
        assertThatThrownBy(() -> Retry.builder().initialBackoff(Duration.ofSeconds(-1)))
                .hasMessage("initialBackoff must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> Retry.builder()
                        .initialBackoff(Duration.ofSeconds(2))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .hasMessage("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S).");
    }
}
