package dev.pev4j.tools.data;

import dev.pev4j.tools.expr.SqlExpression;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One embedded in-memory DuckDB database, confined to a workspace: file access only inside the workspace's directory
 * and a private spill directory ({@code allowed_directories} with {@code enable_external_access = false}), no
 * extension installs or loads, and the configuration locked so that no SQL can lift these limits. Queries run on
 * duplicates of one connection, so the session is thread-safe.
 */
final class DuckDbSession implements SqlBackend {

    /** Rows DuckDB's CSV sniffer reads to guess types (its default {@code sample_size}). */
    private static final int SAMPLE = 20_480;

    /** The hidden column of {@link #sortedStably}: the rank of a row's sort keys, equal for rows that tie. */
    private static final String PEERS = "\"__pev4j_peers\"";

    private static final String CSV_TYPES = "['BOOLEAN', 'BIGINT', 'DOUBLE', 'VARCHAR']";

    private final DuckDBConnection connection;
    private final Path spill;
    private final AtomicLong names = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    /** The tables this session made, whose {@code rowid} numbers their rows in order (no numbering pass). */
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    private DuckDbSession(DuckDBConnection connection, Path spill) {
        this.connection = connection;
        this.spill = spill;
    }

    /**
     * Opens a database that may read and write only under {@code root}.
     *
     * @throws DataOpsException when the database cannot start (SqlDataOps checks the driver is on the classpath)
     */
    static DuckDbSession open(Path root, Engine.DuckDb engine) {
        Path spill = ScratchDirectories.create(null, "pev4j-duckdb-");
        try {
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                if (engine.memoryLimit() != null) {
                    statement.execute(
                            "SET memory_limit = " + literal(engine.memoryLimit().strip()));
                }
                if (engine.threads() > 0) {
                    statement.execute("SET threads = " + engine.threads());
                }
                statement.execute("SET temp_directory = " + literal(spill.toString()));
                statement.execute("SET preserve_insertion_order = true");
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                statement.execute("SET allowed_directories = [" + literal(directory(root.toAbsolutePath())) + ", "
                        + literal(directory(spill)) + "]");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
            return new DuckDbSession(connection, spill);
        } catch (SQLException e) {
            throw new DataOpsException("DuckDB could not start: " + firstLine(e), null, e);
        }
    }

    private static String directory(Path path) {
        String text = path.normalize().toString();
        return text.endsWith("/") ? text : text + "/";
    }

    /** A SQL string literal of trusted text (paths this class made, sizes checked by {@link Engine.DuckDb}). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public String engineName() {
        return "DuckDB";
    }

    @Override
    public SqlExpression.Dialect dialect() {
        return SqlExpression.Dialect.DUCKDB;
    }

    @Override
    public String freshName() {
        return "pev4j_" + names.incrementAndGet();
    }

    /** The private spill directory, which DuckDB may write to; also where files are staged before a move. */
    @Override
    public Path spillDirectory() {
        return spill;
    }

    @Override
    public long queriesRun() {
        return queries.get();
    }

