package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Builds small tables with missing values for tests, and reads columns back as lists with {@code null}s. */
final class Tables {

    private Tables() {}

    static StringColumn strings(String name, @Nullable String... values) {
        StringColumn column = StringColumn.create(name);
        for (String value : values) {
            if (value == null) {
                column.appendMissing();
            } else {
                column.append(value);
            }
        }
        return column;
    }

    static LongColumn longs(String name, @Nullable Long... values) {
        LongColumn column = LongColumn.create(name);
        for (Long value : values) {
            if (value == null) {
                column.appendMissing();
            } else {
                column.append(value);
            }
        }
        return column;
    }

    static DoubleColumn doubles(String name, @Nullable Double... values) {
        DoubleColumn column = DoubleColumn.create(name);
        for (Double value : values) {
            if (value == null) {
                column.appendMissing();
            } else {
                column.append(value);
            }
        }
        return column;
    }

    static BooleanColumn booleans(String name, @Nullable Boolean... values) {
        BooleanColumn column = BooleanColumn.create(name);
        for (Boolean value : values) {
            if (value == null) {
                column.appendMissing();
            } else {
                column.append(value);
            }
        }
        return column;
    }

    /** The column's cells, {@code null} for missing ones. */
    static List<@Nullable Object> values(Table table, String column) {
        Column<?> c = table.column(column);
        List<@Nullable Object> values = new ArrayList<>();
        for (int row = 0; row < c.size(); row++) {
            values.add(c.isMissing(row) ? null : c.get(row));
        }
        return values;
    }
}
