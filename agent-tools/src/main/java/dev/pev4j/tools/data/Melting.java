package dev.pev4j.tools.data;

import dev.pev4j.tools.data.Dtypes.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code pd.melt}: wide to long. Stateless. */
final class Melting {

    private Melting() {}

    /**
     * {@code df.melt(id_vars, value_vars, var_name, value_name)}: for each value column in turn, every row with its
     * id columns, the column's name and its value. Value columns of one type keep it; whole and decimal numbers
     * become float64; other mixes become text.
     */
    static Table melt(
            Table table,
            List<String> idVars,
            @Nullable List<String> valueVars,
            String varName,
            String valueName,
            String name) {
        List<Column<?>> ids = new ArrayList<>();
        for (String id : idVars) {
            ids.add(Columns.named(table, id));
        }
        List<Column<?>> values = valueColumns(table, idVars, valueVars);
        if (values.isEmpty()) {
            throw new DataOpsException(
                    "melt has no value columns: every column is an id column; columns: " + Columns.list(table));
        }
        List<String> outputs = new ArrayList<>(idVars);
        outputs.add(varName);
        outputs.add(valueName);
        Reshape.checkDistinct(outputs);
        int rows = table.rowCount();
        int[] repeated = new int[rows * values.size()];
        for (int v = 0; v < values.size(); v++) {
            for (int row = 0; row < rows; row++) {
                repeated[v * rows + row] = row;
            }
        }
        Table result = Table.create(name);
        for (Column<?> id : ids) {
            result.addColumns(Sorting.pick(id, repeated));
        }
        StringColumn variable = StringColumn.create(varName);
        for (Column<?> value : values) {
            for (int row = 0; row < rows; row++) {
                variable.append(value.name());
            }
        }
        result.addColumns(variable);
        result.addColumns(stacked(values, valueName));
        return result;
    }

    private static Column<?> stacked(List<Column<?>> values, String name) {
        boolean sameType =
                values.stream().allMatch(c -> c.type() == values.get(0).type());
        if (sameType) {
            Column<?> out = values.get(0).emptyCopy().setName(name);
            for (Column<?> value : values) {
                appendAll(out, value);
            }
            return out;
        }
        boolean numeric = values.stream().allMatch(c -> {
            Kind kind = Dtypes.kind(c);
            return kind == Kind.INTEGRAL || kind == Kind.FLOATING;
        });
        if (numeric) {
            DoubleColumn out = DoubleColumn.create(name);
            for (Column<?> value : values) {
                for (double d : Series.doubles(value, "melt")) {
                    out.append(d);
                }
            }
            return out;
        }
        StringColumn out = StringColumn.create(name);
        for (Column<?> value : values) {
            for (int row = 0; row < value.size(); row++) {
                if (value.isMissing(row)) {
                    out.appendMissing();
                } else {
                    out.append(Cells.pythonStr(value.get(row)));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked") // same column type, checked by the caller
    private static <T> void appendAll(Column<T> out, Column<?> value) {
        out.append((Column<T>) value);
    }

    /** The columns melted: {@code valueVars} as given, or without them every column that is not an id column. */
    static List<Column<?>> valueColumns(Table table, List<String> idVars, @Nullable List<String> valueVars) {
        List<Column<?>> values = new ArrayList<>();
        if (valueVars == null || valueVars.isEmpty()) {
            for (Column<?> column : table.columns()) {
                if (!idVars.contains(column.name())) {
                    values.add(column);
                }
            }
        } else {
            for (String value : valueVars) {
                values.add(Columns.named(table, value));
            }
        }
        return values;
    }
}
