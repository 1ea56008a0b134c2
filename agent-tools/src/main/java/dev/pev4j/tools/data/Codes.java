package dev.pev4j.tools.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * A column's cells as small order-preserving integers, the fast paths' view of a key column: equal cells get equal
 * codes, a smaller cell (in {@link Cells#compare} order) a smaller code, a missing cell {@code -1}. Codes lie in
 * {@code [0, cardinality)}. Immutable after creation.
 */
final class Codes {

    /** Long columns whose range is at most this are coded as value minus minimum, without sorting. */
    private static final long DIRECT_RANGE = 1 << 22;

    final int[] codes;
    final int cardinality;

    private Codes(int[] codes, int cardinality) {
        this.codes = codes;
        this.cardinality = cardinality;
    }

    /** The codes of {@code column}, or empty for a type the fast paths leave to the generic code. */
    static Optional<Codes> of(Column<?> column) {
        if (column instanceof StringColumn strings) {
            return Optional.of(strings(strings));
        } else if (column instanceof LongColumn longs) {
            int rows = longs.size();
            long[] values = new long[rows];
            boolean[] missing = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                missing[i] = longs.isMissing(i);
                values[i] = longs.getLong(i);
            }
            return Optional.of(longs(values, missing));
        } else if (column instanceof IntColumn ints) {
            int rows = ints.size();
            long[] values = new long[rows];
            boolean[] missing = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                missing[i] = ints.isMissing(i);
                values[i] = ints.getInt(i);
            }
            return Optional.of(longs(values, missing));
        } else if (column instanceof DoubleColumn doubles) {
            int rows = doubles.size();
            long[] values = new long[rows];
            boolean[] missing = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                double d = doubles.getDouble(i);
                missing[i] = Double.isNaN(d);
                values[i] = sortableBits(d);
            }
            return Optional.of(longs(values, missing));
        } else if (column instanceof BooleanColumn booleans) {
            int rows = booleans.size();
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                codes[i] = booleans.isMissing(i) ? -1 : booleans.get(i) ? 1 : 0;
            }
            return Optional.of(new Codes(codes, 2));
        }
        return Optional.empty();
    }

    /** A long that orders as {@link Double#compare} orders doubles. */
    static long sortableBits(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private static Codes longs(long[] values, boolean[] missing) {
        int rows = values.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int present = 0;
        for (int i = 0; i < rows; i++) {
            if (!missing[i]) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
                present++;
            }
        }
        int[] codes = new int[rows];
        if (present == 0) {
            Arrays.fill(codes, -1);
            return new Codes(codes, 0);
        }
        if (max - min >= 0 && max - min < DIRECT_RANGE) {
            for (int i = 0; i < rows; i++) {
                codes[i] = missing[i] ? -1 : (int) (values[i] - min);
            }
            return new Codes(codes, (int) (max - min) + 1);
        }
        long[] sorted = new long[present];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (!missing[i]) {
                sorted[n++] = values[i];
            }
        }
        Arrays.parallelSort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        for (int i = 0; i < rows; i++) {
            codes[i] = missing[i] ? -1 : Arrays.binarySearch(sorted, 0, distinct, values[i]);
        }
        return new Codes(codes, distinct);
    }

    private static Codes strings(StringColumn column) {
        int rows = column.size();
        DictionaryMap dictionary = column.getDictionary();
        int[] keys = new int[rows];
        int minKey = Integer.MAX_VALUE;
        int maxKey = Integer.MIN_VALUE;
        for (int i = 0; i < rows; i++) {
            int key = dictionary.getKeyForIndex(i);
            keys[i] = key;
            minKey = Math.min(minKey, key);
            maxKey = Math.max(maxKey, key);
        }
        int[] codes = new int[rows];
        if (rows == 0) {
            return new Codes(codes, 0);
        }
        long range = (long) maxKey - minKey + 1;
        if (range > 4L * rows + 1024) {
            return byValue(column);
        }
        int[] rankOfKey = new int[(int) range];
        Arrays.fill(rankOfKey, Integer.MIN_VALUE);
        int distinct = 0;
        for (int i = 0; i < rows; i++) {
            int slot = keys[i] - minKey;
            if (rankOfKey[slot] == Integer.MIN_VALUE) {
                rankOfKey[slot] = distinct++;
            }
        }
        String[] values = new String[distinct];
        int[] slotOf = new int[distinct];
        for (int slot = 0; slot < rankOfKey.length; slot++) {
            if (rankOfKey[slot] != Integer.MIN_VALUE) {
                values[rankOfKey[slot]] = dictionary.getValueForKey(slot + minKey);
                slotOf[rankOfKey[slot]] = slot;
            }
        }
        Integer[] order = new Integer[distinct];
        for (int i = 0; i < distinct; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Cells.compareValues(values[a], values[b]));
        int rank = 0;
        for (Integer first : order) {
            String value = values[first];
            rankOfKey[slotOf[first]] = StringColumn.valueIsMissing(value) ? -1 : rank++;
        }
        for (int i = 0; i < rows; i++) {
            codes[i] = rankOfKey[keys[i] - minKey];
        }
        return new Codes(codes, rank);
    }

    private static Codes byValue(StringColumn column) {
        int rows = column.size();
        Map<String, Integer> ids = new HashMap<>();
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (column.isMissing(i)) {
                codes[i] = -1;
            } else {
                codes[i] = ids.computeIfAbsent(column.get(i), k -> ids.size());
            }
        }
        String[] values = new String[ids.size()];
        ids.forEach((value, id) -> values[id] = value);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Cells.compareValues(values[a], values[b]));
        int[] rank = new int[values.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        for (int i = 0; i < rows; i++) {
            if (codes[i] >= 0) {
                codes[i] = rank[codes[i]];
            }
        }
        return new Codes(codes, values.length);
    }

    /** Bits needed to hold {@code 0..values-1}. */
    static int bits(long values) {
        return values <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(values - 1);
    }
}
