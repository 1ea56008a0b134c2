package dev.pev4j.tools.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * {@code pd.cut} and {@code pd.qcut}: each value's bin as text, either the given label or pandas' interval label
 * ({@code (0, 10]}, edges rounded to 3 significant decimals as pandas prints them). Values outside the edges and
 * missing values get a missing bin. Stateless.
 */
final class Binning {

    private static final int PRECISION = 3;

    private Binning() {}

    /**
     * {@code pd.cut(column, bins, labels, right, include_lowest)}: {@code edges} are the bin edges (increasing), or
     * {@code count} equal-width bins spanning the values (the first edge moved down by 0.1% of the range, as pandas).
     */
    static StringColumn cut(
            Column<?> column,
            @Nullable List<Double> edges,
            @Nullable Integer count,
            @Nullable List<String> labels,
            boolean right,
            boolean includeLowest,
            String name) {
        double[] values = Series.doubles(column, "cut");
        double[] bins;
        boolean wholeEdges = false;
        if ((edges == null || edges.isEmpty()) == (count == null)) {
            throw new DataOpsException("cut needs either bins (the edges, e.g. [0, 18, 65, 120]) or a number of "
                    + "equal-width bins, not both and not neither");
        }
        if (count != null) {
            if (count < 1) {
                throw new DataOpsException("the number of bins must be >= 1 but was " + count);
            }
            bins = equalWidth(values, count, right);
        } else {
            Objects.requireNonNull(edges); // no count, so edges were given (checked above)
            bins = new double[edges.size()];
            wholeEdges = true;
            for (int i = 0; i < bins.length; i++) {
                Double e = edges.get(i);
                if (e == null || Double.isNaN(e)) {
                    throw new DataOpsException("bins holds a missing edge; pass numbers, e.g. [0, 18, 65, 120]");
                }
                bins[i] = e;
                wholeEdges &= e == Math.rint(e) && !Double.isInfinite(e);
                if (i > 0 && !(bins[i] > bins[i - 1])) {
                    throw new DataOpsException("bins must increase monotonically but " + Cells.pythonRepr(bins[i])
                            + " follows " + Cells.pythonRepr(bins[i - 1]));
                }
            }
            if (bins.length < 2) {
                throw new DataOpsException("bins needs at least two edges, e.g. [0, 18, 65, 120]");
            }
        }
        return binned(values, bins, labels, right, includeLowest, wholeEdges, name);
    }

