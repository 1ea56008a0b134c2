package dev.pev4j.tools.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Row-relative and window operations with pandas' semantics, each optionally within groups ({@code
 * df.groupby(by)[column].shift(1)}): {@code shift}, {@code diff}, {@code pct_change}, {@code rank}, {@code rolling},
 * {@code expanding}, {@code ewm(...).mean()} and the cumulative functions. Loops run over primitive arrays. Stateless.
 */
final class Transforms {

    static final List<String> RANK_METHODS = List.of("average", "min", "max", "first", "dense");
    static final List<String> NA_OPTIONS = List.of("keep", "top", "bottom");
    static final List<String> ROLLING_FUNCS = List.of("mean", "sum", "std", "var", "min", "max", "median", "count");
    static final List<String> CUMULATIVE = List.of("cumsum", "cumprod", "cummin", "cummax", "cumcount");

    private Transforms() {}

    /**
     * {@code s.shift(periods)}: each row takes the value {@code periods} rows earlier (later when negative) within
     * its group; the type is kept (whole numbers stay int64 with missing cells).
     */
    static Column<?> shift(Table table, Column<?> column, int periods, @Nullable List<String> by, String name) {
        int[] source = new int[table.rowCount()];
        Arrays.fill(source, -1);
        for (int[] rows : Series.groups(table, by)) {
            for (int i = 0; i < rows.length; i++) {
                int from = i - periods;
                if (from >= 0 && from < rows.length) {
                    source[rows[i]] = rows[from];
                }
            }
        }
        return Sorting.pick(column, source).setName(name);
    }

