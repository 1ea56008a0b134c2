package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code nlargest}, {@code nsmallest} and {@code sample}. Stateless. */
final class Picking {

    private Picking() {}

    /**
     * {@code df.nlargest(n, columns)} / {@code df.nsmallest(n, columns)} with {@code keep="first"}: the rows with
     * the largest (smallest) values, best first, ties in their original order; rows missing any of the columns are
     * left out.
     */
    static Table extremes(Table table, int n, List<String> names, boolean largest, String name) {
        String tool = largest ? "nlargest" : "nsmallest";
        if (n < 0) {
            throw new DataOpsException("n must be >= 0 but was " + n);
        }
        if (names.isEmpty()) {
            throw new DataOpsException(tool + " needs at least one column; columns: " + Columns.list(table));
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String column : names) {
            Column<?> key = Columns.named(table, column);
            Kind kind = Dtypes.kind(key);
            boolean dates = Dtypes.is(key, ColumnType.LOCAL_DATE) || Dtypes.is(key, ColumnType.LOCAL_DATE_TIME);
            if (kind != Kind.INTEGRAL && kind != Kind.FLOATING && !dates) {
                throw new DataOpsException(
                        "cannot use " + tool + " on column '" + key.name() + "': it is " + Dtypes.described(key) + "; "
                                + tool + " needs numbers or dates (use sort_values and head for others)",
                        key.name(),
                        null);
            }
            keys.add(key);
        }
        int[] order = Sorting.order(keys, Collections.nCopies(keys.size(), !largest), table.rowCount());
        int[] picked = new int[Math.min(n, order.length)];
        int count = 0;
        for (int row : order) {
            if (count == picked.length) {
                break;
            }
            boolean complete = keys.stream().noneMatch(k -> k.isMissing(row));
            if (complete) {
                picked[count++] = row;
            }
        }
        return Sorting.pick(table, name, Arrays.copyOf(picked, count));
    }

    /**
     * {@code df.sample(n=…, frac=…, random_state=seed)} without replacement: the rows in the order drawn. The same
     * seed gives the same rows every time, but not the rows pandas' generator would pick.
     */
    static Table sample(Table table, @Nullable Integer n, @Nullable Double frac, long seed, String name) {
        if (n != null && frac != null) {
            throw new DataOpsException("sample takes n or frac, not both");
        }
        int rows = table.rowCount();
        int count;
        if (frac != null) {
            if (frac < 0 || frac > 1 || frac.isNaN()) {
                throw new DataOpsException("frac must be between 0 and 1 but was " + frac);
            }
            count = (int) Math.rint(frac * rows); // Python's round: half to even
        } else {
            count = n == null ? 1 : n;
        }
        if (count < 0) {
            throw new DataOpsException("n must be >= 0 but was " + count);
        }
        if (count > rows) {
            throw new DataOpsException("cannot take a sample of " + count + " rows from a table of " + rows
                    + " rows (sampling is without replacement); pass n <= " + rows);
        }
        int[] indices = new int[rows];
        for (int i = 0; i < rows; i++) {
            indices[i] = i;
        }
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) { // partial Fisher-Yates shuffle
            int j = i + random.nextInt(rows - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return Sorting.pick(table, name, Arrays.copyOf(indices, count));
    }
}
