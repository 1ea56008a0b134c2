package dev.pev4j.tools.data;

import dev.pev4j.tools.expr.SqlExpression;
import tech.tablesaw.api.ColumnType;

/** SQL spelling shared by the SQL engines' classes (DuckDB and Spark read the same). Stateless. */
final class DuckDbSql {

    /** The hidden column that numbers rows in their order, for stable sorts and pandas' row orders. */
    static final String ROW = "\"__pev4j_row\"";

    private DuckDbSql() {}

    /** A quoted identifier: {@code "unit ""price"""}. */
    static String identifier(String name) {
        return SqlExpression.identifier(name);
    }

    /** The SQL type that holds a Tablesaw column type's values. */
    static String sqlType(ColumnType type) {
        if (type.equals(ColumnType.LONG) || type.equals(ColumnType.INTEGER) || type.equals(ColumnType.SHORT)) {
            return "BIGINT";
        } else if (type.equals(ColumnType.DOUBLE) || type.equals(ColumnType.FLOAT)) {
            return "DOUBLE";
        } else if (type.equals(ColumnType.BOOLEAN)) {
            return "BOOLEAN";
        } else if (type.equals(ColumnType.LOCAL_DATE)) {
            return "DATE";
        } else if (type.equals(ColumnType.LOCAL_DATE_TIME) || type.equals(ColumnType.INSTANT)) {
            return "TIMESTAMP";
        }
        return "STRING"; // DuckDB reads STRING as VARCHAR; Spark has no VARCHAR without a length
    }
}
