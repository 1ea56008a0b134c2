package dev.pev4j.tools.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The fast path of {@link Merging}'s row pairing: every key cell of both tables gets an integer id (equal cells,
 * and missing cells, share one), ids numbered in order of first appearance in the left table, then in the right;
 * rows with the same id are chained in row order, and the pairs come out in exactly the order {@link Merging} gives
 * for each {@code how}. Stateless.
 */
final class FastMerge {

    private FastMerge() {}

    /** Left and right row numbers per output row, or null when a key's types need the generic path. */
    static int @Nullable [][] pairs(Merging.Keys keys, String how) {
        int leftRows = keys.leftRows();
        int rightRows = keys.rightRows();
        List<Column<?>> leftKeys = keys.left();
        List<Column<?>> rightKeys = keys.right();
        List<Boolean> asDouble = keys.asDouble();
        if (leftKeys.size() == 1 && (how.equals("left") || how.equals("right"))) {
            return probed(leftRows, rightRows, leftKeys.get(0), rightKeys.get(0), asDouble.get(0), how);
        }
        int[] leftIds = null;
        int[] rightIds = null;
        int count = 0;
        for (int k = 0; k < leftKeys.size(); k++) {
            Column<?> l = leftKeys.get(k);
            Column<?> r = rightKeys.get(k);
            Ids ids = new Ids();
            int[] li = new int[leftRows];
            int[] ri = new int[rightRows];
            if (!ids.assign(l, asDouble.get(k), li) || !ids.assign(r, asDouble.get(k), ri)) {
                return null;
            }
            if (leftIds == null || rightIds == null) {
                leftIds = li;
                rightIds = ri;
                count = ids.count;
            } else {
                // combine with the keys so far, renumbered in order of first appearance
                LongIds combined = new LongIds();
                long width = ids.count;
                for (int i = 0; i < leftRows; i++) {
                    leftIds[i] = combined.id(leftIds[i] * width + li[i]);
                }
                for (int i = 0; i < rightRows; i++) {
                    rightIds[i] = combined.id(rightIds[i] * width + ri[i]);
                }
                count = combined.size;
            }
        }
        if (leftIds == null || rightIds == null) {
            return null;
        }
        return pair(leftIds, rightIds, count, how);
    }

    /**
     * A one-key left (right) merge: ids only for the other table's keys, the kept table's rows only look theirs up
     * (-1: no match), so a big table against a small one hashes just the small one's keys.
     */
    private static int @Nullable [][] probed(
            int leftRows, int rightRows, Column<?> leftKey, Column<?> rightKey, boolean asDouble, String how) {
        boolean left = how.equals("left");
        Ids ids = new Ids();
        int[] builtIds = new int[left ? rightRows : leftRows];
        int[] probedIds = new int[left ? leftRows : rightRows];
        if (!ids.assign(left ? rightKey : leftKey, asDouble, builtIds)
                || !ids.lookup(left ? leftKey : rightKey, asDouble, probedIds)) {
            return null;
        }
        int[] head = new int[ids.count];
        Arrays.fill(head, -1);
        int[] next = chain(builtIds, head);
        IntPairs pairs = new IntPairs(probedIds.length);
        for (int p = 0; p < probedIds.length; p++) {
            int b = probedIds[p] < 0 ? -1 : head[probedIds[p]];
            if (b < 0) {
                pairs.add(p, -1);
            }
            for (; b >= 0; b = next[b]) {
                pairs.add(p, b);
            }
        }
        return left ? new int[][] {pairs.firsts(), pairs.seconds()} : new int[][] {pairs.seconds(), pairs.firsts()};
    }

    private static int[][] pair(int[] leftIds, int[] rightIds, int count, String how) {
        int[] leftHead = new int[count];
        int[] rightHead = new int[count];
        Arrays.fill(leftHead, -1);
        Arrays.fill(rightHead, -1);
        int[] leftNext = chain(leftIds, leftHead);
        int[] rightNext = chain(rightIds, rightHead);
        IntPairs pairs = new IntPairs(Math.max(leftIds.length, rightIds.length));
        switch (how) {
            case "left" -> {
                for (int l = 0; l < leftIds.length; l++) {
                    int r = rightHead[leftIds[l]];
                    if (r < 0) {
                        pairs.add(l, -1);
                    }
                    for (; r >= 0; r = rightNext[r]) {
                        pairs.add(l, r);
                    }
                }
            }
            case "right" -> {
                for (int r = 0; r < rightIds.length; r++) {
                    int l = leftHead[rightIds[r]];
                    if (l < 0) {
                        pairs.add(-1, r);
                    }
                    for (; l >= 0; l = leftNext[l]) {
                        pairs.add(l, r);
                    }
                }
            }
            default -> {
                boolean outer = how.equals("outer");
                for (int id = 0; id < count; id++) {
                    int first = leftHead[id];
                    if (first < 0) {
                        continue;
                    }
                    for (int l = first; l >= 0; l = leftNext[l]) {
                        int r = rightHead[id];
                        if (r < 0 && outer) {
                            pairs.add(l, -1);
                        }
                        for (; r >= 0; r = rightNext[r]) {
                            pairs.add(l, r);
                        }
                    }
                }
                if (outer) {
                    for (int id = 0; id < count; id++) {
                        if (leftHead[id] < 0) {
                            for (int r = rightHead[id]; r >= 0; r = rightNext[r]) {
                                pairs.add(-1, r);
                            }
                        }
                    }
                }
            }
        }
        return new int[][] {pairs.firsts(), pairs.seconds()};
    }

