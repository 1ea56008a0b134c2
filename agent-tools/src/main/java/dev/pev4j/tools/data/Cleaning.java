package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code drop_duplicates}, {@code dropna}, {@code fillna} and {@code astype}. Stateless. */
final class Cleaning {

    static final List<String> DTYPES = List.of("int64", "float64", "str", "bool", "datetime64[ns]");
    /** Each name astype accepts, pandas' own and its aliases, to the dtype it means (in {@link #DTYPES} order). */
    private static final Map<String, String> DTYPE_ALIASES = aliases(Map.of(
            "int64", List.of("int", "Int64"),
            "float64", List.of("float", "Float64"),
            "str", List.of("string", "object"),
            "bool", List.of("boolean"),
            "datetime64[ns]", List.of("datetime64", "datetime")));

    private static final List<String> FILL_METHODS = List.of("mean", "median", "ffill", "bfill");

    private Cleaning() {}

    /** The columns named in {@code subset}, or all when it is null or empty. */
    static List<Column<?>> subset(Table table, @Nullable List<String> subset) {
        if (subset == null || subset.isEmpty()) {
            return table.columns();
        }
        List<Column<?>> columns = new ArrayList<>();
        for (String name : subset) {
            columns.add(Columns.named(table, name));
        }
        return columns;
    }

    /** {@code df.drop_duplicates(subset, keep)}: missing values equal each other, kept rows keep their order. */
    static Table dropDuplicates(Table table, @Nullable List<String> subset, @Nullable String keep, String name) {
        List<Column<?>> columns = subset(table, subset);
        String mode = keep == null ? "first" : keep.strip();
        if (mode.equalsIgnoreCase("false") || mode.equalsIgnoreCase("none")) {
            mode = "none";
        }
        if (!List.of("first", "last", "none").contains(mode)) {
            throw new DataOpsException("keep must be \"first\", \"last\" or \"none\" (pandas' keep=False: drop "
                    + "every duplicated row) but was '" + keep + "'");
        }
        Map<List<Object>, List<Integer>> rows = new LinkedHashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            List<Object> key = new ArrayList<>(columns.size());
            for (Column<?> column : columns) {
                key.add(Inspect.key(column, row));
            }
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        boolean[] kept = new boolean[table.rowCount()];
        for (List<Integer> same : rows.values()) {
            switch (mode) {
                case "first" -> kept[same.get(0)] = true;
                case "last" -> kept[same.get(same.size() - 1)] = true;
                default -> {
                    if (same.size() == 1) {
                        kept[same.get(0)] = true;
                    }
                }
            }
        }
        return keepRows(table, kept, name);
    }

    /** {@code df.dropna(how, subset)}. */
    static Table dropna(Table table, @Nullable String how, @Nullable List<String> subset, String name) {
        String mode = how == null ? "any" : how.strip();
        if (!mode.equals("any") && !mode.equals("all")) {
            throw new DataOpsException("how must be \"any\" (drop rows with a missing value) or \"all\" (drop rows "
                    + "where every value is missing) but was '" + how + "'");
        }
        List<Column<?>> columns = subset(table, subset);
        boolean[] kept = new boolean[table.rowCount()];
        for (int row = 0; row < kept.length; row++) {
            int missing = 0;
            for (Column<?> column : columns) {
                if (column.isMissing(row)) {
                    missing++;
                }
            }
            kept[row] = mode.equals("any") ? missing == 0 : missing < columns.size() || columns.isEmpty();
        }
        return keepRows(table, kept, name);
    }

    private static Table keepRows(Table table, boolean[] kept, String name) {
        int[] rows = new int[kept.length];
        int count = 0;
        for (int row = 0; row < kept.length; row++) {
            if (kept[row]) {
                rows[count++] = row;
            }
        }
        return Sorting.pick(table, name, Arrays.copyOf(rows, count));
    }

