package dev.pev4j.tools.data;

import dev.pev4j.internal.Texts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.columns.Column;

/** Reads, compares and prints single cells the way pandas does. Stateless. */
final class Cells {

    private static final int MAX_CELL_WIDTH = 24;

    private Cells() {}

    /**
     * Compares two present cells of one column: numbers by value, text by code point (as Python compares strings),
     * {@code false} before {@code true}, anything else by its natural order.
     */
    static int compare(Column<?> column, int a, int b) {
        if (column instanceof LongColumn longs) {
            return Long.compare(longs.getLong(a), longs.getLong(b));
        } else if (column instanceof IntColumn ints) {
            return Integer.compare(ints.getInt(a), ints.getInt(b));
        } else if (column instanceof ShortColumn shorts) {
            return Short.compare(shorts.getShort(a), shorts.getShort(b));
        } else if (column instanceof NumberColumn<?, ?> numbers) {
            return Double.compare(numbers.getDouble(a), numbers.getDouble(b));
        }
        return compareValues(column.get(a), column.get(b));
    }

    /** Compares two present values taken from one column. */
    static int compareValues(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return Texts.compareCodePoints(x, y);
        }
        return compareComparables(a, b);
    }

    @SuppressWarnings("unchecked") // both values come from the same Tablesaw column, whose cell type is Comparable
    private static int compareComparables(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** A present cell as a whole number; booleans count as 1 and 0. */
    static long longValue(Column<?> column, int row) {
        if (column instanceof LongColumn longs) {
            return longs.getLong(row);
        } else if (column instanceof BooleanColumn booleans) {
            return booleans.get(row) ? 1 : 0;
        }
        return (long) ((NumberColumn<?, ?>) column).getDouble(row);
    }

    /** A present cell as a double; booleans count as 1 and 0. */
    static double doubleValue(Column<?> column, int row) {
        if (column instanceof BooleanColumn booleans) {
            return booleans.get(row) ? 1 : 0;
        }
        return ((NumberColumn<?, ?>) column).getDouble(row);
    }

    /**
     * A cell as pandas prints it, on one line and at most {@value #MAX_CELL_WIDTH} characters: {@code NaN} for
     * missing, {@code True}/{@code False}, floats rounded to six decimals with at least one ({@code 25.0}).
     */
    static String format(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "NaN";
        }
        Object value = column.get(row);
        String text;
        if (value instanceof Double d) {
            text = formatDouble(d);
        } else if (value instanceof Float f) {
            text = formatDouble(f.doubleValue());
        } else if (value instanceof Boolean b) {
            text = b ? "True" : "False";
        } else {
            text = String.valueOf(value);
        }
        return shorten(oneLine(text));
    }

    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        } else if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String plain = BigDecimal.valueOf(value)
                .setScale(6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
        if (plain.equals("-0")) {
            plain = "0";
        }
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * A value as Python's {@code str()} writes it, which is what pandas writes to CSV and uses for text: {@code True}
     * and {@code False}, floats as {@link #pythonRepr(double)}, date-times as {@code 2024-01-31 13:45:00}.
     */
    static String pythonStr(Object value) {
        if (value instanceof Double d) {
            return pythonRepr(d);
        } else if (value instanceof Float f) {
            return pythonRepr(f.doubleValue());
        } else if (value instanceof Boolean b) {
            return b ? "True" : "False";
        } else if (value instanceof java.time.LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return String.valueOf(value);
    }

    /**
     * A double as Python's {@code repr()} prints it: the shortest digits that read back the same, positional
     * between 1e-4 and 1e16 ({@code 2.0}, {@code 0.1}), scientific outside ({@code 1e+20}, {@code 1e-05}),
     * {@code nan}, {@code inf}.
     */
    static String pythonRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        } else if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        } else if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String power = String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + power;
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    private static final java.time.format.DateTimeFormatter DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT);

    /** Code points, which is what a reader counts. */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    private static String shorten(String text) {
        if (width(text) <= MAX_CELL_WIDTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_CELL_WIDTH - 1)) + "…";
    }
}
