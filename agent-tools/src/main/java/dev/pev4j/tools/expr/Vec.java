package dev.pev4j.tools.expr;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The value of an expression over all rows of a table: one primitive array per type, so that evaluation runs in
 * tight loops without boxing. Missing values are NaN for floats, {@code null} for text and a {@code missing} mask
 * (absent when nothing is missing) for the rest. Not thread-safe: arrays are shared, never changed after creation.
 */
sealed interface Vec permits Vec.Masked, Vec.Doubles, Vec.Strings, Vec.Nulls {

    int size();

    boolean isMissing(int row);

    /** pandas' dtype name, as previews show it. */
    String dtype();

    /** A vector whose missing values are marked in a mask, {@code null} when none is missing. */
    sealed interface Masked extends Vec permits Longs, Bools, Times {

        boolean @Nullable [] missing();

        @Override
        default boolean isMissing(int row) {
            boolean[] missing = missing();
            return missing != null && missing[row];
        }
    }

    /** Whole numbers ({@code int64}). */
    record Longs(long[] values, boolean @Nullable [] missing) implements Masked {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String dtype() {
            return "int64";
        }
    }

    /** Floating-point numbers ({@code float64}); NaN is missing, as in pandas. */
    record Doubles(double[] values) implements Vec {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return Double.isNaN(values[row]);
        }

        @Override
        public String dtype() {
            return "float64";
        }
    }

    /** True/false ({@code bool}); a missing value behaves as unknown in {@code and}, {@code or}, {@code not}. */
    record Bools(boolean[] values, boolean @Nullable [] missing) implements Masked {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String dtype() {
            return "bool";
        }
    }

    /** Text ({@code object}); {@code null} is missing. */
    record Strings(@Nullable String[] values) implements Vec {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return values[row] == null;
        }

        @Override
        public String dtype() {
            return "object";
        }
    }

    /** Dates or date-times as milliseconds (see {@link Dates}); {@code withTime} is false for plain dates. */
    record Times(long[] millis, boolean @Nullable [] missing, boolean withTime) implements Masked {
        @Override
        public int size() {
            return millis.length;
        }

        @Override
        public String dtype() {
            return "datetime64[ns]";
        }
    }

    /** The {@code null} literal, or arithmetic with it: missing everywhere. */
    record Nulls(int size) implements Vec {
        @Override
        public boolean isMissing(int row) {
            return true;
        }

        @Override
        public String dtype() {
            return "None";
        }
    }

    /** {@code a} or {@code b} missing, row by row; {@code null} when neither has a missing value. */
    static boolean @Nullable [] eitherMissing(boolean @Nullable [] a, boolean @Nullable [] b) {
        if (a == null) {
            return b;
        } else if (b == null) {
            return a;
        }
        boolean[] result = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = a[i] || b[i];
        }
        return result;
    }

    static boolean[] filled(int size, boolean value) {
        boolean[] result = new boolean[size];
        if (value) {
            Arrays.fill(result, true);
        }
        return result;
    }
}
