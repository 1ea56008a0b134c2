package dev.pev4j.tools.data;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.ExpressionException;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Dataframe tools named and behaving as pandas' functions, over Tablesaw tables read from a {@link Workspace}. Each
 * tool takes tables as Java objects and returns a new table; inputs are never changed. Register an instance with the
 * agent's tools. Immutable and thread-safe.
 *
 * <pre>{@code
 * DataOps data = DataOps.in(Workspace.of(Path.of("data")));
 * Table sales = data.readCsv("sales.csv");
 * Table byRegion = data.groupbyAgg(sales, List.of("region"), Map.of("revenue", List.of("sum", "mean")));
 * }</pre>
 *
 * <p>Where this differs from pandas, on purpose:
 *
 * <ul>
 *   <li>An integer column with missing values stays a whole-number column ({@code int64} in previews, like pandas'
 *       nullable {@code Int64}) instead of turning into {@code float64}; aggregations that pick a value
 *       ({@code min}, {@code max}, {@code first}, {@code last}) keep it whole too.
 *   <li>{@code groupby_agg} returns flat columns named {@code <column>_<function>} ({@code revenue_sum}) after the
 *       group keys, where pandas returns a two-level column index and keys as the row index.
 *   <li>Sorting is always stable ({@code kind="stable"}); pandas' default quicksort is not, for one key.
 *   <li>Dates are read as text ({@code object}), as pandas does without {@code parse_dates}.
 *   <li>{@code filter} and {@code assign} take {@link Expression}s: comparing text with a number is an error
 *       (pandas' {@code ==} is silently false), {@code contains} looks for plain text, not a regular expression,
 *       and a text cell compared with {@code date("…")} is read as an ISO date.
 *   <li>Column names that differ only in case ({@code name}, {@code NAME}) cannot both exist (Tablesaw's rule).
 * </ul>
 */
public final class DataOps {

    private static final int DEFAULT_ROWS = 5;

    private final Workspace workspace;

    public DataOps(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    }

    /** The tools working on the files of {@code workspace}. */
    public static DataOps in(Workspace workspace) {
        return new DataOps(workspace);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** {@link #readCsv(String, String, List, Boolean)} with pandas' defaults. */
    public Table readCsv(String path) {
        return readCsv(path, null, null, null);
    }

    /**
     * Reads a CSV file of the workspace as pandas' {@code read_csv} does: UTF-8, first line the header, pandas'
     * missing-value markers, and per column the type pandas would infer (int64, float64, bool, else text).
     */
    @Tool(
            name = "read_csv",
            value = "Read a CSV file from the workspace into a table, like pandas.read_csv. Whole-number columns "
                    + "become int64, decimal ones float64, True/False bool, the rest text (object). Empty cells and "
                    + "NA, N/A, NaN, null, None are missing values.")
    public Table readCsv(
            @P(name = "path", value = "file path relative to the workspace, e.g. \"sales.csv\"") String path,
            @P(name = "sep", value = "column delimiter, one character; default \",\"", required = false)
                    @Nullable String sep,
            @P(
                            name = "na_values",
                            value = "extra cell texts to read as missing, added to pandas' defaults "
                                    + "(\"\", \"NA\", \"N/A\", \"NaN\", \"null\", \"None\" …)",
                            required = false)
                    @Nullable List<String> naValues,
            @P(
                            name = "header",
                            value = "whether the first line holds the column names; default true (false names "
                                    + "the columns 0, 1, 2 …)",
                            required = false)
                    @Nullable Boolean header) {
        Objects.requireNonNull(path, "path == null");
        char separator = separator(sep);
        Set<String> missing = new LinkedHashSet<>(CsvReading.DEFAULT_NA_VALUES);
        if (naValues != null) {
            missing.addAll(naValues);
        }
        Path file = workspace.resolve(path);
        if (Files.isDirectory(file)) {
            throw new DataOpsException("'" + path + "' is a directory, not a CSV file; files: "
                    + String.join(", ", workspace.list()));
        }
        return CsvReading.read(file, path, separator, missing, header == null || header);
    }

    /** The first {@code n} rows, like pandas' {@code df.head(n)}; a negative {@code n} drops the last {@code -n}. */
    @Tool(
            name = "head",
            value = "The first n rows of a table, like pandas DataFrame.head. A negative n gives all rows except "
                    + "the last -n.")
    public Table head(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n) {
        Objects.requireNonNull(table, "table == null");
        int rows = table.rowCount();
        int count = n == null ? DEFAULT_ROWS : n;
        int end = count >= 0 ? Math.min(count, rows) : Math.max(0, rows + count);
        return slice(table, 0, end);
    }

    /** The last {@code n} rows, like pandas' {@code df.tail(n)}; a negative {@code n} drops the first {@code -n}. */
    @Tool(
            name = "tail",
            value = "The last n rows of a table, like pandas DataFrame.tail. A negative n gives all rows except "
                    + "the first -n.")
    public Table tail(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n) {
        Objects.requireNonNull(table, "table == null");
        int rows = table.rowCount();
        int count = n == null ? DEFAULT_ROWS : n;
        int start = count >= 0 ? Math.max(0, rows - count) : Math.min(rows, -count);
        return slice(table, start, rows);
    }

    /** {@code [rows, columns]}, like pandas' {@code df.shape}. */
    @Tool(name = "shape", value = "The number of rows and columns of a table, as [rows, columns], like pandas "
            + "DataFrame.shape.")
    public List<Integer> shape(@P(name = "table", value = "the table, e.g. #E1") Table table) {
        Objects.requireNonNull(table, "table == null");
        return List.of(table.rowCount(), table.columnCount());
    }

    /** The column names in order, like pandas' {@code list(df.columns)}. */
    @Tool(name = "columns", value = "The column names of a table, in order, like pandas DataFrame.columns.")
    public List<String> columns(@P(name = "table", value = "the table, e.g. #E1") Table table) {
        Objects.requireNonNull(table, "table == null");
        return List.copyOf(table.columnNames());
    }

    /**
     * The rows sorted by the {@code by} columns, like pandas' {@code df.sort_values(by, ascending=…,
     * kind="stable")}: ties keep their order and missing values come last whatever the direction.
     */
    @Tool(
            name = "sort_values",
            value = "Sort the rows of a table by one or more columns, like pandas DataFrame.sort_values. The sort "
                    + "is stable (ties keep their order); missing values come last.")
    public Table sortValues(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "by", value = "the columns to sort by, most significant first, e.g. [\"revenue\"]")
                    List<String> by,
            @P(
                            name = "ascending",
                            value = "true for ascending, false for descending: one value for all columns or one "
                                    + "per column, e.g. [false]; default [true]",
                            required = false)
                    @Nullable List<Boolean> ascending) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(by, "by == null");
        if (by.isEmpty()) {
            throw new DataOpsException(
                    "sort_values needs at least one column in by; columns: " + Columns.list(table));
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String name : by) {
            keys.add(Columns.named(table, name));
        }
        List<Boolean> directions = directions(ascending, by.size());
        int[] order = Sorting.order(keys, directions, table.rowCount());
        return Sorting.pick(table, nameOf(table), order);
    }

    /**
     * Groups rows by the {@code by} columns and aggregates, like pandas' {@code df.groupby(by).agg(aggregations)}
     * with the result's columns flattened to {@code <column>_<function>} after the keys. Rows with a missing key are
     * dropped; groups come sorted by key; aggregations skip missing values.
     */
    @Tool(
            name = "groupby_agg",
            value = "Group the rows of a table by key columns and aggregate other columns, like pandas "
                    + "df.groupby(by).agg({...}). Functions: sum, mean, median, min, max, count, size, nunique, "
                    + "std, var, first, last. The result has the key columns first, then one column per "
                    + "column and function named <column>_<function>, e.g. revenue_sum; one row per group, "
                    + "sorted by key. Missing values are skipped; rows with a missing key are dropped.")
    public Table groupbyAgg(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "by", value = "the key columns to group by, e.g. [\"region\"]") List<String> by,
            @P(
                            name = "aggregations",
                            value = "for each column to aggregate, the functions to apply, e.g. "
                                    + "{\"revenue\": [\"sum\", \"mean\"], \"units\": [\"sum\"]}")
                    Map<String, List<String>> aggregations) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(by, "by == null");
        Objects.requireNonNull(aggregations, "aggregations == null");
        String name = nameOf(table).isEmpty() ? "" : nameOf(table) + " grouped by " + String.join(", ", by);
        return GroupBy.aggregate(table, by, aggregations, name);
    }

    /**
     * The rows where {@code expr} is true, in their order, like pandas' {@code df.query(expr)}; see {@link
     * Expression} for the language. No matching row gives an empty table with the same columns.
     *
     * @throws ExpressionException for a syntax error, an unknown column or function, or mismatched types
     */
    @Tool(
            name = "filter",
            value = "Keep the rows of a table where a condition is true, like pandas df.query(expr). Example: "
                    + "amount > 100 and region in (\"North\", \"South\") and not isnull(price). Operators: "
                    + "== != < <= > >= and or not in, + - * / %. Text in quotes, column names with spaces in "
                    + "backquotes (`unit price`), dates as date(\"2024-01-31\"). Functions: isnull, notnull, "
                    + "contains(col, \"x\"), startswith, endswith, lower, upper, len, abs, round(x, 2). "
                    + "Comparisons with missing values are false.")
    public Table filter(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "expr", value = "the condition, e.g. revenue > 1000 and region == \"North\"") String expr) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(expr, "expr == null");
        Table result = table.where(Expression.parse(expr).select(table));
        result.setName(nameOf(table));
        return result;
    }

    /**
     * A copy of {@code table} with a column computed by {@code expr}, like pandas' {@code df.assign(column=df.eval(
     * expr))}: an existing column of that name is replaced in place, a new one goes last. See {@link Expression}.
     *
     * @throws ExpressionException for a syntax error, an unknown column or function, or mismatched types
     */
    @Tool(
            name = "assign",
            value = "Add a column computed from other columns, like pandas df.assign(column=df.eval(expr)); a "
                    + "column of the same name is replaced. Example: column \"net\", expr price * units * "
                    + "(1 - discount). Operators: + - * / % (int / int gives float), comparisons and and/or/not "
                    + "give True/False; functions: lower, upper, len, abs, round(x, 2), isnull, notnull, contains. "
                    + "Arithmetic with a missing value gives a missing value.")
    public Table assign(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the name of the new column, e.g. \"net\"") String column,
            @P(name = "expr", value = "the formula, e.g. price * units") String expr) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        Objects.requireNonNull(expr, "expr == null");
        if (column.isBlank()) {
            throw new DataOpsException("the new column needs a name, e.g. \"net\"; columns: " + Columns.list(table));
        }
        for (String existing : table.columnNames()) {
            if (!existing.equals(column) && existing.equalsIgnoreCase(column)) {
                // Tablesaw, unlike pandas, will not hold two names that differ only in case
                throw new DataOpsException("column '" + column + "' would clash with '" + existing + "': names "
                        + "that differ only in case cannot both be used; pick another name or write '" + existing
                        + "' to replace it", column, null);
            }
        }
        Column<?> computed = Expression.parse(expr).evaluate(table, column);
        Table result = Table.create(nameOf(table));
        boolean replaced = false;
        for (Column<?> existing : table.columns()) {
            if (existing.name().equals(column)) {
                result.addColumns(computed);
                replaced = true;
            } else {
                result.addColumns(existing.copy());
            }
        }
        if (!replaced) {
            result.addColumns(computed);
        }
        return result;
    }

    private static List<Boolean> directions(@Nullable List<Boolean> ascending, int keys) {
        if (ascending == null || ascending.isEmpty()) {
            return Collections.nCopies(keys, true);
        }
        for (Boolean direction : ascending) {
            if (direction == null) {
                throw new DataOpsException("ascending holds null; pass true or false, e.g. [false]");
            }
        }
        if (ascending.size() == 1) {
            return Collections.nCopies(keys, ascending.get(0));
        }
        if (ascending.size() != keys) {
            throw new DataOpsException("ascending has " + ascending.size() + " values but by has " + keys
                    + " columns; pass one value for all columns or one per column");
        }
        return List.copyOf(ascending);
    }

    private static char separator(@Nullable String sep) {
        if (sep == null) {
            return ',';
        }
        String unescaped = sep.equals("\\t") ? "\t" : sep;
        if (unescaped.length() != 1) {
            throw new DataOpsException("sep must be a single character but was '" + sep + "'; e.g. \",\", \";\" or "
                    + "\"\\t\"");
        }
        return unescaped.charAt(0);
    }

    private static Table slice(Table table, int start, int end) {
        int[] rows = new int[Math.max(0, end - start)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = start + i;
        }
        return Sorting.pick(table, nameOf(table), rows);
    }

    private static String nameOf(Table table) {
        String name = table.name();
        return name == null ? "" : name;
    }
}
