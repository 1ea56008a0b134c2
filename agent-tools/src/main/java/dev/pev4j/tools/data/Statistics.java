package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code describe} and {@code corr}, computed as pandas computes them. Stateless. */
final class Statistics {

    static final String STATISTIC = "statistic";

    private static final List<String> NUMERIC_ROWS = List.of("count", "mean", "std", "min", "25%", "50%", "75%", "max");
    private static final List<String> TEXT_ROWS = List.of("count", "unique", "top", "freq");

    private Statistics() {}

    static boolean numeric(Column<?> column) {
        Kind kind = Dtypes.kind(column);
        return kind == Kind.INTEGRAL || kind == Kind.FLOATING;
    }

    /**
     * {@code df.describe()}: a first column {@code statistic} naming the rows, then one column per described column.
     * {@code include} "number" (pandas' default) describes the numeric columns, or every column as text when there
     * is none; "all" describes every column, numeric ones as float64 with count/mean/std/min/quartiles/max, the
     * others as text with count/unique/top/freq, missing where a statistic does not apply.
     */
    static Table describe(Table table, @Nullable String include, String name) {
        String mode = include == null ? "number" : include.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("number") && !mode.equals("all")) {
            throw new DataOpsException("include must be \"number\" or \"all\" but was '" + include
                    + "'; \"number\" describes the " + "numeric columns, \"all\" every column");
        }
        if (table.columnCount() == 0) {
            throw new DataOpsException("cannot describe a table without columns");
        }
        List<Column<?>> columns = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (mode.equals("all") || numeric(column)) {
                columns.add(column);
            }
        }
        if (columns.isEmpty()) {
            columns.addAll(table.columns()); // pandas describes text columns when there are no numeric ones
        }
        boolean anyNumeric = columns.stream().anyMatch(Statistics::numeric);
        boolean anyOther = columns.stream().anyMatch(c -> !numeric(c));
        List<String> rows = new ArrayList<>();
        if (anyOther) {
            rows.addAll(TEXT_ROWS);
        }
        if (anyNumeric) {
            for (String row : NUMERIC_ROWS) {
                if (!rows.contains(row)) {
                    rows.add(row);
                }
            }
        }
        Table result = Table.create(name, StringColumn.create(STATISTIC, rows));
        for (Column<?> column : columns) {
            Map<String, Object> stats = numeric(column) ? numericStats(column) : textStats(column);
            if (numeric(column)) {
                DoubleColumn out = DoubleColumn.create(column.name());
                for (String row : rows) {
                    Object value = stats.get(row);
                    out.append(value instanceof Double d ? d.doubleValue() : Double.NaN);
                }
                result.addColumns(out);
            } else {
                // pandas holds count, unique and freq as numbers and top as the value, in one object column; a
                // Tablesaw column has one type, so the numbers stay in an int64 column and top gets its own text
                // column beside it, '<column>_top', filled on the top row only.
                LongColumn counts = LongColumn.create(column.name());
                StringColumn top = StringColumn.create(topColumnName(table, result, column.name()));
                for (String row : rows) {
                    Object value = stats.get(row);
                    if (value instanceof Long n && !row.equals("top")) {
                        counts.append(n.longValue());
                    } else {
                        counts.appendMissing();
                    }
                    if (row.equals("top") && value != null) {
                        top.append(Cells.pythonStr(value));
                    } else {
                        top.appendMissing();
                    }
                }
                result.addColumns(counts, top);
            }
        }
        return result;
    }

    /** {@code <column>_top}, or with more underscores when the table already has a column of that name. */
    private static String topColumnName(Table table, Table result, String column) {
        String name = column + "_top";
        while (table.containsColumn(name) || result.containsColumn(name)) {
            name = name + "_";
        }
        return name;
    }

    private static Map<String, Object> numericStats(Column<?> column) {
        double[] values = presentDoubles(column);
        Map<String, Object> stats = new HashMap<>();
        stats.put("count", (double) values.length);
        if (values.length > 0) {
            double mean = mean(values);
            stats.put("mean", mean);
            if (values.length > 1) {
                stats.put("std", Math.sqrt(variance(values, mean)));
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            stats.put("min", sorted[0]);
            stats.put("25%", quantile(sorted, 0.25));
            stats.put("50%", quantile(sorted, 0.5));
            stats.put("75%", quantile(sorted, 0.75));
            stats.put("max", sorted[sorted.length - 1]);
        }
        return stats;
    }

    private static Map<String, Object> textStats(Column<?> column) {
        Map<String, Object> stats = new HashMap<>();
        Map<Object, Integer> counts = new java.util.LinkedHashMap<>();
        long count = 0;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                count++;
                counts.merge(column.get(row), 1, Integer::sum);
            }
        }
        Object top = null;
        int freq = 0;
        for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > freq) { // among ties the value seen first wins, as value_counts orders them
                freq = entry.getValue();
                top = entry.getKey();
            }
        }
        stats.put("count", count);
        stats.put("unique", (long) counts.size());
        if (top != null) {
            stats.put("top", top);
            stats.put("freq", (long) freq);
        }
        return stats;
    }

    /** The present cells as doubles; booleans as 1 and 0. */
    static double[] presentDoubles(Column<?> column) {
        double[] values = new double[column.size() - column.countMissing()];
        int i = 0;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                values[i++] = Cells.doubleValue(column, row);
            }
        }
        return values;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample variance, ddof=1, two-pass as pandas' nanvar. */
    static double variance(double[] values, double mean) {
        double squares = 0;
        for (double value : values) {
            double deviation = value - mean;
            squares += deviation * deviation;
        }
        return squares / (values.length - 1);
    }

    /** numpy's "linear" percentile of sorted values, with its interpolation formula for the same last digits. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double t = position - below;
        double a = sorted[below];
        double b = sorted[above];
        double difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }

    /**
     * {@code df.corr()} (Pearson): a first column {@code column}, then one float64 column per numeric or boolean
     * column; each pair uses the rows where both are present (Welford updates, as pandas' nancorr); missing when
     * fewer than two such rows or a constant column.
     */
    static Table corr(Table table, @Nullable String method, String name) {
        if (method != null && !method.equals("pearson")) {
            throw new DataOpsException("corr supports method \"pearson\" only, but got '" + method + "'");
        }
        List<Column<?>> columns = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (Dtypes.kind(column) != Kind.OTHER) {
                columns.add(column);
            }
        }
        StringColumn labels = StringColumn.create("column");
        columns.forEach(c -> labels.append(c.name()));
        Table result = Table.create(name, labels);
        int n = columns.size();
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                matrix[i][j] = pearson(columns.get(i), columns.get(j));
                matrix[j][i] = matrix[i][j];
            }
        }
        for (int j = 0; j < n; j++) {
            DoubleColumn out = DoubleColumn.create(columns.get(j).name());
            for (int i = 0; i < n; i++) {
                out.append(matrix[i][j]);
            }
            result.addColumns(out);
        }
        return result;
    }

    private static double pearson(Column<?> x, Column<?> y) {
        Moments mx = new Moments();
        Moments my = new Moments();
        double products = 0;
        for (int row = 0; row < x.size(); row++) {
            if (x.isMissing(row) || y.isMissing(row)) {
                continue;
            }
            double vx = Cells.doubleValue(x, row);
            mx.add(vx);
            double dy = my.add(Cells.doubleValue(y, row));
            products += (vx - mx.mean) * dy;
        }
        double divisor = Math.sqrt(mx.squares * my.squares);
        return mx.count < 2 || divisor == 0 ? Double.NaN : products / divisor;
    }

    /** Welford's running mean and sum of squared differences from it, of one variable. */
    private static final class Moments {
        long count;
        double mean;
        double squares;

        /** Adds {@code v}; returns its difference from the mean before it came. */
        double add(double v) {
            count++;
            double d = v - mean;
            mean += 1.0 / count * d;
            squares += (v - mean) * d;
            return d;
        }
    }
}