    /** Runs a statement that returns nothing. */
    void execute(String sql, List<Object> parameters) {
        try (Connection c = connection.duplicate();
                PreparedStatement statement = c.prepareStatement(sql)) {
            queries.incrementAndGet();
            bind(c, statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The query's columns and types, as an empty table (the query runs with {@code LIMIT 0}). */
    @Override
    public Table schema(String sql, List<Object> parameters, String name) {
        return fetch("SELECT * FROM (" + sql + ") LIMIT 0", parameters, name);
    }

    @Override
    public long count(String sql, List<Object> parameters) {
        try (Connection c = connection.duplicate();
                PreparedStatement statement = c.prepareStatement(sql)) {
            queries.incrementAndGet();
            bind(c, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public Table fetch(String sql, List<Object> parameters, String name) {
        try (Connection c = connection.duplicate();
                PreparedStatement statement = c.prepareStatement(sql)) {
            queries.incrementAndGet();
            bind(c, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return collect(rows, name);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Copies {@code table} into a new DuckDB table of the in-memory database and returns a query over it; the table
     * lives as long as the session.
     */
    @Override
    public String register(Table table) {
        String name = freshName();
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        for (int c = 0; c < table.columnCount(); c++) {
            Column<?> column = table.column(c);
            create.append(c > 0 ? ", " : "")
                    .append(DuckDbSql.identifier(column.name()))
                    .append(' ')
                    .append(DuckDbSql.sqlType(column.type()));
        }
        create.append(')');
        try (Statement statement = connection.createStatement()) {
            statement.execute(create.toString());
        } catch (SQLException e) {
            throw failure(e);
        }
        try (DuckDBAppender appender = connection.createAppender("main", name)) {
            for (int row = 0; row < table.rowCount(); row++) {
                appender.beginRow();
                for (Column<?> column : table.columns()) {
                    append(appender, column, row);
                }
                appender.endRow();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        tables.add(name);
        return "SELECT * FROM " + name;
    }

    @Override
    public String persist(String name, String sql, List<Object> parameters) {
        String table = DuckDbSql.identifier(name);
        execute("CREATE OR REPLACE TABLE " + table + " AS " + sql, parameters);
        tables.add(table);
        return "SELECT * FROM " + table;
    }

    /**
     * A table this session made is numbered by its {@code rowid} (its insertion order, read in parallel); any other
     * query by {@code row_number() OVER ()}, a pass that keeps DuckDB to one thread.
     */
    @Override
    public String numbered(String sql) {
        if (sql.startsWith("SELECT * FROM ") && tables.contains(sql.substring("SELECT * FROM ".length()))) {
            return "SELECT *, rowid AS " + DuckDbSql.ROW + " FROM " + sql.substring("SELECT * FROM ".length());
        }
        return "SELECT *, row_number() OVER () AS " + DuckDbSql.ROW + " FROM (" + sql + ")";
    }

    /**
     * DuckDB's {@code ORDER BY} is not stable (ties come out in any order, even on one thread), so ties need the row
     * number as a last key. Appended to the keys, though, a key unique per row makes DuckDB compare rows one against
     * another wherever a text key ties: about 3 times the time of the same sort without it (1 M rows by a text and a
     * whole number). So the rows are first ranked by the keys ({@code dense_rank}: equal keys, equal rank; a sort whose
     * ties cost little), then sorted by that rank and the row number, two whole numbers, which DuckDB radix-sorts.
     */
    @Override
    public String sortedStably(String sql, String columns, List<String> keys) {
        return "SELECT " + columns + " FROM (SELECT *, dense_rank() OVER (ORDER BY " + String.join(", ", keys) + ") AS "
                + PEERS + " FROM (" + numbered(sql) + ")) ORDER BY " + PEERS + ", " + DuckDbSql.ROW;
    }

    @Override
    public Relation readCsv(Path file, String name, char delimiter, Set<String> missing, boolean header) {
        String sql = "SELECT * FROM read_csv(?, delim = ?, header = ?, nullstr = ?, quote = '\"', escape = '\"', "
                + "auto_type_candidates = " + CSV_TYPES + ")";
        List<Object> parameters =
                List.of(file.toString(), String.valueOf(delimiter), header, missing.toArray(String[]::new));
        Table schema;
        try {
            schema = schema(sql, parameters, name);
        } catch (DataOpsException e) {
            if (e.getCause() != null
                    && String.valueOf(e.getCause().getMessage()).contains("Invalid unicode")) {
                throw new DataOpsException("could not read '" + name + "': it is not UTF-8 text", null, e);
            }
            throw e;
        }
        List<String> allMissing = allMissingInSample(sql, parameters, schema);
        if (!allMissing.isEmpty()) { // pandas reads a column without any value as float64, DuckDB's sniffer as text
            StringJoiner typed = new StringJoiner(", ", "SELECT ", " FROM (" + sql + ")");
            for (int c = 0; c < schema.columnCount(); c++) {
                String column = schema.column(c).name();
                typed.add(
                        allMissing.contains(column)
                                ? "CAST(" + DuckDbSql.identifier(column) + " AS DOUBLE) AS "
                                        + DuckDbSql.identifier(column)
                                : DuckDbSql.identifier(column));
            }
            sql = typed.toString();
            schema = schema(sql, parameters, name);
        }
        if (!header) { // pandas names the columns 0, 1, 2 …
            StringJoiner renamed = new StringJoiner(", ", "SELECT ", " FROM (" + sql + ")");
            for (int c = 0; c < schema.columnCount(); c++) {
                renamed.add(DuckDbSql.identifier(schema.column(c).name()) + " AS "
                        + DuckDbSql.identifier(String.valueOf(c)));
                schema.column(c).setName(String.valueOf(c));
            }
            sql = renamed.toString();
        }
        return new Relation(this, sql, parameters, schema);
    }

    /** The text columns without a single value in the sniffer's sample (the first {@value #SAMPLE} rows). */
    private List<String> allMissingInSample(String sql, List<Object> parameters, Table schema) {
        List<String> text = new ArrayList<>();
        for (Column<?> column : schema.columns()) {
            if (column.type().equals(ColumnType.STRING)) {
                text.add(column.name());
            }
        }
        if (text.isEmpty()) {
            return List.of();
        }
        StringJoiner counts =
                new StringJoiner(", ", "SELECT count(*), ", " FROM (SELECT * FROM (" + sql + ") LIMIT " + SAMPLE + ")");
        for (String column : text) {
            counts.add("count(" + DuckDbSql.identifier(column) + ")");
        }
        Table found = fetch(counts.toString(), parameters, "");
        List<String> empty = new ArrayList<>();
        if (((Number) found.column(0).get(0)).longValue() == 0) {
            return empty; // a header-only file: text columns, as pandas reads them
        }
        for (int i = 0; i < text.size(); i++) {
            if (((Number) found.column(i + 1).get(0)).longValue() == 0) {
                empty.add(text.get(i));
            }
        }
        return empty;
    }

    @Override
    public Relation readParquet(Path file, String name) {
        String sql = "SELECT * FROM read_parquet(?)";
        List<Object> parameters = List.of(file.toString());
        return new Relation(this, sql, parameters, schema(sql, parameters, name));
    }

    @Override
    public void write(String sql, List<Object> parameters, Path staged, Format format) {
        String options = format == Format.PARQUET ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true, DELIMITER ',')";
        execute("COPY (" + sql + ") TO " + literal(staged.toString()) + " " + options, parameters);
    }

    private static void append(DuckDBAppender appender, Column<?> column, int row) throws SQLException {
        if (column.isMissing(row)) {
            appender.appendNull();
            return;
        }
        Object value = column.get(row);
        if (value instanceof Double || value instanceof Float) {
            appender.append(((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            appender.append(number.longValue());
        } else if (value instanceof Boolean truth) {
            appender.append(truth.booleanValue());
        } else if (value instanceof LocalDate date) {
            appender.append(date);
        } else if (value instanceof LocalDateTime time) {
            appender.append(time);
        } else {
            appender.append(String.valueOf(value));
        }
    }

    private static void bind(Connection c, PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String[] texts) {
                Array array = c.createArrayOf("VARCHAR", texts);
                statement.setArray(i + 1, array);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static Table collect(ResultSet rows, String name) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int count = meta.getColumnCount();
        List<Column<?>> columns = new ArrayList<>(count);
        for (int c = 1; c <= count; c++) {
            columns.add(column(meta.getColumnLabel(c), meta.getColumnTypeName(c)));
        }
        while (rows.next()) {
            for (int c = 1; c <= count; c++) {
                Column<?> column = columns.get(c - 1);
                if (column instanceof LongColumn longs) {
                    long value = rows.getLong(c);
                    if (rows.wasNull()) {
                        longs.appendMissing();
                    } else {
                        longs.append(value);
                    }
                } else if (column instanceof DoubleColumn doubles) {
                    double value = rows.getDouble(c);
                    if (rows.wasNull()) {
                        doubles.appendMissing();
                    } else {
                        doubles.append(value);
                    }
                } else if (column instanceof BooleanColumn booleans) {
                    boolean value = rows.getBoolean(c);
                    if (rows.wasNull()) {
                        booleans.appendMissing();
                    } else {
                        booleans.append(value);
                    }
                } else if (column instanceof DateColumn dates) {
                    LocalDate value = rows.getObject(c, LocalDate.class);
                    if (value == null) {
                        dates.appendMissing();
                    } else {
                        dates.append(value);
                    }
                } else if (column instanceof DateTimeColumn times) {
                    LocalDateTime value = rows.getObject(c, LocalDateTime.class);
                    if (value == null) {
                        times.appendMissing();
                    } else {
                        times.append(value);
                    }
                } else {
                    String value = rows.getString(c);
                    if (value == null) {
                        ((StringColumn) column).appendMissing();
                    } else {
                        ((StringColumn) column).append(value);
                    }
                }
            }
        }
        return Table.create(name, columns);
    }

    /** The Tablesaw column for a DuckDB type: whole numbers int64, other numbers float64, dates, else text. */
    private static Column<?> column(String name, String duckType) {
        String type = duckType.toUpperCase(Locale.ROOT);
        if (type.equals("BIGINT")
                || type.equals("INTEGER")
                || type.equals("SMALLINT")
                || type.equals("TINYINT")
                || type.equals("UINTEGER")
                || type.equals("USMALLINT")
                || type.equals("UTINYINT")) {
            return LongColumn.create(name);
        } else if (type.equals("DOUBLE")
                || type.equals("FLOAT")
                || type.startsWith("DECIMAL")
                || type.equals("HUGEINT")
                || type.equals("UBIGINT")
                || type.equals("REAL")) {
            return DoubleColumn.create(name);
        } else if (type.equals("BOOLEAN")) {
            return BooleanColumn.create(name);
        } else if (type.equals("DATE")) {
            return DateColumn.create(name);
        } else if (type.startsWith("TIMESTAMP")) {
            return DateTimeColumn.create(name);
        }
        return StringColumn.create(name);
    }

    /** A SQL error as a tool error; DuckDB's permission errors say that the path is outside the workspace. */
    static DataOpsException failure(SQLException e) {
        String message = firstLine(e);
        if (message.startsWith("Permission Error")) {
            return new DataOpsException("DuckDB refused a file outside the workspace: " + message, null, e);
        }
        return new DataOpsException("DuckDB could not run the query: " + message, null, e);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            ScratchDirectories.delete(spill);
        }
    }
}