    /** Links the rows of each id in row order: {@code head[id]} is the first, {@code next[row]} the following. */
    private static int[] chain(int[] ids, int[] head) {
        int[] next = new int[ids.length];
        for (int row = ids.length - 1; row >= 0; row--) {
            next[row] = head[ids[row]];
            head[ids[row]] = row;
        }
        return next;
    }

    /** Ids of one key's cells across both tables; id 0 is reserved for missing cells when any. */
    private static final class Ids {
        final LongIds numbers = new LongIds();
        final Map<String, Integer> texts = new HashMap<>();
        int count;
        int missingId = -1;

        boolean assign(Column<?> column, boolean asDouble, int[] out) {
            int rows = out.length;
            if (asDouble) {
                for (int i = 0; i < rows; i++) {
                    out[i] = column.isMissing(i)
                            ? missing()
                            : number(Double.doubleToLongBits(Cells.doubleValue(column, i)));
                }
            } else if (column instanceof LongColumn longs) {
                for (int i = 0; i < rows; i++) {
                    out[i] = longs.isMissing(i) ? missing() : number(longs.getLong(i));
                }
            } else if (column instanceof BooleanColumn booleans) {
                for (int i = 0; i < rows; i++) {
                    out[i] = booleans.isMissing(i) ? missing() : number(booleans.get(i) ? 1 : 0);
                }
            } else if (column instanceof StringColumn strings) {
                for (int i = 0; i < rows; i++) {
                    if (strings.isMissing(i)) {
                        out[i] = missing();
                    } else {
                        Integer id = texts.get(strings.get(i));
                        if (id == null) {
                            id = count++;
                            texts.put(strings.get(i), id);
                        }
                        out[i] = id;
                    }
                }
            } else {
                return false;
            }
            return true;
        }

        /** Like {@link #assign} but adds no ids: a cell without one gets -1. */
        boolean lookup(Column<?> column, boolean asDouble, int[] out) {
            int rows = out.length;
            if (asDouble) {
                for (int i = 0; i < rows; i++) {
                    out[i] = column.isMissing(i)
                            ? missingId
                            : known(Double.doubleToLongBits(Cells.doubleValue(column, i)));
                }
            } else if (column instanceof LongColumn longs) {
                for (int i = 0; i < rows; i++) {
                    out[i] = longs.isMissing(i) ? missingId : known(longs.getLong(i));
                }
            } else if (column instanceof BooleanColumn booleans) {
                for (int i = 0; i < rows; i++) {
                    out[i] = booleans.isMissing(i) ? missingId : known(booleans.get(i) ? 1 : 0);
                }
            } else if (column instanceof StringColumn strings) {
                for (int i = 0; i < rows; i++) {
                    Integer id = strings.isMissing(i) ? null : texts.get(strings.get(i));
                    out[i] = strings.isMissing(i) ? missingId : id == null ? -1 : id;
                }
            } else {
                return false;
            }
            return true;
        }

        private int known(long value) {
            int local = numbers.find(value);
            return local < 0 ? -1 : numbers.global[local];
        }

        private int missing() {
            if (missingId < 0) {
                missingId = count++;
            }
            return missingId;
        }

        private int number(long value) {
            int before = numbers.size;
            int local = numbers.id(value);
            if (numbers.size > before) {
                numbers.global[local] = count++;
            }
            return numbers.global[local];
        }
    }

    /** An open-addressing map from long to a dense id, numbered in order of first sight. */
    private static final class LongIds {
        private long[] keys = new long[1024];
        private int[] slots = new int[1024]; // id + 1; 0 is empty
        int[] global = new int[512];
        int size;

        int id(long key) {
            int slot = slotOf(key, keys, slots);
            if (slots[slot] != 0) {
                return slots[slot] - 1;
            }
            keys[slot] = key;
            slots[slot] = ++size;
            if (size == global.length) {
                global = Arrays.copyOf(global, size * 2);
            }
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        /** The id of {@code key}, or -1 when it has none. */
        int find(long key) {
            return slots[slotOf(key, keys, slots)] - 1;
        }

        /** The slot holding {@code key}, or the empty one where it goes: linear probing from its hash. */
        private static int slotOf(long key, long[] keys, int[] slots) {
            int mask = keys.length - 1;
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (slots[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldSlots[i] != 0) {
                    int slot = slotOf(oldKeys[i], keys, slots);
                    keys[slot] = oldKeys[i];
                    slots[slot] = oldSlots[i];
                }
            }
        }
    }
}
