package dev.pev4j.tools.data;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** The {@code .dt} methods beyond date parts: strftime, floor/ceil, normalize, and differences. Stateless. */
final class DateOps {

    static final List<String> FREQS = List.of("D", "H", "T", "MIN", "S");
    static final List<String> UNITS = List.of("seconds", "minutes", "hours", "days");

    private DateOps() {}

    private static LocalDateTime at(Column<?> column, int row) {
        Object value = column.get(row);
        return value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
    }

    static void checkDates(Column<?> column) {
        ColumnType type = column.type();
        if (type != ColumnType.LOCAL_DATE_TIME && type != ColumnType.LOCAL_DATE) {
            throw new DataOpsException(
                    "column '" + column.name() + "' is " + Dtypes.described(column) + ", not "
                            + "datetime64[ns]; convert it first with to_datetime",
                    column.name(),
                    null);
        }
    }

    /** {@code s.dt.strftime(format)}: text, missing for missing dates. */
    static StringColumn strftime(Column<?> column, String format, String name) {
        checkDates(column);
        DateTimeFormatter formatter = Datetimes.fromStrftime(format, false);
        StringColumn out = StringColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
            } else {
                out.append(formatter.format(at(column, row)));
            }
        }
        return out;
    }

    /** {@code s.dt.floor(freq)} or {@code s.dt.ceil(freq)} for D, H, T/min, S; {@code normalize} is floor D. */
    static DateTimeColumn round(Column<?> column, String freq, boolean ceil, String name) {
        checkDates(column);
        String f = freq.strip().toUpperCase(Locale.ROOT);
        if (!FREQS.contains(f)) {
            throw Columns.unknownChoice("freq", freq, List.of("D", "H", "T", "min", "S"), FREQS);
        }
        ChronoUnit unit = switch (f) {
            case "D" -> ChronoUnit.DAYS;
            case "H" -> ChronoUnit.HOURS;
            case "S" -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MINUTES;
        };
        DateTimeColumn out = DateTimeColumn.create(name);
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
                continue;
            }
            LocalDateTime t = at(column, row);
            LocalDateTime down = t.truncatedTo(unit);
            out.append(ceil && !down.equals(t) ? down.plus(1, unit) : down);
        }
        return out;
    }

    /**
     * {@code (df[end] - df[start]).dt.total_seconds()} (seconds, or divided into minutes, hours) as float64, or
     * {@code .dt.days} (whole days, rounded down as pandas) as int64; missing when either is missing.
     */
    static Column<?> between(Column<?> start, Column<?> end, String unit, String name) {
        checkDates(start);
        checkDates(end);
        String u = Transforms.choice("unit", unit, UNITS);
        int rows = start.size();
        if (u.equals("days")) {
            LongColumn out = LongColumn.create(name);
            for (int row = 0; row < rows; row++) {
                if (start.isMissing(row) || end.isMissing(row)) {
                    out.appendMissing();
                } else {
                    Duration d = Duration.between(at(start, row), at(end, row));
                    out.append(Math.floorDiv(d.toSeconds(), 86_400L));
                }
            }
            return out;
        }
        double divisor = switch (u) {
            case "minutes" -> 60;
            case "hours" -> 3600;
            default -> 1;
        };
        DoubleColumn out = DoubleColumn.create(name);
        for (int row = 0; row < rows; row++) {
            if (start.isMissing(row) || end.isMissing(row)) {
                out.appendMissing();
            } else {
                Duration d = Duration.between(at(start, row), at(end, row));
                out.append((d.getSeconds() + d.getNano() / 1e9) / divisor);
            }
        }
        return out;
    }
}
