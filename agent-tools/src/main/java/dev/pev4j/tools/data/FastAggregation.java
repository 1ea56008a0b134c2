package dev.pev4j.tools.data;

import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/**
 * Hash aggregation's second half: {@code sum}, {@code mean}, {@code count} and {@code size} in one pass over a
 * column's primitive values into arrays of accumulators, one slot per group. Gives exactly what {@link Aggregation}
 * gives (the same Kahan-compensated sums in row order, the same types); other functions and column types are left to
 * it. Stateless.
 */
final class FastAggregation {

    private FastAggregation() {}

    /** The aggregated column, or empty when {@link Aggregation#apply} must do it. */
    static Optional<Column<?>> apply(
            Aggregation aggregation, Column<?> column, int[] groupOf, int groups, String name) {
        switch (aggregation) {
            case SIZE: {
                long[] sizes = new long[groups];
                for (int g : groupOf) {
                    if (g >= 0) {
                        sizes[g]++;
                    }
                }
                return Optional.of(LongColumn.create(name, sizes));
            }
            case COUNT: {
                long[] counts = new long[groups];
                if (column instanceof DoubleColumn doubles) {
                    for (int row = 0; row < groupOf.length; row++) {
                        int g = groupOf[row];
                        if (g >= 0 && !Double.isNaN(doubles.getDouble(row))) {
                            counts[g]++;
                        }
                    }
                } else {
                    for (int row = 0; row < groupOf.length; row++) {
                        int g = groupOf[row];
                        if (g >= 0 && !column.isMissing(row)) {
                            counts[g]++;
                        }
                    }
                }
                return Optional.of(LongColumn.create(name, counts));
            }
            case SUM:
            case MEAN:
                return sumOrMean(aggregation == Aggregation.MEAN, column, groupOf, groups, name);
            default:
                return Optional.empty();
        }
    }

    private static Optional<Column<?>> sumOrMean(
            boolean mean, Column<?> column, int[] groupOf, int groups, String name) {
        long[] counts = new long[groups];
        if (column instanceof DoubleColumn doubles) {
            double[] sums = new double[groups];
            double[] compensations = new double[groups];
            for (int row = 0; row < groupOf.length; row++) {
                int g = groupOf[row];
                double value = doubles.getDouble(row);
                if (g >= 0 && !Double.isNaN(value)) {
                    double y = value - compensations[g];
                    double t = sums[g] + y;
                    compensations[g] = (t - sums[g]) - y;
                    sums[g] = t;
                    counts[g]++;
                }
            }
            if (!mean) {
                return Optional.of(DoubleColumn.create(name, sums));
            }
            double[] means = new double[groups];
            for (int g = 0; g < groups; g++) {
                means[g] = counts[g] == 0 ? Double.NaN : sums[g] / counts[g];
            }
            return Optional.of(DoubleColumn.create(name, means));
        }
        long[] sums = new long[groups];
        if (column instanceof LongColumn longs) {
            for (int row = 0; row < groupOf.length; row++) {
                int g = groupOf[row];
                if (g >= 0 && !longs.isMissing(row)) {
                    sums[g] += longs.getLong(row);
                    counts[g]++;
                }
            }
        } else if (column instanceof IntColumn ints) {
            for (int row = 0; row < groupOf.length; row++) {
                int g = groupOf[row];
                if (g >= 0 && !ints.isMissing(row)) {
                    sums[g] += ints.getInt(row);
                    counts[g]++;
                }
            }
        } else {
            return Optional.empty();
        }
        if (!mean) {
            return Optional.of(LongColumn.create(name, sums));
        }
        double[] means = new double[groups];
        for (int g = 0; g < groups; g++) {
            means[g] = counts[g] == 0 ? Double.NaN : (double) sums[g] / counts[g];
        }
        return Optional.of(DoubleColumn.create(name, means));
    }
}
