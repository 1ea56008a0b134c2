package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DuckDbSql.ROW;
import static dev.pev4j.tools.data.DuckDbSql.identifier;
import static dev.pev4j.tools.data.DuckDbSql.sqlType;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.SqlExpression;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * DataOps' tools on a SQL engine, DuckDB or Spark: the same tool names, arguments and pandas semantics as
 * {@link DataOps}, but each step returns a lazy {@link Relation} (a SQL query over the steps before it), so {@code
 * read_csv → filter → groupby_agg → sort_values → head} runs as one query when its rows are first needed, and files
 * larger than memory are read in place. One set of tools serves both engines: they build the SQL (common to both) and a
 * {@link SqlBackend} runs it and does what the engines spell differently (files, row numbers, kept results). Every
 * check and error message comes from the Tablesaw implementation run on an empty table of the same columns, so errors
 * read the same on every engine. SQL is built from parsed input only: names are quoted identifiers, values are bound
 * parameters. The engine may touch only the workspace's files. Thread-safe; close it to free the engine's memory.
 *
 * <pre>{@code
 * try (SqlDataOps duck = SqlDataOps.open(Workspace.of(Path.of("data")), new Engine.DuckDb("2GB", 0))) {
 *     Agent agent = Agent.builder().llm(llm).tools(duck).build();
 * }
 * }</pre>
 *
 * <p>Tools not offered on these engines yet (a plan that uses them fails validation with the tool's name): read_json,
 * write_json, info, describe, corr, pivot_table, fillna, astype, to_datetime, dt_part, sample, cumsum, rolling, plot.
 */
public final class SqlDataOps implements Toolkit, AutoCloseable {

    private static final int DEFAULT_ROWS = 5;

    private final Workspace workspace;
    private final SqlBackend session;
    /** Runs every check on empty tables: the same validation and messages as the Tablesaw engine. */
    private final DataOps checks;

    private SqlDataOps(Workspace workspace, SqlBackend session) {
        this.workspace = workspace;
        this.session = session;
        this.checks = new DataOps(workspace);
    }

    /**
     * Opens {@code engine} confined to {@code workspace}: an embedded DuckDB database, or a Spark session (one
     * SparkContext per JVM, shared by the Spark DataOps of the JVM, each with its own session).
     *
     * @throws DataOpsException when the engine's library is not on the classpath (naming its Maven coordinates), or
     *     for {@link Engine.Tablesaw}, which is {@link DataOps}
     */
    public static SqlDataOps open(Workspace workspace, Engine engine) {
        Objects.requireNonNull(workspace, "workspace == null");
        requireLibrary(engine);
        if (engine instanceof Engine.DuckDb duckDb) {
            return new SqlDataOps(workspace, DuckDbSession.open(workspace.root(), duckDb));
        } else if (engine instanceof Engine.Spark spark) {
            return new SqlDataOps(workspace, SparkBackend.open(workspace.root(), spark));
        }
        throw new DataOpsException(
                "the " + engine.name() + " engine is not a SQL engine; use DataOps.on(engine, " + "workspace)");
    }

    /**
     * Checks that {@code engine}'s library is on the classpath, without starting it (a command line checks this
     * before it opens anything else).
     *
     * @throws DataOpsException naming the Maven coordinates to add
     */
    public static void requireLibrary(Engine engine) {
        Objects.requireNonNull(engine, "engine == null");
        String library;
        String coordinates;
        String instead;
        if (engine instanceof Engine.DuckDb) {
            library = "org.duckdb.DuckDBDriver";
            coordinates = "org.duckdb:duckdb_jdbc";
            instead = "Engine.tablesaw()";
        } else if (engine instanceof Engine.Spark) {
            library = "org.apache.spark.sql.SparkSession";
            coordinates = "org.apache.spark:spark-sql_2.13 (4.x)";
            instead = "Engine.duckdb()";
        } else {
            return;
        }
        try {
            Class.forName(library);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DataOpsException(
                    "the " + (engine instanceof Engine.Spark ? "Spark" : "DuckDB") + " engine needs " + coordinates
                            + " on the classpath; add it to your pom (agent-tools declares it optional) or use "
                            + instead,
                    null,
                    e);
        }
        if (engine instanceof Engine.Spark spark) {
            SparkBackend.requireConnectClient(spark.master().strip());
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    SqlBackend session() {
        return session;
    }

    /** A relation over a copy of {@code table}, for mixing tables made elsewhere into a plan. */
    public Relation fromTable(Table table) {
        Objects.requireNonNull(table, "table == null");
        String sql = session.register(table);
        Table schema = table.emptyCopy();
        schema.setName(table.name());
        return new Relation(session, sql, List.of(), schema);
    }

    /**
     * Computes {@code relation} once into a table of the database and returns a relation over that table, for an
     * intermediate result that several later steps read (as pandas keeps a DataFrame). Runs the query now.
     */
    public Relation persist(Relation relation) {
        return persist(relation, session.freshName());
    }

    /**
     * {@link #persist(Relation)} into the table {@code name}, replacing a table of that name persisted before (its
     * relations then read the new rows).
     */
    public Relation persist(Relation relation, String name) {
        mine(relation);
        Objects.requireNonNull(name, "name == null");
        return relation.derive(
                session.persist(name, relation.sql(), relation.parameters()), List.of(), relation.schema());
    }

    /**
     * A relation over a SQL query written by the programmer (never pass text from a model here): for queries the tools
     * do not cover, and for comparing the tools with hand-written SQL. It reads other relations through their
     * {@link Relation#sql()} as subqueries; the database's confinement to the workspace still applies.
     */
    public Relation sql(String query, String name) {
        Objects.requireNonNull(query, "query == null");
        Objects.requireNonNull(name, "name == null");
        return new Relation(session, query, List.of(), session.schema(query, List.of(), name));
    }

    // ---- Files -------------------------------------------------------------------------------------------------

    /** {@link #readCsv(String, String, List, Boolean)} with pandas' defaults. */
    public Relation readCsv(String path) {
        return readCsv(path, null, null, null);
    }

    /** Reads a CSV file of the workspace in place, lazily, with pandas' missing-value markers and dtypes. */
    @Tool(
            name = "read_csv",
            value = "Read a CSV file from the workspace into a table, like pandas.read_csv. Whole-number columns "
                    + "become int64, decimal ones float64, True/False bool, the rest text (object). Empty cells and "
                    + "NA, N/A, NaN, null, None are missing values. On DuckDB the file is read in place, lazily, "
                    + "and may be larger than memory; types are guessed from a sample of rows.")
    public Relation readCsv(
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
                    Boolean header) {
        Objects.requireNonNull(path, "path == null");
        Path file = existingFile(path, "a CSV file");
        Set<String> missing = new LinkedHashSet<>(CsvReading.DEFAULT_NA_VALUES);
        if (naValues != null) {
            missing.addAll(naValues);
        }
        if (size(file) <= 3) { // empty, or a byte order mark only: the Tablesaw reader's checks and messages
            return fromTable(checks.readCsv(path, sep, naValues, header));
        }
        return session.readCsv(file, path, separator(sep), missing, header == null || header);
    }

    /** Reads a Parquet file of the workspace in place, lazily. */
    @Tool(
            name = "read_parquet",
            value = "Read a Parquet file from the workspace into a table, like pandas.read_parquet. Integer columns "
                    + "become int64, floating-point float64, booleans bool, dates and timestamps dates, the rest "
                    + "text. The file is read in place, lazily.")
    public Relation readParquet(
            @P(name = "path", value = "file path relative to the workspace, e.g. \"sales.parquet\"") String path) {
        Objects.requireNonNull(path, "path == null");
        Path file = existingFile(path, "a Parquet file");
        return session.readParquet(file, path);
    }

    /** Writes the relation to a Parquet file of the workspace, atomically; returns the path. */
    @Tool(
            name = "to_parquet",
            value = "Write a table to a Parquet file in the workspace, like pandas DataFrame.to_parquet "
                    + "(index=False). Fails if the file exists unless overwrite is true. Returns the path written.")
    public String toParquet(
            @P(name = "table", value = "the table, e.g. #E3") Relation table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.parquet\"") String path,
            @P(name = "overwrite", value = "whether an existing file may be replaced; default false", required = false)
                    @Nullable
                    Boolean overwrite) {
        mine(table);
        Objects.requireNonNull(path, "path == null");
        copyTo(table, path, SqlBackend.Format.PARQUET, overwrite != null && overwrite);
        return path;
    }

    /** Writes the relation to a CSV file of the workspace, atomically; returns the path. */
    @Tool(
            name = "write_csv",
            value = "Write a table to a CSV file in the workspace, like pandas DataFrame.to_csv(path, index=False): "
                    + "a header line, comma-separated, missing values as empty cells, true/false in lower case "
                    + "(pandas writes True/False). Fails if the file exists unless overwrite is true. Returns the "
                    + "path written.")
    public String writeCsv(
            @P(name = "table", value = "the table, e.g. #E3") Relation table,
            @P(name = "path", value = "file path relative to the workspace, e.g. \"summary.csv\"") String path,
            @P(name = "overwrite", value = "whether an existing file may be replaced; default false", required = false)
                    @Nullable
                    Boolean overwrite) {
        mine(table);
        Objects.requireNonNull(path, "path == null");
        copyTo(table, path, SqlBackend.Format.CSV, overwrite != null && overwrite);
        return path;
    }

    // ---- Rows and columns --------------------------------------------------------------------------------------

    /** The first {@code n} rows; a negative {@code n} drops the last {@code -n}. */
    @Tool(
            name = "head",
            value = "The first n rows of a table, like pandas DataFrame.head. A negative n gives all rows except "
                    + "the last -n.")
    public Relation head(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n) {
        mine(table);
        int count = n == null ? DEFAULT_ROWS : n;
        long limit = count >= 0 ? count : Math.max(0, table.rows() + count);
        return table.derive("SELECT * FROM (" + table.sql() + ") LIMIT " + limit, table.parameters(), table.schema());
    }

    /** The last {@code n} rows; a negative {@code n} drops the first {@code -n}. */
    @Tool(
            name = "tail",
            value = "The last n rows of a table, like pandas DataFrame.tail. A negative n gives all rows except "
                    + "the first -n.")
    public Relation tail(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "n", value = "number of rows; default 5", required = false) @Nullable Integer n) {
        mine(table);
        int count = n == null ? DEFAULT_ROWS : n;
        long rows = table.rows();
        long start = count >= 0 ? Math.max(0, rows - count) : Math.min(rows, -(long) count);
        return table.derive("SELECT * FROM (" + table.sql() + ") OFFSET " + start, table.parameters(), table.schema());
    }

    /** {@code [rows, columns]}; counts the rows with one query. */
    @Tool(
            name = "shape",
            value = "The number of rows and columns of a table, as [rows, columns], like pandas " + "DataFrame.shape.")
    public List<Long> shape(@P(name = "table", value = "the table, e.g. #E1") Relation table) {
        mine(table);
        return List.of(table.rows(), (long) table.columns().size());
    }

    /** The column names in order; runs nothing. */
    @Tool(name = "columns", value = "The column names of a table, in order, like pandas DataFrame.columns.")
    public List<String> columns(@P(name = "table", value = "the table, e.g. #E1") Relation table) {
        return mine(table).columns();
    }

    @Tool(
            name = "select",
            value = "Keep only some columns of a table, in the order given, like pandas " + "df[[\"a\", \"b\"]].")
    public Relation select(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "columns", value = "the columns to keep, e.g. [\"region\", \"revenue\"]") List<String> columns) {
        mine(table);
        return project(table, checks.select(table.schema(), columns));
    }

    @Tool(name = "drop", value = "Remove columns from a table, like pandas df.drop(columns=[...]).")
    public Relation drop(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "columns", value = "the columns to remove, e.g. [\"id\"]") List<String> columns) {
        mine(table);
        return project(table, checks.drop(table.schema(), columns));
    }

    @Tool(
            name = "rename",
            value = "Rename columns, like pandas df.rename(columns={\"old\": \"new\"}). The other "
                    + "columns keep their names and order.")
    public Relation rename(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "columns", value = "old name to new name, e.g. {\"rev\": \"revenue\"}")
                    Map<String, String> columns) {
        mine(table);
        Table result = checks.rename(table.schema(), columns);
        List<String> before = table.columns();
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM (" + table.sql() + ")");
        for (int c = 0; c < before.size(); c++) {
            select.add(identifier(before.get(c)) + " AS "
                    + identifier(result.column(c).name()));
        }
        return table.derive(select.toString(), table.parameters(), result);
    }

    @Tool(
            name = "filter",
            value = "Keep the rows of a table where a condition is true, like pandas df.query(expr). Example: "
                    + "amount > 100 and region in (\"North\", \"South\") and not isnull(price). Operators: "
                    + "== != < <= > >= and or not in, + - * / %. Text in quotes, column names with spaces in "
                    + "backquotes (`unit price`), dates as date(\"2024-01-31\"). Functions: isnull, notnull, "
                    + "contains(col, \"x\"), startswith, endswith, lower, upper, len, abs, round(x, 2). "
                    + "Comparisons with missing values are false.")
    public Relation filter(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "expr", value = "the condition, e.g. revenue > 1000 and region == \"North\"") String expr) {
        mine(table);
        Objects.requireNonNull(expr, "expr == null");
        SqlExpression condition = SqlExpression.condition(Expression.parse(expr), table.schema(), session.dialect());
        return table.derive(
                "SELECT * FROM (" + table.sql() + ") WHERE " + condition.sql(),
                concat(table.parameters(), condition.parameters()),
                table.schema());
    }

    @Tool(
            name = "assign",
            value = "Add a column computed from other columns, like pandas df.assign(column=df.eval(expr)); a "
                    + "column of the same name is replaced. Example: column \"net\", expr price * units * "
                    + "(1 - discount). Operators: + - * / % (int / int gives float), comparisons and and/or/not "
                    + "give True/False; functions: lower, upper, len, abs, round(x, 2), isnull, notnull, contains. "
                    + "Arithmetic with a missing value gives a missing value.")
    public Relation assign(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "column", value = "the name of the new column, e.g. \"net\"") String column,
            @P(name = "expr", value = "the formula, e.g. price * units") String expr) {
        mine(table);
        Objects.requireNonNull(expr, "expr == null");
        Table result = checks.assign(table.schema(), column, expr);
        SqlExpression value = SqlExpression.of(Expression.parse(expr), table.schema(), session.dialect());
        String type = sqlType(result.column(column).type());
        String computed = "CAST(" + value.sql() + " AS " + type + ") AS " + identifier(column);
        List<Object> parameters = new ArrayList<>();
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        boolean replaced = false;
        for (String name : table.columns()) {
            if (name.equals(column)) {
                select.add(computed);
                parameters.addAll(value.parameters());
                replaced = true;
            } else {
                select.add(identifier(name));
            }
        }
        if (!replaced) {
            select.add(computed);
            parameters.addAll(value.parameters());
        }
        parameters.addAll(table.parameters());
        return table.derive(select + " FROM (" + table.sql() + ")", parameters, result);
    }

    @Tool(
            name = "sort_values",
            value = "Sort the rows of a table by one or more columns, like pandas DataFrame.sort_values. The sort "
                    + "is stable (ties keep their order); missing values come last.")
    public Relation sortValues(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "by", value = "the columns to sort by, most significant first, e.g. [\"revenue\"]")
                    List<String> by,
            @P(
                            name = "ascending",
                            value = "true for ascending, false for descending: one value for all columns or one "
                                    + "per column, e.g. [false]; default [true]",
                            required = false)
                    @Nullable
                    List<Boolean> ascending) {
        mine(table);
        checks.sortValues(table.schema(), by, ascending);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            boolean up = ascending == null || ascending.isEmpty() || ascending.get(ascending.size() == 1 ? 0 : i);
            order.add(identifier(by.get(i)) + (up ? " ASC" : " DESC") + " NULLS LAST");
        }
        return table.derive(session.sortedStably(table.sql(), list(table), order), table.parameters(), table.schema());
    }

    @Tool(
            name = "groupby_agg",
            value = "Group the rows of a table by key columns and aggregate other columns, like pandas "
                    + "df.groupby(by).agg({...}). Functions: sum, mean, median, min, max, count, size, nunique, "
                    + "std, var, first, last. The result has the key columns first, then one column per "
                    + "column and function named <column>_<function>, e.g. revenue_sum; one row per group, "
                    + "sorted by key. Missing values are skipped; rows with a missing key are dropped.")
    public Relation groupbyAgg(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "by", value = "the key columns to group by, e.g. [\"region\"]") List<String> by,
            @P(
                            name = "aggregations",
                            value = "for each column to aggregate, the functions to apply, e.g. "
                                    + "{\"revenue\": [\"sum\", \"mean\"], \"units\": [\"sum\"]}")
                    Map<String, List<String>> aggregations) {
        mine(table);
        Table result = checks.groupbyAgg(table.schema(), by, aggregations);
        Table schema = table.schema();
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        StringJoiner keys = new StringJoiner(", ");
        StringJoiner present = new StringJoiner(" AND ", " WHERE ", "");
        for (String key : by) {
            select.add(identifier(key));
            keys.add(identifier(key));
            present.add(identifier(key) + " IS NOT NULL");
        }
        int output = by.size();
        for (Map.Entry<String, List<String>> entry : aggregations.entrySet()) {
            Column<?> source = schema.column(schema.columnNames().indexOf(entry.getKey()));
            for (String function : entry.getValue()) {
                Column<?> out = result.column(output++);
                select.add("CAST(" + aggregate(source, function) + " AS " + sqlType(out.type()) + ") AS "
                        + identifier(out.name()));
            }
        }
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (String key : by) {
            order.add(identifier(key) + " ASC NULLS LAST");
        }
        // rows are numbered (a pass that keeps DuckDB to one thread) only when first or last needs their order
        boolean ordered = aggregations.values().stream()
                .flatMap(List::stream)
                .anyMatch(f -> f.equals("first") || f.equals("last"));
        String from = ordered ? session.numbered(table.sql()) : table.sql();
        String sql = select + " FROM (" + from + ")" + present + " GROUP BY " + keys + order;
        return table.derive(sql, table.parameters(), result);
    }

    private static String aggregate(Column<?> source, String function) {
        String column = identifier(source.name());
        boolean bool = source.type().equals(tech.tablesaw.api.ColumnType.BOOLEAN);
        String number = bool ? "CAST(" + column + " AS BIGINT)" : column;
        String real = "CAST(" + column + " AS DOUBLE)";
        return switch (Aggregation.named(function, source.name())) {
            case SUM -> "COALESCE(sum(" + number + "), 0)";
            case MEAN -> "avg(" + real + ")";
            case MEDIAN -> "median(" + real + ")";
            case MIN -> "min(" + column + ")";
            case MAX -> "max(" + column + ")";
            case COUNT -> "count(" + column + ")";
            case SIZE -> "count(*)";
            case NUNIQUE -> "count(DISTINCT " + column + ")";
            case STD -> "stddev_samp(" + real + ")";
            case VAR -> "var_samp(" + real + ")";
            case FIRST -> "min_by(" + column + ", " + ROW + ") FILTER (WHERE " + column + " IS NOT NULL)";
            case LAST -> "max_by(" + column + ", " + ROW + ") FILTER (WHERE " + column + " IS NOT NULL)";
        };
    }

    @Tool(
            name = "merge",
            value = "Join two tables on key columns, like pandas pd.merge(left, right, on=..., how=...). how: "
                    + "inner (default), left, right or outer. Columns other than the keys that appear in both "
                    + "get the suffixes _x and _y. Row order as in pandas: left and inner follow the left table, "
                    + "right the right table.")
    public Relation merge(
            @P(name = "left", value = "the left table, e.g. #E1") Relation left,
            @P(name = "right", value = "the right table, e.g. #E2") Relation right,
            @P(name = "on", value = "the key column(s), present in both tables, e.g. [\"customer_id\"]")
                    List<String> on,
            @P(name = "how", value = "inner, left, right or outer; default inner", required = false) @Nullable
                    String how,
            @P(
                            name = "suffixes",
                            value = "two suffixes for clashing column names; default [\"_x\", \"_y\"]",
                            required = false)
                    @Nullable
                    List<String> suffixes) {
        mine(left);
        mine(right);
        Table result = checks.merge(left.schema(), right.schema(), on, how, suffixes);
        String mode = how == null ? "inner" : how;
        Set<String> keys = Set.copyOf(on);
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        int output = 0;
        for (String name : left.columns()) {
            String value = keys.contains(name)
                    ? "COALESCE(l." + identifier(name) + ", r." + identifier(name) + ")"
                    : "l." + identifier(name);
            Column<?> out = result.column(output++);
            select.add("CAST(" + value + " AS " + sqlType(out.type()) + ") AS " + identifier(out.name()));
        }
        for (String name : right.columns()) {
            if (!keys.contains(name)) {
                Column<?> out = result.column(output++);
                select.add(
                        "CAST(r." + identifier(name) + " AS " + sqlType(out.type()) + ") AS " + identifier(out.name()));
            }
        }
        StringJoiner condition = new StringJoiner(" AND ");
        StringJoiner partition = new StringJoiner(", ");
        for (String key : on) {
            condition.add("l." + identifier(key) + " IS NOT DISTINCT FROM r." + identifier(key));
            partition.add("COALESCE(l." + identifier(key) + ", r." + identifier(key) + ")");
        }
        String join = switch (mode) {
            case "left" -> "LEFT JOIN";
            case "right" -> "RIGHT JOIN";
            case "outer" -> "FULL OUTER JOIN";
            default -> "JOIN";
        };
        // pandas' row orders (1.5): left follows the left table, right the right table; inner and outer group by
        // key in order of first appearance in the left table, then (outer) the right table's other keys.
        String leftRow = "l." + ROW;
        String rightRow = "r." + ROW;
        List<String> order = switch (mode) {
            case "left" -> List.of(leftRow, rightRow);
            case "right" -> List.of(rightRow, leftRow);
            default ->
                List.of(
                        "min(" + leftRow + ") OVER (PARTITION BY " + partition + ")",
                        "min(" + rightRow + ") OVER (PARTITION BY " + partition + ")",
                        leftRow,
                        rightRow);
        };
        // the order keys are computed as columns and sorted on outside: Spark takes no window function in ORDER BY
        StringJoiner orderKeys = new StringJoiner(", ", ", ", "");
        StringJoiner sort = new StringJoiner(", ", " ORDER BY ", "");
        for (int i = 0; i < order.size(); i++) {
            orderKeys.add(order.get(i) + " AS \"__pev4j_o" + i + "\"");
            sort.add("\"__pev4j_o" + i + "\" NULLS LAST");
        }
        StringJoiner outer = new StringJoiner(", ", "SELECT ", " FROM (");
        for (Column<?> column : result.columns()) {
            outer.add(identifier(column.name()));
        }
        String sql = outer + select.toString() + orderKeys + " FROM (" + session.numbered(left.sql()) + ") AS l " + join
                + " (" + session.numbered(right.sql()) + ") AS r ON " + condition + ")" + sort;
        return left.derive(sql, concat(left.parameters(), right.parameters()), result);
    }

    @Tool(
            name = "concat",
            value = "Stack tables on top of each other, like pandas pd.concat([...], ignore_index=True). Columns "
                    + "are matched by name; a column missing from a table is missing in its rows.")
    public Relation concat(@P(name = "tables", value = "the tables, e.g. [#E1, #E2]") List<Relation> tables) {
        Objects.requireNonNull(tables, "tables == null");
        List<Table> schemas = new ArrayList<>();
        for (Relation table : tables) {
            schemas.add(mine(table).schema());
        }
        Table result = checks.concat(schemas);
        StringJoiner union = new StringJoiner(" UNION ALL ");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            Relation table = tables.get(i);
            StringJoiner select = new StringJoiner(", ", "SELECT ", "");
            for (Column<?> column : result.columns()) { // every table's columns in the result's order, by name
                String type = sqlType(column.type());
                String value = table.columns().contains(column.name()) ? identifier(column.name()) : "NULL";
                select.add("CAST(" + value + " AS " + type + ") AS " + identifier(column.name()));
            }
            select.add(i + " AS \"__pev4j_part\"").add(ROW);
            union.add(select + " FROM (" + session.numbered(table.sql()) + ")");
            parameters.addAll(table.parameters());
        }
        StringJoiner outer = new StringJoiner(", ", "SELECT ", "");
        for (Column<?> column : result.columns()) {
            outer.add(identifier(column.name()));
        }
        String sql = outer + " FROM (" + union + ") ORDER BY \"__pev4j_part\", " + ROW;
        return tables.get(0).derive(sql, parameters, result);
    }

    // ---- Cleaning and picking ----------------------------------------------------------------------------------

    @Tool(
            name = "drop_duplicates",
            value = "Remove repeated rows, like pandas df.drop_duplicates(subset, keep). keep: \"first\" (default) "
                    + "keeps the first of each set of equal rows, \"last\" the last, \"none\" drops them all. Missing "
                    + "values count as equal to each other.")
    public Relation dropDuplicates(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "subset", value = "the columns to compare; default all", required = false) @Nullable
                    List<String> subset,
            @P(name = "keep", value = "\"first\", \"last\" or \"none\"; default \"first\"", required = false) @Nullable
                    String keep) {
        mine(table);
        checks.dropDuplicates(table.schema(), subset, keep);
        String mode = keep == null ? "first" : keep.strip().toLowerCase(Locale.ROOT);
        StringJoiner partition = new StringJoiner(", ");
        for (String name : subset == null || subset.isEmpty() ? table.columns() : subset) {
            partition.add(identifier(name));
        }
        String window = switch (mode) {
            case "first" -> "row_number() OVER (PARTITION BY " + partition + " ORDER BY " + ROW + ") = 1";
            case "last" -> "row_number() OVER (PARTITION BY " + partition + " ORDER BY " + ROW + " DESC) = 1";
            default -> "count(*) OVER (PARTITION BY " + partition + ") = 1";
        };
        return table.derive(
                "SELECT " + list(table) + " FROM (SELECT *, " + window + " AS \"__pev4j_keep\" FROM ("
                        + session.numbered(table.sql()) + ")) WHERE \"__pev4j_keep\" ORDER BY " + ROW,
                table.parameters(),
                table.schema());
    }

    @Tool(
            name = "dropna",
            value = "Remove rows with missing values, like pandas df.dropna(how, subset). how: \"any\" (default) "
                    + "drops a row with any missing value, \"all\" only a row where all are missing.")
    public Relation dropna(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "how", value = "\"any\" or \"all\"; default \"any\"", required = false) @Nullable String how,
            @P(name = "subset", value = "the columns to look at; default all", required = false) @Nullable
                    List<String> subset) {
        mine(table);
        checks.dropna(table.schema(), how, subset);
        boolean all = how != null && how.strip().equals("all");
        StringJoiner condition = new StringJoiner(all ? " OR " : " AND ");
        for (String name : subset == null || subset.isEmpty() ? table.columns() : subset) {
            condition.add(identifier(name) + " IS NOT NULL");
        }
        return table.derive(
                "SELECT * FROM (" + table.sql() + ") WHERE " + condition, table.parameters(), table.schema());
    }

    @Tool(
            name = "value_counts",
            value = "Count each distinct value of a column, like pandas df[column].value_counts(): a table with "
                    + "the column and its count, most frequent first (ties in order of first appearance).")
    public Relation valueCounts(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column,
            @P(
                            name = "normalize",
                            value = "true for proportions that sum to 1 instead of counts; default false",
                            required = false)
                    @Nullable
                    Boolean normalize,
            @P(name = "dropna", value = "false to count missing values too; default true", required = false) @Nullable
                    Boolean dropna) {
        mine(table);
        Table result = checks.valueCounts(table.schema(), column, normalize, dropna);
        String value = identifier(column);
        String count = normalize != null && normalize ? "CAST(count(*) AS DOUBLE) / sum(count(*)) OVER ()" : "count(*)";
        String where = dropna == null || dropna ? " WHERE " + value + " IS NOT NULL" : "";
        String counted = identifier(result.column(1).name());
        String sql = "SELECT " + value + ", " + counted + " FROM (SELECT " + value + ", CAST(" + count + " AS "
                + sqlType(result.column(1).type()) + ") AS " + counted
                + ", count(*) AS \"__pev4j_n\", min(" + ROW + ") AS \"__pev4j_first\" FROM ("
                + session.numbered(table.sql()) + ")" + where + " GROUP BY " + value
                + ") ORDER BY \"__pev4j_n\" DESC, \"__pev4j_first\"";
        return table.derive(sql, table.parameters(), result);
    }

    @Tool(
            name = "nunique",
            value = "The number of distinct values in each column, missing values not counted, like pandas "
                    + "df.nunique().")
    public Map<String, Long> nunique(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "columns", value = "the columns to count; default all", required = false) @Nullable
                    List<String> columns) {
        mine(table);
        checks.nunique(table.schema(), columns);
        List<String> names = columns == null || columns.isEmpty() ? table.columns() : columns;
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM (" + table.sql() + ")");
        for (String name : names) {
            select.add("count(DISTINCT " + identifier(name) + ")");
        }
        Table counts = session.fetch(select.toString(), table.parameters(), "");
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            result.put(names.get(i), ((Number) counts.column(i).get(0)).longValue());
        }
        return result;
    }

    @Tool(
            name = "unique",
            value = "The distinct values of one column in order of first appearance, like pandas "
                    + "df[column].unique(). A missing value appears once, as null.")
    public List<@Nullable Object> unique(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "column", value = "the column, e.g. \"region\"") String column) {
        mine(table);
        checks.unique(table.schema(), column);
        String value = identifier(column);
        Table distinct = session.fetch(
                "SELECT " + value + " FROM (" + session.numbered(table.sql()) + ") GROUP BY " + value + " ORDER BY min("
                        + ROW + ")",
                table.parameters(),
                table.name());
        return Inspect.unique(distinct.column(0));
    }

    @Tool(
            name = "isnull",
            value = "Count the missing values in each column, like pandas df.isnull().sum(). Returns {column: "
                    + "count}.")
    public Map<String, Long> isnull(@P(name = "table", value = "the table, e.g. #E1") Relation table) {
        mine(table);
        List<String> names = table.columns();
        if (names.isEmpty()) {
            return Map.of();
        }
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM (" + table.sql() + ")");
        for (String name : names) {
            select.add("count(*) - count(" + identifier(name) + ")");
        }
        Table counts = session.fetch(select.toString(), table.parameters(), "");
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            result.put(names.get(i), ((Number) counts.column(i).get(0)).longValue());
        }
        return result;
    }

    @Tool(
            name = "nlargest",
            value = "The n rows with the largest values in a column, largest first, like pandas df.nlargest(n, "
                    + "columns). Ties keep their original order; rows with a missing value are left out.")
    public Relation nlargest(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"revenue\"]") List<String> columns) {
        mine(table);
        checks.nlargest(table.schema(), n, columns);
        return extremes(table, n, columns, "DESC");
    }

    @Tool(
            name = "nsmallest",
            value = "The n rows with the smallest values in a column, smallest first, like pandas "
                    + "df.nsmallest(n, columns). Ties keep their original order; rows with a missing value are "
                    + "left out.")
    public Relation nsmallest(
            @P(name = "table", value = "the table, e.g. #E1") Relation table,
            @P(name = "n", value = "how many rows, e.g. 5") int n,
            @P(name = "columns", value = "the column(s) to rank by, e.g. [\"price\"]") List<String> columns) {
        mine(table);
        checks.nsmallest(table.schema(), n, columns);
        return extremes(table, n, columns, "ASC");
    }

    private Relation extremes(Relation table, int n, List<String> columns, String direction) {
        StringJoiner present = new StringJoiner(" AND ", " WHERE ", "");
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", ", " + ROW);
        for (String name : columns) {
            present.add(identifier(name) + " IS NOT NULL");
            order.add(identifier(name) + " " + direction);
        }
        return table.derive(
                "SELECT " + list(table) + " FROM (" + session.numbered(table.sql()) + ")" + present + order + " LIMIT "
                        + n,
                table.parameters(),
                table.schema());
    }

    // ---- Toolkit -----------------------------------------------------------------------------------------------

    /** The workspace's data files with their columns and dtypes, as for the Tablesaw engine. */
    @Override
    public String context() {
        return checks.context();
    }

    @Override
    public String examples() {
        return checks.examples();
    }

    /** Relations are previewed as their counted shape, columns with dtypes and first rows (a {@code LIMIT}). */
    @Override
    public List<ValuePreviewer> previewers() {
        return List.of(new RelationPreviewer());
    }

    /** Relations are shown to the tester's checks; {@code rows(#E2)} is a {@code COUNT(*)}. */
    @Override
    public List<EvidenceInspector> inspectors() {
        return List.of(new RelationInspector());
    }

    /** Closes the database and deletes its spill directory; relations made by it stop working. */
    @Override
    public void close() {
        session.close();
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private Relation mine(Relation relation) {
        return Relation.requireSameSession(relation, session);
    }

    /** The file {@code path} names, which must exist; errors read as on the Tablesaw engine. */
    private Path existingFile(String path, String what) {
        Path file = workspace.resolve(path);
        if (Files.isDirectory(file)) {
            throw new DataOpsException(
                    "'" + path + "' is a directory, not " + what + "; files: " + String.join(", ", workspace.list()));
        }
        return file;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes into a staging file of the backend's private directory, then copies it into the workspace atomically
     * (where {@link Workspace#writeAtomically} refuses paths outside the workspace and existing files).
     */
    private void copyTo(Relation table, String path, SqlBackend.Format format, boolean overwrite) {
        Path staged = session.spillDirectory().resolve(session.freshName());
        try {
            session.write(table.sql(), table.parameters(), staged, format);
            workspace.writeAtomically(path, out -> Files.copy(staged, out), overwrite);
        } finally {
            DuckDbSession.deleteQuietly(staged); // never masks the COPY's error; close() clears the spill folder
        }
    }

    /** The relation's columns, quoted, for a {@code SELECT} that leaves out the helper columns added to it. */
    private static String list(Relation table) {
        StringJoiner names = new StringJoiner(", ");
        for (String name : table.columns()) {
            names.add(identifier(name));
        }
        return names.toString();
    }

    private static char separator(@Nullable String sep) {
        if (sep == null) {
            return ',';
        }
        String unescaped = sep.equals("\\t") ? "\t" : sep;
        if (unescaped.length() != 1) {
            throw new DataOpsException(
                    "sep must be a single character but was '" + sep + "'; e.g. \",\", \";\" or " + "\"\\t\"");
        }
        return unescaped.charAt(0);
    }

    private static List<Object> concat(List<Object> first, List<Object> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Relation project(Relation table, Table result) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM (" + table.sql() + ")");
        for (Column<?> column : result.columns()) {
            select.add(identifier(column.name()));
        }
        return table.derive(select.toString(), table.parameters(), result);
    }
}
