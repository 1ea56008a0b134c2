package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code pd.merge(left, right, on=…, how=…, suffixes=…)} with pandas' row order for each {@code how} and pandas'
 * matching of missing keys (a missing key matches a missing key). Stateless.
 */
final class Merging {

    static final List<String> HOWS = List.of("inner", "left", "right", "outer");

    private Merging() {}

    static Table merge(Table left, Table right, List<String> on, String how, List<String> suffixes, String name) {
        if (!HOWS.contains(how)) {
            throw Columns.unknownChoice("how", how, HOWS, HOWS);
        }
        if (on.isEmpty()) {
            throw new DataOpsException("merge needs at least one key column in on; columns in both tables: "
                    + String.join(", ", common(left, right)));
        }
        if (suffixes.size() != 2) {
            throw new DataOpsException("suffixes needs two texts, for the left and the right table, e.g. "
                    + "[\"_x\", \"_y\"], but got " + suffixes.size());
        }
        List<Column<?>> leftKeys = new ArrayList<>();
        List<Column<?>> rightKeys = new ArrayList<>();
        List<Boolean> asDouble = new ArrayList<>();
        for (String key : on) {
            Column<?> l = keyIn(left, key, "left");
            Column<?> r = keyIn(right, key, "right");
            asDouble.add(checkMatchable(l, r));
            leftKeys.add(l);
            rightKeys.add(r);
        }
        int[][] pairs = pairs(new Keys(leftKeys, rightKeys, asDouble), how);
        int[] leftRows = pairs[0];
        int[] rightRows = pairs[1];

        Set<String> keyNames = new HashSet<>(on);
        Set<String> leftNames = new HashSet<>(left.columnNames());
        Set<String> rightNames = new HashSet<>(right.columnNames());
        List<Column<?>> out = new ArrayList<>();
        for (Column<?> column : left.columns()) {
            if (keyNames.contains(column.name())) {
                int k = on.indexOf(column.name());
                out.add(keyColumn(column, rightKeys.get(k), asDouble.get(k), leftRows, rightRows));
            } else {
                String outName = rightNames.contains(column.name()) ? column.name() + suffixes.get(0) : column.name();
                out.add(Sorting.pick(column, leftRows).setName(outName));
            }
        }
        for (Column<?> column : right.columns()) {
            if (!keyNames.contains(column.name())) {
                String outName = leftNames.contains(column.name()) ? column.name() + suffixes.get(1) : column.name();
                out.add(Sorting.pick(column, rightRows).setName(outName));
            }
        }
        Reshape.checkDistinct(out.stream().map(Column::name).toList());
        return Table.create(name, out);
    }

    /** {@code unknown column 'kk' in the right table; did you mean 'k'? columns: k, w}. */
    private static Column<?> keyIn(Table table, String key, String side) {
        int index = table.columnNames().indexOf(key);
        if (index >= 0) {
            return table.column(index);
        }
        String message = Objects.requireNonNullElse(Columns.unknown(table, key).getMessage(), "");
        String prefix = "unknown column '" + key + "'";
        throw new DataOpsException(
                prefix + " in the " + side + " table" + message.substring(prefix.length()), key, null);
    }

    private static List<String> common(Table left, Table right) {
        List<String> names = new ArrayList<>(left.columnNames());
        names.retainAll(right.columnNames());
        return names.isEmpty() ? List.of("(none)") : names;
    }

    /** Whether the key is compared as a double (an int64 key against a float64 one); fails for other mixes. */
    private static boolean checkMatchable(Column<?> l, Column<?> r) {
        Kind kl = Dtypes.kind(l);
        Kind kr = Dtypes.kind(r);
        boolean numbers = (kl == Kind.INTEGRAL || kl == Kind.FLOATING) && (kr == Kind.INTEGRAL || kr == Kind.FLOATING);
        if (numbers) {
            return kl != kr || kl == Kind.FLOATING;
        }
        if (!Dtypes.same(l.type(), r.type())) {
            throw new DataOpsException(
                    "cannot merge on column '" + l.name() + "': it is " + Dtypes.described(l) + " in the left table "
                            + "and " + Dtypes.described(r) + " in the right; convert one with astype first",
                    l.name(),
                    null);
        }
        return false;
    }

    private static Object key(List<Column<?>> keys, List<Boolean> asDouble, int row) {
        if (keys.size() == 1) {
            return cell(keys.get(0), asDouble.get(0), row);
        }
        Object[] values = new Object[keys.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = cell(keys.get(k), asDouble.get(k), row);
        }
        return Arrays.asList(values);
    }

    private static Object cell(Column<?> column, boolean asDouble, int row) {
        if (column.isMissing(row)) {
            return Inspect.MISSING;
        }
        return asDouble ? (Object) Cells.doubleValue(column, row) : column.get(row);
    }

