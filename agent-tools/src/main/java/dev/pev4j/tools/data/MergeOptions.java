package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code pd.merge}'s options beyond {@code on}: keys named differently on each side ({@code left_on}, {@code
 * right_on}; both key columns are kept, as pandas keeps them), the {@code _merge} indicator column and {@code
 * validate}. Built around {@link Merging} with row markers, so the join itself is one implementation. Stateless.
 */
final class MergeOptions {

    static final List<String> VALIDATE = List.of("one_to_one", "one_to_many", "many_to_one", "many_to_many");
    private static final String LEFT_ROW = "__pev4j_left_row";
    private static final String RIGHT_ROW = "__pev4j_right_row";

    private MergeOptions() {}

    static Table merge(Table left, Table right, DataFrameTools.MergeSpec spec, String name) {
        List<String> on = spec.on();
        List<String> leftOn = spec.leftOn();
        List<String> rightOn = spec.rightOn();
        String how = spec.how();
        List<String> suffixes = spec.suffixes();
        boolean sides = (leftOn != null && !leftOn.isEmpty()) || (rightOn != null && !rightOn.isEmpty());
        List<String> leftKeys;
        List<String> rightKeys;
        if (on != null && !on.isEmpty()) {
            if (sides) {
                throw new DataOpsException("merge takes either on or left_on with right_on, not both");
            }
            leftKeys = on;
            rightKeys = on;
        } else if (sides) {
            if (leftOn == null || rightOn == null || leftOn.size() != rightOn.size()) {
                throw new DataOpsException("left_on and right_on need the same number of columns but got "
                        + (leftOn == null ? 0 : leftOn.size()) + " and " + (rightOn == null ? 0 : rightOn.size()));
            }
            leftKeys = leftOn;
            rightKeys = rightOn;
        } else {
            return Merging.merge(left, right, List.of(), how, suffixes, name); // its message lists common columns
        }
        for (String key : leftKeys) {
            checkKey(left, key, "left");
        }
        for (String key : rightKeys) {
            checkKey(right, key, "right");
        }
        String validate = spec.validate();
        if (validate != null) {
            validate(left, right, leftKeys, rightKeys, validate);
        }
        boolean indicator = spec.indicator();
        if (leftKeys.equals(rightKeys) && !indicator) {
            return Merging.merge(left, right, leftKeys, how, suffixes, name);
        }
        Table l = withRowNumbers(left, LEFT_ROW);
        Table r = withRowNumbers(right, RIGHT_ROW);
        List<String> renamedLeftKeys = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            String leftKey = leftKeys.get(i);
            String rightKey = rightKeys.get(i);
            if (leftKey.equals(rightKey)) {
                continue;
            }
            if (right.columnNames().contains(leftKey)) {
                throw new DataOpsException(
                        "the right table has a column '" + leftKey + "' besides its key '" + rightKey
                                + "'; rename it first, or merge on '" + leftKey + "'",
                        leftKey,
                        null);
            }
            r.addColumns(Columns.named(right, rightKey).copy().setName(leftKey));
            renamedLeftKeys.add(leftKey);
        }
        Table merged = Merging.merge(l, r, leftKeys, how, suffixes, name);
        Column<?> leftRow = merged.column(LEFT_ROW);
        Column<?> rightRow = merged.column(RIGHT_ROW);
        Table result = Table.create(name);
        List<String> keptRightCopies = new ArrayList<>(renamedLeftKeys);
        for (Column<?> column : merged.columns()) {
            String n = column.name();
            if (n.equals(LEFT_ROW) || n.equals(RIGHT_ROW)) {
                continue;
            }
            if (keptRightCopies.contains(n)) {
                // a left key named differently on the right: pandas leaves it missing where only the right matched
                int[] rows = new int[merged.rowCount()];
                for (int row = 0; row < rows.length; row++) {
                    rows[row] = leftRow.isMissing(row) ? -1 : row;
                }
                result.addColumns(Sorting.pick(column, rows));
            } else {
                result.addColumns(column);
            }
        }
        if (indicator) {
            if (result.columnNames().contains("_merge")) {
                throw new DataOpsException("cannot add the indicator column '_merge': a column has that name");
            }
            StringColumn marks = StringColumn.create("_merge");
            for (int row = 0; row < merged.rowCount(); row++) {
                boolean l2 = !leftRow.isMissing(row);
                boolean r2 = !rightRow.isMissing(row);
                marks.append(l2 && r2 ? "both" : l2 ? "left_only" : "right_only");
            }
            result.addColumns(marks);
        }
        return result;
    }

    /** {@code unknown column 'kk' in the right table; did you mean 'k'? columns: k, w}, as {@link Merging} says. */
    private static void checkKey(Table table, String key, String side) {
        if (!table.columnNames().contains(key)) {
            String message = Objects.requireNonNull(Columns.unknown(table, key).getMessage()); // always has one
            String head = "unknown column '" + key + "'";
            throw new DataOpsException(
                    head + " in the " + side + " table" + message.substring(head.length()), key, null);
        }
    }

    private static Table withRowNumbers(Table table, String name) {
        long[] rows = new long[table.rowCount()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Table copy = Table.create(table.name());
        for (Column<?> column : table.columns()) {
            copy.addColumns(column);
        }
        copy.addColumns(LongColumn.create(name, rows));
        return copy;
    }

    /**
     * pandas' {@code validate}: {@code one_to_one} (also {@code 1:1}) needs unique keys on both sides, {@code
     * one_to_many} on the left, {@code many_to_one} on the right; missing keys count as equal to each other.
     */
    private static void validate(
            Table left, Table right, List<String> leftKeys, List<String> rightKeys, String validate) {
        String v = switch (validate.strip().toLowerCase(Locale.ROOT)) {
            case "1:1" -> "one_to_one";
            case "1:m" -> "one_to_many";
            case "m:1" -> "many_to_one";
            case "m:m" -> "many_to_many";
            default -> validate.strip().toLowerCase(Locale.ROOT);
        };
        if (!VALIDATE.contains(v)) {
            throw Columns.unknownChoice("validate", validate, VALIDATE, VALIDATE);
        }
        String merge = v.replace('_', '-');
        if ((v.equals("one_to_one") || v.equals("one_to_many")) && !unique(left, leftKeys)) {
            throw new DataOpsException("Merge keys are not unique in left dataset; not a " + merge + " merge");
        }
        if ((v.equals("one_to_one") || v.equals("many_to_one")) && !unique(right, rightKeys)) {
            throw new DataOpsException("Merge keys are not unique in right dataset; not a " + merge + " merge");
        }
    }

    private static boolean unique(Table table, List<String> keys) {
        List<Column<?>> columns = new ArrayList<>();
        for (String key : keys) {
            columns.add(Columns.named(table, key));
        }
        GroupBy.Grouping grouping = GroupBy.grouping(table, columns);
        int missing = 0;
        for (int g : grouping.groupOf()) {
            missing += g < 0 ? 1 : 0;
        }
        // rows with some key missing are grouped apart; more than one of them may still be duplicates
        return grouping.count() == table.rowCount() - missing && missing <= 1;
    }
}
