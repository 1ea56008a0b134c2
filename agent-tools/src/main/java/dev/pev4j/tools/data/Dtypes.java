package dev.pev4j.tools.data;

import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

/**
 * Names Tablesaw column types as pandas names dtypes, and sorts them into the kinds aggregations care about.
 * Stateless.
 */
final class Dtypes {

    /** What an aggregation can do with a column. */
    enum Kind {
        /** Whole numbers: sums stay whole. */
        INTEGRAL,
        /** Floating-point numbers; missing is NaN. */
        FLOATING,
        /** True/false, counted as 1/0 by numeric aggregations, as pandas does. */
        BOOLEAN,
        /** Text, dates and everything else: no arithmetic. */
        OTHER
    }

    private Dtypes() {}

    /**
     * Whether {@code column} has {@code type}. Tablesaw 0.44 can hold two instances of one column type (a
     * {@code DoubleColumn} created before {@code ColumnType} is initialised gets its own {@code DoubleColumnType}), so
     * types are never compared with {@code ==}: every check in this package goes through here or {@link #same}.
     */
    static boolean is(Column<?> column, ColumnType type) {
        return same(column.type(), type);
    }

    /** Whether two column types are the same type: same class and same name, whatever the instance. */
    static boolean same(ColumnType a, ColumnType b) {
        return a == b || (a.getClass() == b.getClass() && a.name().equals(b.name()));
    }

    /**
     * pandas' dtype name: {@code int64}, {@code float64}, {@code bool}, {@code object} (text), {@code
     * datetime64[ns]}. An integer column with missing values stays {@code int64} (pandas would make it {@code
     * float64}; the values here stay whole numbers, as pandas' nullable {@code Int64} keeps them).
     */
    static String of(Column<?> column) {
        ColumnType type = column.type();
        if (Dtypes.same(type, ColumnType.LONG)) {
            return "int64";
        } else if (Dtypes.same(type, ColumnType.INTEGER)) {
            return "int32";
        } else if (Dtypes.same(type, ColumnType.SHORT)) {
            return "int16";
        } else if (Dtypes.same(type, ColumnType.DOUBLE)) {
            return "float64";
        } else if (Dtypes.same(type, ColumnType.FLOAT)) {
            return "float32";
        } else if (Dtypes.same(type, ColumnType.BOOLEAN)) {
            return "bool";
        } else if (Dtypes.same(type, ColumnType.STRING) || Dtypes.same(type, ColumnType.LOCAL_TIME)) {
            return "object";
        } else if (Dtypes.same(type, ColumnType.LOCAL_DATE) || Dtypes.same(type, ColumnType.LOCAL_DATE_TIME)) {
            return "datetime64[ns]";
        } else if (Dtypes.same(type, ColumnType.INSTANT)) {
            return "datetime64[ns, UTC]";
        }
        return type.name().toLowerCase(Locale.ROOT);
    }

    static Kind kind(Column<?> column) {
        ColumnType type = column.type();
        if (Dtypes.same(type, ColumnType.LONG)
                || Dtypes.same(type, ColumnType.INTEGER)
                || Dtypes.same(type, ColumnType.SHORT)) {
            return Kind.INTEGRAL;
        } else if (Dtypes.same(type, ColumnType.DOUBLE) || Dtypes.same(type, ColumnType.FLOAT)) {
            return Kind.FLOATING;
        } else if (Dtypes.same(type, ColumnType.BOOLEAN)) {
            return Kind.BOOLEAN;
        }
        return Kind.OTHER;
    }

    /** The dtype with a word for readers who do not know pandas: {@code object (text)}. */
    static String described(Column<?> column) {
        String dtype = of(column);
        ColumnType type = column.type();
        if (Dtypes.same(type, ColumnType.STRING)) {
            return dtype + " (text)";
        } else if (Dtypes.same(type, ColumnType.LOCAL_TIME)) {
            return dtype + " (time of day)";
        }
        return dtype;
    }
}