    /**
     * The key columns of a merge, the left table's and the right's in {@code on} order, and whether each pair is
     * compared as doubles; {@code on} is never empty.
     */
    record Keys(List<Column<?>> left, List<Column<?>> right, List<Boolean> asDouble) {
        Keys {
            left = List.copyOf(left);
            right = List.copyOf(right);
            asDouble = List.copyOf(asDouble);
        }

        int leftRows() {
            return left.get(0).size();
        }

        int rightRows() {
            return right.get(0).size();
        }
    }

    /** Left and right row numbers of each output row, -1 where that side has no row. */
    private static int[][] pairs(Keys keys, String how) {
        int[][] fast = FastMerge.pairs(keys, how);
        return fast != null ? fast : plainPairs(keys, how);
    }

    /** {@link #pairs} by maps of boxed keys: the reference {@link FastMerge} is checked against. */
    static int[][] plainPairs(Keys keys, String how) {
        int leftRows = keys.leftRows();
        int rightRows = keys.rightRows();
        List<Column<?>> leftKeys = keys.left();
        List<Column<?>> rightKeys = keys.right();
        List<Boolean> asDouble = keys.asDouble();
        Map<Object, List<Integer>> leftGroups = new LinkedHashMap<>();
        for (int row = 0; row < leftRows; row++) {
            leftGroups
                    .computeIfAbsent(key(leftKeys, asDouble, row), k -> new ArrayList<>())
                    .add(row);
        }
        Map<Object, List<Integer>> rightGroups = new LinkedHashMap<>();
        for (int row = 0; row < rightRows; row++) {
            rightGroups
                    .computeIfAbsent(key(rightKeys, asDouble, row), k -> new ArrayList<>())
                    .add(row);
        }
        IntPairs pairs = new IntPairs(Math.max(leftRows, rightRows));
        switch (how) {
            case "left" -> {
                for (int l = 0; l < leftRows; l++) {
                    List<Integer> matches = rightGroups.get(key(leftKeys, asDouble, l));
                    if (matches == null) {
                        pairs.add(l, -1);
                    } else {
                        for (int r : matches) {
                            pairs.add(l, r);
                        }
                    }
                }
            }
            case "right" -> {
                for (int r = 0; r < rightRows; r++) {
                    List<Integer> matches = leftGroups.get(key(rightKeys, asDouble, r));
                    if (matches == null) {
                        pairs.add(-1, r);
                    } else {
                        for (int l : matches) {
                            pairs.add(l, r);
                        }
                    }
                }
            }
            default -> {
                // inner and outer: grouped by key, keys in order of first appearance in the left table, then (outer)
                // the right table's other keys; within a key each left row with each right row.
                boolean outer = how.equals("outer");
                for (Map.Entry<Object, List<Integer>> group : leftGroups.entrySet()) {
                    List<Integer> matches = rightGroups.get(group.getKey());
                    for (int l : group.getValue()) {
                        if (matches != null) {
                            for (int r : matches) {
                                pairs.add(l, r);
                            }
                        } else if (outer) {
                            pairs.add(l, -1);
                        }
                    }
                }
                if (outer) {
                    for (Map.Entry<Object, List<Integer>> group : rightGroups.entrySet()) {
                        if (!leftGroups.containsKey(group.getKey())) {
                            group.getValue().forEach(r -> pairs.add(-1, r));
                        }
                    }
                }
            }
        }
        return new int[][] {pairs.firsts(), pairs.seconds()};
    }

    /** The key column: the left table's value, or the right table's where only it has the row. */
    private static Column<?> keyColumn(
            Column<?> leftKey, Column<?> rightKey, boolean asDouble, int[] leftRows, int[] rightRows) {
        if (asDouble) {
            DoubleColumn out = DoubleColumn.create(leftKey.name());
            for (int i = 0; i < leftRows.length; i++) {
                Column<?> source = leftRows[i] >= 0 ? leftKey : rightKey;
                int row = leftRows[i] >= 0 ? leftRows[i] : rightRows[i];
                if (source.isMissing(row)) {
                    out.appendMissing();
                } else {
                    out.append(Cells.doubleValue(source, row));
                }
            }
            return out;
        }
        return sameTypeKey(leftKey, rightKey, leftRows, rightRows);
    }

    @SuppressWarnings("unchecked") // checkMatchable made sure both key columns have the same type
    private static <T> Column<T> sameTypeKey(Column<T> leftKey, Column<?> rightKey, int[] leftRows, int[] rightRows) {
        Column<T> right = (Column<T>) rightKey;
        Column<T> out = leftKey.emptyCopy();
        for (int i = 0; i < leftRows.length; i++) {
            if (leftRows[i] >= 0) {
                out.append(leftKey, leftRows[i]);
            } else {
                out.append(right, rightRows[i]);
            }
        }
        return out;
    }
}
