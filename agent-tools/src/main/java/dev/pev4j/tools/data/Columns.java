package dev.pev4j.tools.data;

import dev.pev4j.internal.Suggestions;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Looks columns up by name and explains a miss. Stateless. */
final class Columns {

    private Columns() {}

    /**
     * The column named {@code name}.
     *
     * @throws DataOpsException {@code unknown column 'revenu'; did you mean 'revenue'? columns: region, revenue}
     */
    static Column<?> named(Table table, String name) {
        // Exact match: Tablesaw's own lookup ignores case, pandas' does not.
        int index = table.columnNames().indexOf(name);
        if (index < 0) {
            throw unknown(table, name);
        }
        return table.column(index);
    }

    static DataOpsException unknown(Table table, String name) {
        List<String> names = table.columnNames();
        StringBuilder message =
                new StringBuilder("unknown column '").append(name).append('\'');
        if (names.isEmpty()) {
            message.append("; the table has no columns");
        } else {
            List<String> nearest = Suggestions.closest(name, names, 3);
            if (!nearest.isEmpty()) {
                message.append("; ").append(Suggestions.didYouMean(nearest));
            }
            message.append(nearest.isEmpty() ? "; columns: " : " columns: ").append(String.join(", ", names));
        }
        return new DataOpsException(message.toString(), name, null);
    }

    /**
     * {@code unknown how 'lft'; did you mean 'left'? choices: inner, left, right, outer}: a value outside a closed
     * set, with the nearest choices and all of them.
     */
    static DataOpsException unknownChoice(String what, String value, List<String> choices, List<String> candidates) {
        List<String> nearest =
                Suggestions.closest(value, candidates, 3).stream().distinct().toList();
        return new DataOpsException("unknown " + what + " '" + value + "'"
                + (nearest.isEmpty() ? "; " : "; " + Suggestions.didYouMean(nearest) + " ")
                + "choices: " + String.join(", ", choices));
    }

    /** {@code region, revenue, units}, or {@code (none)}. */
    static String list(Table table) {
        List<String> names = table.columnNames();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
