package dev.pev4j.tools.data;

import java.util.Arrays;

/**
 * The moving-window loops behind {@code rolling} and {@code expanding}, ported from pandas 1.5.3's
 * {@code window/aggregations.pyx} over a primitive array with NaN for missing. Each row {@code i} looks at the rows
 * {@code [start[i], end[i])}: a fixed window of {@code w} rows is {@code [i - w + 1, i + 1)}, a time window
 * ({@link #timeBounds}) the rows whose time lies in it. As in pandas, a window is updated by removing the rows that
 * left it and adding the rows that entered it, and recomputed from scratch when it does not overlap the previous one
 * (after a gap in time): sums and means with Kahan-compensated adds and removes, variance with Welford's online
 * update, min/max with a monotonic deque, median over a sorted copy of the window. Stateless.
 */
final class RollingKernels {

    private RollingKernels() {}

    /** {@code func} over each trailing window of {@code window} rows; NaN where fewer than {@code required} values. */
    static double[] apply(double[] v, int window, int required, String func) {
        int[] start = new int[v.length];
        int[] end = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            start[i] = Math.max(0, i - window + 1);
            end[i] = i + 1;
        }
        return apply(v, start, end, required, func);
    }

    /**
     * {@code func} over the rows {@code [start[i], end[i])} of each row {@code i}; NaN where fewer than {@code
     * required} values (for {@code count}: rows) lie in the window.
     */
    static double[] apply(double[] v, int[] start, int[] end, int required, String func) {
        return switch (func) {
            case "mean", "sum" -> run(v, start, end, required, new Sum(func.equals("sum")));
            case "std", "var" -> run(v, start, end, required, new Variance(func.equals("std")));
            case "min", "max" -> extreme(v, start, end, required, func.equals("max"));
            case "median" -> run(v, start, end, required, new Median(maxWidth(start, end)));
            case "count" -> run(present(v), start, end, required, new Sum(true));
            default -> throw new IllegalArgumentException(func);
        };
    }

    /**
     * pandas' {@code calculate_variable_window_bounds} without centring: for each row the window of times {@code (t -
     * size, t]} ({@code closed="right"}), {@code [t - size, t]} (both), {@code [t - size, t)} (left) or {@code (t -
     * size, t)} (neither), as row ranges of {@code times} (nanoseconds, sorted ascending or descending). As in pandas,
     * a row's window ends at the row itself, so later rows with the same time are not in it.
     *
     * @return {@code {start, end}}
     */
    static int[][] timeBounds(long[] times, long size, String closed) {
        int n = times.length;
        int[] start = new int[n];
        int[] end = new int[n];
        if (n == 0) {
            return new int[][] {start, end};
        }
        boolean rightClosed = closed.equals("right") || closed.equals("both");
        boolean leftClosed = closed.equals("left") || closed.equals("both");
        long sign = times[n - 1] < times[0] ? -1 : 1;
        end[0] = rightClosed ? 1 : 0;
        for (int i = 1; i < n; i++) {
            long endBound = times[i];
            long startBound = times[i] - sign * size;
            if (leftClosed) {
                startBound -= sign;
            }
            start[i] = i;
            for (int j = start[i - 1]; j < i; j++) {
                if ((times[j] - startBound) * sign > 0) {
                    start[i] = j;
                    break;
                }
            }
            end[i] = (times[end[i - 1]] - endBound) * sign <= 0 ? i + 1 : end[i - 1];
            if (!rightClosed) {
                end[i]--;
            }
        }
        return new int[][] {start, end};
    }

    /** What one window keeps while rows enter and leave it. */
    private interface Accumulator {

        /** Empties it for a window starting at {@code first} (pandas' "setup"). */
        void reset(double first);

        /** A present value (not NaN) enters the window; missing values never reach an accumulator. */
        void add(double x);

        /** A present value leaves the window. */
        void remove(double x);

        double result(int required);
    }

    /**
     * pandas' loop shared by roll_sum, roll_mean, roll_var and roll_median: removes then adds while the bounds move
     * forward and overlap, else starts the window afresh.
     */
    private static double[] run(double[] v, int[] start, int[] end, int required, Accumulator acc) {
        double[] out = new double[start.length];
        boolean forward = ascending(start) && ascending(end);
        for (int i = 0; i < start.length; i++) {
            int s = start[i];
            int e = end[i];
            if (i == 0 || !forward || s >= end[i - 1]) {
                acc.reset(s < v.length ? v[s] : Double.NaN);
                for (int j = s; j < e; j++) {
                    if (!Double.isNaN(v[j])) {
                        acc.add(v[j]);
                    }
                }
            } else {
                for (int j = start[i - 1]; j < s; j++) {
                    if (!Double.isNaN(v[j])) {
                        acc.remove(v[j]);
                    }
                }
                for (int j = end[i - 1]; j < e; j++) {
                    if (!Double.isNaN(v[j])) {
                        acc.add(v[j]);
                    }
                }
            }
            out[i] = acc.result(required);
        }
        return out;
    }

    /**
     * What pandas' sum, mean and variance windows share: the count of present values, a Kahan compensation for adds
     * and one for removes, and the run of equal values last added (a run covering the window gives an exact result).
     * A subclass says how a value entering or leaving moves its own state ({@link #move}).
     */
    private abstract static class Compensated implements Accumulator {
        long present;
        private double addCompensation;
        private double removeCompensation;
        long sameRun;
        double previous;

        @Override
        public final void reset(double first) {
            present = 0;
            addCompensation = 0;
            removeCompensation = 0;
            sameRun = 0;
            previous = first;
            clear();
        }

        @Override
        public final void add(double x) {
            present++;
            sameRun = x == previous ? sameRun + 1 : 1;
            previous = x;
            addCompensation = move(x, addCompensation, true);
        }

        @Override
        public final void remove(double x) {
            present--;
            removeCompensation = move(x, removeCompensation, false);
        }

        /** Empties the subclass's own state. */
        abstract void clear();

        /**
         * Moves the state by {@code x} entering the window ({@code entering}, {@link #present} already counting it) or
         * leaving it (no longer counted), with that direction's Kahan {@code compensation}; returns its new value.
         */
        abstract double move(double x, double compensation, boolean entering);
    }

    /**
     * roll_sum/roll_mean: Kahan-compensated adds and removes (each with its own compensation), a run of equal values
     * gives that value exactly, and a mean of all-positive (all-negative) values is never negative (positive).
     */
    private static final class Sum extends Compensated {
        private final boolean sum;
        private long negatives;
        private double total;

        Sum(boolean sum) {
            this.sum = sum;
        }

        @Override
        void clear() {
            negatives = 0;
            total = 0;
        }

        /** Adds {@code x} to the total, or subtracts it, Kahan-compensated. */
        @Override
        double move(double x, double compensation, boolean entering) {
            if (negative(x)) {
                negatives += entering ? 1 : -1;
            }
            double y = (entering ? x : -x) - compensation;
            double t = total + y;
            double next = t - total - y;
            total = t;
            return next;
        }

        @Override
        public double result(int required) {
            if (sum) {
                if (present == 0 && required == 0) {
                    return 0;
                }
                return present >= required ? (sameRun >= present ? previous * present : total) : Double.NaN;
            }
            if (present < required || present == 0) {
                return Double.NaN;
            }
            double mean = total / present;
            if (sameRun >= present) {
                return previous;
            } else if (negatives == 0 && mean < 0) {
                return 0;
            } else if (negatives == present && mean > 0) {
                return 0;
            }
            return mean;
        }

        private static boolean negative(double x) {
            return Double.doubleToRawLongBits(x) < 0; // C's signbit: -0.0 counts
        }
    }

    /**
     * roll_var: Welford's update with Kahan compensation (each direction its own), ddof=1 (missing for one value),
     * exactly 0 for a run of equal values; std is its square root, 0 where rounding made the variance negative.
     */
    private static final class Variance extends Compensated {
        private final boolean sqrt;
        private double mean;
        private double ssqdm;

        Variance(boolean sqrt) {
            this.sqrt = sqrt;
        }

        @Override
        void clear() {
            mean = 0;
            ssqdm = 0;
        }

        /**
         * Moves the mean and the sum of squared differences by {@code x} entering or leaving the window of {@code
         * present} values; the last value leaving empties it.
         */
        @Override
        double move(double x, double compensation, boolean entering) {
            if (present == 0) {
                clear();
                return compensation;
            }
            double direction = entering ? 1 : -1;
            double prevMean = mean - compensation;
            double y = x - compensation;
            double t = y - mean;
            double next = t + mean - y;
            mean += direction * t / present;
            ssqdm += direction * (x - prevMean) * (x - mean);
            return next;
        }

        @Override
        public double result(int required) {
            double variance;
            if (present >= Math.max(required, 1) && present > 1) {
                variance = sameRun >= present ? 0 : ssqdm / (present - 1);
            } else {
                variance = Double.NaN;
            }
            return sqrt ? (variance < 0 ? 0 : Math.sqrt(variance)) : variance;
        }
    }

    /** roll_median_c: the middle of a sorted copy of the window (pandas keeps a skip list; same values). */
    private static final class Median implements Accumulator {
        private final double[] sorted;
        private int size;

        Median(int width) {
            this.sorted = new double[width + 1];
        }

        @Override
        public void reset(double first) {
            size = 0;
        }

        @Override
        public void add(double x) {
            int at = Arrays.binarySearch(sorted, 0, size, x);
            at = at < 0 ? -at - 1 : at;
            System.arraycopy(sorted, at, sorted, at + 1, size - at);
            sorted[at] = x;
            size++;
        }

        @Override
        public void remove(double x) {
            int at = Arrays.binarySearch(sorted, 0, size, x);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }

        @Override
        public double result(int required) {
            if (size < required || size == 0) {
                return Double.NaN;
            }
            return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
        }
    }

    /**
     * pandas' _roll_min_max (from Bottleneck): a deque of candidate rows, the extreme at its front, and a count of
     * the present values in the window.
     */
    private static double[] extreme(double[] v, int[] start, int[] end, int required, boolean max) {
        int n = start.length;
        double[] out = new double[n];
        int[] deque = new int[v.length];
        int head = 0;
        int tail = 0;
        int windowHead = start.length == 0 ? 0 : start[0];
        int present = 0;
        for (int i = 0; i < n; i++) {
            for (int k = i == 0 ? start[0] : end[i - 1]; k < end[i]; k++) {
                double x = v[k];
                if (!Double.isNaN(x)) {
                    present++;
                } else {
                    x = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                while (tail > head) {
                    double back = v[deque[tail - 1]];
                    if (Double.isNaN(back) || (max ? x >= back : x <= back)) {
                        tail--;
                    } else {
                        break;
                    }
                }
                deque[tail++] = k;
            }
            while (tail > head && deque[head] <= start[i] - 1) {
                head++;
            }
            while (windowHead < end[i] && windowHead <= start[i] - 1) {
                present -= !Double.isNaN(v[windowHead]) ? 1 : 0;
                windowHead++;
            }
            out[i] = tail > head && end[i] - start[i] > 0 && present >= required ? v[deque[head]] : Double.NaN;
        }
        return out;
    }

    /** {@code notna(values)} as 1 and 0: pandas counts with roll_sum over these. */
    private static double[] present(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = !Double.isNaN(v[i]) ? 1 : 0;
        }
        return out;
    }

    private static int maxWidth(int[] start, int[] end) {
        int width = 0;
        for (int i = 0; i < start.length; i++) {
            width = Math.max(width, end[i] - start[i]);
        }
        return width;
    }

    private static boolean ascending(int[] bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] < bounds[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
