package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DuckDbSql.identifier;

import dev.pev4j.tools.expr.SqlExpression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import scala.Option;
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
 * Spark SQL behind {@link SqlDataOps}: a session of its own on the JVM's one SparkContext, confined to a workspace.
 * Files are read only by this class, at paths the workspace resolved (inside it, symbolic links followed), never by
 * SQL: {@code spark.sql.runSQLOnFiles} is off, so {@code SELECT * FROM csv.`/etc/passwd`} finds no table, and the
 * functions that call Java ({@code reflect}, {@code java_method}, {@code try_reflect}) are dropped from the session.
 * The SQL the tools build reads double-quoted identifiers (ANSI mode with {@code doubleQuotedIdentifiers}), column
 * names are case-sensitive as in pandas, {@code TIMESTAMP} is without time zone. With a Spark Connect URL ({@code
 * sc://…}) the session is one on that server instead (see {@link #openConnect}). Thread-safe.
 */
final class SparkBackend implements SqlBackend {

    /** Spark functions that run Java code named in their arguments. */
    static final List<String> BLOCKED_FUNCTIONS = List.of("reflect", "java_method", "try_reflect");

    /** Characters Hadoop reads as a glob pattern in a path; a file named with them could stand for others. */
    private static final String GLOB = "*?[]{}\\:";

    private static final Object START = new Object();

    private final SparkSession spark;
    private final Path spill;
    private final AtomicLong names = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final Map<String, Dataset<Row>> kept = new ConcurrentHashMap<>();
    private final Set<String> views = ConcurrentHashMap.newKeySet();

    /** A Spark Connect session: the server runs the queries and the files, and the session is closed with this. */
    private final boolean connect;

    private SparkBackend(SparkSession spark, Path spill, boolean connect) {
        this.spark = spark;
        this.spill = spill;
        this.connect = connect;
    }

    /**
     * A new session on the JVM's SparkContext, started with {@code engine}'s master if there is none yet.
     *
     * @throws DataOpsException when a SparkContext with another master is running, or Spark cannot start
     */
    static SparkBackend open(Path root, Engine.Spark engine) {
        String master = engine.master().strip();
        if (isConnect(master)) {
            return openConnect(root, master);
        }
        Path spill = ScratchDirectories.create(null, "pev4j-spark-");
        SparkSession shared;
        synchronized (START) {
            try {
                SparkSession.Builder builder = SparkSession.builder()
                        .master(master)
                        .appName("pev4j DataOps")
                        .config("spark.ui.enabled", "false")
                        .config("spark.ui.showConsoleProgress", "false")
                        .config("spark.sql.runSQLOnFiles", "false")
                        // Hadoop's URL handler factory is JVM-wide and can be set once: left on, it would stop the
                        // application's own (Tomcat's in `pev4j mcp --http`, for one) with "factory already defined".
                        .config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false")
                        .config("spark.local.dir", localDirectory().toString());
                if (master.startsWith("local")) {
                    builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
                }
                boolean fresh = SparkSession.getActiveSession().isEmpty()
                        && SparkSession.getDefaultSession().isEmpty();
                shared = builder.getOrCreate();
                if (fresh) {
                    shared.sparkContext().setLogLevel("WARN"); // Spark's default profile logs every job at INFO
                }
            } catch (RuntimeException e) {
                throw new DataOpsException("Spark could not start: " + firstLine(e), null, e);
            }
            String running = shared.sparkContext().master();
            if (!running.equals(master)) {
                throw new DataOpsException("a SparkContext with master '" + running + "' is already running in this "
                        + "JVM (one per JVM); open the Spark engine with that master, not '" + engine.master() + "'");
            }
        }
        SparkSession session = shared.newSession();
        configure(session);
        if (master.startsWith("local")) {
            int cores = shared.sparkContext().defaultParallelism();
            session.conf().set("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, 2 * cores)));
        }
        for (String function : BLOCKED_FUNCTIONS) {
            // Spark 4.2 keys its built-in functions by catalog and schema: system.builtin.<name>
            FunctionIdentifier builtin =
                    FunctionIdentifier.apply(function, Option.apply("builtin"), Option.apply("system"));
            session.sessionState().functionRegistry().dropFunction(builtin);
        }
        return new SparkBackend(session, spill, false);
    }

    /** Whether {@code master} (stripped) is a Spark Connect URL, {@code sc://…}. */
    private static boolean isConnect(String master) {
        return master.startsWith("sc://");
    }

    /** For a Spark Connect URL ({@code sc://…}), checks that the Connect client is on the classpath. */
    static void requireConnectClient(String master) {
        if (!isConnect(master)) {
            return;
        }
        try {
            Class.forName("org.apache.spark.sql.connect.SparkSession");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DataOpsException(
                    "the Spark engine needs org.apache.spark:spark-connect_2.13 (4.x, it holds the Spark Connect "
                            + "client) on the classpath for the Spark Connect URL '" + master + "'; add it to your "
                            + "pom or use a master URL such as \"local[*]\"",
                    null,
                    e);
        }
    }

    /** The session settings the tools' SQL is written for, and no SQL over files. */
    private static void configure(SparkSession session) {
        session.conf().set("spark.sql.ansi.enabled", "true");
        session.conf().set("spark.sql.ansi.doubleQuotedIdentifiers", "true");
        session.conf().set("spark.sql.runSQLOnFiles", "false");
        session.conf().set("spark.sql.caseSensitive", "true");
        session.conf().set("spark.sql.session.timeZone", "UTC");
        session.conf().set("spark.sql.timestampType", "TIMESTAMP_NTZ");
        session.conf().set("spark.sql.datetime.java8API.enabled", "true");
    }

    /**
     * A session of its own on the Spark Connect server at {@code url}. The server reads and writes the files, at the
     * paths this JVM's workspace resolved, so the workspace must be at the same path on both (as for a cluster's
     * executors); files are written into a hidden directory in the workspace and moved into place from there. A
     * Connect client cannot change the server's function registry: {@code reflect} and the like stay (the tools' SQL
     * calls only the functions {@link SqlExpression} maps).
     */
    private static SparkBackend openConnect(Path root, String url) {
        SparkSession session; // SqlDataOps.open checked the Connect client (requireConnectClient) before
        try {
            session = SparkSession.builder()
                    .config("spark.api.mode", "connect")
                    .remote(url)
                    .create();
        } catch (RuntimeException e) {
            throw new DataOpsException(
                    "Spark Connect at '" + url + "' could not start a session: " + firstLine(e), null, e);
        }
        try {
            configure(session); // the first call to the server
            return new SparkBackend(session, ScratchDirectories.create(root, ".pev4j-spark-"), true);
        } catch (RuntimeException e) {
            try {
                release(session);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof UncheckedIOException
                    ? e
                    : new DataOpsException(
                            "Spark Connect at '" + url + "' could not start a session: " + firstLine(e), null, e);
        }
    }

    /** Spark's scratch directory for the SparkContext's life (the JVM's): shuffle files and cached blocks. */
    private static Path localDirectory() {
        Path directory = ScratchDirectories.create(null, "pev4j-spark-local-");
        directory.toFile().deleteOnExit();
        return directory;
    }

    @Override
    public String engineName() {
        return "Spark";
    }

    @Override
    public SqlExpression.Dialect dialect() {
        return SqlExpression.Dialect.SPARK;
    }

    @Override
    public String freshName() {
        return "pev4j_" + names.incrementAndGet();
    }

    @Override
    public long queriesRun() {
        return queries.get();
    }

    /** The query as a Spark dataset; analysing it runs no job. */
    private Dataset<Row> query(String sql, List<Object> parameters) {
        try {
            return spark.sql(inline(sql, parameters));
        } catch (Exception e) { // AnalysisException and parse errors (checked in Scala's eyes only)
            throw failure(e);
        }
    }

    /**
     * {@code sql} with each {@code ?} (outside quotes) replaced by its parameter as a literal that cannot end early:
     * text as {@code decode(X'<UTF-8 bytes in hex>', 'UTF-8')}, numbers and truth values as Java prints them.
     * Spark 4.2's own positional parameters bound some {@code ?}s out of text order when the same query had several
     * (a {@code CASE} inside a comparison), so the backend binds them itself.
     */
    static String inline(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * parameters.size());
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
                    out.append(sql.charAt(++i));
                } else if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: the same text
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                if (next >= parameters.size()) {
                    throw new IllegalArgumentException("more ? than parameters in: " + sql);
                }
                out.append(literal(parameters.get(next++)));
            } else {
                out.append(c);
            }
        }
        if (next != parameters.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters for " + next + " ? in: " + sql);
        }
        return out.toString();
    }

    private static String literal(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return "CAST(" + value + " AS BIGINT)";
        } else if (value instanceof Double || value instanceof Float) {
            return "CAST('" + value + "' AS DOUBLE)"; // also NaN and Infinity, which have no literal
        } else if (value instanceof Boolean truth) {
            return truth ? "TRUE" : "FALSE";
        }
        StringBuilder hex = new StringBuilder("decode(X'");
        for (byte b : String.valueOf(value).getBytes(StandardCharsets.UTF_8)) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.append("', 'UTF-8')").toString();
    }

    /** Runs the query's columns and types past Spark's analyser; reads no data. */
    @Override
    public Table schema(String sql, List<Object> parameters, String name) {
        StructType schema;
        try {
            schema = query(sql, parameters).schema();
        } catch (DataOpsException e) {
            throw e;
        } catch (Exception e) { // over Spark Connect, the server analyses the query here
            throw failure(e);
        }
        List<Column<?>> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add(column(field.name(), field.dataType()));
        }
        return Table.create(name, columns);
    }

    @Override
    public long count(String sql, List<Object> parameters) {
        Table one = fetch(sql, parameters, "");
        return ((Number) one.column(0).get(0)).longValue();
    }

    @Override
    public Table fetch(String sql, List<Object> parameters, String name) {
        Dataset<Row> dataset = query(sql, parameters);
        StructType schema = dataset.schema();
        List<Row> rows;
        try {
            queries.incrementAndGet();
            rows = dataset.collectAsList();
        } catch (Exception e) {
            throw failure(e);
        }
        List<Column<?>> columns = new ArrayList<>();
        StructField[] fields = schema.fields();
        for (StructField field : fields) {
            columns.add(column(field.name(), field.dataType()));
        }
        for (Row row : rows) {
            for (int c = 0; c < fields.length; c++) {
                append(columns.get(c), row.isNullAt(c) ? null : row.get(c));
            }
        }
        return Table.create(name, columns);
    }

    private static void append(Column<?> column, @Nullable Object value) {
        if (value == null) {
            column.appendMissing();
        } else if (column instanceof LongColumn longs) {
            longs.append(((Number) value).longValue());
        } else if (column instanceof DoubleColumn doubles) {
            doubles.append(((Number) value).doubleValue());
        } else if (column instanceof BooleanColumn booleans) {
            booleans.append((Boolean) value);
        } else if (column instanceof DateColumn dates) {
            dates.append(value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value);
        } else if (column instanceof DateTimeColumn times) {
            times.append(
                    value instanceof Instant instant
                            ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                            : value instanceof java.sql.Timestamp stamp
                                    ? stamp.toLocalDateTime()
                                    : (LocalDateTime) value);
        } else {
            ((StringColumn) column).append(String.valueOf(value));
        }
    }

    /** The Tablesaw column for a Spark type: whole numbers int64, other numbers float64, dates, else text. */
    private static Column<?> column(String name, DataType type) {
        if (type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType) {
            return LongColumn.create(name);
        } else if (type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType) {
            return DoubleColumn.create(name);
        } else if (type instanceof BooleanType) {
            return BooleanColumn.create(name);
        } else if (type instanceof DateType) {
            return DateColumn.create(name);
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return DateTimeColumn.create(name);
        }
        return StringColumn.create(name);
    }

    private static DataType sparkType(ColumnType type) {
        return switch (DuckDbSql.sqlType(type)) {
            case "BIGINT" -> DataTypes.LongType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            case "DATE" -> DataTypes.DateType;
            case "TIMESTAMP" -> DataTypes.TimestampNTZType;
            default -> DataTypes.StringType;
        };
    }

    @Override
    public String register(Table table) {
        List<StructField> fields = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            fields.add(DataTypes.createStructField(column.name(), sparkType(column.type()), true));
        }
        StructType schema = DataTypes.createStructType(fields);
        List<Row> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[table.columnCount()];
            for (int c = 0; c < values.length; c++) {
                Column<?> column = table.column(c);
                values[c] = column.isMissing(r) ? null : value(column.get(r), schema.fields()[c].dataType());
            }
            rows.add(RowFactory.create(values));
        }
        String name = freshName();
        view(spark.createDataFrame(rows, schema), name);
        return "SELECT * FROM " + name;
    }

    private static Object value(Object cell, DataType type) {
        if (type == DataTypes.LongType) {
            return ((Number) cell).longValue();
        } else if (type == DataTypes.DoubleType) {
            return ((Number) cell).doubleValue();
        } else if (type == DataTypes.StringType) {
            return String.valueOf(cell);
        }
        return cell;
    }

    private void view(Dataset<Row> dataset, String name) {
        dataset.createOrReplaceTempView("`" + name.replace("`", "``") + "`");
        views.add(name);
    }

    /** Caches the result in memory, spilling to the local directory, and names it as a view. */
    @Override
    public String persist(String name, String sql, List<Object> parameters) {
        Dataset<Row> dataset = query(sql, parameters).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            queries.incrementAndGet();
            dataset.count();
        } catch (Exception e) {
            dataset.unpersist();
            throw failure(e);
        }
        view(dataset, name);
        Dataset<Row> before = kept.put(name, dataset);
        if (before != null) {
            before.unpersist();
        }
        return "SELECT * FROM " + identifier(name);
    }

    /**
     * Numbers rows with {@code monotonically_increasing_id()}: increasing in the dataset's order (partition, then row),
     * computed where the rows are, without a pass through one thread.
     */
    @Override
    public String numbered(String sql) {
        return "SELECT *, monotonically_increasing_id() AS " + DuckDbSql.ROW + " FROM (" + sql + ")";
    }

    /**
     * Reads every cell as text, maps pandas' missing-value markers to null, then types each column from one pass over
     * the file: whole numbers int64, numbers float64, true/false bool, no value at all float64, else text.
     */
    @Override
    public Relation readCsv(Path file, String name, char delimiter, Set<String> missing, boolean header) {
        requireUtf8(file, name);
        DataFrameReader reader = spark.read()
                .option("header", header)
                .option("sep", String.valueOf(delimiter))
                .option("quote", "\"")
                .option("escape", "\"")
                .option("inferSchema", false)
                .option("mode", "PERMISSIVE")
                .option("encoding", "UTF-8")
                .option("multiLine", false); // split for parallel reading: a quoted line break ends the row
        Dataset<Row> raw;
        try {
            raw = reader.csv(location(file, name));
        } catch (Exception e) {
            throw failure(e);
        }
        String rawView = freshName();
        view(raw, rawView);
        String[] columns = raw.columns();
        StringJoiner mapped = new StringJoiner(", ", "SELECT ", " FROM " + rawView);
        List<Object> markers = new ArrayList<>();
        for (String column : columns) {
            StringJoiner in = new StringJoiner(", ");
            for (String marker : missing) {
                in.add("?");
                markers.add(marker);
            }
            mapped.add("CASE WHEN " + identifier(column) + " IN (" + in + ") THEN NULL ELSE " + identifier(column)
                    + " END AS " + identifier(column));
        }
        String mappedView = freshName();
        view(query(mapped.toString(), markers), mappedView);
        StringJoiner census = new StringJoiner(", ", "SELECT ", " FROM " + mappedView);
        census.add("count(*)");
        for (String column : columns) {
            String c = identifier(column);
            census.add("count(" + c + ")")
                    .add("count_if(" + c + " RLIKE '^[+-]?[0-9]+$' AND try_cast(" + c + " AS BIGINT) IS NOT NULL)")
                    .add("count_if(try_cast(" + c + " AS DOUBLE) IS NOT NULL AND NOT " + c + " RLIKE '[dDfF]$')")
                    .add("count_if(lower(" + c + ") IN ('true', 'false'))");
        }
        Table counts = fetch(census.toString(), List.of(), "");
        long rows = ((Number) counts.column(0).get(0)).longValue();
        StringJoiner typed = new StringJoiner(", ", "SELECT ", " FROM " + mappedView);
        for (int c = 0; c < columns.length; c++) {
            long values = ((Number) counts.column(1 + 4 * c).get(0)).longValue();
            String type;
            if (rows == 0) {
                type = "STRING"; // a header-only file: text columns, as pandas reads them
            } else if (values == 0) {
                type = "DOUBLE"; // pandas reads a column without any value as float64
            } else if (((Number) counts.column(2 + 4 * c).get(0)).longValue() == values) {
                type = "BIGINT";
            } else if (((Number) counts.column(3 + 4 * c).get(0)).longValue() == values) {
                type = "DOUBLE";
            } else if (((Number) counts.column(4 + 4 * c).get(0)).longValue() == values) {
                type = "BOOLEAN";
            } else {
                type = "STRING";
            }
            String out = header ? columns[c] : String.valueOf(c);
            typed.add("CAST(" + identifier(columns[c]) + " AS " + type + ") AS " + identifier(out));
        }
        String sql = typed.toString();
        return new Relation(this, sql, List.of(), schema(sql, List.of(), name));
    }

    /**
     * Refuses a file whose first mebibyte is not UTF-8, with DuckDB's message (Spark's reader would put replacement
     * characters in its place); a bad byte further on is read as a replacement character.
     */
    private static void requireUtf8(Path file, String name) {
        ByteBuffer head = ByteBuffer.allocate(1 << 20);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            while (head.hasRemaining() && channel.read(head) > 0) {
                // fill the buffer
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        head.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(head, CharBuffer.allocate(head.remaining()), false);
        if (result.isError()) {
            throw new DataOpsException("could not read '" + name + "': it is not UTF-8 text");
        }
    }

    @Override
    public Relation readParquet(Path file, String name) {
        Dataset<Row> raw;
        try {
            raw = spark.read().parquet(location(file, name));
        } catch (Exception e) {
            throw failure(e);
        }
        String rawView = freshName();
        view(raw, rawView);
        StringJoiner typed = new StringJoiner(", ", "SELECT ", " FROM " + rawView);
        for (StructField field : raw.schema().fields()) {
            Column<?> column = column(field.name(), field.dataType());
            String type = column instanceof LongColumn ? "BIGINT" : column instanceof DoubleColumn ? "DOUBLE" : "";
            typed.add(
                    type.isEmpty()
                            ? identifier(field.name())
                            : "CAST(" + identifier(field.name()) + " AS " + type + ") AS " + identifier(field.name()));
        }
        String sql = typed.toString();
        return new Relation(this, sql, List.of(), schema(sql, List.of(), name));
    }

    /**
     * The file's location for Spark's reader: an explicit {@code file:} URI (not the cluster's default file system),
     * refused when its name holds a character Hadoop would read as a glob pattern.
     */
    private static String location(Path file, String name) {
        String path = file.toAbsolutePath().toString();
        for (int i = 0; i < GLOB.length(); i++) {
            char c = GLOB.charAt(i);
            if (path.indexOf(c) >= 0) {
                throw new DataOpsException("the Spark engine cannot read '" + name + "': its path holds '" + c
                        + "', which Spark reads as a pattern over file names; rename the file without any of "
                        + GLOB.replace("\\", "\\\\"));
            }
        }
        return "file://" + path;
    }

    /** Writes one file: the rows gathered into one partition (in order), then Spark's part file moved to staged. */
    @Override
    public void write(String sql, List<Object> parameters, Path staged, Format format) {
        Path directory = spill.resolve(freshName());
        try {
            queries.incrementAndGet();
            DataFrameWriter<Row> writer =
                    query(sql, parameters).coalesce(1).write().mode(SaveMode.ErrorIfExists);
            if (format == Format.CSV) {
                writer.option("header", true)
                        .option("sep", ",")
                        .option("quote", "\"")
                        .option("escape", "\"")
                        .option("nullValue", "")
                        .option("emptyValue", "")
                        .option("dateFormat", "yyyy-MM-dd")
                        .option("timestampNTZFormat", "yyyy-MM-dd HH:mm:ss")
                        .csv("file://" + directory);
            } else {
                writer.parquet("file://" + directory);
            }
        } catch (Exception e) {
            throw failure(e);
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList();
            if (parts.size() == 1) {
                Files.move(parts.get(0), staged);
            } else if (parts.isEmpty() && format == Format.CSV) { // no rows: the header line only
                StringJoiner line = new StringJoiner(",", "", "\n");
                for (StructField field : query(sql, parameters).schema().fields()) {
                    line.add(field.name());
                }
                Files.writeString(staged, line.toString(), StandardCharsets.UTF_8);
            } else {
                throw new DataOpsException("Spark wrote " + parts.size() + " part files for one table");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ScratchDirectories.delete(directory);
        }
    }

    @Override
    public Path spillDirectory() {
        return spill;
    }

    /** A Spark error as a tool error: its first line. */
    static DataOpsException failure(Exception e) {
        return new DataOpsException("Spark could not run the query: " + firstLine(e), null, e);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    /** Drops this session's views and cached results and deletes its directory; the SparkContext keeps running. */
    @Override
    public void close() {
        kept.values().forEach(Dataset::unpersist);
        kept.clear();
        for (String view : views) {
            spark.catalog().dropTempView("`" + view.replace("`", "``") + "`");
        }
        views.clear();
        ScratchDirectories.delete(spill);
        if (connect) {
            release(spark);
        }
    }

    /** Closes a Spark Connect session, which releases it on the server. */
    private static void release(SparkSession session) {
        try {
            session.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
