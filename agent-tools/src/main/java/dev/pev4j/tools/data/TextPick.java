package dev.pev4j.tools.data;

import it.unimi.dsi.fastutil.bytes.Byte2IntOpenHashMap;
import it.unimi.dsi.fastutil.bytes.Byte2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ByteOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ShortOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2IntOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2ObjectOpenHashMap;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;
import tech.tablesaw.columns.strings.StringColumnType;

/**
 * Picks rows of a text column by copying dictionary keys instead of appending strings: the new column keeps the
 * source's key width and keys, with a dictionary of only the keys it uses. Built with Tablesaw's public dictionary
 * builders ({@link ByteDictionaryMap.ByteDictionaryBuilder} and its short/int siblings). Stateless.
 */
final class TextPick {

    private TextPick() {}

    /**
     * {@code rows} of {@code column} in that order (-1: a missing cell), or empty for a dictionary type this does
     * not know.
     */
    static Optional<StringColumn> pick(StringColumn column, int[] rows) {
        DictionaryMap source = column.getDictionary();
        Width width = Width.of(source);
        if (width == null) {
            return Optional.empty();
        }
        int[] keys = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = rows[i] < 0 ? width.missing : source.getKeyForIndex(rows[i]);
        }
        Entries used = width == Width.INT ? Entries.hashed(keys) : Entries.counted(keys, width);
        for (int e = 0; e < used.size; e++) {
            int key = used.keys[e];
            used.values[e] =
                    key == width.missing ? StringColumnType.missingValueIndicator() : source.getValueForKey(key);
        }
        DictionaryMap map = width.build(keys, used, source.nextKeyWithoutIncrementing(), source.canPromoteToText());
        return Optional.of(StringColumn.createInternal(column.name(), map));
    }

    /**
     * A text column from per-row {@code codes} into {@code values} (-1: a missing cell), built in one pass with no
     * per-row hashing; {@code values} must be distinct and none of them empty (Tablesaw's missing text). The key
     * width is the smallest that holds them, as Tablesaw's own appends would have promoted to.
     */
    static StringColumn fromCodes(String name, int[] codes, String[] values) {
        int n = values.length;
        Width width = n < 250 ? Width.BYTE : n < 65_000 ? Width.SHORT : Width.INT;
        int[] counts = new int[n + 1]; // slot n: missing
        int[] keys = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            counts[code < 0 ? n : code]++;
            keys[i] = code < 0 ? width.missing : width.min + 1 + code;
        }
        Entries used = new Entries(n + 1);
        for (int c = 0; c <= n; c++) {
            if (counts[c] > 0) {
                boolean missing = c == n;
                used.add(
                        missing ? width.missing : width.min + 1 + c,
                        missing ? StringColumnType.missingValueIndicator() : values[c],
                        counts[c]);
            }
        }
        return StringColumn.createInternal(name, width.build(keys, used, width.min + n, true));
    }

    /**
     * The distinct keys of a new dictionary with their counts, in the order they go into its maps, and their values
     * (filled in by the caller).
     */
    private static final class Entries {
        int[] keys;

        @Nullable
        String[] values;

        int[] counts;
        int size;

        Entries(int capacity) {
            keys = new int[capacity];
            values = new String[capacity];
            counts = new int[capacity];
        }

        void add(int key, @Nullable String value, int count) {
            keys[size] = key;
            values[size] = value;
            counts[size] = count;
            size++;
        }

        /** The keys a byte or short dictionary uses, counted over every possible key, in key order. */
        static Entries counted(int[] rowKeys, Width width) {
            int[] counts = new int[width.span];
            for (int key : rowKeys) {
                counts[key - width.min]++;
            }
            int distinct = 0;
            for (int count : counts) {
                distinct += count > 0 ? 1 : 0;
            }
            Entries used = new Entries(distinct);
            for (int slot = 0; slot < counts.length; slot++) {
                if (counts[slot] > 0) {
                    used.add(width.min + slot, null, counts[slot]);
                }
            }
            return used;
        }

        /** The keys an int dictionary uses, counted in a hash map (its keys span too much for an array). */
        static Entries hashed(int[] rowKeys) {
            Int2IntOpenHashMap counts = new Int2IntOpenHashMap();
            for (int key : rowKeys) {
                counts.addTo(key, 1);
            }
            Entries used = new Entries(counts.size());
            for (int key : counts.keySet()) {
                used.add(key, null, counts.get(key));
            }
            return used;
        }

        /** The values, every one of them filled in. */
        String[] values() {
            String[] out = new String[size];
            for (int e = 0; e < size; e++) {
                out[e] = Objects.requireNonNull(values[e], "value of a used key");
            }
            return out;
        }

        int[] keys() {
            return Arrays.copyOf(keys, size);
        }

        int[] counts() {
            return Arrays.copyOf(counts, size);
        }
    }

    /**
     * Tablesaw's three dictionary key widths. Each stores {@code ""} (a missing cell) under its largest key, treats
     * its smallest as "no key yet", and has its own builder over its own primitive maps, with no common type: that
     * is the one place the widths differ here.
     */
    private enum Width {
        BYTE(Byte.MIN_VALUE, Byte.MAX_VALUE),
        SHORT(Short.MIN_VALUE, Short.MAX_VALUE),
        INT(Integer.MIN_VALUE, Integer.MAX_VALUE);

        final int min;
        final int missing;
        /** How many keys there are, for byte and short: few enough to count in an array. */
        final int span;

        Width(int min, int missing) {
            this.min = min;
            this.missing = missing;
            this.span = missing - min + 1;
        }

        static @Nullable Width of(DictionaryMap dictionary) {
            if (dictionary instanceof ByteDictionaryMap) {
                return BYTE;
            } else if (dictionary instanceof ShortDictionaryMap) {
                return SHORT;
            } else if (dictionary instanceof IntDictionaryMap) {
                return INT;
            }
            return null;
        }

        /** The dictionary of {@code used} over the per-row {@code rowKeys}; {@code canPromoteToText}: short only. */
        DictionaryMap build(int[] rowKeys, Entries used, int nextIndex, boolean canPromoteToText) {
            String[] values = used.values();
            int[] counts = used.counts();
            if (this == BYTE) {
                byte[] keys = bytes(used.keys());
                Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>(values, keys);
                valueToKey.defaultReturnValue(Byte.MIN_VALUE);
                return new ByteDictionaryMap.ByteDictionaryBuilder()
                        .setNextIndex(nextIndex)
                        .setKeyToValue(new Byte2ObjectOpenHashMap<>(keys, values))
                        .setValueToKey(valueToKey)
                        .setKeyToCount(new Byte2IntOpenHashMap(keys, counts))
                        .setValues(bytes(rowKeys))
                        .build();
            } else if (this == SHORT) {
                short[] keys = shorts(used.keys());
                Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>(values, keys);
                valueToKey.defaultReturnValue(Short.MIN_VALUE);
                return new ShortDictionaryMap.ShortDictionaryBuilder()
                        .setNextIndex(nextIndex)
                        .setCanPromoteToText(canPromoteToText)
                        .setKeyToValue(new Short2ObjectOpenHashMap<>(keys, values))
                        .setValueToKey(valueToKey)
                        .setKeyToCount(new Short2IntOpenHashMap(keys, counts))
                        .setValues(shorts(rowKeys))
                        .build();
            }
            int[] keys = used.keys();
            Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>(values, keys);
            valueToKey.defaultReturnValue(Integer.MIN_VALUE);
            return new IntDictionaryMap.IntDictionaryBuilder()
                    .setNextIndex(nextIndex)
                    .setKeyToValue(new Int2ObjectOpenHashMap<>(keys, values))
                    .setValueToKey(valueToKey)
                    .setKeyToCount(new Int2IntOpenHashMap(keys, counts))
                    .setValues(rowKeys)
                    .build();
        }

        private static byte[] bytes(int[] keys) {
            byte[] out = new byte[keys.length];
            for (int i = 0; i < keys.length; i++) {
                out[i] = (byte) keys[i];
            }
            return out;
        }

        private static short[] shorts(int[] keys) {
            short[] out = new short[keys.length];
            for (int i = 0; i < keys.length; i++) {
                out[i] = (short) keys[i];
            }
            return out;
        }
    }
}
