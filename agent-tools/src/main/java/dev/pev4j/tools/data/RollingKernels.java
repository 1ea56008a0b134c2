package dev.pev4j.tools.data;

import java.util.Arrays;

/**
 * The moving-window loops behind {@code rolling} and {@code expanding}, over a primitive array with NaN for missing:
 * sums and means with pandas' Kahan-compensated add/remove, variance with its online (Welford) update, min/max with a
 * monotonic deque, median over a sorted copy of the window. Stateless.
 */
final class RollingKernels {

    private RollingKernels() {}

    /** {@code func} over each trailing window of {@code window} rows; NaN where fewer than {@code required} values. */
    static double[] apply(double[] v, int window, int required, String func) {
        return switch (func) {
            case "mean", "sum" -> sumOrMean(v, window, required, func.equals("sum"));
            case "std", "var" -> variance(v, window, required, func.equals("std"));
            case "min", "max" -> extreme(v, window, required, func.equals("max"));
            case "median" -> median(v, window, required);
            default -> throw new IllegalArgumentException(func);
        };
    }

    /**
     * pandas' roll_sum/roll_mean: Kahan-compensated adds and removes (removes first, each with its own
     * compensation), a run of equal values gives that value exactly, and a mean of all-positive (all-negative)
     * values is never negative (positive).
     */
    private static double[] sumOrMean(double[] v, int window, int required, boolean sum) {
        double[] out = new double[v.length];
        double total = 0;
        double addCompensation = 0;
        double removeCompensation = 0;
        int present = 0;
        int negatives = 0;
        int sameRun = 0;
        double previous = Double.NaN;
        for (int row = 0; row < v.length; row++) {
            int leaving = row - window;
            if (leaving >= 0) {
                double old = v[leaving];
                if (!Double.isNaN(old)) {
                    present--;
                    negatives -= old < 0 ? 1 : 0;
                    double y = -old - removeCompensation;
                    double t = total + y;
                    removeCompensation = (t - total) - y;
                    total = t;
                }
            }
            double x = v[row];
            if (!Double.isNaN(x)) {
                present++;
                negatives += x < 0 ? 1 : 0;
                double y = x - addCompensation;
                double t = total + y;
                addCompensation = (t - total) - y;
                total = t;
                sameRun = x == previous ? sameRun + 1 : 1;
                previous = x;
            }
            if (present == 0 && required == 0) {
                out[row] = sum ? 0.0 : Double.NaN;
            } else if (present >= required && present > 0) {
                if (sum) {
                    out[row] = sameRun >= present ? previous * present : total;
                } else {
                    double mean = total / present;
                    if (sameRun >= present) {
                        mean = previous;
                    } else if (negatives == 0 && mean < 0) {
                        mean = 0;
                    } else if (negatives == present && mean > 0) {
                        mean = 0;
                    }
                    out[row] = mean;
                }
            } else {
                out[row] = Double.NaN;
            }
        }
        return out;
    }

    /**
     * pandas' roll_var: Welford's update with Kahan compensation (removes first, each with its own compensation),
     * ddof=1 (missing for one value), exactly 0 for a run of equal values, never negative.
     */
    private static double[] variance(double[] v, int window, int required, boolean sqrt) {
        double[] out = new double[v.length];
        double mean = 0;
        double ssqdm = 0;
        double addCompensation = 0;
        double removeCompensation = 0;
        int present = 0;
        int sameRun = 0;
        double previous = Double.NaN;
        for (int row = 0; row < v.length; row++) {
            int leaving = row - window;
            if (leaving >= 0) {
                double old = v[leaving];
                if (!Double.isNaN(old)) {
                    present--;
                    if (present > 0) {
                        double prevMean = mean - removeCompensation;
                        double y = old - removeCompensation;
                        double t = y - mean;
                        removeCompensation = t + mean - y;
                        mean -= t / present;
                        ssqdm -= (old - prevMean) * (old - mean);
                    } else {
                        mean = 0;
                        ssqdm = 0;
                    }
                }
            }
            double x = v[row];
            if (!Double.isNaN(x)) {
                present++;
                sameRun = x == previous ? sameRun + 1 : 1;
                previous = x;
                double prevMean = mean - addCompensation;
                double y = x - addCompensation;
                double t = y - mean;
                addCompensation = t + mean - y;
                mean += t / present;
                ssqdm += (x - prevMean) * (x - mean);
            }
            double result;
            if (present >= required && present > 1) {
                result = sameRun >= present ? 0 : Math.max(0, ssqdm / (present - 1));
            } else {
                result = Double.NaN;
            }
            out[row] = sqrt ? Math.sqrt(result) : result;
        }
        return out;
    }

    private static double[] extreme(double[] v, int window, int required, boolean max) {
        double[] out = new double[v.length];
        int[] deque = new int[v.length];
        int head = 0;
        int tail = 0;
        int present = 0;
        for (int row = 0; row < v.length; row++) {
            double x = v[row];
            if (!Double.isNaN(x)) {
                present++;
                while (tail > head && (max ? v[deque[tail - 1]] <= x : v[deque[tail - 1]] >= x)) {
                    tail--;
                }
                deque[tail++] = row;
            }
            int leaving = row - window;
            if (leaving >= 0 && !Double.isNaN(v[leaving])) {
                present--;
            }
            while (tail > head && deque[head] <= leaving) {
                head++;
            }
            out[row] = present >= required && present > 0 ? v[deque[head]] : Double.NaN;
        }
        return out;
    }

    private static double[] median(double[] v, int window, int required) {
        double[] out = new double[v.length];
        double[] sorted = new double[Math.min(window, v.length) + 1];
        int size = 0;
        for (int row = 0; row < v.length; row++) {
            double x = v[row];
            if (!Double.isNaN(x)) {
                int at = Arrays.binarySearch(sorted, 0, size, x);
                at = at < 0 ? -at - 1 : at;
                System.arraycopy(sorted, at, sorted, at + 1, size - at);
                sorted[at] = x;
                size++;
            }
            int leaving = row - window;
            if (leaving >= 0) {
                double old = v[leaving];
                if (!Double.isNaN(old)) {
                    int at = Arrays.binarySearch(sorted, 0, size, old);
                    System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
                    size--;
                }
            }
            if (size >= required && size > 0) {
                out[row] = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
            } else {
                out[row] = Double.NaN;
            }
        }
        return out;
    }
}
