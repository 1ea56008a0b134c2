package dev.pev4j.internal.retry;

import dev.pev4j.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A retry policy: at most {@code maxAttempts} attempts in all, a wait before each further attempt that starts at
 * {@code initialBackoff} and doubles up to {@code maxBackoff}, and a test of which failures are worth another attempt.
 * Each decision reaches the {@link Listener} as a typed {@link RetryEvent}: {@link RetryScheduled} before a wait,
 * {@link GaveUp} when the attempts ran out on a retriable failure. A failure that is not retriable ends the call at
 * once, with no event. Immutable and thread-safe when its listener and sleeper are. Not API.
 *
 * <pre>{@code
 * Retry retry = Retry.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(500))
 *         .retryIf(e -> e instanceof LlmException l && l.isRetriable()).build();
 * ChatResponse response = retry.call((attempt, previous) -> model.chat(request));
 * }</pre>
 */
public final class Retry {

    /** What a retry policy decided. */
    public sealed interface RetryEvent permits RetryScheduled, GaveUp {}

    /**
     * Attempt {@code attempt} (counting from 1) failed with {@code cause}, retriably; the next one starts after
     * {@code delay}.
     */
    public record RetryScheduled(int attempt, Duration delay, Exception cause) implements RetryEvent {}

    /** All {@code attempts} failed, the last with the retriable {@code cause}, which the call now throws. */
    public record GaveUp(int attempts, Exception cause) implements RetryEvent {}

    /** Receives a policy's events, on the calling thread. */
    @FunctionalInterface
    public interface Listener {
        void on(RetryEvent event);

        /** Ignores every event. */
        Listener NONE = event -> {};
    }

    /** Waits between attempts; tests record the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        /** {@link Thread#sleep}: a real wait, interruptible. */
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    /** One attempt; {@code previous} is the failure of the attempt before, null for the first. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run(int attempt, @Nullable E previous) throws E;
    }

    /** The thread was interrupted while it waited to retry {@link #lastFailure()}; the cause is the interruption. */
    public static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;

        private final Exception lastFailure;

        Interrupted(Exception lastFailure, InterruptedException cause) {
            super("interrupted while waiting to retry after: " + lastFailure.getMessage(), cause);
            this.lastFailure = lastFailure;
        }

        /** The failure the wait was for. */
        public Exception lastFailure() {
            return lastFailure;
        }
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Predicate<? super Exception> retriable;
    private final Listener listener;
    private final Sleeper sleeper;

    private Retry(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.retriable = b.retriable;
        this.listener = b.listener;
        this.sleeper = b.sleeper;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most attempts in all. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before attempt {@code attempt + 1} (counting from 1): the initial backoff, doubled each time, capped. */
    public Duration delayAfter(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /**
     * Runs {@code attempt} until it returns, fails with what is not retriable, or has failed {@code maxAttempts}
     * times; the last failure is thrown as it is.
     *
     * @throws Interrupted when the thread is interrupted while waiting for the next attempt (its interrupt status is
     *     cleared, as {@link Thread#sleep} leaves it), naming the failure that was to be retried
     */
    @SuppressWarnings("unchecked") // a failure of the attempt is an E or unchecked; both are thrown as they are
    public <T, E extends Exception> T call(Attempt<T, E> attempt) throws E, Interrupted {
        Objects.requireNonNull(attempt, "attempt == null");
        E previous = null;
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n, previous);
            } catch (Exception e) {
                if (!retriable.test(e)) {
                    throw e;
                }
                if (n >= maxAttempts) {
                    listener.on(new GaveUp(n, e));
                    throw e;
                }
                Duration delay = delayAfter(n);
                listener.on(new RetryScheduled(n, delay, e));
                try {
                    if (!delay.isZero()) {
                        sleeper.sleep(delay);
                    }
                } catch (InterruptedException interrupted) {
                    throw new Interrupted(e, interrupted);
                }
                previous = (E) e;
            }
        }
    }

    @Override
    public String toString() {
        return "Retry[maxAttempts=" + maxAttempts + ", backoff " + initialBackoff + " doubling to " + maxBackoff + "]";
    }

    /** Configures a {@link Retry}; not thread-safe. Defaults: 3 attempts, 500 ms doubling up to 10 s, retry nothing. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Predicate<? super Exception> retriable = e -> false;
        private Listener listener = Listener.NONE;
        private Sleeper sleeper = Sleeper.REAL;

        private Builder() {}

        /** How many attempts in all; 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            Checks.atLeast("maxAttempts", maxAttempts, 1);
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before the second attempt; zero retries at once. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = notNegative("initialBackoff", initialBackoff);
            return this;
        }

        /** The longest wait between two attempts. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = notNegative("maxBackoff", maxBackoff);
            return this;
        }

        /** Which failures another attempt may cure; none by default. */
        public Builder retryIf(Predicate<? super Exception> retriable) {
            this.retriable = Objects.requireNonNull(retriable, "retriable == null");
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalStateException when {@code maxBackoff} is shorter than {@code initialBackoff}
         */
        public Retry build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException("maxBackoff (" + maxBackoff + ") must not be shorter than "
                        + "initialBackoff (" + initialBackoff + ").");
            }
            return new Retry(this);
        }

        private static Duration notNegative(String name, Duration value) {
            Objects.requireNonNull(value, name + " == null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
            }
            return value;
        }
    }
}
