package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code df.quantile(q)} and {@code df.groupby(by).quantile(q)} with pandas' default linear interpolation: for the
 * {@code n} present values sorted, position {@code q * (n - 1)}, interpolated between its neighbours. Stateless.
 */
final class Quantiles {

    static final String PREFIX = "quantile_";

    private Quantiles() {}

    /**
     * The quantile {@code groupby_agg} names: {@code quantile} (the median, q=0.5, as pandas' default) or {@code
     * quantile_<q>} such as {@code quantile_0.9}; empty for any other function name.
     */
    static OptionalDouble parse(String function, String column) {
        if (function.equals("quantile")) {
            return OptionalDouble.of(0.5);
        } else if (!function.startsWith(PREFIX)) {
            return OptionalDouble.empty();
        }
        String number = function.substring(PREFIX.length());
        double q;
        try {
            q = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new DataOpsException(
                    "aggregation '" + function + "' for column '" + column + "' needs a number "
                            + "between 0 and 1 after quantile_, e.g. quantile_0.25",
                    column,
                    null);
        }
        checkQ(q);
        return OptionalDouble.of(q);
    }

    static void checkQ(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new DataOpsException("quantile q must be between 0 and 1 but was " + Cells.pythonRepr(q)
                    + "; e.g. 0.25 for the first quartile");
        }
    }

    /** The q-quantile of {@code values[from..to)}, which must be sorted and free of NaN; NaN when empty. */
    static double ofSorted(double[] sorted, int from, int to, double q) {
        int n = to - from;
        if (n == 0) {
            return Double.NaN;
        }
        double position = q * (n - 1);
        int lo = (int) Math.floor(position);
        double fraction = position - lo;
        double a = sorted[from + lo];
        if (fraction == 0 || lo + 1 >= n) {
            return a;
        }
        double b = sorted[from + lo + 1];
        return a + (b - a) * fraction;
    }

    /** One value per group: the q-quantile of the group's present values, missing for none. */
    static DoubleColumn perGroup(Column<?> column, List<int[]> groups, double q, String name) {
        double[] values = Series.doubles(column, "a quantile");
        double[] out = new double[groups.size()];
        for (int g = 0; g < out.length; g++) {
            double[] part = present(Series.gather(values, groups.get(g)));
            Arrays.sort(part);
            out[g] = ofSorted(part, 0, part.length, q);
        }
        return Series.doubleColumn(name, out);
    }

    private static double[] present(double[] values) {
        int n = 0;
        double[] out = new double[values.length];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * {@code df[columns].quantile(q)} (or per group): a column {@code quantile} with each q, after the group keys,
     * then one float64 column per numeric column. Without {@code columns}, every int64/float64 column that is not a
     * key.
     */
    static Table quantile(
            Table table, List<Double> qs, @Nullable List<String> columns, @Nullable List<String> by, String name) {
        if (qs.isEmpty()) {
            throw new DataOpsException("quantile needs at least one q, e.g. [0.25, 0.5, 0.75]");
        }
        for (Double q : qs) {
            if (q == null) {
                throw new DataOpsException("q holds null; pass numbers between 0 and 1, e.g. [0.5]");
            }
            checkQ(q);
        }
        List<String> keys = by == null ? List.of() : by;
        List<Column<?>> sources = new ArrayList<>();
        if (columns == null || columns.isEmpty()) {
            for (Column<?> column : table.columns()) {
                Kind kind = Dtypes.kind(column);
                if ((kind == Kind.INTEGRAL || kind == Kind.FLOATING) && !keys.contains(column.name())) {
                    sources.add(column);
                }
            }
            if (sources.isEmpty()) {
                throw new DataOpsException("quantile found no numeric column; columns: " + Columns.list(table));
            }
        } else {
            for (String column : columns) {
                sources.add(Columns.named(table, column));
            }
        }
        List<int[]> groups = Series.groups(table, keys);
        Table result = Table.create(name);
        int[] keyRows = new int[groups.size() * qs.size()];
        double[] qColumn = new double[keyRows.length];
        for (int g = 0; g < groups.size(); g++) {
            for (int k = 0; k < qs.size(); k++) {
                keyRows[g * qs.size() + k] = groups.get(g).length == 0 ? -1 : groups.get(g)[0];
                qColumn[g * qs.size() + k] = qs.get(k);
            }
        }
        for (String key : keys) {
            result.addColumns(Sorting.pick(Columns.named(table, key), keyRows));
        }
        result.addColumns(DoubleColumn.create("quantile", qColumn));
        for (Column<?> source : sources) {
            double[] values = Series.doubles(source, "a quantile");
            double[] out = new double[keyRows.length];
            for (int g = 0; g < groups.size(); g++) {
                double[] part = present(Series.gather(values, groups.get(g)));
                Arrays.sort(part);
                for (int k = 0; k < qs.size(); k++) {
                    out[g * qs.size() + k] = ofSorted(part, 0, part.length, qs.get(k));
                }
            }
            result.addColumns(Series.doubleColumn(source.name(), out));
        }
        return result;
    }
}
