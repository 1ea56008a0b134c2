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
import java.util.Optional;
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

    /** The key Tablesaw's byte, short and int dictionaries store for a missing cell ({@code ""}). */
    private static final int BYTE_MISSING = Byte.MAX_VALUE;

    private static final int SHORT_MISSING = Short.MAX_VALUE;
    private static final int INT_MISSING = Integer.MAX_VALUE;

    private TextPick() {}

    /**
     * {@code rows} of {@code column} in that order (-1: a missing cell), or empty for a dictionary type this does
     * not know.
     */
    static Optional<StringColumn> pick(StringColumn column, int[] rows) {
        DictionaryMap dictionary = column.getDictionary();
        if (dictionary instanceof ByteDictionaryMap) {
            byte[] keys = new byte[rows.length];
            int[] counts = new int[256];
            for (int i = 0; i < rows.length; i++) {
                int key = rows[i] < 0 ? BYTE_MISSING : dictionary.getKeyForIndex(rows[i]);
                keys[i] = (byte) key;
                counts[key + 128]++;
            }
            Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>();
            Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>();
            valueToKey.defaultReturnValue(Byte.MIN_VALUE); // as Tablesaw's own constructor: "no key yet"
            Byte2IntOpenHashMap keyToCount = new Byte2IntOpenHashMap();
            for (int slot = 0; slot < counts.length; slot++) {
                if (counts[slot] > 0) {
                    byte key = (byte) (slot - 128);
                    String value = valueOf(dictionary, key, BYTE_MISSING);
                    keyToValue.put(key, value);
                    valueToKey.put(value, key);
                    keyToCount.put(key, counts[slot]);
                }
            }
            ByteDictionaryMap map = new ByteDictionaryMap.ByteDictionaryBuilder()
                    .setNextIndex(dictionary.nextKeyWithoutIncrementing())
                    .setKeyToValue(keyToValue)
                    .setValueToKey(valueToKey)
                    .setKeyToCount(keyToCount)
                    .setValues(keys)
                    .build();
            return Optional.of(StringColumn.createInternal(column.name(), map));
        } else if (dictionary instanceof ShortDictionaryMap) {
            short[] keys = new short[rows.length];
            int[] counts = new int[65536];
            for (int i = 0; i < rows.length; i++) {
                int key = rows[i] < 0 ? SHORT_MISSING : dictionary.getKeyForIndex(rows[i]);
                keys[i] = (short) key;
                counts[key + 32768]++;
            }
            Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>();
            Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>();
            valueToKey.defaultReturnValue(Short.MIN_VALUE);
            Short2IntOpenHashMap keyToCount = new Short2IntOpenHashMap();
            for (int slot = 0; slot < counts.length; slot++) {
                if (counts[slot] > 0) {
                    short key = (short) (slot - 32768);
                    String value = valueOf(dictionary, key, SHORT_MISSING);
                    keyToValue.put(key, value);
                    valueToKey.put(value, key);
                    keyToCount.put(key, counts[slot]);
                }
            }
            ShortDictionaryMap map = new ShortDictionaryMap.ShortDictionaryBuilder()
                    .setNextIndex(dictionary.nextKeyWithoutIncrementing())
                    .setCanPromoteToText(dictionary.canPromoteToText())
                    .setKeyToValue(keyToValue)
                    .setValueToKey(valueToKey)
                    .setKeyToCount(keyToCount)
                    .setValues(keys)
                    .build();
            return Optional.of(StringColumn.createInternal(column.name(), map));
        } else if (dictionary instanceof IntDictionaryMap) {
            int[] keys = new int[rows.length];
            Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap();
            for (int i = 0; i < rows.length; i++) {
                int key = rows[i] < 0 ? INT_MISSING : dictionary.getKeyForIndex(rows[i]);
                keys[i] = key;
                keyToCount.addTo(key, 1);
            }
            Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>();
            Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>();
            valueToKey.defaultReturnValue(Integer.MIN_VALUE);
            for (int key : keyToCount.keySet()) {
                String value = valueOf(dictionary, key, INT_MISSING);
                keyToValue.put(key, value);
                valueToKey.put(value, key);
            }
            IntDictionaryMap map = new IntDictionaryMap.IntDictionaryBuilder()
                    .setNextIndex(dictionary.nextKeyWithoutIncrementing())
                    .setKeyToValue(keyToValue)
                    .setValueToKey(valueToKey)
                    .setKeyToCount(keyToCount)
                    .setValues(keys)
                    .build();
            return Optional.of(StringColumn.createInternal(column.name(), map));
        }
        return Optional.empty();
    }

    /**
     * A text column from per-row {@code codes} into {@code values} (-1: a missing cell), built in one pass with no
     * per-row hashing; {@code values} must be distinct and none of them empty (Tablesaw's missing text). The key
     * width is the smallest that holds them, as Tablesaw's own appends would have promoted to.
     */
    static StringColumn fromCodes(String name, int[] codes, String[] values) {
        int n = values.length;
        int[] counts = new int[n + 1]; // slot n: missing
        for (int code : codes) {
            counts[code < 0 ? n : code]++;
        }
        String missingText = StringColumnType.missingValueIndicator();
        if (n < 250) {
            byte[] keys = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                keys[i] = (byte) (codes[i] < 0 ? BYTE_MISSING : Byte.MIN_VALUE + 1 + codes[i]);
            }
            Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>();
            Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>();
            valueToKey.defaultReturnValue(Byte.MIN_VALUE);
            Byte2IntOpenHashMap keyToCount = new Byte2IntOpenHashMap();
            for (int c = 0; c <= n; c++) {
                if (counts[c] > 0) {
                    byte key = (byte) (c == n ? BYTE_MISSING : Byte.MIN_VALUE + 1 + c);
                    String value = c == n ? missingText : values[c];
                    keyToValue.put(key, value);
                    valueToKey.put(value, key);
                    keyToCount.put(key, counts[c]);
                }
            }
            return StringColumn.createInternal(
                    name,
                    new ByteDictionaryMap.ByteDictionaryBuilder()
                            .setNextIndex(Byte.MIN_VALUE + n)
                            .setKeyToValue(keyToValue)
                            .setValueToKey(valueToKey)
                            .setKeyToCount(keyToCount)
                            .setValues(keys)
                            .build());
        } else if (n < 65_000) {
            short[] keys = new short[codes.length];
            for (int i = 0; i < codes.length; i++) {
                keys[i] = (short) (codes[i] < 0 ? SHORT_MISSING : Short.MIN_VALUE + 1 + codes[i]);
            }
            Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>();
            Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>();
            valueToKey.defaultReturnValue(Short.MIN_VALUE);
            Short2IntOpenHashMap keyToCount = new Short2IntOpenHashMap();
            for (int c = 0; c <= n; c++) {
                if (counts[c] > 0) {
                    short key = (short) (c == n ? SHORT_MISSING : Short.MIN_VALUE + 1 + c);
                    String value = c == n ? missingText : values[c];
                    keyToValue.put(key, value);
                    valueToKey.put(value, key);
                    keyToCount.put(key, counts[c]);
                }
            }
            return StringColumn.createInternal(
                    name,
                    new ShortDictionaryMap.ShortDictionaryBuilder()
                            .setNextIndex(Short.MIN_VALUE + n)
                            .setCanPromoteToText(true)
                            .setKeyToValue(keyToValue)
                            .setValueToKey(valueToKey)
                            .setKeyToCount(keyToCount)
                            .setValues(keys)
                            .build());
        }
        int[] keys = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            keys[i] = codes[i] < 0 ? INT_MISSING : Integer.MIN_VALUE + 1 + codes[i];
        }
        Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>(n + 1);
        Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>(n + 1);
        valueToKey.defaultReturnValue(Integer.MIN_VALUE);
        Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap(n + 1);
        for (int c = 0; c <= n; c++) {
            if (counts[c] > 0) {
                int key = c == n ? INT_MISSING : Integer.MIN_VALUE + 1 + c;
                String value = c == n ? missingText : values[c];
                keyToValue.put(key, value);
                valueToKey.put(value, key);
                keyToCount.put(key, counts[c]);
            }
        }
        return StringColumn.createInternal(
                name,
                new IntDictionaryMap.IntDictionaryBuilder()
                        .setNextIndex(Integer.MIN_VALUE + n)
                        .setKeyToValue(keyToValue)
                        .setValueToKey(valueToKey)
                        .setKeyToCount(keyToCount)
                        .setValues(keys)
                        .build());
    }

    private static String valueOf(DictionaryMap dictionary, int key, int missingKey) {
        return key == missingKey ? StringColumnType.missingValueIndicator() : dictionary.getValueForKey(key);
    }
}
