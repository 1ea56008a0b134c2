package dev.pev4j.tools.expr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Reads ISO dates ({@code 2024-01-31}) and date-times ({@code 2024-01-31 13:45}, {@code 2024-01-31T13:45:10.5}) and
 * turns them into milliseconds on a time line without time zones, so that dates and date-times compare as pandas'
 * timestamps do (a date is its midnight). Stateless.
 */
final class Dates {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Dates() {}

    /** A {@link LocalDate} or {@link LocalDateTime}, or {@code null} when {@code text} is neither. */
    static @Nullable Object parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.length() == 10) {
                return LocalDate.of(number(trimmed, 0, 4), number(trimmed, 5, 7), number(trimmed, 8, 10));
            }
            if (trimmed.length() > 10 && (trimmed.charAt(10) == ' ' || trimmed.charAt(10) == 'T')) {
                return LocalDateTime.parse(trimmed.substring(0, 10) + "T" + trimmed.substring(11));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** {@link #parse} as milliseconds, or {@link Long#MIN_VALUE} when {@code text} is not a date. */
    static long parseMillis(String text) {
        Object value = parse(text);
        return value == null ? Long.MIN_VALUE : millis(value);
    }

    static long millis(Object value) {
        if (value instanceof LocalDate date) {
            return date.toEpochDay() * MILLIS_PER_DAY;
        }
        LocalDateTime time = (LocalDateTime) value;
        return time.toEpochSecond(ZoneOffset.UTC) * 1000 + time.getNano() / 1_000_000;
    }

    static LocalDate date(long millis) {
        return LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY));
    }

    static LocalDateTime dateTime(long millis) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    private static int number(String text, int from, int to) {
        if (from > 0 && text.charAt(from - 1) != '-') {
            throw new NumberFormatException(text);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
