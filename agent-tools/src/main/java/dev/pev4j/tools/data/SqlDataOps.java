package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DuckDbSql.ROW;
import static dev.pev4j.tools.data.DuckDbSql.identifier;
import static dev.pev4j.tools.data.DuckDbSql.sqlType;

import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.SideEffects;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.SqlExpression;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
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
 * <p>Every tool of {@link DataFrameTools} is offered. Those listed in {@link #IN_MEMORY} (and {@code merge} with
 * {@code left_on}/{@code right_on}, {@code indicator} or {@code validate}) collect their input into the JVM's heap and
 * run the Tablesaw implementation, so they give the Tablesaw engine's results; an input too large for the heap is
 * refused before it is collected, with a message naming its size ({@link HeapCheck}).
 */
@SideEffects(false)
public final class SqlDataOps implements DataFrameTools<Relation>, AutoCloseable {

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

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public Class<Relation> frameType() {
        return Relation.class;
    }

    SqlBackend session() {
        return session;
    }

    /** A relation over a copy of {@code table}, for mixing tables made elsewhere into a plan. */
    @Override
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

    @Override
    public Relation readCsv(
            String path, @Nullable String sep, @Nullable List<String> naValues, @Nullable Boolean header) {
        Objects.requireNonNull(path, "path == null");
        Path file = checks.file(path, "a CSV file");
        if (size(file) <= 3) { // empty, or a byte order mark only: the Tablesaw reader's checks and messages
            return fromTable(checks.readCsv(path, sep, naValues, header));
        }
        return session.readCsv(
                file, path, DataOps.separator(sep), CsvReading.naValues(naValues), header == null || header);
    }

    @Override
    public Relation readParquet(String path) {
        Objects.requireNonNull(path, "path == null");
        Path file = checks.file(path, "a Parquet file");
        return session.readParquet(file, path);
    }

    @Override
    public String toParquet(Relation table, String path, @Nullable Boolean overwrite) {
        return write(table, path, SqlBackend.Format.PARQUET, overwrite);
    }

    @Override
    public String writeCsv(Relation table, String path, @Nullable Boolean overwrite) {
        return write(table, path, SqlBackend.Format.CSV, overwrite);
    }

    /** Writes {@code table} to {@code path} of the workspace in {@code format}, atomically; returns the path. */
    private String write(Relation table, String path, SqlBackend.Format format, @Nullable Boolean overwrite) {
        mine(table);
        Objects.requireNonNull(path, "path == null");
        copyTo(table, path, format, overwrite != null && overwrite);
        return path;
    }

    // ---- Rows and columns --------------------------------------------------------------------------------------

    @Override
    public Relation head(Relation table, @Nullable Integer n) {
        mine(table);
        int count = n == null ? DEFAULT_ROWS : n;
        long limit = count >= 0 ? count : Math.max(0, table.rows() + count);
        return table.derive("SELECT * FROM (" + table.sql() + ") LIMIT " + limit, table.parameters(), table.schema());
    }

    @Override
    public Relation tail(Relation table, @Nullable Integer n) {
        mine(table);
        int count = n == null ? DEFAULT_ROWS : n;
        long rows = table.rows();
        long start = count >= 0 ? Math.max(0, rows - count) : Math.min(rows, -(long) count);
        return table.derive("SELECT * FROM (" + table.sql() + ") OFFSET " + start, table.parameters(), table.schema());
    }

    @Override
    public List<Long> shape(Relation table) {
        mine(table);
        return List.of(table.rows(), (long) table.columns().size());
    }

    @Override
    public List<String> columns(Relation table) {
        return mine(table).columns();
    }

    @Override
    public Relation select(Relation table, List<String> columns) {
        mine(table);
        return project(table, checks.select(table.schema(), columns));
    }

    @Override
    public Relation drop(Relation table, List<String> columns) {
        mine(table);
        return project(table, checks.drop(table.schema(), columns));
    }