    /**
     * {@code pd.qcut(column, q, labels)}: bins with (about) equal counts, edges at the quantiles of the present
     * values; the lowest value is included.
     */
    static StringColumn qcut(
            Column<?> column,
            @Nullable Integer count,
            @Nullable List<Double> quantiles,
            @Nullable List<String> labels,
            String name) {
        double[] values = Series.doubles(column, "qcut");
        double[] qs;
        if ((quantiles == null || quantiles.isEmpty()) == (count == null)) {
            throw new DataOpsException("qcut needs either q, a number of bins (4 for quartiles), or quantiles "
                    + "(e.g. [0, 0.5, 0.9, 1]), not both and not neither");
        }
        if (count != null) {
            if (count < 1) {
                throw new DataOpsException("the number of bins must be >= 1 but was " + count);
            }
            qs = new double[count + 1];
            for (int i = 0; i <= count; i++) {
                qs[i] = linspace(0, 1, count + 1, i);
            }
        } else {
            Objects.requireNonNull(quantiles); // no count, so quantiles were given (checked above)
            qs = new double[quantiles.size()];
            for (int i = 0; i < qs.length; i++) {
                Double q = quantiles.get(i);
                if (q == null) {
                    throw new DataOpsException("quantiles holds null; pass numbers between 0 and 1, e.g. [0, 0.5, 1]");
                }
                Quantiles.checkQ(q);
                qs[i] = q;
            }
        }
        double[] present =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] bins = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            bins[i] = Quantiles.ofSorted(present, 0, present.length, qs[i]);
        }
        for (int i = 1; i < bins.length; i++) {
            if (!(bins[i] > bins[i - 1])) {
                throw new DataOpsException(
                        "qcut's bin edges are not unique: " + Cells.pythonRepr(bins[i])
                                + " appears twice (too many equal values); use fewer bins",
                        column.name(),
                        null);
            }
        }
        return binned(values, bins, labels, true, true, false, name);
    }

    private static double[] equalWidth(double[] values, int count, boolean right) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            throw new DataOpsException("cut cannot make equal-width bins of a column without values");
        }
        if (min == max) {
            min -= min != 0 ? 0.001 * Math.abs(min) : 0.001;
            max += max != 0 ? 0.001 * Math.abs(max) : 0.001;
            double[] bins = new double[count + 1];
            for (int i = 0; i <= count; i++) {
                bins[i] = linspace(min, max, count + 1, i);
            }
            return bins;
        }
        double[] bins = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            bins[i] = linspace(min, max, count + 1, i);
        }
        double adjust = (max - min) * 0.001;
        if (right) {
            bins[0] -= adjust;
        } else {
            bins[count] += adjust;
        }
        return bins;
    }

    /** numpy's {@code linspace(start, stop, num)[i]}: {@code start + i * step}, the last exactly {@code stop}. */
    private static double linspace(double start, double stop, int num, int i) {
        if (i == num - 1) {
            return stop;
        }
        double step = (stop - start) / (num - 1);
        return start + i * step;
    }

    private static StringColumn binned(
            double[] values,
            double[] bins,
            @Nullable List<String> labels,
            boolean right,
            boolean includeLowest,
            boolean wholeEdges,
            String name) {
        int intervals = bins.length - 1;
        List<String> names;
        if (labels != null && !labels.isEmpty()) {
            if (labels.size() != intervals) {
                throw new DataOpsException(
                        "labels must have one name per bin: " + intervals + " bins but " + labels.size() + " labels");
            }
            names = labels;
        } else {
            names = intervalLabels(bins, right, includeLowest, wholeEdges);
        }
        String[] out = new String[values.length];
        for (int row = 0; row < values.length; row++) {
            double v = values[row];
            if (Double.isNaN(v)) {
                continue;
            }
            int bin = binOf(bins, v, right, includeLowest);
            out[row] = bin < 0 ? null : names.get(bin);
        }
        StringColumn column = StringColumn.create(name);
        for (String text : out) {
            if (text == null) {
                column.appendMissing();
            } else {
                column.append(text);
            }
        }
        return column;
    }

    private static int binOf(double[] bins, double v, boolean right, boolean includeLowest) {
        int last = bins.length - 1;
        if (right) {
            if (v == bins[0] && includeLowest) {
                return 0;
            }
            if (v <= bins[0] || v > bins[last]) {
                return -1;
            }
            int at = Arrays.binarySearch(bins, v);
            return at >= 0 ? at - 1 : -at - 2;
        }
        if (v < bins[0] || v >= bins[last]) {
            return -1;
        }
        int at = Arrays.binarySearch(bins, v);
        return at >= 0 ? at : -at - 2;
    }

    /** pandas' {@code _format_labels}: edges rounded by {@code _round_frac}, the lowest moved down when included. */
    private static List<String> intervalLabels(
            double[] bins, boolean right, boolean includeLowest, boolean wholeEdges) {
        double[] breaks = new double[bins.length];
        for (int i = 0; i < bins.length; i++) {
            breaks[i] = roundFrac(bins[i]);
        }
        boolean whole = wholeEdges;
        if (right && includeLowest) {
            breaks[0] = breaks[0] - Math.pow(10, -PRECISION);
            whole = false;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i + 1 < breaks.length; i++) {
            String a = whole ? String.valueOf((long) breaks[i]) : Cells.pythonRepr(breaks[i]);
            String b = whole ? String.valueOf((long) breaks[i + 1]) : Cells.pythonRepr(breaks[i + 1]);
            labels.add(right ? "(" + a + ", " + b + "]" : "[" + a + ", " + b + ")");
        }
        return labels;
    }

    /** pandas' {@code _round_frac(x, 3)}: 3 decimals, or 3 significant digits below 1. */
    private static double roundFrac(double x) {
        if (Double.isInfinite(x) || x == 0) {
            return x;
        }
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        int digits;
        if (whole == 0) {
            digits = -(int) Math.floor(Math.log10(Math.abs(x - whole))) - 1 + PRECISION;
        } else {
            digits = PRECISION;
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }
}
