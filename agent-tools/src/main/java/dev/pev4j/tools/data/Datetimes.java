package dev.pev4j.tools.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** {@code pd.to_datetime} and the {@code .dt} date parts. Stateless. */
final class Datetimes {

    static final List<String> PARTS =
            List.of("year", "month", "day", "hour", "minute", "second", "weekday", "dayofweek", "dayofyear", "quarter");

    /** Formats tried in turn without a {@code format}: ISO dates and times, slashes, and pandas' month-first. */
    private static final List<DateTimeFormatter> GUESSES = List.of(
            pattern("yyyy-MM-dd"),
            pattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]"),
            pattern("yyyy-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]"),
            pattern("yyyy/MM/dd[ HH:mm[:ss]]"),
            pattern("M/d/yyyy[ H:mm[:ss]]"),
            pattern("yyyyMMdd"));

    private static final Map<Character, String> STRFTIME = Map.ofEntries(
            Map.entry('Y', "yyyy"),
            Map.entry('y', "yy"),
            Map.entry('m', "MM"),
            Map.entry('d', "dd"),
            Map.entry('H', "HH"),
            Map.entry('I', "hh"),
            Map.entry('M', "mm"),
            Map.entry('S', "ss"),
            Map.entry('f', "SSSSSS"),
            Map.entry('p', "a"),
            Map.entry('b', "MMM"),
            Map.entry('B', "MMMM"),
            Map.entry('a', "EEE"),
            Map.entry('A', "EEEE"),
            Map.entry('j', "DDD"));

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    /** A time followed by a UTC offset: {@code 10:00:00+02:00}, {@code 10:00+0200}, {@code 10:00Z}, {@code 10:00 UTC}. */
    private static final Pattern OFFSET = Pattern.compile(
            "(.*\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)",
            Pattern.CASE_INSENSITIVE);

    private Datetimes() {}

    private static DateTimeFormatter pattern(String pattern) {
        DateTimeFormatterBuilder builder =
                new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
        if (pattern.indexOf('h') < 0) { // a 12-hour clock resolves the hour from am/pm; a default would clash
            builder.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
        }
        return builder.toFormatter(Locale.ENGLISH);
    }

    /** {@link #toDatetime(Column, String, boolean)} without {@code utc}. */
    static DateTimeColumn toDatetime(Column<?> column, @Nullable String format) {
        return toDatetime(column, format, false);
    }

    /**
     * The column as {@code datetime64[ns]} (date-times; a date is its midnight): text parsed with {@code format}
     * (strftime directives, as pandas), or by trying ISO dates and times, {@code 2024/01/31} and month-first {@code
     * 01/31/2024}. A time may end with a UTC offset ({@code +02:00}, {@code +0200}, {@code +02}, {@code Z}, {@code
     * UTC}; {@code %z} in a format): with {@code utc} every time is converted to UTC (times without an offset are taken
     * as UTC), as {@code pd.to_datetime(utc=True)}; without it the times keep their local clock time when all share one
     * offset (pandas then has a fixed-offset zone), and different offsets are an error (pandas then gives an object
     * column of Python datetimes).
     */
    static DateTimeColumn toDatetime(Column<?> column, @Nullable String format, boolean utc) {
        DateTimeColumn out = DateTimeColumn.create(column.name());
        ColumnType type = column.type();
        if (Dtypes.same(type, ColumnType.LOCAL_DATE_TIME)) {
            return (DateTimeColumn) column.copy();
        } else if (Dtypes.same(type, ColumnType.LOCAL_DATE)) {
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row)) {
                    out.appendMissing();
                } else {
                    out.append(((LocalDate) column.get(row)).atStartOfDay());
                }
            }
            return out;
        } else if (!Dtypes.same(type, ColumnType.STRING)) {
            throw new DataOpsException(
                    "cannot convert column '" + column.name() + "' (" + Dtypes.described(column) + ") to "
                            + "datetime64[ns]: to_datetime reads text such as \"2024-01-31\"",
                    column.name(),
                    null);
        }
        DateTimeFormatter given = format == null ? null : fromStrftime(format);
        ZoneOffset firstOffset = null;
        int firstRow = -1;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
                continue;
            }
            String text = ((String) column.get(row)).strip();
            Zoned value = given == null ? guess(text) : parse(text, given);
            if (value == null) {
                throw new DataOpsException(
                        "cannot read column '" + column.name() + "' as dates: row " + row + " holds '" + text + "'"
                                + (format == null
                                        ? "; pass a format such as \"%d/%m/%Y\""
                                        : ", which does not match format '" + format + "'"),
                        column.name(),
                        null);
            }
            ZoneOffset offset = value.offset();
            if (utc) {
                out.append(offset == null ? value.local() : value.local().minusSeconds(offset.getTotalSeconds()));
                continue;
            }
            if (firstRow < 0) {
                firstOffset = offset;
                firstRow = row;
            } else if (!Objects.equals(firstOffset, offset)) {
                throw new DataOpsException(
                        "column '" + column.name() + "' mixes UTC offsets: row " + firstRow + " has "
                                + (firstOffset == null ? "none" : firstOffset.getId()) + ", row " + row + " has "
                                + (offset == null ? "none" : offset.getId()) + " ('" + text + "'); pass utc=true "
                                + "to convert every time to UTC (pandas without utc gives an object column)",
                        column.name(),
                        null);
            }
            out.append(value.local());
        }
        return out;
    }

    /** A parsed time: the clock time as written and its UTC offset, if the text had one. */
    private record Zoned(LocalDateTime local, @Nullable ZoneOffset offset) {}

    private static @Nullable Zoned guess(String text) {
        Matcher zoned = OFFSET.matcher(text);
        if (zoned.matches()) {
            Zoned local = guess(zoned.group(1));
            ZoneOffset offset = offset(zoned.group(2));
            return local == null || offset == null ? null : new Zoned(local.local(), offset);
        }
        for (DateTimeFormatter formatter : GUESSES) {
            Zoned value = parse(text, formatter);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable ZoneOffset offset(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.equals("Z") || t.equals("UTC") || t.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(t.length() == 5 ? t.substring(0, 3) + ":" + t.substring(3) : t);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static @Nullable Zoned parse(String text, DateTimeFormatter formatter) {
        try {
            TemporalAccessor parsed = formatter.parse(text);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                    : null;
            return new Zoned(LocalDateTime.from(parsed), offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A strftime format ({@code %d/%m/%Y %H:%M}) as a java.time formatter for reading. */
    static DateTimeFormatter fromStrftime(String format) {
        return fromStrftime(format, true);
    }

    /**
     * A strftime format as a java.time formatter; for reading ({@code lenient}) a lone {@code %d} also takes one
     * digit, for writing it always writes two.
     */
    static DateTimeFormatter fromStrftime(String format, boolean lenient) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char directive = format.charAt(++i);
                if (directive == '%') {
                    literal.append('%');
                    continue;
                }
                String translated = directive == 'z' && lenient ? "[XXX][XX][X]" : STRFTIME.get(directive);
                if (translated == null) {
                    throw new DataOpsException("format '" + format + "' uses %" + directive + ", which is not "
                            + "supported; use %Y %y %m %d %H %I %M %S %f %p %b %B %a %A %j");
                }
                flush(pattern, literal);
                boolean adjacent = i + 1 < format.length() && format.charAt(i + 1) == '%';
                if (lenient && !adjacent && "dmHIMS".indexOf(directive) >= 0) {
                    translated = translated.substring(1); // strptime also reads one digit: 1.02.2024
                }
                pattern.append(translated);
            } else {
                literal.append(c);
            }
        }
        flush(pattern, literal);
        try {
            return pattern(pattern.toString());
        } catch (IllegalArgumentException e) {
            throw new DataOpsException("format '" + format + "' is not a valid date format: " + e.getMessage());
        }
    }

    private static void flush(StringBuilder pattern, StringBuilder literal) {
        if (literal.length() > 0) {
            pattern.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }

    /**
     * {@code df[column].dt.<part>} as an int64 column named {@code name}: weekday (also dayofweek) counts Monday as 0,
     * as pandas.
     */
    static LongColumn part(Column<?> column, String part, String name) {
        String p = part.strip().toLowerCase(Locale.ROOT);
        if (!PARTS.contains(p)) {
            throw Columns.unknownChoice("date part", part, PARTS, PARTS);
        }
        ColumnType type = column.type();
        if (!Dtypes.same(type, ColumnType.LOCAL_DATE_TIME) && !Dtypes.same(type, ColumnType.LOCAL_DATE)) {
            throw new DataOpsException(
                    "column '" + column.name() + "' is " + Dtypes.described(column) + ", not datetime64[ns]; "
                            + "convert it first with to_datetime",
                    column.name(),
                    null);
        }
        LongColumn out = LongColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
                continue;
            }
            Object value = column.get(row);
            LocalDateTime t = value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
            out.append(
                    switch (p) {
                        case "year" -> t.getYear();
                        case "month" -> t.getMonthValue();
                        case "day" -> t.getDayOfMonth();
                        case "hour" -> t.getHour();
                        case "minute" -> t.getMinute();
                        case "second" -> t.getSecond();
                        case "dayofyear" -> t.getDayOfYear();
                        case "quarter" -> t.get(IsoFields.QUARTER_OF_YEAR);
                        default -> t.getDayOfWeek().getValue() - 1; // weekday, dayofweek: Monday=0
                    });
        }
        return out;
    }

    /** Whether every present cell of a date-time column is at midnight (pandas then writes dates only). */
    static boolean datesOnly(Column<?> column) {
        if (!Dtypes.is(column, ColumnType.LOCAL_DATE_TIME)) {
            return Dtypes.is(column, ColumnType.LOCAL_DATE);
        }
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)
                    && !((LocalDateTime) column.get(row)).toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return false;
            }
        }
        return true;
    }

    /** A present cell as pandas writes it to text and CSV; date-times as dates when {@code datesOnly}. */
    static String text(Column<?> column, int row, boolean datesOnly) {
        Object value = column.get(row);
        if (datesOnly && value instanceof LocalDateTime t) {
            return DATE.format(t);
        }
        if (value instanceof LocalDateTime t && t.getNano() != 0) {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
                    .format(t);
        }
        return Cells.pythonStr(value);
    }
}
