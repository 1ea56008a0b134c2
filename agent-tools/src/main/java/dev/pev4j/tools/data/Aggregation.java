package dev.pev4j.tools.data;

import dev.pev4j.internal.Suggestions;
import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/**
 * The aggregation functions of {@code groupby_agg}, named and behaving as pandas' {@code GroupBy.agg} strings:
 * missing values are skipped, {@code count} counts present values, {@code size} counts rows, {@code std} and
 * {@code var} use ddof=1, {@code first}/{@code last} take the first/last present value.
 */
enum Aggregation {
    SUM(true),
    MEAN(true),
    MEDIAN(true),
    MIN(false),
    MAX(false),
    COUNT(false),
    SIZE(false),
    NUNIQUE(false),
    STD(true),
    VAR(true),
    FIRST(false),
    LAST(false);

    /** Words models write for pandas' functions: suggested, never accepted, as pandas does not accept them. */
    private static final Map<String, Aggregation> HINTS = Map.of(
            "avg",
            MEAN,
            "average",
            MEAN,
            "total",
            SUM,
            "cnt",
            COUNT,
            "len",
            SIZE,
            "stdev",
            STD,
            "stddev",
            STD,
            "variance",
            VAR,
            "distinct",
            NUNIQUE,
            "count_distinct",
            NUNIQUE);

    private final boolean numeric;

    Aggregation(boolean numeric) {
        this.numeric = numeric;
    }

    /** The pandas name, {@code "sum"}. */
    String pandasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it needs numbers (or booleans, counted as 1 and 0). */
    boolean numeric() {
        return numeric;
    }

