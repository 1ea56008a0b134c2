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
