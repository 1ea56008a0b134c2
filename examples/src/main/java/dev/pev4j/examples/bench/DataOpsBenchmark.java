package dev.pev4j.examples.bench;

import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.data.Engine;
import dev.pev4j.tools.data.SqlDataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * Times the DataOps tools the planner calls most on a generated 1 000 000-row table, and, when Debian's Python has
 * pandas, the same operations in pandas on the same files in the same run. Prints {@code name=value} lines only, then
 * exits by itself; the generated files live in a temporary directory deleted at the end.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.DataOpsBenchmark [--engine tablesaw|duckdb|spark] [--rows N]
 * java -Xmx4g -cp examples/target/pev4j.jar dev.pev4j.examples.bench.DataOpsBenchmark --chain --rows 10000000
 * </pre>
 *
 * <p>{@code --engine duckdb} and {@code --engine spark} (Spark on the classpath: build with {@code -Pspark}) time the
 * same operations on that engine (see {@link DataOpsEngineBenchmark}),
 * {@code --chain} a five-step plan lazily on DuckDB against eagerly on Tablesaw.
 *
 * <p>Each operation runs twice to warm up, then seven times; the best time is printed ({@code toolkit_<op>_ms},
 * {@code pandas_<op>_ms}) with {@code toolkit_over_pandas_<op>} (below 1.0: the toolkit is faster). The data: {@code
 * region} (10 texts), {@code product} (1 000 texts), {@code id} (unique whole numbers, shuffled), {@code amount}
 * (whole numbers 1–1000), {@code price} (decimals with two places); the merge table has 10 000 of the ids and a
 * {@code score} column; {@code rank} ranks {@code amount} (many ties, method average), {@code rolling} is a 7-row
 * moving mean of {@code price}, {@code resample} sums and averages {@code value} per week of a second file of
 * 1 000 000 date-times over two years (read with {@code to_datetime} / {@code parse_dates} outside the timing),
 * {@code rolling_7D} is a 7-day time window mean of {@code value} over those date-times sorted (outside the timing).
 * The toolkit's {@code rank} and {@code rolling} return a new table with the column added and the input unchanged,
 * so pandas is timed doing the same, {@code df.assign(amount_rank=df['amount'].rank())}; {@code
 * pandas_<op>_series_only_ms} adds the time of the bare Series operation, for reference.
 * {@code table_memory_over_pandas} compares an estimate of the loaded table's column storage
 * (see {@link #estimateBytes(Table)}) with pandas' {@code df.memory_usage(deep=True).sum()}.
 */
public final class DataOpsBenchmark {

    private static final int DEFAULT_ROWS = 1_000_000;
    private static int rows = DEFAULT_ROWS; // set once by main from --rows
    private static final int MERGE_ROWS = 10_000;
    private static final int ROLLING_WINDOW = 7;
    private static final LocalDateTime EVENTS_START = LocalDateTime.of(2022, 1, 1, 0, 0);
    private static final int EVENTS_MINUTES = 2 * 365 * 24 * 60;
    static final int WARMUPS = 2;
    static final int RUNS = 7;
    private static final long SEED = 20240531L;
    private static final String PYTHON = "/usr/bin/python3";

    private static final String FILTER = "amount > 500 and region == \"North\"";
    private static final List<String> GROUP_BY = List.of("region", "product");
    private static final List<String> SORT_BY = List.of("region", "amount");
    private static final List<Boolean> SORT_ASCENDING = List.of(true, false);

    private static final String[] REGIONS = {
        "North", "South", "East", "West", "Central", "NorthEast", "NorthWest", "SouthEast", "SouthWest", "Islands"
    };

    private DataOpsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Engine engine = Engine.tablesaw();
        boolean chain = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engine" -> engine = Engine.parse(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--chain" -> chain = true;
                default ->
                    throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; options: --engine tablesaw|duckdb|spark, --rows N, --chain");
            }
        }
        if (rows < MERGE_ROWS) {
            throw new IllegalArgumentException("--rows must be >= " + MERGE_ROWS + " but was " + rows);
        }
        Path dir = Files.createTempDirectory("pev4j-dataops-bench");
        try {
            if (chain) {
                DataOpsEngineBenchmark.chain(dir, rows);
            } else if (!(engine instanceof Engine.Tablesaw)) {
                DataOpsEngineBenchmark.ops(dir, rows, engine);
            } else {
                run(dir);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        System.exit(0);
    }

    private static void run(Path dir) throws Exception {
        generate(dir.resolve("data.csv"), dir.resolve("lookup.csv"));
        System.out.println("engine=tablesaw");
        generateEvents(dir.resolve("events.csv"));
        DataOps ops = DataOps.in(Workspace.of(dir));
        Map<String, List<String>> aggregations = new LinkedHashMap<>();
        aggregations.put("amount", List.of("sum", "mean"));
        aggregations.put("price", List.of("count"));

        Table data = ops.readCsv("data.csv");
        Table lookup = ops.readCsv("lookup.csv");
        Map<String, Supplier<Table>> operations = new LinkedHashMap<>();
        operations.put("read_csv", () -> ops.readCsv("data.csv"));
        operations.put("filter", () -> ops.filter(data, FILTER));
        operations.put("groupby_agg", () -> ops.groupbyAgg(data, GROUP_BY, aggregations));
        operations.put("merge", () -> ops.merge(data, lookup, List.of("id"), "left", null));
        operations.put("sort_values", () -> ops.sortValues(data, SORT_BY, SORT_ASCENDING));
        operations.put("rank", () -> ops.rank(data, "amount", null, null, null, null, null, null));
        String window = String.valueOf(ROLLING_WINDOW);
        operations.put("rolling", () -> ops.rolling(data, "price", window, "mean", null, null, null, null, null));
        Table events = ops.toDatetime(ops.readCsv("events.csv"), "day", null);
        Map<String, List<String>> weekly = new LinkedHashMap<>();
        weekly.put("value", List.of("sum", "mean"));
        operations.put("resample", () -> ops.resample(events, "day", "W", weekly));
        Table byTime = ops.sortValues(events, List.of("day"));
        operations.put("rolling_7D", () -> ops.rolling(byTime, "value", "7D", "mean", null, null, null, "day", null));

        Map<String, String> results = new LinkedHashMap<>();
        results.put("rows", String.valueOf(rows));
        results.put("merge_rows", String.valueOf(MERGE_ROWS));
        results.put("runs", "best of " + RUNS + " after " + WARMUPS + " warm-ups");
        results.put("java_version", Runtime.version().toString());
        results.put("available_processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        Map<String, Double> toolkit = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Table>> operation : operations.entrySet()) {
            Table[] last = new Table[1];
            double ms = best(() -> last[0] = operation.getValue().get());
            toolkit.put(operation.getKey(), ms);
            results.put("toolkit_" + operation.getKey() + "_rows", String.valueOf(last[0].rowCount()));
        }
        long ourBytes = estimateBytes(data);
        results.put("toolkit_table_memory_bytes", String.valueOf(ourBytes));

        Map<String, String> pandas = pandas(dir);
        for (Map.Entry<String, Double> entry : toolkit.entrySet()) {
            String op = entry.getKey();
            results.put("toolkit_" + op + "_ms", format(entry.getValue()));
            String theirs = pandas.get("pandas_" + op + "_ms");
            if (theirs != null) {
                results.put("pandas_" + op + "_ms", theirs);
                results.put("toolkit_over_pandas_" + op, format(entry.getValue() / Double.parseDouble(theirs)));
            }
        }
        for (Map.Entry<String, String> entry : pandas.entrySet()) {
            results.putIfAbsent(entry.getKey(), entry.getValue());
        }
        String theirBytes = pandas.get("pandas_table_memory_bytes");
        if (theirBytes != null) {
            results.put("table_memory_over_pandas", format(ourBytes / Double.parseDouble(theirBytes)));
        }
        parquet(dir, ops, data, results);
        results.forEach((name, value) -> System.out.println(name + "=" + value));
    }

    /**
     * read_parquet and to_parquet of the data table on Tablesaw against the DuckDB engine: pandas cannot take part
     * (Debian's python3 has no pyarrow), so the ratio is to DuckDB. DuckDB's read collects the rows into a Tablesaw
     * table, as Tablesaw's does; its write starts from its own read of the file.
     */
    private static void parquet(Path dir, DataOps ops, Table data, Map<String, String> results) {
        ops.toParquet(data, "data.parquet", true);
        double write = best(() -> ops.toParquet(data, "tablesaw.parquet", true));
        double read = best(() -> ops.readParquet("data.parquet"));
        try (SqlDataOps duck = SqlDataOps.open(Workspace.of(dir), Engine.duckdb())) {
            double duckRead = best(() -> duck.readParquet("data.parquet").toTable());
            double duckWrite = best(() -> duck.toParquet(duck.readParquet("data.parquet"), "duckdb.parquet", true));
            results.put("toolkit_read_parquet_ms", format(read));
            results.put("duckdb_read_parquet_ms", format(duckRead));
            results.put("toolkit_over_duckdb_read_parquet", format(read / duckRead));
            results.put("toolkit_to_parquet_ms", format(write));
            results.put("duckdb_to_parquet_ms", format(duckWrite));
            results.put("toolkit_over_duckdb_to_parquet", format(write / duckWrite));
        }
    }

    /** The best wall time in milliseconds of {@code RUNS} runs after {@code WARMUPS}. */
    static double best(Runnable operation) {
        return best(operation, WARMUPS, RUNS);
    }

    /** The best wall time in milliseconds of {@code runs} runs after {@code warmups}. */
    static double best(Runnable operation, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            operation.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            System.gc();
            long start = System.nanoTime();
            operation.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }

    /**
     * The bytes the table's column storage holds, counted from what each column keeps: 8 per row for int64 and
     * float64 columns (one primitive array each; missing values are sentinels, no mask), 1 per row for bool, and for
     * text the per-row dictionary codes (1, 2 or 4 bytes by dictionary size) plus, per distinct text, the String
     * object (24 bytes + its byte array, 16 + length rounded up to 8) and about 40 bytes of entries in the
     * dictionary's two hash maps and its count map. Object headers of the columns themselves are left out, as
     * pandas leaves out its block overhead.
     */
    static long estimateBytes(Table table) {
        long bytes = 0;
        int rows = table.rowCount();
        for (Column<?> column : table.columns()) {
            if (column instanceof StringColumn strings) {
                DictionaryMap dictionary = strings.getDictionary();
                int unique = dictionary.countUnique();
                int codeBytes = unique <= 255 ? 1 : unique <= 65_535 ? 2 : 4;
                bytes += (long) codeBytes * rows;
                for (String value : dictionary.asSet()) {
                    bytes += 24 + align(16 + value.getBytes(StandardCharsets.UTF_8).length) + 40;
                }
            } else if (column instanceof BooleanColumn) {
                bytes += rows;
            } else {
                bytes += (long) column.type().byteSize() * rows;
            }
        }
        return bytes;
    }

    private static long align(long bytes) {
        return (bytes + 7) / 8 * 8;
    }

    static void generate(Path data, Path lookup) throws IOException {
        Random random = new Random(SEED);
        long[] ids = new long[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = 1_000_000_000L + i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            out.write("region,product,id,amount,price\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                int cents = 1 + random.nextInt(99_999);
                line.append(REGIONS[random.nextInt(REGIONS.length)])
                        .append(",P")
                        .append(1000 + random.nextInt(1000))
                        .append(',')
                        .append(ids[i])
                        .append(',')
                        .append(1 + random.nextInt(1000))
                        .append(',')
                        .append(cents / 100)
                        .append('.')
                        .append((char) ('0' + cents % 100 / 10))
                        .append((char) ('0' + cents % 10))
                        .append('\n');
                out.write(line.toString());
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(lookup, StandardCharsets.UTF_8)) {
            out.write("id,score\n");
            for (int i = 0; i < MERGE_ROWS; i++) {
                out.write(ids[random.nextInt(rows)] + "," + random.nextInt(10_000) / 100.0 + "\n");
            }
        }
    }

    /** {@code day,value}: 1 000 000 date-times at random minutes over two years (in random order), whole values. */
    static void generateEvents(Path events) throws IOException {
        Random random = new Random(SEED + 1);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        try (BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            out.write("day,value\n");
            for (int i = 0; i < rows; i++) {
                LocalDateTime at = EVENTS_START.plusMinutes(random.nextInt(EVENTS_MINUTES));
                out.write(format.format(at) + "," + random.nextInt(1000) + "\n");
            }
        }
    }

    /** Runs the same operations in pandas; empty when Debian's Python or its pandas is missing. */
    static Map<String, String> pandas(Path dir) throws IOException, InterruptedException {
        Map<String, String> results = new LinkedHashMap<>();
        if (!Files.isExecutable(Path.of(PYTHON))) {
            results.put("pandas", "absent (" + PYTHON + " not found)");
            return results;
        }
        Path script = dir.resolve("bench.py");
        Files.writeString(script, pythonScript(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(
                        PYTHON,
                        script.toString(),
                        dir.resolve("data.csv").toString(),
                        dir.resolve("lookup.csv").toString(),
                        dir.resolve("events.csv").toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                int eq = line.indexOf('=');
                if (eq > 0 && line.startsWith("pandas")) {
                    results.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            results.clear();
            String first = output.toString().lines().reduce((a, b) -> b).orElse("no output");
            results.put("pandas", "failed (" + first.replace('=', ':') + ")");
        }
        return results;
    }

    private static String pythonScript() {
        return String.join(
                "\n",
                "import sys, time",
                "try:",
                "    import pandas as pd",
                "except ImportError:",
                "    print('pandas=absent (no pandas for ' + sys.executable + ')')",
                "    sys.exit(0)",
                "data_path, lookup_path, events_path = sys.argv[1], sys.argv[2], sys.argv[3]",
                "def best(f):",
                "    for _ in range(" + WARMUPS + "):",
                "        r = f()",
                "    t = float('inf')",
                "    for _ in range(" + RUNS + "):",
                "        s = time.perf_counter()",
                "        r = f()",
                "        t = min(t, time.perf_counter() - s)",
                "    return t * 1000, r",
                "print('pandas_version=' + pd.__version__)",
                "df = pd.read_csv(data_path)",
                "lookup = pd.read_csv(lookup_path)",
                "events = pd.read_csv(events_path, parse_dates=['day'])",
                "by_time = events.sort_values('day', kind='stable').reset_index(drop=True)",
                "ops = {",
                "    'read_csv': lambda: pd.read_csv(data_path),",
                "    'filter': lambda: df[(df['amount'] > 500) & (df['region'] == 'North')],",
                "    'groupby_agg': lambda: df.groupby(['region', 'product']).agg("
                        + "{'amount': ['sum', 'mean'], 'price': ['count']}),",
                "    'merge': lambda: pd.merge(df, lookup, on=['id'], how='left'),",
                "    'sort_values': lambda: df.sort_values(['region', 'amount'], ascending=[True, False], "
                        + "kind='stable'),",
                "    'rank': lambda: df.assign(amount_rank=df['amount'].rank()),",
                "    'rolling': lambda: df.assign(price_rolling_mean=df['price'].rolling(" + ROLLING_WINDOW
                        + ").mean()),",
                "    'resample': lambda: events.resample('W', on='day').agg({'value': ['sum', 'mean']}),",
                "    'rolling_7D': lambda: by_time.assign(value_rolling_mean=by_time.rolling('7D', on='day')"
                        + "['value'].mean()),",
                "}",
                "for name, f in ops.items():",
                "    ms, r = best(f)",
                "    print('pandas_%s_rows=%d' % (name, len(r)))",
                "    print('pandas_%s_ms=%.1f' % (name, ms))",
                "series = {",
                "    'rank': lambda: df['amount'].rank(),",
                "    'rolling': lambda: df['price'].rolling(" + ROLLING_WINDOW + ").mean(),",
                "}",
                "for name, f in series.items():",
                "    ms, r = best(f)",
                "    print('pandas_%s_series_only_ms=%.1f' % (name, ms))",
                "print('pandas_table_memory_bytes=%d' % df.memory_usage(deep=True).sum())",
                "");
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
