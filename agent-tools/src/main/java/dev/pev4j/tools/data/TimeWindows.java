package dev.pev4j.tools.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;

/**
 * The windows of {@code rolling}: a number of rows ({@code 7}) or a length of time ({@code "7D"}, pandas' fixed
 * offsets) over a date column ({@code on}), with pandas' {@code closed} sides. Stateless.
 */
final class TimeWindows {

    static final List<String> CLOSED = List.of("right", "left", "both", "neither");

    private static final Pattern ROWS = Pattern.compile("-?\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)?(min|ms|us|ns|[dhtslun])");
    private static final Pattern NON_FIXED = Pattern.compile("\\d*(W|M|MS|Q|QS|Y|YS|A|AS|BM|BMS|SM|B|C|CBM)(-\\w+)?");
    private static final long SECOND = 1_000_000_000L;

    private TimeWindows() {}

    /** A parsed window: {@code rows} rows, or {@code nanos} of time when {@code rows} is 0. */
    record Window(int rows, long nanos, String text) {
        boolean timed() {
            return rows == 0;
        }
    }

    /** {@code "7"} as 7 rows, {@code "7D"}, {@code "12H"}, {@code "30min"}, {@code "1D12H"} as a length of time. */
    static Window parse(String window) {
        String text = window.strip();
        if (ROWS.matcher(text).matches()) {
            BigDecimal rows = new BigDecimal(text);
            if (rows.signum() <= 0 || rows.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new DataOpsException("window must be >= 1 but was " + text);
            }
            return new Window(rows.intValueExact(), 0, text);
        }
        if (NON_FIXED.matcher(text).matches()) {
            throw new DataOpsException("window '" + text + "' is not a fixed length of time (pandas: a non-fixed "
                    + "frequency): weeks, months, quarters and years are calendar periods; use days, e.g. \"7D\" "
                    + "or \"30D\", or resample for calendar periods");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher part = PART.matcher(lower);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < lower.length() && part.find(at) && part.start() == at) {
            BigDecimal count = part.group(1) == null ? BigDecimal.ONE : new BigDecimal(part.group(1));
            nanos = nanos.add(count.multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
            at = part.end();
        }
        if (at == lower.length() && at > 0 && !text.startsWith("-")) {
            if (nanos.signum() == 0) {
                throw new DataOpsException("window '" + text + "' is empty; give a positive length such as \"7D\"");
            }
            return new Window(0, nanos.longValue(), text);
        }
        throw new DataOpsException(
                "window '" + text + "' is neither a number of rows (e.g. 7) nor a length of time "
                        + "such as \"7D\", \"12H\", \"30min\", \"10S\" or \"500ms\" (units D, H, min or T, S, ms or L, us, ns)");
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "d" -> 86_400 * SECOND;
            case "h" -> 3_600 * SECOND;
            case "t", "min" -> 60 * SECOND;
            case "s" -> SECOND;
            case "l", "ms" -> 1_000_000L;
            case "u", "us" -> 1_000L;
            default -> 1L; // n, ns
        };
    }

    /**
     * The times of {@code on} in nanoseconds, checked as pandas checks them: a date column without missing values,
     * sorted (ascending or descending) within each group.
     */
    static long[] times(Column<?> on, List<int[]> groups, Window window) {
        if (!Dtypes.same(on.type(), ColumnType.LOCAL_DATE_TIME) && !Dtypes.same(on.type(), ColumnType.LOCAL_DATE)) {
            throw new DataOpsException(
                    "a time window ('" + window.text() + "') needs a date column in on, but '" + on.name() + "' is "
                            + Dtypes.described(on) + "; convert it first with to_datetime",
                    on.name(),
                    null);
        }
        long[] times = new long[on.size()];
        DateTimeColumn packed = on instanceof DateTimeColumn d ? d : null;
        for (int row = 0; row < on.size(); row++) {
            if (on.isMissing(row)) {
                throw new DataOpsException(
                        "on column '" + on.name() + "' has a missing date in row " + row + " (pandas: values must "
                                + "not have NaT); drop those rows first with dropna(subset=[\"" + on.name() + "\"])",
                        on.name(),
                        null);
            }
            if (packed != null) { // from Tablesaw's packed value, without making a LocalDateTime per row
                long p = packed.getLongInternal(row);
                long millis = PackedLocalDate.toEpochDay(PackedLocalDateTime.date(p)) * 86_400_000L
                        + PackedLocalDateTime.getMillisecondOfDay(p);
                times[row] = millis * 1_000_000L;
                continue;
            }
            Object value = on.get(row);
            LocalDateTime t = value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
            times[row] = t.toEpochSecond(ZoneOffset.UTC) * SECOND + t.getNano();
        }
        for (int[] rows : groups) {
            if (rows.length < 2) {
                continue;
            }
            long sign = Long.signum(times[rows[rows.length - 1]] - times[rows[0]]);
            for (int i = 1; i < rows.length; i++) {
                if (Long.signum(times[rows[i]] - times[rows[i - 1]]) * sign < 0) {
                    throw new DataOpsException(
                            "a time window needs the rows sorted by '" + on.name() + "'"
                                    + (groups.size() > 1 ? " within each group" : "") + ", but row " + rows[i] + " ("
                                    + Cells.pythonStr(on.get(rows[i])) + ") comes after row " + rows[i - 1] + " ("
                                    + Cells.pythonStr(on.get(rows[i - 1])) + "); sort_values by "
                                    + (groups.size() > 1 ? "the group columns and " : "") + "'" + on.name()
                                    + "' first (pandas: values must be monotonic)",
                            on.name(),
                            null);
                }
            }
        }
        return times;
    }

    /** pandas' FixedWindowIndexer bounds of {@code rows}-row windows with {@code closed} sides. */
    static int[][] rowBounds(int n, int rows, String closed) {
        int[] start = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            int e = i + 1;
            int s = e - rows;
            if (closed.equals("left") || closed.equals("both")) {
                s--;
            }
            if (closed.equals("left") || closed.equals("neither")) {
                e--;
            }
            start[i] = Math.max(0, Math.min(s, n));
            end[i] = Math.max(0, Math.min(e, n));
        }
        return new int[][] {start, end};
    }
}