    /**
     * {@code df.fillna(value)} or {@code df.fillna(method=…)} / {@code df.fillna(df.mean())}. Without {@code
     * columns}, a value fills the columns it fits (a number the numeric columns, a text the text columns, true/false
     * the bool columns) and mean/median fill the numeric columns; a named column that does not fit is an error.
     */
    static Table fillna(
            Table table, @Nullable Object value, @Nullable String method, @Nullable List<String> subset, String name) {
        if ((value == null) == (method == null)) {
            throw new DataOpsException("fillna needs either value (e.g. 0, \"unknown\" or {\"price\": 0}) or method "
                    + "(mean, median, ffill or bfill), not " + (value == null ? "neither" : "both"));
        }
        String fill = method == null ? null : normalizeMethod(method);
        boolean named = subset != null && !subset.isEmpty();
        List<Column<?>> targets = new ArrayList<>(subset(table, subset));
        Map<String, Object> perColumn = new HashMap<>();
        if (value instanceof Map<?, ?> map) {
            targets.clear();
            named = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String column = String.valueOf(entry.getKey());
                targets.add(Columns.named(table, column));
                if (entry.getValue() == null) {
                    throw new DataOpsException("no fill value given for column '" + column + "'", column, null);
                }
                perColumn.put(column, entry.getValue());
            }
        }
        Map<String, Column<?>> replaced = new HashMap<>();
        for (Column<?> column : targets) {
            Object fillValue = perColumn.getOrDefault(column.name(), value);
            Column<?> filled = fill == null ? fillValue(column, fillValue, named) : fillMethod(column, fill, named);
            if (filled != null) {
                replaced.put(column.name(), filled);
            }
        }
        Table result = Table.create(name);
        for (Column<?> column : table.columns()) {
            result.addColumns(replaced.containsKey(column.name()) ? replaced.get(column.name()) : column.copy());
        }
        return result;
    }

    private static String normalizeMethod(String method) {
        String m = method.strip().toLowerCase(Locale.ROOT);
        if (m.equals("pad") || m.equals("forward")) {
            return "ffill";
        } else if (m.equals("backfill") || m.equals("backward")) {
            return "bfill";
        }
        if (!FILL_METHODS.contains(m)) {
            throw Columns.unknownChoice("fill method", method, FILL_METHODS, FILL_METHODS);
        }
        return m;
    }

    private static @Nullable Column<?> fillValue(Column<?> column, @Nullable Object value, boolean named) {
        Kind kind = Dtypes.kind(column);
        Column<?> out;
        if (value instanceof Number number && (kind == Kind.INTEGRAL || kind == Kind.FLOATING)) {
            boolean whole = !(number instanceof Double || number instanceof Float)
                    || number.doubleValue() == Math.rint(number.doubleValue());
            if (kind == Kind.INTEGRAL && whole) {
                LongColumn longs = LongColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    longs.append(column.isMissing(row) ? number.longValue() : Cells.longValue(column, row));
                }
                out = longs;
            } else {
                out = doubles(column, row -> number.doubleValue());
            }
        } else if (value instanceof String text && Dtypes.is(column, ColumnType.STRING)) {
            StringColumn strings = StringColumn.create(column.name());
            for (int row = 0; row < column.size(); row++) {
                strings.append(column.isMissing(row) ? text : (String) column.get(row));
            }
            out = strings;
        } else if (value instanceof Boolean b && kind == Kind.BOOLEAN) {
            BooleanColumn booleans = BooleanColumn.create(column.name());
            for (int row = 0; row < column.size(); row++) {
                booleans.append(column.isMissing(row) ? b : (Boolean) column.get(row));
            }
            out = booleans;
        } else if (named) {
            throw new DataOpsException(
                    "cannot fill column '" + column.name() + "' (" + Dtypes.described(column) + ") with "
                            + describeValue(value) + "; give a value of the column's type",
                    column.name(),
                    null);
        } else {
            return null;
        }
        return out;
    }

    private static String describeValue(@Nullable Object value) {
        if (value instanceof String s) {
            return "the text '" + s + "'";
        } else if (value instanceof Boolean b) {
            return "the bool " + (b ? "True" : "False");
        } else if (value instanceof Number n) {
            return "the number " + n;
        }
        return "'" + value + "'";
    }

    private interface RowValue {
        double at(int row);
    }

    /** The column as float64 with missing cells replaced. */
    private static DoubleColumn doubles(Column<?> column, RowValue fill) {
        DoubleColumn out = DoubleColumn.create(column.name());
        for (int row = 0; row < column.size(); row++) {
            out.append(column.isMissing(row) ? fill.at(row) : Cells.doubleValue(column, row));
        }
        return out;
    }

    private static @Nullable Column<?> fillMethod(Column<?> column, String method, boolean named) {
        if (method.equals("ffill") || method.equals("bfill")) {
            int[] rows = new int[column.size()];
            if (method.equals("ffill")) {
                int last = -1;
                for (int row = 0; row < rows.length; row++) {
                    last = column.isMissing(row) ? last : row;
                    rows[row] = last;
                }
            } else {
                int next = -1;
                for (int row = rows.length - 1; row >= 0; row--) {
                    next = column.isMissing(row) ? next : row;
                    rows[row] = next;
                }
            }
            return Sorting.pick(column, rows);
        }
        Kind kind = Dtypes.kind(column);
        if (kind != Kind.INTEGRAL && kind != Kind.FLOATING) {
            if (named) {
                throw new DataOpsException(
                        "cannot fill column '" + column.name() + "' with its " + method + ": it is "
                                + Dtypes.described(column) + ", not numeric; use a value, ffill or bfill",
                        column.name(),
                        null);
            }
            return null;
        }
        if (column.countMissing() == 0) {
            return column.copy();
        }
        double[] present = Statistics.presentDoubles(column);
        double center;
        if (present.length == 0) {
            center = Double.NaN;
        } else if (method.equals("mean")) {
            center = Statistics.mean(present);
        } else {
            double[] sorted = present.clone();
            Arrays.sort(sorted);
            center = Statistics.quantile(sorted, 0.5);
        }
        return doubles(column, row -> center);
    }

    /** {@code df.astype({column: dtype, …})}; missing cells stay missing. */
    static Table astype(Table table, Map<String, String> dtypes, String name) {
        Map<String, Column<?>> converted = new HashMap<>();
        for (Map.Entry<String, String> entry : dtypes.entrySet()) {
            Column<?> column = Columns.named(table, entry.getKey());
            converted.put(column.name(), convert(column, dtype(entry.getValue(), column.name())));
        }
        Table result = Table.create(name);
        for (Column<?> column : table.columns()) {
            result.addColumns(converted.containsKey(column.name()) ? converted.get(column.name()) : column.copy());
        }
        return result;
    }

    private static String dtype(@Nullable String requested, String column) {
        String canonical = requested == null ? null : DTYPE_ALIASES.get(requested.strip());
        if (canonical == null) {
            String wanted = requested == null ? "null" : requested;
            List<String> nearest =
                    dev.pev4j.internal.Suggestions.closest(wanted, new ArrayList<>(DTYPE_ALIASES.keySet()), 3).stream()
                            .map(DTYPE_ALIASES::get)
                            .distinct()
                            .toList();
            throw new DataOpsException(
                    "unknown dtype '" + wanted + "' for column '" + column + "'"
                            + (nearest.isEmpty()
                                    ? "; "
                                    : "; " + dev.pev4j.internal.Suggestions.didYouMean(nearest) + " ")
                            + "choices: " + String.join(", ", DTYPES),
                    column,
                    null);
        }
        return canonical;
    }

    private static Column<?> convert(Column<?> column, String dtype) {
        Kind kind = Dtypes.kind(column);
        switch (dtype) {
            case "int64": {
                if (Dtypes.is(column, ColumnType.LONG)) {
                    return column.copy();
                }
                LongColumn out = LongColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    if (column.isMissing(row)) {
                        out.appendMissing();
                    } else if (kind == Kind.INTEGRAL || kind == Kind.BOOLEAN) {
                        out.append(Cells.longValue(column, row));
                    } else if (kind == Kind.FLOATING) {
                        double d = Cells.doubleValue(column, row);
                        if (Double.isInfinite(d)) {
                            throw cannot(column, dtype, row);
                        }
                        out.append((long) d); // truncates toward zero, as numpy's astype
                    } else if (Dtypes.is(column, ColumnType.STRING)) {
                        try {
                            out.append(Long.parseLong(((String) column.get(row)).strip()));
                        } catch (NumberFormatException e) {
                            throw cannot(column, dtype, row);
                        }
                    } else {
                        throw cannotType(column, dtype);
                    }
                }
                return out;
            }
            case "float64": {
                DoubleColumn out = DoubleColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    if (column.isMissing(row)) {
                        out.appendMissing();
                    } else if (kind != Kind.OTHER) {
                        out.append(Cells.doubleValue(column, row));
                    } else if (Dtypes.is(column, ColumnType.STRING)) {
                        out.append(parseFloat(column, row));
                    } else {
                        throw cannotType(column, dtype);
                    }
                }
                return out;
            }
            case "str": {
                if (Dtypes.is(column, ColumnType.STRING)) {
                    return column.copy();
                }
                boolean datesOnly = Datetimes.datesOnly(column);
                StringColumn out = StringColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    if (column.isMissing(row)) {
                        out.appendMissing();
                    } else {
                        out.append(Datetimes.text(column, row, datesOnly));
                    }
                }
                return out;
            }
            case "bool": {
                BooleanColumn out = BooleanColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    if (column.isMissing(row)) {
                        out.appendMissing();
                    } else if (kind != Kind.OTHER) {
                        out.append(Cells.doubleValue(column, row) != 0);
                    } else if (Dtypes.is(column, ColumnType.STRING)) {
                        String text = ((String) column.get(row)).strip().toLowerCase(Locale.ROOT);
                        if (!text.equals("true") && !text.equals("false")) {
                            throw cannot(column, dtype, row);
                        }
                        out.append(text.equals("true"));
                    } else {
                        throw cannotType(column, dtype);
                    }
                }
                return out;
            }
            default:
                return Datetimes.toDatetime(column, null);
        }
    }

    private static double parseFloat(Column<?> column, int row) {
        String text = ((String) column.get(row)).strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("nan")) {
            return Double.NaN;
        } else if (lower.equals("inf") || lower.equals("+inf") || lower.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        } else if (lower.equals("-inf") || lower.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            if (!text.matches("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?")) {
                throw new NumberFormatException(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw cannot(column, "float64", row);
        }
    }

    private static DataOpsException cannot(Column<?> column, String dtype, int row) {
        return new DataOpsException(
                "cannot convert column '" + column.name() + "' (" + Dtypes.described(column) + ") to " + dtype
                        + ": row " + row + " holds '" + Cells.pythonStr(column.get(row)) + "'",
                column.name(),
                null);
    }

    private static DataOpsException cannotType(Column<?> column, String dtype) {
        String hint = column instanceof DateTimeColumn || column instanceof DateColumn
                ? "; use dt_part for the year, month, day…"
                : "";
        return new DataOpsException(
                "cannot convert column '" + column.name() + "' (" + Dtypes.described(column) + ") to " + dtype + hint,
                column.name(),
                null);
    }

    private static Map<String, String> aliases(Map<String, List<String>> byDtype) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String dtype : DTYPES) {
            names.put(dtype, dtype);
            for (String alias : Objects.requireNonNull(byDtype.get(dtype), dtype)) {
                names.put(alias, dtype);
            }
        }
        return Collections.unmodifiableMap(names);
    }
}