    @Override
    public Relation rename(Relation table, Map<String, String> columns) {
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

    @Override
    public Relation filter(Relation table, String expr) {
        mine(table);
        Objects.requireNonNull(expr, "expr == null");
        SqlExpression condition = SqlExpression.condition(Expression.parse(expr), table.schema(), session.dialect());
        return table.derive(
                "SELECT * FROM (" + table.sql() + ") WHERE " + condition.sql(),
                concat(table.parameters(), condition.parameters()),
                table.schema());
    }

    @Override
    public Relation assign(Relation table, String column, String expr) {
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

    @Override
    public Relation sortValues(Relation table, List<String> by, @Nullable List<Boolean> ascending) {
        mine(table);
        checks.sortValues(table.schema(), by, ascending);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            boolean up = ascending == null || ascending.isEmpty() || ascending.get(ascending.size() == 1 ? 0 : i);
            order.add(identifier(by.get(i)) + (up ? " ASC" : " DESC") + " NULLS LAST");
        }
        return table.derive(session.sortedStably(table.sql(), list(table), order), table.parameters(), table.schema());
    }

    @Override
    public Relation groupbyAgg(Relation table, List<String> by, Map<String, List<String>> aggregations) {
        mine(table);
        Table result = checks.groupbyAgg(table.schema(), by, aggregations);
        boolean quantiles = aggregations.entrySet().stream()
                .anyMatch(e -> e.getValue().stream()
                        .anyMatch(f -> Quantiles.parse(f, e.getKey()).isPresent()));
        if (quantiles) { // quantile_<q> is not built in SQL: in memory, as the tools of IN_MEMORY
            return inMemory("groupby_agg", table, t -> checks.groupbyAgg(t, by, aggregations));
        }
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

    @Override
    public Relation merge(Relation left, Relation right, MergeSpec spec) {
        mine(left);
        mine(right);
        List<String> on = spec.on();
        if (on == null
                || spec.leftOn() != null
                || spec.rightOn() != null
                || spec.indicator()
                || spec.validate() != null) {
            // keys named differently, the _merge column and validate run in memory, as on the Tablesaw engine
            HeapCheck.requireFits(left, "merge", session.engineName());
            HeapCheck.requireFits(right, "merge", session.engineName());
            return fromTable(checks.merge(left.toTable(), right.toTable(), spec));
        }
        Table result = checks.merge(left.schema(), right.schema(), spec);
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
        String join = switch (spec.how()) {
            case "left" -> "LEFT JOIN";
            case "right" -> "RIGHT JOIN";
            case "outer" -> "FULL OUTER JOIN";
            default -> "JOIN";
        };
        // pandas' row orders (1.5): left follows the left table, right the right table; inner and outer group by
        // key in order of first appearance in the left table, then (outer) the right table's other keys.
        String leftRow = "l." + ROW;
        String rightRow = "r." + ROW;
        List<String> order = switch (spec.how()) {
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

    @Override
    public Relation concat(List<Relation> tables) {
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

    @Override
    public Relation dropDuplicates(Relation table, @Nullable List<String> subset, @Nullable String keep) {
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

    @Override
    public Relation dropna(Relation table, @Nullable String how, @Nullable List<String> subset) {
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

    @Override
    public Relation valueCounts(Relation table, String column, @Nullable Boolean normalize, @Nullable Boolean dropna) {
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

    @Override
    public Map<String, Long> nunique(Relation table, @Nullable List<String> columns) {
        mine(table);
        checks.nunique(table.schema(), columns);
        List<String> names = columns == null || columns.isEmpty() ? table.columns() : columns;
        return countPerColumn(table, names, "count(DISTINCT %s)");
    }

    @Override
    public List<@Nullable Object> unique(Relation table, String column) {
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

    @Override
    public Map<String, Long> isnull(Relation table) {
        mine(table);
        return countPerColumn(table, table.columns(), "count(*) - count(%s)");
    }

    /** One count per column of {@code names}, {@code count} with {@code %s} for the column, in one query. */
    private Map<String, Long> countPerColumn(Relation table, List<String> names, String count) {
        if (names.isEmpty()) {
            return Map.of();
        }
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM (" + table.sql() + ")");
        for (String name : names) {
            select.add(String.format(Locale.ROOT, count, identifier(name)));
        }
        Table counts = session.fetch(select.toString(), table.parameters(), "");
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            result.put(names.get(i), ((Number) counts.column(i).get(0)).longValue());
        }
        return result;
    }

    /** The row number of the first largest value, found by one query (no rows are collected). */
    @Override
    public long idxmax(Relation table, String column) {
        return idx(table, column, true);
    }

    /** The row number of the first smallest value, found by one query (no rows are collected). */
    @Override
    public long idxmin(Relation table, String column) {
        return idx(table, column, false);
    }

    /** {@link Modes}' idxmax/idxmin in SQL: rows numbered 0, 1, 2 … in order, the best present value, first on ties. */
    private long idx(Relation table, String column, boolean max) {
        mine(table);
        Objects.requireNonNull(column, "column == null");
        String tool = max ? "idxmax" : "idxmin";
        Windows.checkNumeric(Columns.named(table.schema(), column), tool);
        String value = identifier(column);
        Table best = session.fetch(
                "SELECT \"__pev4j_pos\" FROM (SELECT " + value + ", " + ROW + ", row_number() OVER (ORDER BY " + ROW
                        + ") - 1 AS \"__pev4j_pos\" FROM (" + session.numbered(table.sql()) + ")) WHERE " + value
                        + " IS NOT NULL ORDER BY " + value + (max ? " DESC" : " ASC") + ", " + ROW + " LIMIT 1",
                table.parameters(),
                "");
        if (best.rowCount() == 0) {
            throw new DataOpsException("column '" + column + "' has no values, so it has no " + tool, column, null);
        }
        return ((Number) best.column(0).get(0)).longValue();
    }

    /** One query counting each column's present values; the dtypes are the relation's. */
    @Override
    public Relation info(Relation table) {
        mine(table);
        Table info = checks.info(table.schema());
        LongColumn counts = LongColumn.create(info.column(1).name());
        countPerColumn(table, table.columns(), "count(%s)").values().forEach(counts::append);
        return fromTable(Table.create(
                info.name(), info.column(0).copy(), counts, info.column(2).copy()));
    }

    /**
     * Wide to long in SQL, each value column in turn in row order, when no value has to become text (Tablesaw's text
     * of a number is not the engine's); otherwise in memory.
     */
    @Override
    public Relation melt(
            Relation table,
            List<String> idVars,
            @Nullable List<String> valueVars,
            @Nullable String varName,
            @Nullable String valueName) {
        mine(table);
        Table schema = table.schema();
        Table result = checks.melt(schema, idVars, valueVars, varName, valueName);
        List<Column<?>> melted = Melting.valueColumns(schema, idVars, valueVars);
        List<String> values = new ArrayList<>();
        Column<?> variable = result.column(result.columnCount() - 2);
        Column<?> value = result.column(result.columnCount() - 1);
        for (Column<?> column : melted) {
            String name = column.name();
            values.add(name);
            ColumnType type = column.type();
            boolean widened = value.type().equals(ColumnType.DOUBLE) && type.equals(ColumnType.LONG);
            if ((!type.equals(value.type()) && !widened) || type.equals(ColumnType.INSTANT)) {
                return DataFrameTools.super.melt(table, idVars, valueVars, varName, valueName);
            }
        }
        StringJoiner union = new StringJoiner(" UNION ALL ");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            StringJoiner select = new StringJoiner(", ", "SELECT ", "");
            for (String id : idVars) {
                select.add(identifier(id));
            }
            select.add("CAST(? AS STRING) AS " + identifier(variable.name()));
            select.add("CAST(" + identifier(values.get(i)) + " AS " + sqlType(value.type()) + ") AS "
                    + identifier(value.name()));
            select.add(i + " AS \"__pev4j_part\"").add(ROW);
            union.add(select + " FROM (" + session.numbered(table.sql()) + ")");
            parameters.add(values.get(i));
            parameters.addAll(table.parameters());
        }
        StringJoiner outer = new StringJoiner(", ", "SELECT ", "");
        for (Column<?> column : result.columns()) {
            outer.add(identifier(column.name()));
        }
        return table.derive(outer + " FROM (" + union + ") ORDER BY \"__pev4j_part\", " + ROW, parameters, result);
    }

    @Override
    public Relation nlargest(Relation table, int n, List<String> columns) {
        mine(table);
        checks.nlargest(table.schema(), n, columns);
        return extremes(table, n, columns, "DESC");
    }

    @Override
    public Relation nsmallest(Relation table, int n, List<String> columns) {
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

    // ---- Tools run in memory ----------------------------------------------------------------------------------

    /**
     * The tools these engines run by collecting their input into a Tablesaw table and running {@link DataOps}' own
     * implementation on it (the tools this class does not override, see {@link DataFrameTools#onHeap}), the result
     * copied back into the engine as a relation: the same semantics and messages as
     * the Tablesaw engine, but the input must fit in the JVM's heap (see {@link HeapCheck#requireFits(Relation,
     * String, String)}). {@link #context()} tells the planner which they are.
     */
    static final List<String> IN_MEMORY = List.of(
            "astype",
            "corr",
            "crosstab",
            "cumsum",
            "cut",
            "describe",
            "diff",
            "dt_ceil",
            "dt_floor",
            "dt_part",
            "dt_strftime",
            "dt_tz_convert",
            "dt_tz_localize",
            "ewm_mean",
            "expanding",
            "fillna",
            "groupby_transform",
            "mode",
            "pct_change",
            "pivot_table",
            "plot",
            "qcut",
            "quantile",
            "rank",
            "read_json",
            "resample",
            "rolling",
            "sample",
            "shift",
            "str_contains",
            "str_extract",
            "str_len",
            "str_lower",
            "str_replace",
            "str_split",
            "str_strip",
            "str_upper",
            "timedelta",
            "to_datetime",
            "write_json");

    /** The Tablesaw tools over this workspace, which run the tools of {@link #IN_MEMORY} on collected tables. */
    @Override
    public DataOps tablesaw() {
        return checks;
    }

    /**
     * {@code run} on {@code table}'s rows collected into the heap; refused, before anything is collected, when they
     * would not fit ({@link HeapCheck#requireFits(Relation, String, String)}).
     */
    @Override
    public <T> T onHeap(String tool, Relation table, Function<Table, T> run) {
        mine(table);
        HeapCheck.requireFits(table, tool, session.engineName());
        return run.apply(table.toTable());
    }

    // ---- Toolkit -----------------------------------------------------------------------------------------------

    /** The workspace's data files with their columns and dtypes, as for the Tablesaw engine. */
    @Override
    public String context() {
        return checks.context() + "\nOn " + session.engineName() + " these tools collect their table into the JVM's "
                + "memory (the others run in the engine, out of core): " + String.join(", ", IN_MEMORY)
                + "; merge too with left_on/right_on, indicator or validate, groupby_agg with a quantile_<q>, and "
                + "melt when its value columns mix text with other types. Filter, select or aggregate first so "
                + "that what they collect is small.";
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
            ScratchDirectories.deleteQuietly(staged); // never masks the COPY's error; close() clears the spill folder
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
