package dev.pev4j.tools.data;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.ExpressionException;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * <p>Where this differs from pandas, on purpose (agent-tools/README.md has the full table, "Where DataOps differs
 * from pandas"):
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
 *   <li>{@code read_csv} trims spaces around cells and rejects duplicate header names and rows with a different
 *       number of cells (pandas renames {@code a.1} and pads short rows).
 *   <li>Results pandas keeps in a row index ({@code describe}, {@code corr}, {@code info}, {@code value_counts},
 *       {@code pivot_table}) are flat tables with the labels in a first column.
 *   <li>{@code sample} is seeded with {@code java.util.Random}: the same seed gives the same rows, not pandas' rows.
 *   <li>{@code plot} writes a self-contained plotly HTML page (plotly.js inline), not a matplotlib image.
 * </ul>
 */
public final class DataOps implements Toolkit {

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
        return Sorting.pick(table, nameOf(table), Expression.parse(expr).select(table).toArray());
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
        checkNoCaseClash(table, column);
        return putColumn(table, Expression.parse(expr).evaluate(table, column));
    }

    // ---- I/O ---------------------------------------------------------------------------------------------------

    /** {@link #readJson(String, Boolean)} of an array of records. */
    public Table readJson(String path) {
        return readJson(path, null);
    }

    /**
     * Reads a JSON file of records ({@code [{"region": "N", "units": 3}, …]}) from the workspace, like pandas'
     * {@code read_json(path, orient="records")}: columns in order of first appearance; int64, float64, bool or text.
     */
    @Tool(
            name = "read_json",
            value = "Read a JSON file of records from the workspace into a table, like pandas.read_json(path, "
                    + "orient=\"records\"). The file holds [{\"column\": value, ...}, ...]; a key missing from a "
                    + "record or null is a missing value. Dates stay text: convert them with to_datetime.")
    public Table readJson(
            @P(name = "path", value = "file path relative to the workspace, e.g. \"orders.json\"") String path,
            @P(name = "lines", value = "true when the file holds one JSON object per line (JSON Lines); default false",
                            required = false)
                    @Nullable Boolean lines) {
        Objects.requireNonNull(path, "path == null");
        Path file = workspace.resolve(path);
        if (Files.isDirectory(file)) {
            throw new DataOpsException("'" + path + "' is a directory, not a JSON file; files: "
                    + String.join(", ", workspace.list()));
        }
        return JsonIo.read(file, path, lines != null && lines);
    }

    /**
     * Writes {@code table} to a CSV file of the workspace, like pandas' {@code df.to_csv(path, index=False)}, atomically
     * and never over an existing file unless {@code overwrite}; returns the path written, relative to the workspace.
     */
    @Tool(
            name = "write_csv",
            value = "Save a table as a CSV file in the workspace, like pandas df.to_csv(path, index=False): a header "
                    + "line, comma-separated, missing values empty. An existing file is only replaced with "
                    + "overwrite=true. Returns the path written.")
    public String writeCsv(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.csv\"") String path,
            @P(name = "overwrite", value = "whether an existing file may be replaced; default false", required = false)
                    @Nullable Boolean overwrite) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(path, "path == null");
        workspace.writeAtomically(path, out -> CsvWriting.write(table, out), overwrite != null && overwrite);
        return path;
    }

    /**
     * Writes {@code table} as JSON records, like pandas' {@code df.to_json(path, orient="records")} but with floats at
     * full precision, ISO date-times and unescaped UTF-8; atomic, no silent overwrite; returns the path written.
     */
    @Tool(
            name = "write_json",
            value = "Save a table as a JSON file of records in the workspace, like pandas df.to_json(path, "
                    + "orient=\"records\"): [{\"column\": value, ...}, ...], missing values null, dates as ISO "
                    + "text. An existing file is only replaced with overwrite=true. Returns the path written.")
    public String writeJson(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.json\"") String path,
            @P(name = "overwrite", value = "whether an existing file may be replaced; default false", required = false)
                    @Nullable Boolean overwrite) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(path, "path == null");
        workspace.writeAtomically(path, out -> JsonIo.write(table, out), overwrite != null && overwrite);
        return path;
    }

    // ---- Inspect -----------------------------------------------------------------------------------------------

    /** One row per column: {@code column}, {@code non_null_count}, {@code dtype}, like pandas' {@code df.info()}. */
    @Tool(
            name = "info",
            value = "Describe the columns of a table, like pandas df.info(): one row per column with its name "
                    + "(column), how many values are present (non_null_count) and its dtype (int64, float64, bool, "
                    + "object for text, datetime64[ns]).")
    public Table info(@P(name = "table", value = "the table, e.g. #E1") Table table) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.info(table, nameOf(table));
    }

    /**
     * Summary statistics, like pandas' {@code df.describe()}: a first column {@code statistic} naming the rows, then
     * one column per described column. By default (as pandas) the numeric columns with count, mean, std (ddof=1),
     * min, 25%, 50%, 75% (linear interpolation) and max, or the text columns with count, unique, top and freq when
     * there is no numeric one; {@code include="all"} describes every column (pandas' {@code include='all'}), the
     * numeric ones as float64, missing where a statistic does not apply. Booleans and dates are described like text.
     * A text column's count, unique and freq are numbers (int64), as in pandas; its top value, which pandas keeps in
     * the same object column, goes to a text column {@code <column>_top} beside it, filled on the {@code top} row.
     */
    @Tool(
            name = "describe",
            value = "Summary statistics of a table, like pandas df.describe(). The result has a column "
                    + "\"statistic\" (count, mean, std, min, 25%, 50%, 75%, max) and one column per numeric "
                    + "column; text columns get count, unique, freq as numbers and their most frequent value in "
                    + "a column \"<column>_top\". Missing values are skipped.")
    public Table describe(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(
                            name = "include",
                            value = "\"number\" (default): numeric columns only; \"all\": every column",
                            required = false)
                    @Nullable String include) {
        Objects.requireNonNull(table, "table == null");
        return Statistics.describe(table, include, nameOf(table));
    }

    /** The distinct values of a column in order of first appearance, like pandas' {@code df[column].unique()}. */
    @Tool(
            name = "unique",
            value = "The distinct values of one column in order of first appearance, like pandas "
                    + "df[column].unique(). A missing value appears once, as null.")
    public List<@Nullable Object> unique(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return Inspect.unique(Columns.named(table, column));
    }

    /** The number of distinct present values per column, like pandas' {@code df.nunique()}. */
    @Tool(
            name = "nunique",
            value = "The number of distinct values in each column, like pandas df.nunique(); missing values are "
                    + "not counted. Returns {column: count}.")
    public Map<String, Long> nunique(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "columns", value = "the columns to count; default all", required = false)
                    @Nullable List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.nunique(Cleaning.subset(table, columns));
    }

    /**
     * How often each value of a column occurs, like pandas' {@code df[column].value_counts(normalize, dropna)}: the
     * values (a column named as the input) and {@code count}, or {@code proportion} when normalized; most frequent
     * first, ties in order of first appearance.
     */
    @Tool(
            name = "value_counts",
            value = "Count how often each value of a column occurs, like pandas df[column].value_counts(). The "
                    + "result has the column's values and a column \"count\" (or \"proportion\", the share of "
                    + "rows, with normalize=true), most frequent first. Missing values are not counted unless "
                    + "dropna=false.")
    public Table valueCounts(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column,
            @P(name = "normalize", value = "true for proportions that sum to 1 instead of counts; default false",
                            required = false)
                    @Nullable Boolean normalize,
            @P(name = "dropna", value = "false to count missing values too; default true", required = false)
                    @Nullable Boolean dropna) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return Inspect.valueCounts(
                Columns.named(table, column), normalize != null && normalize, dropna == null || dropna,
                nameOf(table));
    }

    /** The number of missing values per column, like pandas' {@code df.isnull().sum()}. */
    @Tool(
            name = "isnull",
            value = "Count the missing values in each column, like pandas df.isnull().sum(). Returns {column: "
                    + "count}.")
    public Map<String, Long> isnull(@P(name = "table", value = "the table, e.g. #E1") Table table) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.isnull(table);
    }

    /** Pearson correlations of the numeric and bool columns, like pandas' {@code df.corr()}. */
    @Tool(
            name = "corr",
            value = "Pearson correlation between every pair of numeric columns, like pandas df.corr(). The result "
                    + "has a column \"column\" naming the rows and one column per numeric column. Each pair uses "
                    + "the rows where both values are present.")
    public Table corr(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "method", value = "\"pearson\", the only method; default \"pearson\"", required = false)
                    @Nullable String method) {
        Objects.requireNonNull(table, "table == null");
        return Statistics.corr(table, method, nameOf(table));
    }

    // ---- Reshape -----------------------------------------------------------------------------------------------

    /** The named columns in the order given, like pandas' {@code df[columns]}. */
    @Tool(name = "select", value = "Keep only some columns of a table, in the order given, like pandas "
            + "df[[\"a\", \"b\"]].")
    public Table select(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "columns", value = "the columns to keep, e.g. [\"region\", \"revenue\"]") List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.select(table, columns, nameOf(table));
    }

    /** All columns except the named ones, like pandas' {@code df.drop(columns=columns)}. */
    @Tool(name = "drop", value = "Remove columns from a table, like pandas df.drop(columns=[...]).")
    public Table drop(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "columns", value = "the columns to remove, e.g. [\"id\"]") List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.drop(table, columns, nameOf(table));
    }

    /** Columns renamed, like pandas' {@code df.rename(columns=mapping)}; an unknown old name is an error. */
    @Tool(name = "rename", value = "Rename columns, like pandas df.rename(columns={\"old\": \"new\"}). The other "
            + "columns keep their names and the order stays the same.")
    public Table rename(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "columns", value = "old name to new name, e.g. {\"rev\": \"revenue\"}")
                    Map<String, String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.rename(table, columns, nameOf(table));
    }

    /**
     * A spreadsheet-style pivot, like pandas' {@code df.pivot_table(index, columns, values, aggfunc).reset_index()}
     * with flat column names: the index columns, then one column per distinct value of {@code columns}, sorted and
     * named by the value ({@code 2023}, {@code North}); see {@link Reshape#pivotTable}.
     */
    @Tool(
            name = "pivot_table",
            value = "Pivot a table like pandas df.pivot_table(index=..., columns=..., values=..., aggfunc=...). "
                    + "One row per index value (sorted), one column per distinct value of the columns column "
                    + "(sorted, named by the value, e.g. \"2023\"), each cell the aggregate of values. aggfunc: "
                    + "mean (default), sum, count, size, min, max, median, nunique, std, var, first, last. "
                    + "Combinations without rows are missing.")
    public Table pivotTable(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "index", value = "the column(s) whose values become rows, e.g. [\"region\"]") List<String> index,
            @P(name = "columns", value = "the column whose values become columns, e.g. \"year\"") String columns,
            @P(name = "values", value = "the column to aggregate, e.g. \"revenue\"") String values,
            @P(name = "aggfunc", value = "the aggregation; default \"mean\"", required = false)
                    @Nullable String aggfunc) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(index, "index == null");
        Objects.requireNonNull(columns, "columns == null");
        Objects.requireNonNull(values, "values == null");
        return Reshape.pivotTable(table, index, columns, values, aggfunc == null ? "mean" : aggfunc, nameOf(table));
    }

    /**
     * Joins two tables on key columns, like pandas' {@code pd.merge(left, right, on, how, suffixes)}, rows in pandas'
     * order: {@code left} in the left table's order; {@code right} in the right's; {@code inner} and {@code outer}
     * grouped by key in order of first appearance in the left table (outer: then the right's other keys). Missing
     * keys match each other, as in pandas.
     */
    @Tool(
            name = "merge",
            value = "Join two tables on key columns, like pandas pd.merge(left, right, on=[...], how=...). how: "
                    + "inner (default, only keys in both), left (all left rows), right (all right rows), outer "
                    + "(all rows). Other columns with the same name get the suffixes, default _x and _y. Rows "
                    + "without a match get missing values.")
    public Table merge(
            @P(name = "left", value = "the left table, e.g. #E1") Table left,
            @P(name = "right", value = "the right table, e.g. #E2") Table right,
            @P(name = "on", value = "the key column(s), present in both tables, e.g. [\"customer_id\"]")
                    List<String> on,
            @P(name = "how", value = "inner, left, right or outer; default inner", required = false)
                    @Nullable String how,
            @P(name = "suffixes", value = "two suffixes for clashing column names; default [\"_x\", \"_y\"]",
                            required = false)
                    @Nullable List<String> suffixes) {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        Objects.requireNonNull(on, "on == null");
        return Merging.merge(
                left, right, on, how == null ? "inner" : how.strip(),
                suffixes == null ? List.of("_x", "_y") : suffixes, nameOf(left));
    }

    /** The rows of several tables one after the other, like pandas' {@code pd.concat(tables, ignore_index=True)}. */
    @Tool(
            name = "concat",
            value = "Stack tables on top of each other, like pandas pd.concat([...], ignore_index=True). The "
                    + "result has every column of any table (in order of first appearance); a table without a "
                    + "column gets missing values there.")
    public Table concat(@P(name = "tables", value = "the tables, e.g. [#E1, #E2]") List<Table> tables) {
        Objects.requireNonNull(tables, "tables == null");
        return Reshape.concat(tables, tables.isEmpty() ? "" : nameOf(tables.get(0)));
    }

    // ---- Cleaning ----------------------------------------------------------------------------------------------

    /** Rows without repeats, like pandas' {@code df.drop_duplicates(subset, keep)}. */
    @Tool(
            name = "drop_duplicates",
            value = "Remove repeated rows, like pandas df.drop_duplicates(subset=..., keep=...). Rows count as "
                    + "repeats when equal in the subset columns (default all); missing values equal each other. "
                    + "keep: \"first\" (default) keeps the first of each, \"last\" the last, \"none\" drops all "
                    + "repeated rows (pandas keep=False).")
    public Table dropDuplicates(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "subset", value = "the columns to compare; default all", required = false)
                    @Nullable List<String> subset,
            @P(name = "keep", value = "\"first\", \"last\" or \"none\"; default \"first\"", required = false)
                    @Nullable String keep) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.dropDuplicates(table, subset, keep, nameOf(table));
    }

    /** Rows without missing values, like pandas' {@code df.dropna(how, subset)}. */
    @Tool(
            name = "dropna",
            value = "Remove rows with missing values, like pandas df.dropna(how=..., subset=...). how \"any\" "
                    + "(default) drops a row with any missing value in the subset columns (default all), \"all\" "
                    + "only a row where they are all missing.")
    public Table dropna(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "how", value = "\"any\" or \"all\"; default \"any\"", required = false) @Nullable String how,
            @P(name = "subset", value = "the columns to look at; default all", required = false)
                    @Nullable List<String> subset) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.dropna(table, how, subset, nameOf(table));
    }

    /**
     * Missing values filled, like pandas' {@code df.fillna(value)}, {@code df.fillna(df.mean())} or {@code
     * df.ffill()}; see {@link Cleaning#fillna}. Filling an int64 column with its mean or median makes it float64.
     */
    @Tool(
            name = "fillna",
            value = "Fill missing values, like pandas df.fillna(...). Give either value (a number, a text, true/"
                    + "false, or {\"column\": value}) or method: mean or median (of each numeric column), ffill "
                    + "(the previous present value) or bfill (the next one). Without columns, a value fills the "
                    + "columns of its type.")
    public Table fillna(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "value", value = "the fill value, e.g. 0 or \"unknown\" or {\"price\": 0}", required = false)
                    @Nullable Object value,
            @P(name = "method", value = "mean, median, ffill or bfill", required = false) @Nullable String method,
            @P(name = "columns", value = "the columns to fill; default all that fit", required = false)
                    @Nullable List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.fillna(table, value, method, columns, nameOf(table));
    }

    /** Columns converted, like pandas' {@code df.astype({column: dtype})}; missing values stay missing. */
    @Tool(
            name = "astype",
            value = "Convert columns to another type, like pandas df.astype({\"column\": \"int64\"}). dtypes: "
                    + "int64 (whole numbers; floats are truncated), float64, str (text), bool (numbers: 0 is False;"
                    + " text: True/False), datetime64[ns] (as to_datetime). Missing values stay missing.")
    public Table astype(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "dtype", value = "column to new dtype, e.g. {\"year\": \"int64\", \"zip\": \"str\"}")
                    Map<String, String> dtype) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(dtype, "dtype == null");
        return Cleaning.astype(table, dtype, nameOf(table));
    }

    // ---- Dates -------------------------------------------------------------------------------------------------

    /** A text column parsed as date-times in place, like pandas' {@code df[column] = pd.to_datetime(df[column])}. */
    @Tool(
            name = "to_datetime",
            value = "Convert a text column to dates in place, like df[column] = pd.to_datetime(df[column], "
                    + "format=...). Without format it reads 2024-01-31, 2024-01-31 13:45:00, 2024/01/31 and "
                    + "month-first 01/31/2024; otherwise give a strftime format such as \"%d.%m.%Y\".")
    public Table toDatetime(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the column to convert, e.g. \"order_date\"") String column,
            @P(name = "format", value = "strftime format, e.g. \"%d/%m/%Y %H:%M\"; default: guessed",
                            required = false)
                    @Nullable String format) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return putColumn(table, Datetimes.toDatetime(Columns.named(table, column), format));
    }

    /** A date part as a new int64 column, like pandas' {@code df[name] = df[column].dt.<part>}. */
    @Tool(
            name = "dt_part",
            value = "Add a column with a part of a date column, like df[name] = df[column].dt.year. Parts: year, "
                    + "month, day, hour, minute, second, weekday (Monday=0 … Sunday=6), dayofyear, quarter. The "
                    + "column must be a date (use to_datetime first).")
    public Table dtPart(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the date column, e.g. \"order_date\"") String column,
            @P(name = "part", value = "year, month, day, hour, minute, second, weekday, dayofyear or quarter")
                    String part,
            @P(name = "name", value = "the new column's name; default <column>_<part>, e.g. order_date_year",
                            required = false)
                    @Nullable String name) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        Objects.requireNonNull(part, "part == null");
        String output = name == null || name.isBlank() ? column + "_" + part.strip().toLowerCase(Locale.ROOT) : name;
        Column<?> source = Columns.named(table, column);
        checkNoCaseClash(table, output);
        return putColumn(table, Datetimes.part(source, part, output));
    }

    // ---- Picking rows ------------------------------------------------------------------------------------------

    /** The {@code n} rows with the largest values, like pandas' {@code df.nlargest(n, columns, keep="first")}. */
    @Tool(
            name = "nlargest",
            value = "The n rows with the largest values in a column, largest first, like pandas df.nlargest(n, "
                    + "columns). Ties keep their original order; rows with a missing value are left out.")
    public Table nlargest(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"revenue\"]") List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Picking.extremes(table, n, columns, true, nameOf(table));
    }

    /** The {@code n} rows with the smallest values, like pandas' {@code df.nsmallest(n, columns, keep="first")}. */
    @Tool(
            name = "nsmallest",
            value = "The n rows with the smallest values in a column, smallest first, like pandas "
                    + "df.nsmallest(n, columns). Ties keep their original order; rows with a missing value are "
                    + "left out.")
    public Table nsmallest(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"price\"]") List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Picking.extremes(table, n, columns, false, nameOf(table));
    }

    /**
     * Random rows without replacement, like pandas' {@code df.sample(n, frac, random_state)}: the same seed gives the
     * same rows, but not the rows pandas' generator would pick. The default seed is 0.
     */
    @Tool(
            name = "sample",
            value = "Random rows of a table, like pandas df.sample(n=..., frac=..., random_state=...): n rows, or "
                    + "a fraction frac of them (default 1 row), without repeats. The same random_state gives the "
                    + "same rows.")
    public Table sample(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "n", value = "how many rows", required = false) @Nullable Integer n,
            @P(name = "frac", value = "the share of rows, between 0 and 1, e.g. 0.1", required = false)
                    @Nullable Double frac,
            @P(name = "random_state", value = "the seed; default 0", required = false) @Nullable Long randomState) {
        Objects.requireNonNull(table, "table == null");
        return Picking.sample(table, n, frac, randomState == null ? 0 : randomState, nameOf(table));
    }

    // ---- Windows -----------------------------------------------------------------------------------------------

    /** A running total as a new column, like pandas' {@code df[name] = df[column].cumsum()}. */
    @Tool(
            name = "cumsum",
            value = "Add a running total of a numeric column, like df[name] = df[column].cumsum(). Missing values "
                    + "stay missing and the total carries on after them.")
    public Table cumsum(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the numeric column, e.g. \"revenue\"") String column,
            @P(name = "name", value = "the new column's name; default <column>_cumsum", required = false)
                    @Nullable String name) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        String output = name == null || name.isBlank() ? column + "_cumsum" : name;
        Column<?> source = Columns.named(table, column);
        checkNoCaseClash(table, output);
        return putColumn(table, Windows.cumsum(source, output));
    }

    /** A moving mean or sum as a new float64 column, like pandas' {@code df[column].rolling(window).mean()}. */
    @Tool(
            name = "rolling",
            value = "Add a moving average or moving sum of a numeric column, like df[name] = "
                    + "df[column].rolling(window, min_periods).mean() (or .sum()). Each row uses itself and the "
                    + "window-1 rows before it; the first window-1 rows are missing unless min_periods is smaller.")
    public Table rolling(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "column", value = "the numeric column, e.g. \"sales\"") String column,
            @P(name = "window", value = "the number of rows in each window, e.g. 7") int window,
            @P(name = "func", value = "\"mean\" (default) or \"sum\"", required = false) @Nullable String func,
            @P(name = "min_periods", value = "how many present values a window needs; default the window",
                            required = false)
                    @Nullable Integer minPeriods,
            @P(name = "name", value = "the new column's name; default <column>_rolling_<func>", required = false)
                    @Nullable String name) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        String f = func == null ? "mean" : func.strip().toLowerCase(Locale.ROOT);
        String output = name == null || name.isBlank() ? column + "_rolling_" + f : name;
        Column<?> source = Columns.named(table, column);
        checkNoCaseClash(table, output);
        return putColumn(table, Windows.rolling(source, window, minPeriods, f, output));
    }

    // ---- Plotting ----------------------------------------------------------------------------------------------

    /**
     * Draws a chart into an HTML file of the workspace, like pandas' {@code df.plot(kind, x, y)}, written atomically;
     * returns the path written. The page is self-contained: the data, the chart and plotly.js itself are inline.
     */
    @Tool(
            name = "plot",
            value = "Draw a chart of a table into an HTML file in the workspace, like pandas df.plot(kind=..., "
                    + "x=..., y=...). kind: bar (a bar per x value), line, scatter (x and y numeric) or hist (a "
                    + "histogram of the numeric column x; no y). Rows with missing values are left out. Returns "
                    + "the path written.")
    public String plot(
            @P(name = "table", value = "the table, e.g. #E1") Table table,
            @P(name = "kind", value = "bar, line, scatter or hist") String kind,
            @P(name = "x", value = "the column for the x axis (for hist: the column to count)") String x,
            @P(name = "y", value = "the numeric column for the y axis; not for hist", required = false)
                    @Nullable String y,
            @P(name = "path", value = "the HTML file to write, relative to the workspace, e.g. \"revenue.html\"")
                    String path,
            @P(name = "title", value = "the chart's title; default \"<y> by <x>\"", required = false)
                    @Nullable String title,
            @P(name = "overwrite", value = "whether an existing file may be replaced; default false", required = false)
                    @Nullable Boolean overwrite) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(x, "x == null");
        Objects.requireNonNull(path, "path == null");
        if (!path.toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new DataOpsException("plot writes an HTML page, so path must end with .html but was '" + path + "'");
        }
        byte[] html = Plotting.html(table, kind, x, y, title).getBytes(StandardCharsets.UTF_8);
        workspace.writeAtomically(path, html, overwrite != null && overwrite);
        return path;
    }

    // ---- Context for the planner -------------------------------------------------------------------------------

    /**
     * The data files of the workspace (.csv, .tsv, .json, .jsonl; at most {@value DataContext#MAX_FILES}) with their
     * columns and pandas dtypes guessed from the first {@value DataContext#SAMPLE_ROWS} rows, for a planner's prompt:
     *
     * <pre>
     * Data files in the workspace (columns with pandas dtypes, guessed from the first 100 rows):
     * - sales.csv: region (object), units (int64), revenue (float64)
     * </pre>
     */
    @Override
    public String context() {
        return DataContext.describe(workspace);
    }

    /**
     * Example tasks with plans in DataOps' own tools and their argument forms (a map of aggregations, an expression,
     * named options) and criteria in the check language, from the resource {@code planner-examples-v1.txt}; the
     * planner shows them instead of its generic examples.
     */
    @Override
    public String examples() {
        return Examples.TEXT;
    }

    /** Reads the examples once. */
    private static final class Examples {
        static final String TEXT = load();

        private static String load() {
            try (var in = DataOps.class.getResourceAsStream("planner-examples-v1.txt")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource dev/pev4j/tools/data/planner-examples-v1.txt is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Tables are previewed as their shape, columns with pandas dtypes and first rows. */
    @Override
    public List<ValuePreviewer> previewers() {
        return List.of(new TablePreviewer());
    }

    /** Tables are shown to the tester's checks ({@code rows(#E2) > 0}, {@code sorted(#E3, "x", "desc")}). */
    @Override
    public List<EvidenceInspector> inspectors() {
        return List.of(new TableInspector());
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

    /** Fails when {@code column} differs from an existing name only in case (Tablesaw cannot hold both). */
    private static void checkNoCaseClash(Table table, String column) {
        for (String existing : table.columnNames()) {
            if (!existing.equals(column) && existing.equalsIgnoreCase(column)) {
                throw new DataOpsException("column '" + column + "' would clash with '" + existing + "': names "
                        + "that differ only in case cannot both be used; pick another name or write '" + existing
                        + "' to replace it", column, null);
            }
        }
    }

    /** A copy of {@code table} with {@code computed} replacing the column of its name in place, or added last. */
    private static Table putColumn(Table table, Column<?> computed) {
        Table result = Table.create(nameOf(table));
        boolean replaced = false;
        for (Column<?> existing : table.columns()) {
            if (existing.name().equals(computed.name())) {
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

    private static String nameOf(Table table) {
        String name = table.name();
        return name == null ? "" : name;
    }
}