    static String allNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(Aggregation::pandasName).toList());
    }

    static String nonNumericNames() {
        List<String> names = Arrays.stream(values())
                .filter(a -> !a.numeric)
                .map(Aggregation::pandasName)
                .toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * The function named {@code name}.
     *
     * @throws DataOpsException naming the function, the column and the nearest function names
     */
    static Aggregation named(String name, String column) {
        for (Aggregation aggregation : values()) {
            if (aggregation.pandasName().equals(name)) {
                return aggregation;
            }
        }
        List<String> nearest = new ArrayList<>();
        Aggregation hint = HINTS.get(name.toLowerCase(Locale.ROOT));
        if (hint != null) {
            nearest.add(hint.pandasName());
        }
        for (String near : Suggestions.closest(
                name, Arrays.stream(values()).map(Aggregation::pandasName).toList(), 3)) {
            if (!nearest.contains(near) && nearest.size() < 3) {
                nearest.add(near);
            }
        }
        String hints = nearest.isEmpty() ? "; " : "; " + Suggestions.didYouMean(nearest) + " ";
        throw new DataOpsException(
                "unknown aggregation '" + name + "' for column '" + column + "'" + hints + "aggregations: "
                        + allNames(),
                column,
                null);
    }

    /** Checks that this function fits the column's type. */
    void checkApplicable(Column<?> column) {
        if (numeric && Dtypes.kind(column) == Kind.OTHER) {
            throw new DataOpsException(
                    "cannot compute '" + pandasName() + "' of column '" + column.name() + "': it is "
                            + Dtypes.described(column) + ", not numeric; use " + nonNumericNames(),
                    column.name(),
                    null);
        }
    }

    /**
     * The result column named {@code name}: one value per group, each group given as its row numbers in the
     * original order.
     */
    Column<?> apply(Column<?> column, List<int[]> groups, String name) {
        Kind kind = Dtypes.kind(column);
        switch (this) {
            case SUM:
                if (kind == Kind.FLOATING) {
                    DoubleColumn sums = DoubleColumn.create(name);
                    for (int[] rows : groups) {
                        sums.append(kahanSum(column, present(column, rows)));
                    }
                    return sums;
                } else {
                    LongColumn sums = LongColumn.create(name);
                    for (int[] rows : groups) {
                        long sum = 0;
                        for (int row : present(column, rows)) {
                            sum += Cells.longValue(column, row);
                        }
                        sums.append(sum);
                    }
                    return sums;
                }
            case MEAN:
                return doubles(name, groups, rows -> mean(column, present(column, rows), kind));
            case MEDIAN:
                return doubles(name, groups, rows -> median(column, present(column, rows)));
            case STD:
                return doubles(name, groups, rows -> Math.sqrt(variance(column, present(column, rows), kind)));
            case VAR:
                return doubles(name, groups, rows -> variance(column, present(column, rows), kind));
            case COUNT:
                return longs(name, groups, rows -> present(column, rows).length);
            case SIZE:
                return longs(name, groups, rows -> rows.length);
            case NUNIQUE:
                return longs(name, groups, rows -> {
                    Set<Object> distinct = new HashSet<>();
                    for (int row : present(column, rows)) {
                        distinct.add(column.get(row));
                    }
                    return distinct.size();
                });
            case MIN:
            case MAX:
            case FIRST:
            case LAST:
                int[] picked = new int[groups.size()];
                for (int g = 0; g < groups.size(); g++) {
                    picked[g] = pickRow(column, present(column, groups.get(g)));
                }
                return Sorting.pick(column, picked).setName(name);
        }
        throw new AssertionError(this);
    }

    /** The row holding the min/max (the first such row on ties), the first or the last row; -1 if none. */
    private int pickRow(Column<?> column, int[] rows) {
        if (rows.length == 0) {
            return -1;
        }
        if (this == FIRST) {
            return rows[0];
        } else if (this == LAST) {
            return rows[rows.length - 1];
        }
        int best = rows[0];
        for (int row : rows) {
            int c = Cells.compare(column, row, best);
            if (this == MIN ? c < 0 : c > 0) {
                best = row;
            }
        }
        return best;
    }

    private static int[] present(Column<?> column, int[] rows) {
        return Arrays.stream(rows).filter(row -> !column.isMissing(row)).toArray();
    }

    /** pandas sums floats with Kahan compensation; so do we, to give the same last digits. */
    private static double kahanSum(Column<?> column, int[] rows) {
        double sum = 0;
        double compensation = 0;
        for (int row : rows) {
            double y = Cells.doubleValue(column, row) - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    private static double mean(Column<?> column, int[] rows, Kind kind) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        if (kind == Kind.FLOATING) {
            return kahanSum(column, rows) / rows.length;
        }
        long sum = 0;
        for (int row : rows) {
            sum += Cells.longValue(column, row);
        }
        return (double) sum / rows.length;
    }

    private static double median(Column<?> column, int[] rows) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        double[] values = Arrays.stream(rows)
                .mapToDouble(row -> Cells.doubleValue(column, row))
                .toArray();
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Sample variance (ddof=1), two-pass; NaN for fewer than two values, as pandas gives. */
    private static double variance(Column<?> column, int[] rows, Kind kind) {
        if (rows.length < 2) {
            return Double.NaN;
        }
        double mean = mean(column, rows, kind);
        double squares = 0;
        for (int row : rows) {
            double deviation = Cells.doubleValue(column, row) - mean;
            squares += deviation * deviation;
        }
        return squares / (rows.length - 1);
    }

    private interface ToDouble {
        double of(int[] rows);
    }

    private interface ToLong {
        long of(int[] rows);
    }

    private static DoubleColumn doubles(String name, List<int[]> groups, ToDouble function) {
        DoubleColumn column = DoubleColumn.create(name);
        for (int[] rows : groups) {
            double value = function.of(rows);
            if (Double.isNaN(value)) {
                column.appendMissing();
            } else {
                column.append(value);
            }
        }
        return column;
    }

    private static LongColumn longs(String name, List<int[]> groups, ToLong function) {
        LongColumn column = LongColumn.create(name);
        for (int[] rows : groups) {
            column.append(function.of(rows));
        }
        return column;
    }
}
