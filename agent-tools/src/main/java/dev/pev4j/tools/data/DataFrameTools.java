package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.ParamDescriptions.GROUP_COLUMNS;
import static dev.pev4j.tools.data.ParamDescriptions.NAME_IN_PLACE;
import static dev.pev4j.tools.data.ParamDescriptions.OVERWRITE;
import static dev.pev4j.tools.data.ParamDescriptions.TABLE;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.tool.SideEffects;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.ExpressionException;
import dev.pev4j.tools.workspace.Workspace;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;

/**
 * DataOps' tools, declared once for every engine: the pandas names, descriptions and parameters the planner sees, as
 * LangChain4j {@code @Tool}/{@code @P} annotations on this interface. {@link DataOps} implements it over Tablesaw
 * tables ({@code F} is {@link Table}), {@link SqlDataOps} over lazy relations on DuckDB or Spark
 * ({@code F} is {@link Relation}); the tool registry finds each tool through the type variable. A description says
 * where an engine differs from pandas or from the other engines ("On DuckDB and Spark: ..."). Also hosts, once for
 * both engines, the Java conveniences that are not tools: overloads without the optional parameters, the keyword
 * overloads ({@link #kw}, bound as a plan's arguments are) and the ordered aggregations ({@link #agg}).
 *
 * <pre>{@code
 * DataFrameTools<?> data = DataOps.in(workspace);             // or SqlDataOps.open(workspace, Engine.duckdb())
 * }</pre>
 *
 * <p>Its tools are declared free of side effects ({@link SideEffects}), except those that write files
 * ({@code write_csv}, {@code write_json}, {@code to_parquet}, {@code plot}): a plan runs those in plan order and a replan never reuses
 * them. Implementations are thread-safe.
 *
 * @param <F> the engine's table type
 */
@SideEffects(false)
public sealed interface DataFrameTools<F> extends Toolkit permits DataOps, SqlDataOps {

    /** The Java type of this engine's tables: {@code Table} on Tablesaw, {@link Relation} on DuckDB and Spark. */
    Class<F> frameType();

    /** The workspace whose files the tools read and write. */
    Workspace workspace();

    // ---- How the engines share DataOps' implementation (not tools) ---------------------------------------------
    // A tool whose declaration below has a body runs DataOps' own implementation on its table in memory, through
    // these: DataOps overrides every tool (so on Tablesaw the bodies never run), a SQL engine overrides those it runs
    // in SQL, and a tool it does not override collects its table into the heap, runs DataOps', and copies the result
    // back (SqlDataOps.IN_MEMORY lists them; DataOpsAnnotationsTest checks both). The one exception, merge, only
    // resolves its defaults into a MergeSpec for merge(left, right, spec), which every engine implements.

    /** The Tablesaw tools over the same workspace: itself for {@link DataOps}. */
    DataOps tablesaw();

    /** A table of this engine with {@code table}'s rows: the table itself on Tablesaw, a relation over a copy on SQL. */
    F fromTable(Table table);

    /**
     * {@code run} on the rows of {@code table} as a Tablesaw table: the table itself on Tablesaw; on a SQL engine the
     * rows collected into the heap, refused before anything is collected when they would not fit (the message names
     * {@code tool} and the table's size).
     */
    <T> T onHeap(String tool, F table, Function<Table, T> run);

    /** {@link #onHeap} of a tool whose result is a table, as a table of this engine again. */
    default F inMemory(String tool, F table, UnaryOperator<Table> run) {
        return fromTable(onHeap(tool, table, run));
    }

    /**
     * Reads a CSV file of the workspace as pandas' {@code read_csv} does: UTF-8, first line the header, pandas'
     * missing-value markers, and per column the type pandas would infer (int64, float64, bool, else text).
     */
    @Tool(
            name = "read_csv",
            value = "Read a CSV file from the workspace into a table, like pandas.read_csv. Whole-number columns "
                    + "become int64, decimal ones float64, True/False bool, the rest text (object). Empty cells and "
                    + "NA, N/A, NaN, null, None are missing values. On DuckDB and Spark the file is read in place, "
                    + "lazily, and may be larger than memory (DuckDB guesses the types from a sample of rows).")
    F readCsv(
            @P(name = "path", value = "file path relative to the workspace, e.g. \"sales.csv\"") String path,
            @P(name = "sep", value = "column delimiter, one character; default \",\"", required = false) @Nullable
                    String sep,
            @P(
                            name = "na_values",
                            value = "extra cell texts to read as missing, added to pandas' defaults "
                                    + "(\"\", \"NA\", \"N/A\", \"NaN\", \"null\", \"None\" …)",
                            required = false)
                    @Nullable
                    List<String> naValues,
            @P(
                            name = "header",
                            value = "whether the first line holds the column names; default true (false names "
                                    + "the columns 0, 1, 2 …)",
                            required = false)
                    @Nullable
                    Boolean header);

    /** The first {@code n} rows, like pandas' {@code df.head(n)}; a negative {@code n} drops the last {@code -n}. */
    @Tool(
            name = "head",
            value = "The first n rows of a table, like pandas DataFrame.head. A negative n gives all rows except "
                    + "the last -n.")
    F head(
            @P(name = "table", value = TABLE) F table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n);

    /** The last {@code n} rows, like pandas' {@code df.tail(n)}; a negative {@code n} drops the first {@code -n}. */
    @Tool(
            name = "tail",
            value = "The last n rows of a table, like pandas DataFrame.tail. A negative n gives all rows except "
                    + "the first -n.")
    F tail(
            @P(name = "table", value = TABLE) F table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n);

    /** {@code [rows, columns]}, like pandas' {@code df.shape}. */
    @Tool(
            name = "shape",
            value = "The number of rows and columns of a table, as [rows, columns], like pandas " + "DataFrame.shape.")
    List<Long> shape(@P(name = "table", value = TABLE) F table);

    /** The column names in order, like pandas' {@code list(df.columns)}. */
    @Tool(name = "columns", value = "The column names of a table, in order, like pandas DataFrame.columns.")
    List<String> columns(@P(name = "table", value = TABLE) F table);

    /**
     * The rows sorted by the {@code by} columns, like pandas' {@code df.sort_values(by, ascending=…,
     * kind="stable")}: ties keep their order and missing values come last whatever the direction.
     */
    @Tool(
            name = "sort_values",
            value = "Sort the rows of a table by one or more columns, like pandas DataFrame.sort_values. The sort "
                    + "is stable (ties keep their order); missing values come last.")
    F sortValues(
            @P(name = "table", value = TABLE) F table,
            @P(name = "by", value = "the columns to sort by, most significant first, e.g. [\"revenue\"]")
                    List<String> by,
            @P(
                            name = "ascending",
                            value = "true for ascending, false for descending: one value for all columns or one "
                                    + "per column, e.g. [false]; default [true]",
                            required = false)
                    @Nullable
                    List<Boolean> ascending);

