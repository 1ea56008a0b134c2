package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** Running totals and moving windows: {@code cumsum} and {@code rolling(...).mean()/.sum()}. Stateless. */
final class Windows {

    private Windows() {}

    static void checkNumeric(Column<?> column, String tool) {
        if (Dtypes.kind(column) == Kind.OTHER) {
            throw new DataOpsException(
                    "cannot compute " + tool + " of column '" + column.name() + "': it is "
                            + Dtypes.described(column) + ", not numeric",
                    column.name(),
                    null);
        }
    }

    /**
     * {@code s.cumsum()}: missing cells stay missing and are skipped (the total carries on after them); int64 and
     * bool give int64, float64 gives float64.
     */
    static Column<?> cumsum(Column<?> column, String name) {
        checkNumeric(column, "cumsum");
        if (Dtypes.kind(column) == Kind.FLOATING) {
            DoubleColumn out = DoubleColumn.create(name);
            double total = 0;
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row)) {
                    out.appendMissing();
                } else {
                    total += Cells.doubleValue(column, row);
                    out.append(total);
                }
            }
            return out;
        }
        LongColumn out = LongColumn.create(name);
        long total = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                out.appendMissing();
            } else {
                total += Cells.longValue(column, row);
                out.append(total);
            }
        }
        return out;
    }

    /**
     * {@code s.rolling(window, min_periods).mean()} or {@code .sum()}, as float64: each row looks at itself and the
     * {@code window - 1} rows before it and gives a value when at least {@code minPeriods} of them are present
     * (default: the whole window), as pandas' Kahan-compensated online sums.
     */
    static DoubleColumn rolling(Column<?> column, int window, @Nullable Integer minPeriods, String func, String name) {
        checkNumeric(column, "a rolling " + func);
        if (!func.equals("mean") && !func.equals("sum")) {
            throw new DataOpsException("rolling supports func \"mean\" or \"sum\" but got '" + func + "'");
        }
        if (window < 1) {
            throw new DataOpsException("window must be >= 1 but was " + window);
        }
        int required = minPeriods == null ? window : minPeriods;
        if (required < 0 || required > window) {
            throw new DataOpsException(
                    "min_periods must be between 0 and the window (" + window + ") but was " + required);
        }
        DoubleColumn out = DoubleColumn.create(name);
        double sum = 0;
        double compensation = 0;
        int present = 0;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                double y = Cells.doubleValue(column, row) - compensation;
                double t = sum + y;
                compensation = (t - sum) - y;
                sum = t;
                present++;
            }
            int leaving = row - window;
            if (leaving >= 0 && !column.isMissing(leaving)) {
                double y = -Cells.doubleValue(column, leaving) - compensation;
                double t = sum + y;
                compensation = (t - sum) - y;
                sum = t;
                present--;
            }
            if (present >= required && present > 0) {
                out.append(func.equals("sum") ? sum : sum / present);
            } else if (present >= required && func.equals("sum")) {
                out.append(0.0);
            } else {
                out.appendMissing();
            }
        }
        return out;
    }
}
