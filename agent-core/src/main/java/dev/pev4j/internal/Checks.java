package dev.pev4j.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The validation every builder and value repeats, with one wording for its errors: {@code "maxReplans must be >= 0
 * but was -1"}, {@code "stepTimeout must be positive but was PT0S"}. Not API.
 */
public final class Checks {

    private Checks() {}

    /**
     * {@code value}, when it is at least {@code min}.
     *
     * @throws IllegalArgumentException naming {@code name}, the bound and the value otherwise
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is between 0 and 1, both included (a confidence, a coverage, a probability).
     *
     * @throws IllegalArgumentException naming {@code name} and the value otherwise, NaN included: {@code "confidence
     *     must be between 0 and 1 but was 1.5"}
     */
    public static double between0And1(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is between 0 and 1, both excluded (a risk level such as α or δ).
     *
     * @throws IllegalArgumentException naming {@code name} and the value otherwise, NaN included: {@code "alpha must
     *     be between 0 and 1 (exclusive) but was 0.0"}
     */
    public static double strictlyBetween0And1(String name, double value) {
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1 (exclusive) but was " + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is longer than zero.
     *
     * @throws NullPointerException when it is null ({@code "name == null"})
     * @throws IllegalArgumentException naming {@code name} and the value when it is zero or negative
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }
}