    /**
     * Groups rows by the {@code by} columns and aggregates, like pandas' {@code df.groupby(by).agg(aggregations)}
     * with the result's columns flattened to {@code <column>_<function>} after the keys. Rows with a missing key are
     * dropped; groups come sorted by key; aggregations skip missing values. The aggregated columns come in the
     * order of {@code aggregations}' iteration: from Java, pass a {@code LinkedHashMap} (or {@code TreeMap}), not
     * {@code Map.of}, whose order is unspecified.
     */
    @Tool(
            name = "groupby_agg",
            value = "Group the rows of a table by key columns and aggregate other columns, like pandas "
                    + "df.groupby(by).agg({...}). Functions: sum, mean, median, min, max, count, size, nunique, "
                    + "std, var, first, last. The result has the key columns first, then one column per "
                    + "column and function named <column>_<function>, e.g. revenue_sum; one row per group, "
                    + "sorted by key. Missing values are skipped; rows with a missing key are dropped.")
    F groupbyAgg(
            @P(name = "table", value = TABLE) F table,
            @P(name = "by", value = "the key columns to group by, e.g. [\"region\"]") List<String> by,
            @P(
                            name = "aggregations",
                            value = "for each column to aggregate, the functions to apply, e.g. "
                                    + "{\"revenue\": [\"sum\", \"mean\"], \"units\": [\"sum\"]}")
                    Map<String, List<String>> aggregations);

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
    F filter(
            @P(name = "table", value = TABLE) F table,
            @P(name = "expr", value = "the condition, e.g. revenue > 1000 and region == \"North\"") String expr);

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
                    + "give True/False; functions: lower, upper, len, abs, round(x, 2), isnull, notnull, contains, "
                    + "where(cond, a, b) (a where cond is true, else b; e.g. where(amount > 100, \"big\", "
                    + "\"small\")). Arithmetic with a missing value gives a missing value.")
    F assign(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the name of the new column, e.g. \"net\"") String column,
            @P(name = "expr", value = "the formula, e.g. price * units") String expr);

    /**
     * Reads a JSON file of records ({@code [{"region": "N", "units": 3}, …]}) from the workspace, like pandas'
     * {@code read_json(path, orient="records")}: columns in order of first appearance; int64, float64, bool or text.
     */
    @Tool(
            name = "read_json",
            value = "Read a JSON file of records from the workspace into a table, like pandas.read_json(path, "
                    + "orient=\"records\"). The file holds [{\"column\": value, ...}, ...]; a key missing from a "
                    + "record or null is a missing value. Dates stay text: convert them with to_datetime.")
    default F readJson(
            @P(name = "path", value = "file path relative to the workspace, e.g. \"orders.json\"") String path,
            @P(
                            name = "lines",
                            value = "true when the file holds one JSON object per line (JSON Lines); default false",
                            required = false)
                    @Nullable
                    Boolean lines) {
        return fromTable(tablesaw().readJson(path, lines));
    }

    /**
     * Writes {@code table} to a CSV file of the workspace, like pandas' {@code df.to_csv(path, index=False)}, atomically
     * and never over an existing file unless {@code overwrite}; returns the path written, relative to the workspace.
     */
    @SideEffects
    @Tool(
            name = "write_csv",
            value = "Save a table as a CSV file in the workspace, like pandas df.to_csv(path, index=False): a header "
                    + "line, comma-separated, missing values empty. An existing file is only replaced with "
                    + "overwrite=true. Returns the path written."
                    + " On DuckDB and Spark, bools are written true/false in lower case (pandas writes True/False).")
    String writeCsv(
            @P(name = "table", value = TABLE) F table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.csv\"") String path,
            @P(name = "overwrite", value = OVERWRITE, required = false) @Nullable Boolean overwrite);

    /**
     * Writes {@code table} as JSON records, like pandas' {@code df.to_json(path, orient="records")} but with floats at
     * full precision, ISO date-times and unescaped UTF-8; atomic, no silent overwrite; returns the path written.
     */
    @SideEffects
    @Tool(
            name = "write_json",
            value = "Save a table as a JSON file of records in the workspace, like pandas df.to_json(path, "
                    + "orient=\"records\"): [{\"column\": value, ...}, ...], missing values null, dates as ISO "
                    + "text. An existing file is only replaced with overwrite=true. Returns the path written.")
    default String writeJson(
            @P(name = "table", value = TABLE) F table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.json\"") String path,
            @P(name = "overwrite", value = OVERWRITE, required = false) @Nullable Boolean overwrite) {
        return onHeap("write_json", table, t -> tablesaw().writeJson(t, path, overwrite));
    }

    /**
     * Reads a Parquet file of the workspace as pandas' {@code read_parquet} (pyarrow) does: every column a table
     * column, nulls as missing values; integers as int64, decimals as float64 ({@link ParquetFiles} has Tablesaw's
     * types). On Tablesaw the file is read into the heap (lists, maps and structs are an error naming the column); on
     * DuckDB and Spark it is read in place, lazily.
     */
    @Tool(
            name = "read_parquet",
            value = "Read a Parquet file from the workspace into a table, like pandas.read_parquet. Integer columns "
                    + "become int64, floating-point float64, booleans bool, dates and timestamps dates, the rest "
                    + "text. On DuckDB and Spark the file is read in place, lazily.")
    F readParquet(@P(name = "path", value = "file path relative to the workspace, e.g. \"sales.parquet\"") String path);

    /**
     * Writes {@code table} to a Parquet file of the workspace, like pandas' {@code df.to_parquet(path, index=False)}:
     * Snappy-compressed, text as UTF-8 strings, date-times as microsecond timestamps; atomic, no silent overwrite;
     * returns the path written.
     */
    @SideEffects
    @Tool(
            name = "to_parquet",
            value = "Write a table to a Parquet file in the workspace, like pandas DataFrame.to_parquet "
                    + "(index=False). Fails if the file exists unless overwrite is true. Returns the path written.")
    String toParquet(
            @P(name = "table", value = "the table, e.g. #E3") F table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.parquet\"") String path,
            @P(name = "overwrite", value = OVERWRITE, required = false) @Nullable Boolean overwrite);

    /** One row per column: {@code column}, {@code non_null_count}, {@code dtype}, like pandas' {@code df.info()}. */
    @Tool(
            name = "info",
            value = "Describe the columns of a table, like pandas df.info(): one row per column with its name "
                    + "(column), how many values are present (non_null_count) and its dtype (int64, float64, bool, "
                    + "object for text, datetime64[ns]).")
    default F info(@P(name = "table", value = TABLE) F table) {
        return inMemory("info", table, t -> tablesaw().info(t));
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
    default F describe(
            @P(name = "table", value = TABLE) F table,
            @P(
                            name = "include",
                            value = "\"number\" (default): numeric columns only; \"all\": every column",
                            required = false)
                    @Nullable
                    String include) {
        return inMemory("describe", table, t -> tablesaw().describe(t, include));
    }

    /** The distinct values of a column in order of first appearance, like pandas' {@code df[column].unique()}. */
    @Tool(
            name = "unique",
            value = "The distinct values of one column in order of first appearance, like pandas "
                    + "df[column].unique(). A missing value appears once, as null.")
    List<@Nullable Object> unique(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column);

    /** The number of distinct present values per column, like pandas' {@code df.nunique()}. */
    @Tool(
            name = "nunique",
            value = "The number of distinct values in each column, like pandas df.nunique(); missing values are "
                    + "not counted. Returns {column: count}.")
    Map<String, Long> nunique(
            @P(name = "table", value = TABLE) F table,
            @P(name = "columns", value = "the columns to count; default all", required = false) @Nullable
                    List<String> columns);

    /**
     * How often each value of a column occurs, like pandas' {@code df[column].value_counts(normalize, dropna)}: the
     * values (a column named as the input) and {@code count}, or {@code proportion} when normalized; most frequent
     * first, ties in order of first appearance.
     */
    @Tool(
            name = "value_counts",
            value = "Count how often each value of a column occurs, like pandas df[column].value_counts(). The "
                    + "result has the column's values and a column \"count\" (or \"proportion\", the share of "
                    + "rows, with normalize=true), most frequent first (ties in order of first appearance). Missing "
                    + "values are not counted unless dropna=false.")
    F valueCounts(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column,
            @P(
                            name = "normalize",
                            value = "true for proportions that sum to 1 instead of counts; default false",
                            required = false)
                    @Nullable
                    Boolean normalize,
            @P(name = "dropna", value = "false to count missing values too; default true", required = false) @Nullable
                    Boolean dropna);

    /** The number of missing values per column, like pandas' {@code df.isnull().sum()}. */
    @Tool(
            name = "isnull",
            value = "Count the missing values in each column, like pandas df.isnull().sum(). Returns {column: "
                    + "count}.")
    Map<String, Long> isnull(@P(name = "table", value = TABLE) F table);

    /** Pearson correlations of the numeric and bool columns, like pandas' {@code df.corr()}. */
    @Tool(
            name = "corr",
            value = "Pearson correlation between every pair of numeric columns, like pandas df.corr(). The result "
                    + "has a column \"column\" naming the rows and one column per numeric column. Each pair uses "
                    + "the rows where both values are present.")
    default F corr(
            @P(name = "table", value = TABLE) F table,
            @P(name = "method", value = "\"pearson\", the only method; default \"pearson\"", required = false) @Nullable
                    String method) {
        return inMemory("corr", table, t -> tablesaw().corr(t, method));
    }

    /** The named columns in the order given, like pandas' {@code df[columns]}. */
    @Tool(
            name = "select",
            value = "Keep only some columns of a table, in the order given, like pandas " + "df[[\"a\", \"b\"]].")
    F select(
            @P(name = "table", value = TABLE) F table,
            @P(name = "columns", value = "the columns to keep, e.g. [\"region\", \"revenue\"]") List<String> columns);

    /** All columns except the named ones, like pandas' {@code df.drop(columns=columns)}. */
    @Tool(name = "drop", value = "Remove columns from a table, like pandas df.drop(columns=[...]).")
    F drop(
            @P(name = "table", value = TABLE) F table,
            @P(name = "columns", value = "the columns to remove, e.g. [\"id\"]") List<String> columns);

    /** Columns renamed, like pandas' {@code df.rename(columns=mapping)}; an unknown old name is an error. */
    @Tool(
            name = "rename",
            value = "Rename columns, like pandas df.rename(columns={\"old\": \"new\"}). The other "
                    + "columns keep their names and the order stays the same.")
    F rename(
            @P(name = "table", value = TABLE) F table,
            @P(name = "columns", value = "old name to new name, e.g. {\"rev\": \"revenue\"}")
                    Map<String, String> columns);

    /**
     * A pivot table, like pandas' {@code df.pivot_table(index, columns, values, aggfunc, fill_value, margins,
     * margins_name)}, flattened: the index columns, then one column per column value, named by the value ({@code
     * 2023}, {@code North}) for one value and one aggfunc, else {@code <value>_<aggfunc>_<column value>} ({@code
     * revenue_sum_2023}); see {@link PivotTable}.
     */
    @Tool(
            name = "pivot_table",
            value = "Pivot a table like pandas df.pivot_table(index=..., columns=..., values=..., aggfunc=..., "
                    + "fill_value=..., margins=...). One row per index value (sorted), one column per distinct value "
                    + "of the columns column (sorted), each cell the aggregate of the rows with both keys. aggfunc: "
                    + "mean (default), sum, count, size, min, max, median, nunique, std, var, first, last, or a list. "
                    + "Column names: with one value and one aggfunc the column value (\"2023\"); with several values "
                    + "or aggfuncs <value>_<aggfunc>_<column value> (\"revenue_sum_2023\", \"units_mean_2024\"). "
                    + "Rows with a missing key are left out; combinations without rows are missing unless "
                    + "fill_value is given. margins=true adds a column <value>_<aggfunc>_All (just \"All\" for one "
                    + "value and aggfunc) and a last row \"All\", computed from the raw rows (the mean of all rows, "
                    + "not of the cells), leaving out rows with a missing key or value.")
    default F pivotTable(
            @P(name = "table", value = TABLE) F table,
            @P(name = "index", value = "the column(s) whose values become rows, e.g. [\"region\"]") List<String> index,
            @P(name = "columns", value = "the column whose values become columns, e.g. \"year\"") String columns,
            @P(name = "values", value = "the column(s) to aggregate, e.g. \"revenue\" or [\"revenue\", \"units\"]")
                    List<String> values,
            @P(
                            name = "aggfunc",
                            value = "the aggregation(s), e.g. \"sum\" or [\"sum\", \"mean\"]; default \"mean\"",
                            required = false)
                    @Nullable
                    List<String> aggfunc,
            @P(name = "margins", value = "true to add All totals (row and column); default false", required = false)
                    @Nullable
                    Boolean margins,
            @P(name = "margins_name", value = "the label of the totals; default \"All\"", required = false) @Nullable
                    String marginsName,
            @P(name = "fill_value", value = "the number for combinations without a value, e.g. 0", required = false)
                    @Nullable
                    Double fillValue) {
        return inMemory(
                "pivot_table",
                table,
                t -> tablesaw().pivotTable(t, index, columns, values, aggfunc, margins, marginsName, fillValue));
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
                    + "without a match get missing values. Keys named differently: left_on [\"customer_id\"] "
                    + "with right_on [\"id\"] (both columns are kept). indicator=true adds a column _merge "
                    + "(both, left_only, right_only). validate one_to_one, one_to_many or many_to_one fails when "
                    + "keys repeat where they must not (e.g. a lookup table with duplicate ids)."
                    + " Row order as in pandas: left and inner follow the left table, right the right table.")
    default F merge(
            @P(name = "left", value = "the left table, e.g. #E1") F left,
            @P(name = "right", value = "the right table, e.g. #E2") F right,
            @P(
                            name = "on",
                            value = "the key column(s), present in both tables, e.g. [\"customer_id\"]; or use "
                                    + "left_on and right_on",
                            required = false)
                    @Nullable
                    List<String> on,
            @P(name = "how", value = "inner, left, right or outer; default inner", required = false) @Nullable
                    String how,
            @P(
                            name = "suffixes",
                            value = "two suffixes for clashing column names; default [\"_x\", \"_y\"]",
                            required = false)
                    @Nullable
                    List<String> suffixes,
            @P(name = "left_on", value = "the left table's key column(s), with right_on", required = false) @Nullable
                    List<String> leftOn,
            @P(name = "right_on", value = "the right table's key column(s), in the same order", required = false)
                    @Nullable
                    List<String> rightOn,
            @P(
                            name = "indicator",
                            value = "add a column _merge telling where each row came from; default false",
                            required = false)
                    @Nullable
                    Boolean indicator,
            @P(name = "validate", value = "one_to_one, one_to_many, many_to_one or many_to_many", required = false)
                    @Nullable
                    String validate) {
        return merge(
                left,
                right,
                new MergeSpec(
                        on,
                        leftOn,
                        rightOn,
                        how == null ? "inner" : how.strip(),
                        suffixes == null ? List.of("_x", "_y") : suffixes,
                        indicator != null && indicator,
                        validate));
    }

    /**
     * {@code merge}'s options with pandas' defaults filled in, as the tool {@code merge} hands them to {@link
     * #merge(Object, Object, MergeSpec)}. Nothing is checked yet: the engine checks the tables first, then the keys,
     * {@code how} and {@code suffixes}, and its messages say which came first.
     *
     * @param on the key columns present in both tables, or {@code null} with {@code leftOn} and {@code rightOn}
     * @param leftOn the left table's key columns, named differently from the right's, or {@code null}
     * @param rightOn the right table's key columns, in the same order, or {@code null}
     * @param how {@code inner}, {@code left}, {@code right} or {@code outer} as given (stripped), default {@code inner}
     * @param suffixes the suffixes for clashing column names, default {@code _x}, {@code _y}
     * @param indicator whether to add the column {@code _merge} telling where each row came from
     * @param validate pandas' {@code validate} as given ({@code one_to_one}, {@code 1:m}, ...), or {@code null}
     */
    record MergeSpec(
            @Nullable List<String> on,
            @Nullable List<String> leftOn,
            @Nullable List<String> rightOn,
            String how,
            List<String> suffixes,
            boolean indicator,
            @Nullable String validate) {}

    /** The engine's join of {@code left} and {@code right}: the tool {@code merge} with its defaults resolved once. */
    F merge(F left, F right, MergeSpec spec);

    /** The rows of several tables one after the other, like pandas' {@code pd.concat(tables, ignore_index=True)}. */
    @Tool(
            name = "concat",
            value = "Stack tables on top of each other, like pandas pd.concat([...], ignore_index=True). The "
                    + "result has every column of any table (in order of first appearance); a table without a "
                    + "column gets missing values there.")
    F concat(@P(name = "tables", value = "the tables, e.g. [#E1, #E2]") List<F> tables);

    /** Rows without repeats, like pandas' {@code df.drop_duplicates(subset, keep)}. */
    @Tool(
            name = "drop_duplicates",
            value = "Remove repeated rows, like pandas df.drop_duplicates(subset=..., keep=...). Rows count as "
                    + "repeats when equal in the subset columns (default all); missing values equal each other. "
                    + "keep: \"first\" (default) keeps the first of each, \"last\" the last, \"none\" drops all "
                    + "repeated rows (pandas keep=False).")
    F dropDuplicates(
            @P(name = "table", value = TABLE) F table,
            @P(name = "subset", value = "the columns to compare; default all", required = false) @Nullable
                    List<String> subset,
            @P(name = "keep", value = "\"first\", \"last\" or \"none\"; default \"first\"", required = false) @Nullable
                    String keep);

    /** Rows without missing values, like pandas' {@code df.dropna(how, subset)}. */
    @Tool(
            name = "dropna",
            value = "Remove rows with missing values, like pandas df.dropna(how=..., subset=...). how \"any\" "
                    + "(default) drops a row with any missing value in the subset columns (default all), \"all\" "
                    + "only a row where they are all missing.")
    F dropna(
            @P(name = "table", value = TABLE) F table,
            @P(name = "how", value = "\"any\" or \"all\"; default \"any\"", required = false) @Nullable String how,
            @P(name = "subset", value = "the columns to look at; default all", required = false) @Nullable
                    List<String> subset);

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
    default F fillna(
            @P(name = "table", value = TABLE) F table,
            @P(name = "value", value = "the fill value, e.g. 0 or \"unknown\" or {\"price\": 0}", required = false)
                    @Nullable
                    Object value,
            @P(name = "method", value = "mean, median, ffill or bfill", required = false) @Nullable String method,
            @P(name = "columns", value = "the columns to fill; default all that fit", required = false) @Nullable
                    List<String> columns) {
        return inMemory("fillna", table, t -> tablesaw().fillna(t, value, method, columns));
    }

    /** Columns converted, like pandas' {@code df.astype({column: dtype})}; missing values stay missing. */
    @Tool(
            name = "astype",
            value = "Convert columns to another type, like pandas df.astype({\"column\": \"int64\"}). dtypes: "
                    + "int64 (whole numbers; floats are truncated), float64, str (text), bool (numbers: 0 is False;"
                    + " text: True/False), datetime64[ns] (as to_datetime). Missing values stay missing.")
    default F astype(
            @P(name = "table", value = TABLE) F table,
            @P(name = "dtype", value = "column to new dtype, e.g. {\"year\": \"int64\", \"zip\": \"str\"}")
                    Map<String, String> dtype) {
        return inMemory("astype", table, t -> tablesaw().astype(t, dtype));
    }

    /**
     * A text column parsed as date-times in place, like pandas' {@code df[column] = pd.to_datetime(df[column],
     * format, utc)}; see {@link Datetimes#toDatetime(Column, String, boolean)} for UTC offsets in the text.
     */
    @Tool(
            name = "to_datetime",
            value = "Convert a text column to dates in place, like df[column] = pd.to_datetime(df[column], "
                    + "format=..., utc=...). Without format it reads 2024-01-31, 2024-01-31 13:45:00, 2024/01/31 and "
                    + "month-first 01/31/2024; otherwise give a strftime format such as \"%d.%m.%Y\" (%z reads an "
                    + "offset). Times may end with a UTC offset (2024-03-01T10:00:00+02:00, Z, UTC): utc=true "
                    + "converts them all to UTC (08:00 here; times without offset count as UTC), needed when the "
                    + "offsets differ; without utc they keep their clock time. Date columns carry no zone: use "
                    + "dt_tz_convert for local times of a zone.")
    default F toDatetime(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column to convert, e.g. \"order_date\"") String column,
            @P(name = "format", value = "strftime format, e.g. \"%d/%m/%Y %H:%M\"; default: guessed", required = false)
                    @Nullable
                    String format,
            @P(name = "utc", value = "true to convert times with UTC offsets to UTC; default false", required = false)
                    @Nullable
                    Boolean utc) {
        return inMemory("to_datetime", table, t -> tablesaw().toDatetime(t, column, format, utc));
    }

    /** A date part as a new int64 column, like pandas' {@code df[name] = df[column].dt.<part>}. */
    @Tool(
            name = "dt_part",
            value = "Add a column with a part of a date column, like df[name] = df[column].dt.year. Parts: year, "
                    + "month, day, hour, minute, second, weekday (Monday=0 … Sunday=6), dayofyear, quarter. The "
                    + "column must be a date (use to_datetime first).")
    default F dtPart(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column, e.g. \"order_date\"") String column,
            @P(name = "part", value = "year, month, day, hour, minute, second, weekday, dayofyear or quarter")
                    String part,
            @P(
                            name = "name",
                            value = "the new column's name; default <column>_<part>, e.g. order_date_year",
                            required = false)
                    @Nullable
                    String name) {
        return inMemory("dt_part", table, t -> tablesaw().dtPart(t, column, part, name));
    }

    /** The {@code n} rows with the largest values, like pandas' {@code df.nlargest(n, columns, keep="first")}. */
    @Tool(
            name = "nlargest",
            value = "The n rows with the largest values in a column, largest first, like pandas df.nlargest(n, "
                    + "columns). Ties keep their original order; rows with a missing value are left out.")
    F nlargest(
            @P(name = "table", value = TABLE) F table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"revenue\"]") List<String> columns);

    /** The {@code n} rows with the smallest values, like pandas' {@code df.nsmallest(n, columns, keep="first")}. */
    @Tool(
            name = "nsmallest",
            value = "The n rows with the smallest values in a column, smallest first, like pandas "
                    + "df.nsmallest(n, columns). Ties keep their original order; rows with a missing value are "
                    + "left out.")
    F nsmallest(
            @P(name = "table", value = TABLE) F table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"price\"]") List<String> columns);

    /**
     * Random rows without replacement, like pandas' {@code df.sample(n, frac, random_state)}: the same seed gives the
     * same rows, but not the rows pandas' generator would pick. The default seed is 0.
     */
    @Tool(
            name = "sample",
            value = "Random rows of a table, like pandas df.sample(n=..., frac=..., random_state=...): n rows, or "
                    + "a fraction frac of them (default 1 row), without repeats. The same random_state gives the "
                    + "same rows.")
    default F sample(
            @P(name = "table", value = TABLE) F table,
            @P(name = "n", value = "how many rows", required = false) @Nullable Integer n,
            @P(name = "frac", value = "the share of rows, between 0 and 1, e.g. 0.1", required = false) @Nullable
                    Double frac,
            @P(name = "random_state", value = "the seed; default 0", required = false) @Nullable Long randomState) {
        return inMemory("sample", table, t -> tablesaw().sample(t, n, frac, randomState));
    }

    /** A running total as a new column, like pandas' {@code df[name] = df[column].cumsum()}. */
    @Tool(
            name = "cumsum",
            value = "Add a running total of a numeric column, like df[name] = df[column].cumsum(). Missing values "
                    + "stay missing and the total carries on after them.")
    default F cumsum(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"revenue\"") String column,
            @P(name = "name", value = "the new column's name; default <column>_cumsum", required = false) @Nullable
                    String name) {
        return inMemory("cumsum", table, t -> tablesaw().cumsum(t, column, name));
    }

    /** The values {@code periods} rows earlier, like pandas' {@code df[column].shift(periods)}, within groups. */
    @Tool(
            name = "shift",
            value = "Add a column holding the value periods rows earlier, like df[name] = df[column].shift(periods) "
                    + "or, with by, df.groupby(by)[column].shift(periods) (the first rows of each group are "
                    + "missing: values never cross into another group). Negative periods look ahead. Sort first "
                    + "(sort_values) so that 'earlier' means what you want.")
    default F shift(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column, e.g. \"sales\"") String column,
            @P(name = "periods", value = "how many rows back; default 1", required = false) @Nullable Integer periods,
            @P(name = "by", value = "group columns: shift within each group, e.g. [\"store\"]", required = false)
                    @Nullable
                    List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_shift", required = false) @Nullable
                    String name) {
        return inMemory("shift", table, t -> tablesaw().shift(t, column, periods, by, name));
    }

    /** The change from {@code periods} rows earlier, like pandas' {@code df[column].diff(periods)}, within groups. */
    @Tool(
            name = "diff",
            value = "Add a column with the difference to the value periods rows earlier, like df[name] = "
                    + "df[column].diff(periods) (or per group with by, df.groupby(by)[column].diff()). The result "
                    + "is float64; the first rows (of each group) are missing.")
    default F diff(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"sales\"") String column,
            @P(name = "periods", value = "how many rows back; default 1", required = false) @Nullable Integer periods,
            @P(name = "by", value = GROUP_COLUMNS, required = false) @Nullable List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_diff", required = false) @Nullable
                    String name) {
        return inMemory("diff", table, t -> tablesaw().diff(t, column, periods, by, name));
    }

    /** The relative change, like pandas 1.5's {@code df[column].pct_change(periods)}, within groups. */
    @Tool(
            name = "pct_change",
            value = "Add a column with the relative change to the value periods rows earlier, like df[name] = "
                    + "df[column].pct_change(periods): 0.1 means +10% (multiply by 100 for percent). As pandas, "
                    + "missing values are first filled from the row before; a change from 0 gives inf (0 to 0 "
                    + "gives missing). With by, changes are computed within each group.")
    default F pctChange(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"revenue\"") String column,
            @P(name = "periods", value = "how many rows back; default 1", required = false) @Nullable Integer periods,
            @P(name = "by", value = GROUP_COLUMNS, required = false) @Nullable List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_pct_change", required = false) @Nullable
                    String name) {
        return inMemory("pct_change", table, t -> tablesaw().pctChange(t, column, periods, by, name));
    }

    /** Ranks, like pandas' {@code df[column].rank(method, ascending, na_option, pct)}, within groups. */
    @Tool(
            name = "rank",
            value = "Add a column ranking the values, like df[name] = df[column].rank(method=..., ascending=..., "
                    + "na_option=..., pct=...) (per group with by). Rank 1 is the smallest value, or the largest "
                    + "with ascending=false. Ties: method average (default; 10, 20, 20 ranks 1, 2.5, 2.5), min "
                    + "(1, 2, 2), max (1, 3, 3), first (1, 2, 3 in row order) or dense (1, 2, 2). Missing values "
                    + "get no rank (na_option keep) or rank first (top) or last (bottom). Result: float64.")
    default F rank(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"score\"") String column,
            @P(name = "method", value = "average (default), min, max, first or dense", required = false) @Nullable
                    String method,
            @P(
                            name = "ascending",
                            value = "true (default): 1 for the smallest; false: 1 for the largest",
                            required = false)
                    @Nullable
                    Boolean ascending,
            @P(name = "na_option", value = "keep (default), top or bottom", required = false) @Nullable String naOption,
            @P(name = "pct", value = "true for ranks as a share of the count (0 to 1); default false", required = false)
                    @Nullable
                    Boolean pct,
            @P(name = "by", value = "group columns: rank within each group, e.g. [\"region\"]", required = false)
                    @Nullable
                    List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_rank", required = false) @Nullable
                    String name) {
        return inMemory("rank", table, t -> tablesaw().rank(t, column, method, ascending, naOption, pct, by, name));
    }

    /**
     * A moving statistic as a new float64 column, like pandas' {@code df[column].rolling(window).mean()} over a number
     * of rows, or {@code df.rolling("7D", on=date)[column].mean()} over a length of time.
     */
    @Tool(
            name = "rolling",
            value = "Add a moving statistic of a column, like df[name] = df[column].rolling(window, min_periods)"
                    + ".mean() (func mean, sum, std, var, min, max, median, count), or per group with by "
                    + "(df.groupby(by)[column].rolling(window).mean(), windows never cross groups). window is either "
                    + "a number of rows (7: the row and the 6 rows before it; the first 6 rows are missing unless "
                    + "min_periods is smaller) or a length of time with on, the date column (\"7D\", \"12H\", "
                    + "\"30min\"; like df.rolling(\"7D\", on=\"day\")): the rows whose date lies in (date - 7 days, "
                    + "date], so gaps between dates are respected, min_periods defaults to 1, and rows must be "
                    + "sorted by on (within each group). Example, 7-day sales total per store over calendar days: "
                    + "sort_values by [\"store\", \"day\"], then rolling window \"7D\", on \"day\", func \"sum\", "
                    + "by [\"store\"]; window 7 would instead take 7 rows, whatever days they cover.")
    default F rolling(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column, e.g. \"sales\" (numeric except for count)") String column,
            @P(name = "window", value = "rows, e.g. 7, or a length of time with on, e.g. \"7D\"") String window,
            @P(name = "func", value = "mean (default), sum, std, var, min, max, median or count", required = false)
                    @Nullable
                    String func,
            @P(
                            name = "min_periods",
                            value = "how many present values a window needs; default the window (rows) or 1 (time)",
                            required = false)
                    @Nullable
                    Integer minPeriods,
            @P(name = "by", value = GROUP_COLUMNS, required = false) @Nullable List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_rolling_<func>", required = false)
                    @Nullable
                    String name,
            @P(name = "on", value = "the date column a time window is measured on, e.g. \"day\"", required = false)
                    @Nullable
                    String on,
            @P(
                            name = "closed",
                            value = "which ends are in the window: right (default), left, both, neither",
                            required = false)
                    @Nullable
                    String closed) {
        return inMemory(
                "rolling", table, t -> tablesaw().rolling(t, column, window, func, minPeriods, by, name, on, closed));
    }

    /** A statistic of all rows so far, like pandas' {@code df[column].expanding(min_periods).mean()}. */
    @Tool(
            name = "expanding",
            value = "Add a running statistic over all rows so far, like df[name] = df[column].expanding("
                    + "min_periods).mean() (func mean, sum, std, var, min, max, median, count), or per group with "
                    + "by. min_periods defaults to 1.")
    default F expanding(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"sales\"") String column,
            @P(name = "func", value = "mean (default), sum, std, var, min, max, median or count", required = false)
                    @Nullable
                    String func,
            @P(name = "min_periods", value = "how many present values are needed; default 1", required = false)
                    @Nullable
                    Integer minPeriods,
            @P(name = "by", value = GROUP_COLUMNS, required = false) @Nullable List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_expanding_<func>", required = false)
                    @Nullable
                    String name) {
        return inMemory("expanding", table, t -> tablesaw().expanding(t, column, func, minPeriods, by, name));
    }

    /** An exponentially weighted mean, like pandas' {@code df[column].ewm(span=…).mean()}. */
    @Tool(
            name = "ewm_mean",
            value = "Add an exponentially weighted moving average, like df[name] = df[column].ewm(span=..., "
                    + "adjust=True).mean(). Give exactly one of span (e.g. 7, alpha = 2/(span+1)), alpha, com or "
                    + "halflife. Missing values are skipped; with by, per group.")
    default F ewmMean(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"price\"") String column,
            @P(name = "span", value = "the span, >= 1, e.g. 7", required = false) @Nullable Double span,
            @P(name = "alpha", value = "the smoothing factor, 0 < alpha <= 1", required = false) @Nullable Double alpha,
            @P(name = "com", value = "the centre of mass, >= 0", required = false) @Nullable Double com,
            @P(name = "halflife", value = "the half-life in rows, > 0", required = false) @Nullable Double halflife,
            @P(name = "adjust", value = "pandas' adjust; default true", required = false) @Nullable Boolean adjust,
            @P(name = "ignore_na", value = "pandas' ignore_na; default false", required = false) @Nullable
                    Boolean ignoreNa,
            @P(name = "min_periods", value = "values needed before a result; default 0", required = false) @Nullable
                    Integer minPeriods,
            @P(name = "by", value = GROUP_COLUMNS, required = false) @Nullable List<String> by,
            @P(name = "name", value = "the new column's name; default <column>_ewm_mean", required = false) @Nullable
                    String name) {
        return inMemory(
                "ewm_mean",
                table,
                t -> tablesaw().ewmMean(t, column, span, alpha, com, halflife, adjust, ignoreNa, minPeriods, by, name));
    }

    /** A per-group value on every row, like pandas' {@code df.groupby(by)[column].transform(func)}. */
    @Tool(
            name = "groupby_transform",
            value = "Add a column with a per-group result on every row of the group, like df[name] = "
                    + "df.groupby(by)[column].transform(func). func: an aggregation (sum, mean, median, min, max, "
                    + "count, size, std, var, nunique, first, last, quantile_0.9) repeated on each row of its "
                    + "group, or a running one within the group (cumsum, cumprod, cummin, cummax, cumcount = 0, "
                    + "1, 2 ... in row order). Example: share of the region's revenue: groupby_transform(#E1, "
                    + "[\"region\"], \"revenue\", \"sum\", \"region_total\") then assign revenue / region_total. "
                    + "Rows with a missing key get a missing value.")
    default F groupbyTransform(
            @P(name = "table", value = TABLE) F table,
            @P(name = "by", value = "the key columns, e.g. [\"region\"]") List<String> by,
            @P(name = "column", value = "the column to transform, e.g. \"revenue\"") String column,
            @P(name = "func", value = "e.g. sum, mean, cumsum, cumcount") String func,
            @P(name = "name", value = "the new column's name; default <column>_<func>", required = false) @Nullable
                    String name) {
        return inMemory("groupby_transform", table, t -> tablesaw().groupbyTransform(t, by, column, func, name));
    }

    /** Quantiles, like pandas' {@code df[columns].quantile(q)} or {@code df.groupby(by)[columns].quantile(q)}. */
    @Tool(
            name = "quantile",
            value = "Quantiles of numeric columns with linear interpolation, like df[columns].quantile(q) or, "
                    + "with by, df.groupby(by)[columns].quantile(q). Result: the key columns, a column quantile "
                    + "(the q) and one float64 column per column; one row per group and q. Example: the median "
                    + "and 90th percentile of delivery days per region: q [0.5, 0.9], columns [\"days\"], by "
                    + "[\"region\"]. Missing values are skipped.")
    default F quantile(
            @P(name = "table", value = TABLE) F table,
            @P(name = "q", value = "the quantiles, between 0 and 1, e.g. [0.25, 0.5, 0.75]") List<Double> q,
            @P(name = "columns", value = "the numeric columns; default all int64/float64 columns", required = false)
                    @Nullable
                    List<String> columns,
            @P(name = "by", value = "group columns, e.g. [\"region\"]", required = false) @Nullable List<String> by) {
        return inMemory("quantile", table, t -> tablesaw().quantile(t, q, columns, by));
    }

    /** The most frequent values, like pandas' {@code df[column].mode(dropna)}. */
    @Tool(
            name = "mode",
            value = "The most frequent value of a column, like df[column].mode(): a one-column table, several "
                    + "rows when values tie (sorted). Missing values are not counted unless dropna=false.")
    default F mode(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the column, e.g. \"product\"") String column,
            @P(name = "dropna", value = "default true", required = false) @Nullable Boolean dropna) {
        return inMemory("mode", table, t -> tablesaw().mode(t, column, dropna));
    }

    /** The row number of the largest value, like pandas' {@code df[column].idxmax()}. */
    @Tool(
            name = "idxmax",
            value = "The row number (0 = first row) of the largest value of a numeric column, like "
                    + "df[column].idxmax() on a table with the default index; the first one on ties; missing "
                    + "values skipped. To get the whole row, prefer nlargest(table, 1, [column]).")
    default long idxmax(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"revenue\"") String column) {
        return onHeap("idxmax", table, t -> tablesaw().idxmax(t, column));
    }

    /** The row number of the smallest value, like pandas' {@code df[column].idxmin()}. */
    @Tool(
            name = "idxmin",
            value = "The row number (0 = first row) of the smallest value of a numeric column, like "
                    + "df[column].idxmin(); the first one on ties; missing values skipped. To get the whole row, "
                    + "prefer nsmallest(table, 1, [column]).")
    default long idxmin(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"price\"") String column) {
        return onHeap("idxmin", table, t -> tablesaw().idxmin(t, column));
    }

    /** Counts per pair of values, like pandas' {@code pd.crosstab(df[index], df[columns], normalize, margins)}. */
    @Tool(
            name = "crosstab",
            value = "Count the rows for each combination of values of index columns and one columns column, like "
                    + "pd.crosstab(df[index], df[columns], normalize=..., margins=...). Result: the index columns, "
                    + "then one column per value of columns (sorted) with counts (0 where none). normalize: all "
                    + "(shares of the total), index (each row sums to 1) or columns (each column sums to 1). "
                    + "margins=true adds an All column of row totals and an All row of column totals (with "
                    + "normalize=index only the All row, with columns only the All column).")
    default F crosstab(
            @P(name = "table", value = TABLE) F table,
            @P(name = "index", value = "the row key column(s), e.g. [\"region\"]") List<String> index,
            @P(name = "columns", value = "the column key, e.g. \"product\"") String columns,
            @P(name = "normalize", value = "all, index or columns; default none (counts)", required = false) @Nullable
                    String normalize,
            @P(name = "margins", value = "add All totals; default false", required = false) @Nullable Boolean margins) {
        return inMemory("crosstab", table, t -> tablesaw().crosstab(t, index, columns, normalize, margins));
    }

    /** Wide to long, like pandas' {@code df.melt(id_vars, value_vars, var_name, value_name)}. */
    @Tool(
            name = "melt",
            value = "Unpivot a table from wide to long, like df.melt(id_vars=..., value_vars=..., var_name=..., "
                    + "value_name=...): for each value column in turn, one row per input row with the id columns, "
                    + "the column's name (in var_name, default \"variable\") and its value (in value_name, "
                    + "default \"value\"). Example: columns store, jan, feb with id_vars [\"store\"] give store, "
                    + "variable (jan/feb), value.")
    default F melt(
            @P(name = "table", value = TABLE) F table,
            @P(name = "id_vars", value = "columns kept on every row, e.g. [\"store\"]") List<String> idVars,
            @P(name = "value_vars", value = "columns to unpivot; default all others", required = false) @Nullable
                    List<String> valueVars,
            @P(name = "var_name", value = "default \"variable\"", required = false) @Nullable String varName,
            @P(name = "value_name", value = "default \"value\"", required = false) @Nullable String valueName) {
        return inMemory("melt", table, t -> tablesaw().melt(t, idVars, valueVars, varName, valueName));
    }

    /** Bins, like pandas' {@code pd.cut(df[column], bins, labels, right, include_lowest)}. */
    @Tool(
            name = "cut",
            value = "Add a column putting each value in a bin, like df[name] = pd.cut(df[column], bins, labels=..., "
                    + "right=True). bins are the edges: [0, 18, 65, 120] makes (0, 18], (18, 65], (65, 120]; a "
                    + "value equal to the lowest edge is outside unless include_lowest=true (0 is NOT in (0, 18]); "
                    + "values outside all bins are missing. Or give bins_count for equal-width bins. The bin is "
                    + "text: the label given or pandas' interval text.")
    default F cut(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"age\"") String column,
            @P(name = "bins", value = "the increasing bin edges, e.g. [0, 18, 65, 120]", required = false) @Nullable
                    List<Double> bins,
            @P(name = "bins_count", value = "instead of bins: the number of equal-width bins", required = false)
                    @Nullable
                    Integer binsCount,
            @P(name = "labels", value = "one name per bin, e.g. [\"child\", \"adult\", \"senior\"]", required = false)
                    @Nullable
                    List<String> labels,
            @P(
                            name = "right",
                            value = "true (default): bins include their right edge, (a, b]; false: [a, b)",
                            required = false)
                    @Nullable
                    Boolean right,
            @P(
                            name = "include_lowest",
                            value = "whether the first bin includes its left edge; default false",
                            required = false)
                    @Nullable
                    Boolean includeLowest,
            @P(name = "name", value = "the new column's name; default <column>_bin", required = false) @Nullable
                    String name) {
        return inMemory(
                "cut", table, t -> tablesaw().cut(t, column, bins, binsCount, labels, right, includeLowest, name));
    }

    /** Quantile bins, like pandas' {@code pd.qcut(df[column], q, labels)}. */
    @Tool(
            name = "qcut",
            value = "Add a column putting each value in a quantile bin, like df[name] = pd.qcut(df[column], q, "
                    + "labels=...): q=4 makes quartiles with about equal counts, or give quantiles such as [0, "
                    + "0.5, 0.9, 1]. The bin is text: the label given or pandas' interval text. Fails when edges "
                    + "repeat (many equal values).")
    default F qcut(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the numeric column, e.g. \"revenue\"") String column,
            @P(name = "q", value = "the number of bins, e.g. 4", required = false) @Nullable Integer q,
            @P(name = "quantiles", value = "instead of q: the quantile edges, e.g. [0, 0.5, 0.9, 1]", required = false)
                    @Nullable
                    List<Double> quantiles,
            @P(name = "labels", value = "one name per bin, e.g. [\"low\", \"mid\", \"high\"]", required = false)
                    @Nullable
                    List<String> labels,
            @P(name = "name", value = "the new column's name; default <column>_bin", required = false) @Nullable
                    String name) {
        return inMemory("qcut", table, t -> tablesaw().qcut(t, column, q, quantiles, labels, name));
    }

    /** Whether each text matches, like pandas' {@code df[column].str.contains(pat, case, regex)}. */
    @Tool(
            name = "str_contains",
            value = "Add a True/False column: whether the text contains a match of the regular expression pat, "
                    + "like df[name] = df[column].str.contains(pat, case=..., regex=...). Missing text gives a "
                    + "missing value. Linear-time regex (RE2): no back-references or look-arounds; regex=false "
                    + "looks for plain text. Then filter on the new column, e.g. filter(#E2, \"has_x\").")
    default F strContains(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column, e.g. \"comment\"") String column,
            @P(name = "pat", value = "the regular expression, e.g. \"refund|return\"") String pat,
            @P(name = "case", value = "case-sensitive; default true", required = false) @Nullable Boolean caseSensitive,
            @P(name = "regex", value = "pat is a regular expression; default true", required = false) @Nullable
                    Boolean regex,
            @P(name = "name", value = "the new column's name; default <column>_contains", required = false) @Nullable
                    String name) {
        return inMemory("str_contains", table, t -> tablesaw().strContains(t, column, pat, caseSensitive, regex, name));
    }

    /** Replaces matches, like pandas' {@code df[column].str.replace(pat, repl, regex)}. */
    @Tool(
            name = "str_replace",
            value = "Replace every match of pat in a text column, like df[column] = df[column].str.replace(pat, "
                    + "repl, regex=True); the column is replaced unless name is given. In repl, \\1 or \\g<name> "
                    + "insert a group. Example: pat \"[^0-9.]\", repl \"\" keeps digits and dots.")
    default F strReplace(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column, e.g. \"price_text\"") String column,
            @P(name = "pat", value = "the regular expression (or text with regex=false)") String pat,
            @P(name = "repl", value = "the replacement, e.g. \"\"") String repl,
            @P(name = "case", value = "case-sensitive; default true", required = false) @Nullable Boolean caseSensitive,
            @P(name = "regex", value = "pat is a regular expression; default true", required = false) @Nullable
                    Boolean regex,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory(
                "str_replace", table, t -> tablesaw().strReplace(t, column, pat, repl, caseSensitive, regex, name));
    }

    /** A capture group, like pandas' {@code df[column].str.extract(pat, expand=False)}. */
    @Tool(
            name = "str_extract",
            value = "Add a column with the text of a capture group of the first match, like df[name] = "
                    + "df[column].str.extract(pat, expand=False); missing when nothing matches. Example: pat "
                    + "\"(\\\\d{4})\" takes a four-digit year. The result is text: astype to int64 or float64 "
                    + "for numbers.")
    default F strExtract(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column, e.g. \"title\"") String column,
            @P(name = "pat", value = "a regular expression with a group in parentheses, e.g. \"(\\\\d+)\"") String pat,
            @P(name = "group", value = "which group, 1 = the first (default)", required = false) @Nullable
                    Integer group,
            @P(name = "case", value = "case-sensitive; default true", required = false) @Nullable Boolean caseSensitive,
            @P(name = "name", value = "the new column's name; default <column>_extract", required = false) @Nullable
                    String name) {
        return inMemory("str_extract", table, t -> tablesaw().strExtract(t, column, pat, group, caseSensitive, name));
    }

    /** Splits text into columns, like pandas' {@code df[column].str.split(pat, n, expand=True)}. */
    @Tool(
            name = "str_split",
            value = "Split a text column into new columns <name>_0, <name>_1 ..., like df[column].str.split(pat, "
                    + "n=..., expand=True). Without pat: on whitespace. A one-character pat is plain text, a "
                    + "longer one a regular expression. Rows with fewer parts get missing values.")
    default F strSplit(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column, e.g. \"full_name\"") String column,
            @P(name = "pat", value = "the separator, e.g. \",\"; default whitespace", required = false) @Nullable
                    String pat,
            @P(name = "n", value = "at most n splits; default all", required = false) @Nullable Integer n,
            @P(name = "name", value = "the prefix of the new columns; default the column", required = false) @Nullable
                    String name) {
        return inMemory("str_split", table, t -> tablesaw().strSplit(t, column, pat, n, name));
    }

    /** Strips characters at both ends, like pandas' {@code df[column].str.strip(chars)}. */
    @Tool(
            name = "str_strip",
            value = "Remove whitespace (or the given characters) at both ends of the text, like df[column] = "
                    + "df[column].str.strip(); the column is replaced unless name is given.")
    default F strStrip(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column") String column,
            @P(name = "chars", value = "the characters to remove; default whitespace", required = false) @Nullable
                    String chars,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("str_strip", table, t -> tablesaw().strStrip(t, column, chars, name));
    }

    /** Lower case, like pandas' {@code df[column].str.lower()}. */
    @Tool(
            name = "str_lower",
            value = "Make the text lower case, like df[column] = df[column].str.lower(); the "
                    + "column is replaced unless name is given.")
    default F strLower(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column") String column,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("str_lower", table, t -> tablesaw().strLower(t, column, name));
    }

    /** Upper case, like pandas' {@code df[column].str.upper()}. */
    @Tool(
            name = "str_upper",
            value = "Make the text upper case, like df[column] = df[column].str.upper(); the "
                    + "column is replaced unless name is given.")
    default F strUpper(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column") String column,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("str_upper", table, t -> tablesaw().strUpper(t, column, name));
    }

    /** Text length, like pandas' {@code df[column].str.len()}. */
    @Tool(
            name = "str_len",
            value = "Add the number of characters of each text, like df[name] = "
                    + "df[column].str.len(); missing text gives a missing value.")
    default F strLen(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the text column") String column,
            @P(name = "name", value = "the new column's name; default <column>_len", required = false) @Nullable
                    String name) {
        return inMemory("str_len", table, t -> tablesaw().strLen(t, column, name));
    }

    /** Dates as text, like pandas' {@code df[column].dt.strftime(format)}. */
    @Tool(
            name = "dt_strftime",
            value = "Add a text column formatting a date column, like df[name] = "
                    + "df[column].dt.strftime(format), e.g. format \"%Y-%m\" gives 2024-01. The column must be a date "
                    + "(use to_datetime first).")
    default F dtStrftime(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column") String column,
            @P(name = "format", value = "strftime directives: %Y %m %d %H %M %S %b %B %a %A %j") String format,
            @P(name = "name", value = "the new column's name; default <column>_str", required = false) @Nullable
                    String name) {
        return inMemory("dt_strftime", table, t -> tablesaw().dtStrftime(t, column, format, name));
    }

    /** Rounds dates down, like pandas' {@code df[column].dt.floor(freq)}; {@code freq="D"} is {@code .dt.date}. */
    @Tool(
            name = "dt_floor",
            value = "Round a date column down to the day (freq D, like .dt.floor(\"D\") or "
                    + ".dt.date / .dt.normalize()), hour (H), minute (min) or second (S); the column is replaced unless "
                    + "name is given.")
    default F dtFloor(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column") String column,
            @P(name = "freq", value = "D, H, min or S") String freq,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("dt_floor", table, t -> tablesaw().dtFloor(t, column, freq, name));
    }

    /** Rounds dates up, like pandas' {@code df[column].dt.ceil(freq)}. */
    @Tool(
            name = "dt_ceil",
            value = "Round a date column up to the next day (freq D), hour (H), minute (min) or "
                    + "second (S), like .dt.ceil(freq); a value already on the boundary stays. The column is replaced "
                    + "unless name is given.")
    default F dtCeil(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column") String column,
            @P(name = "freq", value = "D, H, min or S") String freq,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("dt_ceil", table, t -> tablesaw().dtCeil(t, column, freq, name));
    }

    /**
     * Checks clock times against a zone's daylight-saving changes, like pandas' {@code
     * df[column].dt.tz_localize(tz)}; see {@link TimeZones}.
     */
    @Tool(
            name = "dt_tz_localize",
            value = "Declare that a date column's clock times are in a time zone, like df[column].dt.tz_localize("
                    + "tz), checking daylight saving time as pandas: a time the zone skips (2024-03-31 02:30 in "
                    + "Europe/Berlin) or repeats (2024-10-27 02:30) is an error unless nonexistent / ambiguous say "
                    + "otherwise. The times stay as they are (date columns here carry no zone); to turn them into "
                    + "another zone's or UTC times use dt_tz_convert with from_tz.")
    default F dtTzLocalize(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column, e.g. \"time\"") String column,
            @P(name = "tz", value = "the zone, e.g. \"Europe/Berlin\", \"UTC\", \"+02:00\"") String tz,
            @P(name = "ambiguous", value = "raise (default) or NaT (missing) for repeated times", required = false)
                    @Nullable
                    String ambiguous,
            @P(
                            name = "nonexistent",
                            value = "raise (default), NaT (missing) or shift_forward (to the first time after the gap)",
                            required = false)
                    @Nullable
                    String nonexistent,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory(
                "dt_tz_localize", table, t -> tablesaw().dtTzLocalize(t, column, tz, ambiguous, nonexistent, name));
    }

    /**
     * Converts clock times between zones, like pandas' {@code df[column].dt.tz_convert(tz)} of a column in {@code
     * from_tz}; see {@link TimeZones}.
     */
    @Tool(
            name = "dt_tz_convert",
            value = "Convert a date column's times from one time zone to another, like df[column].dt.tz_convert(tz)"
                    + ": each time becomes the clock time in tz at the same instant, daylight saving included. Date "
                    + "columns carry no zone, so from_tz says which zone the times are in: \"UTC\" after "
                    + "to_datetime(utc=true). Example: times read with to_datetime(..., utc=true) as Berlin local "
                    + "times: from_tz \"UTC\", tz \"Europe/Berlin\" (2024-07-01 08:00 becomes 10:00; then dt_part "
                    + "hour gives local hours).")
    default F dtTzConvert(
            @P(name = "table", value = TABLE) F table,
            @P(name = "column", value = "the date column, e.g. \"time\"") String column,
            @P(name = "tz", value = "the zone to convert to, e.g. \"Europe/Berlin\"") String tz,
            @P(name = "from_tz", value = "the zone the times are in now, e.g. \"UTC\"") String fromTz,
            @P(
                            name = "ambiguous",
                            value = "raise (default) or NaT for times from_tz repeats (clocks going back)",
                            required = false)
                    @Nullable
                    String ambiguous,
            @P(name = "name", value = NAME_IN_PLACE, required = false) @Nullable String name) {
        return inMemory("dt_tz_convert", table, t -> tablesaw().dtTzConvert(t, column, tz, fromTz, ambiguous, name));
    }

    /** The time between two date columns, like pandas' {@code (df[end] - df[start]).dt.total_seconds()}. */
    @Tool(
            name = "timedelta",
            value = "Add the time from a start date column to an end date column, like "
                    + "(df[end] - df[start]).dt.total_seconds() (unit seconds; minutes and hours divide it, float64) or "
                    + "(df[end] - df[start]).dt.days (unit days: whole days, rounded down, int64). Negative when end is "
                    + "before start.")
    default F timedelta(
            @P(name = "table", value = TABLE) F table,
            @P(name = "start", value = "the earlier date column, e.g. \"ordered_at\"") String start,
            @P(name = "end", value = "the later date column, e.g. \"shipped_at\"") String end,
            @P(name = "unit", value = "seconds, minutes, hours or days") String unit,
            @P(name = "name", value = "the new column's name; default <end>_minus_<start>", required = false) @Nullable
                    String name) {
        return inMemory("timedelta", table, t -> tablesaw().timedelta(t, start, end, unit, name));
    }

    /** Calendar periods, like pandas' {@code df.resample(rule, on=column).agg(aggregations)}. */
    @Tool(
            name = "resample",
            value = "Aggregate rows per calendar period of a date column, like df.resample(rule, on=column).agg("
                    + "{...}). rule: D (day), W (week Monday-Sunday, labelled by its Sunday), MS (month, labelled "
                    + "by its first day), M (month, labelled by its last day), QS/Q (quarter), YS/Y (year). Every "
                    + "period from the first to the last date appears, also empty ones (sum and count 0, mean "
                    + "missing). Result: the date column, then <column>_<function> as in groupby_agg.")
    default F resample(
            @P(name = "table", value = TABLE) F table,
            @P(name = "on", value = "the date column (to_datetime first), e.g. \"order_date\"") String on,
            @P(name = "rule", value = "D, W, MS, M, QS, Q, YS or Y") String rule,
            @P(
                            name = "aggregations",
                            value = "for each column the functions, as in groupby_agg, e.g. "
                                    + "{\"revenue\": [\"sum\"]}")
                    Map<String, List<String>> aggregations) {
        return inMemory("resample", table, t -> tablesaw().resample(t, on, rule, aggregations));
    }

    /**
     * Draws a chart into an HTML file of the workspace, like pandas' {@code df.plot(kind, x, y)}, written atomically;
     * returns the path written. The page is self-contained: the data, the chart and plotly.js itself are inline.
     */
    @SideEffects
    @Tool(
            name = "plot",
            value = "Draw a chart of a table into an HTML file in the workspace, like pandas df.plot(kind=..., "
                    + "x=..., y=...). kind: bar (a bar per x value), line, scatter (x and y numeric) or hist (a "
                    + "histogram of the numeric column x; no y). Rows with missing values are left out. Returns "
                    + "the path written.")
    default String plot(
            @P(name = "table", value = TABLE) F table,
            @P(name = "kind", value = "bar, line, scatter or hist") String kind,
            @P(name = "x", value = "the column for the x axis (for hist: the column to count)") String x,
            @P(name = "y", value = "the numeric column for the y axis; not for hist", required = false) @Nullable
                    String y,
            @P(name = "path", value = "the HTML file to write, relative to the workspace, e.g. \"revenue.html\"")
                    String path,
            @P(name = "title", value = "the chart's title; default \"<y> by <x>\"", required = false) @Nullable
                    String title,
            @P(name = "overwrite", value = OVERWRITE, required = false) @Nullable Boolean overwrite) {
        return onHeap("plot", table, t -> tablesaw().plot(t, kind, x, y, path, title, overwrite));
    }

    // ---- Java without nulls (issue 15): the remaining tools with optional parameters. A tool with one optional
    // parameter gets an overload without it; a tool with more gets one overload taking its required parameters and
    // then any of the optional ones by their pandas names, kw("method", "dense"), bound by KeywordCalls as a plan's
    // arguments are (so each optional parameter is described once, on its @Tool method, and a misspelt name fails
    // naming the nearest ones). groupby_agg and resample also take their aggregations in order, agg(...). Not tools.

    /**
     * An optional argument of a tool by its pandas name, for the keyword overloads: {@code kw("na_option", "top")}. A
     * {@code null} value means the default. Immutable.
     */
    record Kw(String name, @Nullable Object value) {
        public Kw {
            Objects.requireNonNull(name, "name == null");
        }
    }

    /** {@code kw("method", "dense")}: the optional argument {@code name} of a tool. */
    static Kw kw(String name, @Nullable Object value) {
        return new Kw(name, value);
    }

    /**
     * The functions to apply to one column in {@link #groupbyAgg(Object, List, Agg...)} and
     * {@link #resample(Object, String, String, Agg...)}: {@code agg("revenue", "sum", "mean")}. Immutable.
     */
    record Agg(String column, List<String> functions) {
        public Agg {
            Objects.requireNonNull(column, "column == null");
            functions = List.copyOf(functions);
        }
    }

    /** {@code agg("revenue", "sum", "mean")}: aggregate {@code column} with these functions. */
    static Agg agg(String column, String... functions) {
        return new Agg(column, List.of(functions));
    }

    /**
     * {@link #groupbyAgg(Object, List, Map)} with the aggregations in this order, which is the order of the result's
     * columns: {@code groupbyAgg(sales, List.of("region"), agg("revenue", "sum", "mean"), agg("units", "sum"))}.
     *
     * @throws IllegalArgumentException when a column is aggregated twice
     */
    default F groupbyAgg(F table, List<String> by, Agg... aggregations) {
        return groupbyAgg(table, by, inOrder(aggregations));
    }

    /** {@link #resample(Object, String, String, Map)} with the aggregations in this order (the result's columns). */
    default F resample(F table, String on, String rule, Agg... aggregations) {
        return resample(table, on, rule, inOrder(aggregations));
    }

    private static Map<String, List<String>> inOrder(Agg... aggregations) {
        Map<String, List<String>> ordered = new java.util.LinkedHashMap<>();
        for (Agg aggregation : aggregations) {
            Objects.requireNonNull(aggregation, "aggregation == null");
            if (ordered.put(aggregation.column(), aggregation.functions()) != null) {
                throw new IllegalArgumentException("column '" + aggregation.column()
                        + "' is aggregated twice; give all its functions in one agg(\"" + aggregation.column()
                        + "\", ...)");
            }
        }
        return ordered;
    }

    /** {@link #nunique(Object, List)} the counts of every column. */
    default Map<String, Long> nunique(F table) {
        return nunique(table, null);
    }

    /** {@link #corr(Object, String)} with pandas' default method, pearson. */
    default F corr(F table) {
        return corr(table, null);
    }

    /** {@link #pivotTable(Object, List, String, String, String)} averaging the values of each cell (pandas' default {@code aggfunc="mean"}). */
    default F pivotTable(F table, List<String> index, String columns, String values) {
        return pivotTable(table, index, columns, values, null);
    }

    /** {@link #toDatetime(Object, String, String)} guessing the format. */
    default F toDatetime(F table, String column) {
        return toDatetime(table, column, null);
    }

    /** {@link #dtPart(Object, String, String, String)} into a column named {@code <column>_<part>}. */
    default F dtPart(F table, String column, String part) {
        return dtPart(table, column, part, null);
    }

    /** {@link #cumsum(Object, String, String)} into a column named {@code <column>_cumsum}. */
    default F cumsum(F table, String column) {
        return cumsum(table, column, null);
    }

    /** {@link #groupbyTransform(Object, List, String, String, String)} into a column named {@code <column>_<func>}. */
    default F groupbyTransform(F table, List<String> by, String column, String func) {
        return groupbyTransform(table, by, column, func, null);
    }

    /** {@link #mode(Object, String, Boolean)} without missing values. */
    default F mode(F table, String column) {
        return mode(table, column, null);
    }

    /** {@link #strLower(Object, String, String)} in place of the column. */
    default F strLower(F table, String column) {
        return strLower(table, column, null);
    }

    /** {@link #strUpper(Object, String, String)} in place of the column. */
    default F strUpper(F table, String column) {
        return strUpper(table, column, null);
    }

    /** {@link #strLen(Object, String, String)} into a column named {@code <column>_len}. */
    default F strLen(F table, String column) {
        return strLen(table, column, null);
    }

    /** {@link #dtStrftime(Object, String, String, String)} into a column named {@code <column>_str}. */
    default F dtStrftime(F table, String column, String format) {
        return dtStrftime(table, column, format, null);
    }

    /** {@link #dtFloor(Object, String, String, String)} in place of the column. */
    default F dtFloor(F table, String column, String freq) {
        return dtFloor(table, column, freq, null);
    }

    /** {@link #dtCeil(Object, String, String, String)} in place of the column. */
    default F dtCeil(F table, String column, String freq) {
        return dtCeil(table, column, freq, null);
    }

    /** {@link #timedelta(Object, String, String, String, String)} into a column named {@code <end>_minus_<start>}. */
    default F timedelta(F table, String start, String end, String unit) {
        return timedelta(table, start, end, unit, null);
    }

    /**
     * The tool {@code read_csv} with any of its optional arguments by name: sep, na_values, header; without any, with
     * pandas' defaults.
     */
    default F readCsv(String path, Kw... options) {
        return KeywordCalls.call(this, "read_csv", frameType(), options, path);
    }

    /**
     * The tool {@code value_counts} with any of its optional arguments by name: normalize, dropna; without any, counts
     * without missing values.
     */
    default F valueCounts(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "value_counts", frameType(), options, table, column);
    }

    /** The tool {@code merge} with any of its optional arguments by name: on, how, suffixes, left_on, right_on, indicator, validate. */
    default F merge(F left, F right, Kw... options) {
        return KeywordCalls.call(this, "merge", frameType(), options, left, right);
    }

    /** The tool {@code drop_duplicates} with any of its optional arguments by name: subset, keep. */
    default F dropDuplicates(F table, Kw... options) {
        return KeywordCalls.call(this, "drop_duplicates", frameType(), options, table);
    }

    /**
     * The tool {@code dropna} with any of its optional arguments by name: how, subset; without any, drops the rows with
     * any missing cell.
     */
    default F dropna(F table, Kw... options) {
        return KeywordCalls.call(this, "dropna", frameType(), options, table);
    }

    /** The tool {@code fillna} with any of its optional arguments by name: value, method, columns. */
    default F fillna(F table, Kw... options) {
        return KeywordCalls.call(this, "fillna", frameType(), options, table);
    }

    /** The tool {@code sample} with any of its optional arguments by name: n, frac, random_state. */
    default F sample(F table, Kw... options) {
        return KeywordCalls.call(this, "sample", frameType(), options, table);
    }

    /** The tool {@code shift} with any of its optional arguments by name: periods, by, name. */
    default F shift(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "shift", frameType(), options, table, column);
    }

    /** The tool {@code diff} with any of its optional arguments by name: periods, by, name. */
    default F diff(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "diff", frameType(), options, table, column);
    }

    /** The tool {@code pct_change} with any of its optional arguments by name: periods, by, name. */
    default F pctChange(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "pct_change", frameType(), options, table, column);
    }

    /** The tool {@code rank} with any of its optional arguments by name: method, ascending, na_option, pct, by, name. */
    default F rank(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "rank", frameType(), options, table, column);
    }

    /**
     * The tool {@code rolling} over {@code window} rows, {@code df[column].rolling(window).<func>()}, with any of its
     * optional arguments by name: func, min_periods, by, name.
     */
    default F rolling(F table, String column, int window, Kw... options) {
        return KeywordCalls.call(this, "rolling", frameType(), options, table, column, String.valueOf(window));
    }

    /**
     * The tool {@code rolling} over a window of rows ({@code "7"}) or of time ({@code "7D"}, with {@code on}), with any
     * of its optional arguments by name: func, min_periods, by, name, on, closed.
     */
    default F rolling(F table, String column, String window, Kw... options) {
        return KeywordCalls.call(this, "rolling", frameType(), options, table, column, window);
    }

    /**
     * The tool {@code pivot_table} with several values, with any of its optional arguments by name: aggfunc, margins,
     * margins_name, fill_value.
     */
    default F pivotTable(F table, List<String> index, String columns, List<String> values, Kw... options) {
        return KeywordCalls.call(this, "pivot_table", frameType(), options, table, index, columns, values);
    }

    /** The tool {@code dt_tz_localize} with any of its optional arguments by name: ambiguous, nonexistent, name. */
    default F dtTzLocalize(F table, String column, String tz, Kw... options) {
        return KeywordCalls.call(this, "dt_tz_localize", frameType(), options, table, column, tz);
    }

    /** The tool {@code dt_tz_convert} with any of its optional arguments by name: ambiguous, name. */
    default F dtTzConvert(F table, String column, String tz, String fromTz, Kw... options) {
        return KeywordCalls.call(this, "dt_tz_convert", frameType(), options, table, column, tz, fromTz);
    }

    /** The tool {@code expanding} with any of its optional arguments by name: func, min_periods, by, name. */
    default F expanding(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "expanding", frameType(), options, table, column);
    }

    /** The tool {@code ewm_mean} with any of its optional arguments by name: span, alpha, com, halflife, adjust, ignore_na, min_periods, by, name. */
    default F ewmMean(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "ewm_mean", frameType(), options, table, column);
    }

    /** The tool {@code quantile} with any of its optional arguments by name: columns, by. */
    default F quantile(F table, List<Double> q, Kw... options) {
        return KeywordCalls.call(this, "quantile", frameType(), options, table, q);
    }

    /** The tool {@code crosstab} with any of its optional arguments by name: normalize, margins. */
    default F crosstab(F table, List<String> index, String columns, Kw... options) {
        return KeywordCalls.call(this, "crosstab", frameType(), options, table, index, columns);
    }

    /** The tool {@code melt} with any of its optional arguments by name: value_vars, var_name, value_name. */
    default F melt(F table, List<String> idVars, Kw... options) {
        return KeywordCalls.call(this, "melt", frameType(), options, table, idVars);
    }

    /** The tool {@code cut} with any of its optional arguments by name: bins, bins_count, labels, right, include_lowest, name. */
    default F cut(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "cut", frameType(), options, table, column);
    }

    /** The tool {@code qcut} with any of its optional arguments by name: q, quantiles, labels, name. */
    default F qcut(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "qcut", frameType(), options, table, column);
    }

    /** The tool {@code str_contains} with any of its optional arguments by name: case, regex, name. */
    default F strContains(F table, String column, String pat, Kw... options) {
        return KeywordCalls.call(this, "str_contains", frameType(), options, table, column, pat);
    }

    /** The tool {@code str_replace} with any of its optional arguments by name: case, regex, name. */
    default F strReplace(F table, String column, String pat, String repl, Kw... options) {
        return KeywordCalls.call(this, "str_replace", frameType(), options, table, column, pat, repl);
    }

    /** The tool {@code str_extract} with any of its optional arguments by name: group, case, name. */
    default F strExtract(F table, String column, String pat, Kw... options) {
        return KeywordCalls.call(this, "str_extract", frameType(), options, table, column, pat);
    }

    /** The tool {@code str_split} with any of its optional arguments by name: pat, n, name. */
    default F strSplit(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "str_split", frameType(), options, table, column);
    }

    /** The tool {@code str_strip} with any of its optional arguments by name: chars, name. */
    default F strStrip(F table, String column, Kw... options) {
        return KeywordCalls.call(this, "str_strip", frameType(), options, table, column);
    }

    /** The tool {@code plot} with any of its optional arguments by name: y, title, overwrite. */
    default String plot(F table, String kind, String x, String path, Kw... options) {
        return KeywordCalls.call(this, "plot", String.class, options, table, kind, x, path);
    }

    // ---- Java conveniences: the tools above without their optional parameters (defaults as in pandas); not tools.

    /** {@link #head(Object, Integer)} with pandas' default: the first 5 rows. */
    default F head(F table) {
        return head(table, null);
    }

    /** {@link #tail(Object, Integer)} with pandas' default: the last 5 rows. */
    default F tail(F table) {
        return tail(table, null);
    }

    /** {@link #sortValues(Object, List, List)} ascending on every column. */
    default F sortValues(F table, List<String> by) {
        return sortValues(table, by, null);
    }

    /** {@link #describe(Object, String)} of the numeric columns. */
    default F describe(F table) {
        return describe(table, null);
    }

    /** {@link #merge(Object, Object, List, String, List)} as an inner join with suffixes {@code _x}, {@code _y}. */
    default F merge(F left, F right, List<String> on) {
        return merge(left, right, on, null, null);
    }

    /** {@link #merge(Object, Object, List, String, List)} with suffixes {@code _x}, {@code _y}. */
    default F merge(F left, F right, List<String> on, String how) {
        return merge(left, right, on, Objects.requireNonNull(how, "how == null"), null);
    }

    /**
     * {@link #readCsv(String, String, List, Boolean)} with pandas' defaults: the common call, straight to the tool
     * without the keyword binding of {@link #readCsv(String, Kw...)}.
     */
    default F readCsv(String path) {
        return readCsv(path, null, null, null);
    }

    /** {@link #writeCsv(Object, String, Boolean)} to a new file (an existing one is not replaced). */
    default String writeCsv(F table, String path) {
        return writeCsv(table, path, null);
    }

    /** {@link #writeJson(Object, String, Boolean)} to a new file (an existing one is not replaced). */
    default String writeJson(F table, String path) {
        return writeJson(table, path, null);
    }

    /** {@link #toParquet(Object, String, Boolean)} to a new file (an existing one is not replaced). */
    default String toParquet(F table, String path) {
        return toParquet(table, path, null);
    }

    /** {@link #readJson(String, Boolean)} of an array of records. */
    default F readJson(String path) {
        return readJson(path, null);
    }

    /**
     * {@link #pivotTable(Object, List, String, List, List, Boolean, String, Double)} with one value column and one
     * aggregation, without margins.
     */
    default F pivotTable(F table, List<String> index, String columns, String values, @Nullable String aggfunc) {
        return pivotTable(
                table, index, columns, List.of(values), aggfunc == null ? null : List.of(aggfunc), null, null, null);
    }

    /** {@link #merge(Object, Object, List, String, List, List, List, Boolean, String)} on common key names. */
    default F merge(F left, F right, List<String> on, @Nullable String how, @Nullable List<String> suffixes) {
        Objects.requireNonNull(on, "on == null");
        return merge(left, right, on, how, suffixes, null, null, null, null);
    }

    /** {@link #toDatetime(Object, String, String, Boolean)} without {@code utc}. */
    default F toDatetime(F table, String column, @Nullable String format) {
        return toDatetime(table, column, format, null);
    }
}