    /** {@code s.diff(periods)} as float64, within groups. */
    static Column<?> diff(Table table, Column<?> column, int periods, @Nullable List<String> by, String name) {
        double[] values = Series.doubles(column, "diff");
        double[] out = Series.perGroup(values, Series.groups(table, by), v -> {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                int from = i - periods;
                r[i] = from >= 0 && from < v.length ? v[i] - v[from] : Double.NaN;
            }
            return r;
        });
        return Series.doubleColumn(name, out);
    }

    /**
     * {@code s.pct_change(periods)} as pandas 1.5 computes it: missing values are first filled forward ({@code
     * fill_method="pad"}), then {@code x / x.shift(periods) - 1}; a change from 0 is {@code inf} (or NaN for 0 to 0).
     */
    static Column<?> pctChange(Table table, Column<?> column, int periods, @Nullable List<String> by, String name) {
        double[] values = Series.doubles(column, "pct_change");
        double[] out = Series.perGroup(values, Series.groups(table, by), v -> {
            double[] filled = v.clone();
            for (int i = 1; i < filled.length; i++) {
                if (Double.isNaN(filled[i])) {
                    filled[i] = filled[i - 1];
                }
            }
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                int from = i - periods;
                r[i] = from >= 0 && from < v.length ? filled[i] / filled[from] - 1 : Double.NaN;
            }
            return r;
        });
        return Series.doubleColumn(name, out);
    }

    /**
     * {@code s.rank(method, ascending, na_option, pct)} as float64, within groups: ties share the average (or min,
     * max, order of appearance, dense) rank; missing values get no rank ({@code keep}) or rank first/last.
     */
    static Column<?> rank(
            Table table,
            Column<?> column,
            String method,
            boolean ascending,
            String naOption,
            boolean pct,
            @Nullable List<String> by,
            String name) {
        String m = choice("rank method", method, RANK_METHODS);
        String na = choice("na_option", naOption, NA_OPTIONS);
        double[] values = Series.doubles(column, "rank");
        if (by == null || by.isEmpty()) {
            // one group: rank through order-preserving codes, counting instead of sorting where the range allows
            Codes codes;
            if (column instanceof LongColumn longs) {
                codes = Codes.of(longs).orElseThrow();
            } else {
                double[] normalized = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    normalized[i] = values[i] + 0.0; // -0.0 ties with 0.0, as in pandas
                }
                codes = Codes.of(DoubleColumn.create(name, normalized)).orElseThrow();
            }
            return Series.doubleColumn(name, rankCodes(codes.codes, codes.cardinality, m, ascending, na, pct));
        }
        double[] out = Series.perGroup(values, Series.groups(table, by), v -> rank1(v, m, ascending, na, pct));
        return Series.doubleColumn(name, out);
    }

    /** Ranks from order-preserving codes ({@code -1} missing) by counting each code's rows. */
    private static double[] rankCodes(
            int[] codes, int cardinality, String method, boolean ascending, String na, boolean pct) {
        int n = codes.length;
        int[] count = new int[cardinality];
        int missing = 0;
        for (int code : codes) {
            if (code < 0) {
                missing++;
            } else {
                count[ascending ? code : cardinality - 1 - code]++;
            }
        }
        boolean top = na.equals("top");
        int offset = top ? missing : 0;
        int denseOffset = top && missing > 0 ? 1 : 0;
        int[] first = new int[cardinality];
        int[] dense = new int[cardinality];
        int position = 0;
        int distinct = 0;
        for (int c = 0; c < cardinality; c++) {
            first[c] = position + offset;
            position += count[c];
            if (count[c] > 0) {
                distinct++;
            }
            dense[c] = distinct + denseOffset;
        }
        int present = n - missing;
        int missingFirst = top ? 0 : present;
        int[] seen = method.equals("first") ? new int[cardinality] : new int[0];
        int missingSeen = 0;
        int kind = switch (method) {
            case "average" -> 0;
            case "min" -> 1;
            case "max" -> 2;
            case "first" -> 3;
            default -> 4;
        };
        boolean keep = na.equals("keep");
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int code = codes[i];
            int lo;
            int hi;
            int d;
            int order;
            if (code < 0) {
                if (keep) {
                    ranks[i] = Double.NaN;
                    continue;
                }
                lo = missingFirst;
                hi = lo + missing - 1;
                d = top ? 1 : distinct + 1;
                order = kind == 3 ? lo + missingSeen++ : lo;
            } else {
                int c = ascending ? code : cardinality - 1 - code;
                lo = first[c];
                hi = lo + count[c] - 1;
                d = dense[c];
                order = kind == 3 ? lo + seen[c]++ : lo;
            }
            ranks[i] = switch (kind) {
                case 0 -> (lo + hi + 2) / 2.0;
                case 1 -> lo + 1;
                case 2 -> hi + 1;
                case 3 -> order + 1;
                default -> d;
            };
        }
        if (pct) {
            double denominator = kind == 4 ? distinct + (keep || missing == 0 ? 0 : 1) : keep ? present : n;
            for (int i = 0; i < n; i++) {
                ranks[i] /= denominator;
            }
        }
        return ranks;
    }

    private static double[] rank1(double[] v, String method, boolean ascending, String na, boolean pct) {
        int n = v.length;
        long[] key = new long[n];
        long[] sorted = new long[n];
        int present = 0;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (!Double.isNaN(x)) {
                key[i] = Codes.sortableBits((ascending ? x : -x) + 0.0); // + 0.0: -0.0 ties with 0.0
                sorted[present++] = key[i];
            }
        }
        int missing = n - present;
        Arrays.sort(sorted, 0, present);
        // distinct values with the first and last sorted position of each
        long[] distinct = new long[present];
        int[] first = new int[present];
        int[] last = new int[present];
        int d = 0;
        for (int i = 0; i < present; i++) {
            if (d == 0 || sorted[i] != distinct[d - 1]) {
                distinct[d] = sorted[i];
                first[d] = i;
                d++;
            }
            last[d - 1] = i;
        }
        boolean top = na.equals("top");
        int offset = top ? missing : 0;
        int denseOffset = top && missing > 0 ? 1 : 0;
        int[] seen = method.equals("first") ? new int[d] : new int[0];
        int missingSeen = 0;
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int lo;
            int hi;
            int dense;
            int order;
            if (Double.isNaN(v[i])) {
                if (na.equals("keep")) {
                    ranks[i] = Double.NaN;
                    continue;
                }
                lo = top ? 0 : present;
                hi = lo + missing - 1;
                dense = top ? 1 : d + 1;
                order = method.equals("first") ? lo + missingSeen++ : lo;
            } else {
                int g = Arrays.binarySearch(distinct, 0, d, key[i]);
                lo = first[g] + offset;
                hi = last[g] + offset;
                dense = g + 1 + denseOffset;
                order = method.equals("first") ? lo + seen[g]++ : lo;
            }
            ranks[i] = switch (method) {
                case "average" -> (lo + hi + 2) / 2.0;
                case "min" -> lo + 1;
                case "max" -> hi + 1;
                case "first" -> order + 1;
                default -> dense;
            };
        }
        if (pct) {
            double denominator = method.equals("dense")
                    ? d + (na.equals("keep") || missing == 0 ? 0 : 1)
                    : na.equals("keep") ? present : n;
            for (int i = 0; i < n; i++) {
                ranks[i] /= denominator;
            }
        }
        return ranks;
    }

    /**
     * {@code s.rolling(window, min_periods, on, closed).<func>()} as float64, within groups. A window of {@code n}
     * rows: each row looks at itself and the {@code n - 1} rows before it and gives a value when at least {@code
     * min_periods} (default {@code n}) of them are present. A window of time ({@code "7D"}): each row looks at the rows
     * whose {@code on} date lies in {@code (t - 7 days, t]} ({@code closed="right"}), min_periods defaulting to 1.
     * {@code count} counts present values, its min_periods counting rows (default 0 for rows, as pandas 1.5).
     */
    static Column<?> rolling(
            Table table,
            Column<?> column,
            String window,
            @Nullable Integer minPeriods,
            String func,
            @Nullable List<String> by,
            @Nullable String on,
            @Nullable String closed,
            String name) {
        String f = choice("rolling func", func, ROLLING_FUNCS);
        TimeWindows.Window w = TimeWindows.parse(window);
        String side = closed == null ? "right" : choice("closed", closed, TimeWindows.CLOSED);
        Column<?> onColumn = on == null ? null : Columns.named(table, on);
        if (w.timed() && onColumn == null) {
            throw new DataOpsException("a time window ('" + w.text() + "') needs on, the date column to measure it "
                    + "with, e.g. on=\"date\" (pandas uses the index, which tables here do not have); columns: "
                    + Columns.list(table));
        }
        int required;
        if (minPeriods != null) {
            required = minPeriods;
        } else if (w.timed()) {
            required = 1;
        } else {
            required = f.equals("count") ? 0 : w.rows();
        }
        if (required < 0 || (!w.timed() && required > w.rows())) {
            throw new DataOpsException(
                    w.timed()
                            ? "min_periods must be >= 0 but was " + required
                            : "min_periods must be between 0 and the window (" + w.rows() + ") but was " + required);
        }
        double[] values = f.equals("count") ? presence(column) : finite(Series.doubles(column, "a rolling " + f));
        List<int[]> groups = Series.groups(table, by);
        long[] times = w.timed() ? TimeWindows.times(onColumn, groups, w) : null;
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        for (int[] rows : groups) {
            boolean all = Series.allRows(groups, values.length);
            double[] v = all ? values : Series.gather(values, rows);
            int[][] bounds;
            if (times == null) {
                bounds = TimeWindows.rowBounds(v.length, w.rows(), side);
            } else {
                long[] t = all ? times : new long[rows.length];
                for (int i = 0; !all && i < rows.length; i++) {
                    t[i] = times[rows[i]];
                }
                bounds = RollingKernels.timeBounds(t, w.nanos(), side);
            }
            double[] result = RollingKernels.apply(v, bounds[0], bounds[1], required, f);
            if (all) {
                out = result;
            } else {
                Series.scatter(result, rows, out);
            }
        }
        return Series.doubleColumn(name, out);
    }

    /** pandas' rolling reads infinities as missing. */
    private static double[] finite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                values[i] = Double.NaN;
            }
        }
        return values;
    }

    /** 1 for a present cell, NaN for a missing one, of a column of any type (count's input). */
    private static double[] presence(Column<?> column) {
        double[] out = new double[column.size()];
        for (int row = 0; row < out.length; row++) {
            out[row] = column.isMissing(row) ? Double.NaN : 1;
        }
        return out;
    }

    /** {@code s.expanding(min_periods).<func>()}: a rolling window that starts at the first row of the group. */
    static Column<?> expanding(
            Table table,
            Column<?> column,
            @Nullable Integer minPeriods,
            String func,
            @Nullable List<String> by,
            String name) {
        String f = choice("expanding func", func, ROLLING_FUNCS);
        int required = minPeriods == null ? 1 : minPeriods;
        if (required < 0) {
            throw new DataOpsException("min_periods must be >= 0 but was " + required);
        }
        double[] values = Series.doubles(column, "an expanding " + f);
        double[] out = Series.perGroup(
                values,
                Series.groups(table, by),
                v -> RollingKernels.apply(v, Math.max(1, v.length), Math.min(required, Math.max(1, v.length)), f));
        if (required > table.rowCount()) {
            Arrays.fill(out, Double.NaN);
        }
        return Series.doubleColumn(name, out);
    }

    /**
     * {@code s.ewm(alpha=…, adjust, ignore_na).mean()} with pandas' recursion; exactly one of com, span, halflife,
     * alpha sets the decay.
     */
    static Column<?> ewmMean(
            Table table,
            Column<?> column,
            @Nullable Double com,
            @Nullable Double span,
            @Nullable Double halflife,
            @Nullable Double alpha,
            boolean adjust,
            boolean ignoreNa,
            int minPeriods,
            @Nullable List<String> by,
            String name) {
        double a = alpha(com, span, halflife, alpha);
        double[] values = Series.doubles(column, "ewm mean");
        double[] out = Series.perGroup(values, Series.groups(table, by), v -> {
            double[] r = new double[v.length];
            if (v.length == 0) {
                return r;
            }
            double oldWtFactor = 1 - a;
            double newWt = adjust ? 1 : a;
            double weighted = v[0];
            int observations = Double.isNaN(weighted) ? 0 : 1;
            r[0] = observations >= Math.max(minPeriods, 1) ? weighted : Double.NaN;
            double oldWt = 1;
            for (int i = 1; i < v.length; i++) {
                double cur = v[i];
                boolean observed = !Double.isNaN(cur);
                observations += observed ? 1 : 0;
                if (!Double.isNaN(weighted)) {
                    if (observed || !ignoreNa) {
                        oldWt *= oldWtFactor;
                        if (observed) {
                            if (weighted != cur) {
                                weighted = (oldWt * weighted + newWt * cur) / (oldWt + newWt);
                            }
                            oldWt = adjust ? oldWt + newWt : 1;
                        }
                    }
                } else if (observed) {
                    weighted = cur;
                }
                r[i] = observations >= Math.max(minPeriods, 1) ? weighted : Double.NaN;
            }
            return r;
        });
        return Series.doubleColumn(name, out);
    }

    private static double alpha(
            @Nullable Double com, @Nullable Double span, @Nullable Double halflife, @Nullable Double alpha) {
        int given =
                (com == null ? 0 : 1) + (span == null ? 0 : 1) + (halflife == null ? 0 : 1) + (alpha == null ? 0 : 1);
        if (given != 1) {
            throw new DataOpsException(
                    "ewm needs exactly one of com, span, halflife or alpha but got " + given + "; e.g. span=7");
        }
        if (com != null) {
            if (com < 0) {
                throw new DataOpsException("com must be >= 0 but was " + com);
            }
            return 1 / (1 + com);
        } else if (span != null) {
            if (span < 1) {
                throw new DataOpsException("span must be >= 1 but was " + span);
            }
            return 2 / (span + 1);
        } else if (halflife != null) {
            if (halflife <= 0) {
                throw new DataOpsException("halflife must be > 0 but was " + halflife);
            }
            return 1 - Math.exp(Math.log(0.5) / halflife);
        }
        if (alpha <= 0 || alpha > 1) {
            throw new DataOpsException("alpha must be > 0 and <= 1 but was " + alpha);
        }
        return alpha;
    }

    /**
     * {@code df.groupby(by)[column].cumsum()} (cumprod, cummin, cummax; missing values stay missing and are skipped)
     * or {@code .cumcount()} (0, 1, 2 … within each group); whole numbers stay int64.
     */
    static Column<?> cumulative(Table table, Column<?> column, String func, @Nullable List<String> by, String name) {
        List<int[]> groups = Series.groups(table, by);
        if (func.equals("cumcount")) {
            double[] out = new double[table.rowCount()];
            Arrays.fill(out, Double.NaN);
            for (int[] rows : groups) {
                for (int i = 0; i < rows.length; i++) {
                    out[rows[i]] = i;
                }
            }
            return Series.longColumn(name, out);
        }
        double[] values = Series.doubles(column, func);
        double[] out = Series.perGroup(values, groups, v -> {
            double[] r = new double[v.length];
            double acc = Double.NaN;
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    r[i] = Double.NaN;
                    continue;
                }
                if (Double.isNaN(acc)) {
                    acc = x;
                } else {
                    acc = switch (func) {
                        case "cumsum" -> acc + x;
                        case "cumprod" -> acc * x;
                        case "cummin" -> Math.min(acc, x);
                        default -> Math.max(acc, x);
                    };
                }
                r[i] = acc;
            }
            return r;
        });
        return Series.whole(column) ? Series.longColumn(name, out) : Series.doubleColumn(name, out);
    }

    static String choice(String what, String value, List<String> choices) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!choices.contains(v)) {
            throw Columns.unknownChoice(what, value, choices, choices);
        }
        return v;
    }
}
