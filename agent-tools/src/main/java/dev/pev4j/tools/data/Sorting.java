package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Stable multi-key row sorting with missing values last, as pandas' {@code sort_values(kind="stable")}. */
final class Sorting {

    /** Keys packed into at most this many bits are sorted by counting, not by comparing. */
    private static final int COUNTING_BITS = 20;

    private Sorting() {}

    /** Row numbers of {@code table} in sorted order; ties keep their original order. */
    static int[] order(List<Column<?>> keys, List<Boolean> ascending, int rowCount) {
        int[] fast = packedOrder(keys, ascending, rowCount);
        if (fast != null) {
            return fast;
        }
        Integer[] rows = new Integer[rowCount];
        for (int i = 0; i < rowCount; i++) {
            rows[i] = i;
        }
        Comparator<Integer> comparator = (a, b) -> compareRows(keys, ascending, a, b);
        Arrays.sort(rows, comparator); // a merge sort on objects: stable
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The fast path of {@link #order}: each key's {@link Codes} (flipped for descending, missing last) and the row
     * number packed into one long, then one primitive sort; the row number in the low bits keeps ties in order.
     * Null when a key has another type or the codes do not fit in 63 bits.
     */
    private static int @Nullable [] packedOrder(List<Column<?>> keys, List<Boolean> ascending, int rowCount) {
        if (rowCount < 2) {
            return null;
        }
        List<Codes> codes = new ArrayList<>();
        int bits = Codes.bits(rowCount);
        for (Column<?> key : keys) {
            Optional<Codes> c = Codes.of(key);
            if (c.isEmpty()) {
                return null;
            }
            codes.add(c.get());
            bits += Codes.bits(c.get().cardinality + 1L);
            if (bits > 63) {
                return null;
            }
        }
        int keyBits = bits - Codes.bits(rowCount);
        long[] packed = packedKeys(codes, ascending, rowCount);
        if (keyBits <= COUNTING_BITS && (1 << keyBits) <= rowCount) {
            return countingOrder(packed, keyBits);
        }
        int rowBits = Codes.bits(rowCount);
        for (int row = 0; row < rowCount; row++) {
            packed[row] = (packed[row] << rowBits) | row;
        }
        Arrays.parallelSort(packed);
        long mask = (1L << rowBits) - 1;
        int[] rows = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            rows[i] = (int) (packed[i] & mask);
        }
        return rows;
    }

    /**
     * Each row's key codes packed into one long, the first key in the highest bits, so that the longs sort as the
     * rows do: a descending key's codes reversed, a missing value after every present one.
     */
    private static long[] packedKeys(List<Codes> codes, List<Boolean> ascending, int rowCount) {
        long[] packed = new long[rowCount];
        for (int k = 0; k < codes.size(); k++) {
            Codes c = codes.get(k);
            int width = Codes.bits(c.cardinality + 1L);
            boolean up = ascending.get(k);
            int last = c.cardinality;
            int[] source = c.codes;
            for (int row = 0; row < rowCount; row++) {
                int code = source[row];
                long value = code < 0 ? last : up ? code : last - 1 - code;
                packed[row] = (packed[row] << width) | value;
            }
        }
        return packed;
    }

    /**
     * {@link #packedOrder} for keys whose packed codes fit in {@code keyBits} small bits: a stable counting sort, one
     * bucket per combination of codes, linear in the rows.
     */
    private static int[] countingOrder(long[] packed, int keyBits) {
        int rowCount = packed.length;
        int[] starts = new int[(1 << keyBits) + 1];
        for (int row = 0; row < rowCount; row++) {
            starts[(int) packed[row] + 1]++;
        }
        for (int b = 1; b < starts.length; b++) {
            starts[b] += starts[b - 1];
        }
        int[] rows = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
            rows[starts[(int) packed[row]]++] = row;
        }
        return rows;
    }

    /** Compares two rows key by key; a missing value sorts after any present one whatever the direction. */
    static int compareRows(List<Column<?>> keys, List<Boolean> ascending, int a, int b) {
        for (int k = 0; k < keys.size(); k++) {
            Column<?> column = keys.get(k);
            boolean missingA = column.isMissing(a);
            boolean missingB = column.isMissing(b);
            int result;
            if (missingA || missingB) {
                result = Boolean.compare(missingA, missingB);
            } else {
                result = Cells.compare(column, a, b);
                if (!ascending.get(k)) {
                    result = -result;
                }
            }
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A new table with {@code rows} of {@code table} in that order; a row number of -1 gives missing cells. */
    static Table pick(Table table, String name, int[] rows) {
        Table result = Table.create(name);
        for (Column<?> column : table.columns()) {
            result.addColumns(pick(column, rows));
        }
        return result;
    }

    @SuppressWarnings("unchecked") // each branch builds a column of the same class as the input
    static <T> Column<T> pick(Column<T> column, int[] rows) {
        if (column instanceof LongColumn longs) {
            long[] values = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i] < 0 ? Long.MIN_VALUE : longs.getLong(rows[i]); // MIN_VALUE: missing
            }
            return (Column<T>) LongColumn.create(column.name(), values);
        } else if (column instanceof DoubleColumn doubles) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i] < 0 ? Double.NaN : doubles.getDouble(rows[i]);
            }
            return (Column<T>) DoubleColumn.create(column.name(), values);
        } else if (column instanceof StringColumn strings) {
            Optional<StringColumn> text = TextPick.pick(strings, rows);
            if (text.isPresent()) {
                return (Column<T>) text.get();
            }
        }
        Column<T> result = column.emptyCopy();
        for (int row : rows) {
            if (row < 0) {
                result.appendMissing();
            } else {
                result.append(column, row);
            }
        }
        return result;
    }
}
