package dev.pev4j.tools.data;

import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.SideEffects;
import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Dataframe tools named and behaving as pandas' functions, over Tablesaw tables read from a {@link Workspace}. Each
 * tool takes tables as Java objects and returns a new table; inputs are never changed. Register an instance with the
 * agent's tools. Immutable and thread-safe. Its tools are declared free of side effects ({@link SideEffects}), except
 * {@code write_csv}, {@code write_json}, {@code to_parquet} and {@code plot}, which write files: a plan runs those in plan order and a
 * replan never reuses them.
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
@SideEffects(false)
public final class DataOps implements DataFrameTools<Table> {

    private static final int DEFAULT_ROWS = 5;

    private final Workspace workspace;

    public DataOps(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    }

    /** The tools working on the files of {@code workspace}. */
    public static DataOps in(Workspace workspace) {
        return new DataOps(workspace);
    }

    /**
     * The tools on {@code engine} over the files of {@code workspace}: a {@link DataOps} for {@link Engine.Tablesaw},
     * a {@link SqlDataOps} (close it when done) for {@link Engine.DuckDb} and {@link Engine.Spark}. Same tool names and
     * arguments on all.
     */
    public static Toolkit on(Engine engine, Workspace workspace) {
        Objects.requireNonNull(engine, "engine == null");
        Objects.requireNonNull(workspace, "workspace == null");
        if (engine instanceof Engine.Tablesaw) {
            return new DataOps(workspace);
        }
        return SqlDataOps.open(workspace, engine);
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public Class<Table> frameType() {
        return Table.class;
    }

    /** Itself: every tool of this class is DataOps' implementation. */
    @Override
    public DataOps tablesaw() {
        return this;
    }

    /** {@code table} itself (tools never change their input). */
    @Override
    public Table fromTable(Table table) {
        return Objects.requireNonNull(table, "table == null");
    }

    /** {@code run} on {@code table}: it is in the heap already. */
    @Override
    public <T> T onHeap(String tool, Table table, Function<Table, T> run) {
        return run.apply(Objects.requireNonNull(table, "table == null"));
    }

    /** {@link DataFrameTools#kw}: {@code import static dev.pev4j.tools.data.DataOps.kw} keeps working. */
    public static Kw kw(String name, @Nullable Object value) {
        return DataFrameTools.kw(name, value);
    }

    /** {@link DataFrameTools#agg}: {@code import static dev.pev4j.tools.data.DataOps.agg} keeps working. */
    public static Agg agg(String column, String... functions) {
        return DataFrameTools.agg(column, functions);
    }

    @Override
    public Table readCsv(String path, @Nullable String sep, @Nullable List<String> naValues, @Nullable Boolean header) {
        Objects.requireNonNull(path, "path == null");
        char separator = separator(sep);
        Path file = file(path, "a CSV file");
        HeapCheck.requireFits(file, path);
        return CsvReading.read(file, path, separator, CsvReading.naValues(naValues), header == null || header);
    }

    @Override
    public Table head(Table table, @Nullable Integer n) {
        Objects.requireNonNull(table, "table == null");
        int rows = table.rowCount();
        int count = n == null ? DEFAULT_ROWS : n;
        int end = count >= 0 ? Math.min(count, rows) : Math.max(0, rows + count);
        return slice(table, 0, end);
    }

    @Override
    public Table tail(Table table, @Nullable Integer n) {
        Objects.requireNonNull(table, "table == null");
        int rows = table.rowCount();
        int count = n == null ? DEFAULT_ROWS : n;
        int start = count >= 0 ? Math.max(0, rows - count) : Math.min(rows, -count);
        return slice(table, start, rows);
    }

    @Override
    public List<Long> shape(Table table) {
        Objects.requireNonNull(table, "table == null");
        return List.of((long) table.rowCount(), (long) table.columnCount());
    }

    @Override
    public List<String> columns(Table table) {
        Objects.requireNonNull(table, "table == null");
        return List.copyOf(table.columnNames());
    }

    @Override
    public Table sortValues(Table table, List<String> by, @Nullable List<Boolean> ascending) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(by, "by == null");
        if (by.isEmpty()) {
            throw new DataOpsException("sort_values needs at least one column in by; columns: " + Columns.list(table));
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String name : by) {
            keys.add(Columns.named(table, name));
        }
        List<Boolean> directions = directions(ascending, by.size());
        int[] order = Sorting.order(keys, directions, table.rowCount());
        return Sorting.pick(table, nameOf(table), order);
    }

    @Override
    public Table groupbyAgg(Table table, List<String> by, Map<String, List<String>> aggregations) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(by, "by == null");
        Objects.requireNonNull(aggregations, "aggregations == null");
        String name = nameOf(table).isEmpty() ? "" : nameOf(table) + " grouped by " + String.join(", ", by);
        return GroupBy.aggregate(table, by, aggregations, name);
    }

    @Override
    public Table filter(Table table, String expr) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(expr, "expr == null");
        return Sorting.pick(
                table, nameOf(table), Expression.parse(expr).select(table).toArray());
    }

    @Override
    public Table assign(Table table, String column, String expr) {
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

    @Override
    public Table readJson(String path, @Nullable Boolean lines) {
        Path file = file(path, "a JSON file");
        return JsonIo.read(file, path, lines != null && lines);
    }

    @Override
    public String writeCsv(Table table, String path, @Nullable Boolean overwrite) {
        return write(table, path, overwrite, CsvWriting::write);
    }

    @Override
    public String writeJson(Table table, String path, @Nullable Boolean overwrite) {
        return write(table, path, overwrite, JsonIo::write);
    }

    @Override
    public Table readParquet(String path) {
        Path file = file(path, "a Parquet file");
        return ParquetFiles.read(file, path); // refuses data larger than the heap, from the footer's sizes
    }

    @Override
    public String toParquet(Table table, String path, @Nullable Boolean overwrite) {
        return write(table, path, overwrite, ParquetFiles::write);
    }

    /**
     * The workspace file at {@code path} (a missing one names the nearest files), refused when it is a directory; the
     * SQL engines' files are checked here too, so their errors read the same.
     */
    Path file(String path, String kind) {
        Objects.requireNonNull(path, "path == null");
        Path file = workspace.resolve(path);
        if (Files.isDirectory(file)) {
            throw new DataOpsException(
                    "'" + path + "' is a directory, not " + kind + "; files: " + String.join(", ", workspace.list()));
        }
        return file;
    }

    /** How a file format writes a table. */
    @FunctionalInterface
    private interface TableFormat {
        void write(Table table, OutputStream out) throws IOException;
    }

    /** Writes {@code table} to {@code path} of the workspace in {@code format}, atomically; returns the path. */
    private String write(Table table, String path, @Nullable Boolean overwrite, TableFormat format) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(path, "path == null");
        workspace.writeAtomically(path, out -> format.write(table, out), overwrite != null && overwrite);
        return path;
    }

    // ---- Inspect -----------------------------------------------------------------------------------------------

    @Override
    public Table info(Table table) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.info(table, nameOf(table));
    }

    @Override
    public Table describe(Table table, @Nullable String include) {
        Objects.requireNonNull(table, "table == null");
        return Statistics.describe(table, include, nameOf(table));
    }

    @Override
    public List<@Nullable Object> unique(Table table, String column) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return Inspect.unique(Columns.named(table, column));
    }

    @Override
    public Map<String, Long> nunique(Table table, @Nullable List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.nunique(Cleaning.subset(table, columns));
    }

    @Override
    public Table valueCounts(Table table, String column, @Nullable Boolean normalize, @Nullable Boolean dropna) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return Inspect.valueCounts(
                Columns.named(table, column), normalize != null && normalize, dropna == null || dropna, nameOf(table));
    }

    @Override
    public Map<String, Long> isnull(Table table) {
        Objects.requireNonNull(table, "table == null");
        return Inspect.isnull(table);
    }

    @Override
    public Table corr(Table table, @Nullable String method) {
        Objects.requireNonNull(table, "table == null");
        return Statistics.corr(table, method, nameOf(table));
    }

    // ---- Reshape -----------------------------------------------------------------------------------------------

    @Override
    public Table select(Table table, List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.select(table, columns, nameOf(table));
    }

    @Override
    public Table drop(Table table, List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.drop(table, columns, nameOf(table));
    }

    @Override
    public Table rename(Table table, Map<String, String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Reshape.rename(table, columns, nameOf(table));
    }

    @Override
    public Table pivotTable(
            Table table,
            List<String> index,
            String columns,
            List<String> values,
            @Nullable List<String> aggfunc,
            @Nullable Boolean margins,
            @Nullable String marginsName,
            @Nullable Double fillValue) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(index, "index == null");
        Objects.requireNonNull(columns, "columns == null");
        Objects.requireNonNull(values, "values == null");
        return PivotTable.pivot(
                table,
                index,
                columns,
                values,
                aggfunc == null ? List.of("mean") : aggfunc,
                margins != null && margins,
                marginsName == null ? Crosstab.ALL : marginsName,
                fillValue,
                nameOf(table));
    }

    @Override
    public Table merge(Table left, Table right, MergeSpec spec) {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        return MergeOptions.merge(left, right, spec, nameOf(left));
    }

    @Override
    public Table concat(List<Table> tables) {
        Objects.requireNonNull(tables, "tables == null");
        return Reshape.concat(tables, tables.isEmpty() ? "" : nameOf(tables.get(0)));
    }

    // ---- Cleaning ----------------------------------------------------------------------------------------------

    @Override
    public Table dropDuplicates(Table table, @Nullable List<String> subset, @Nullable String keep) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.dropDuplicates(table, subset, keep, nameOf(table));
    }

    @Override
    public Table dropna(Table table, @Nullable String how, @Nullable List<String> subset) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.dropna(table, how, subset, nameOf(table));
    }

    @Override
    public Table fillna(Table table, @Nullable Object value, @Nullable String method, @Nullable List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        return Cleaning.fillna(table, value, method, columns, nameOf(table));
    }

    @Override
    public Table astype(Table table, Map<String, String> dtype) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(dtype, "dtype == null");
        return Cleaning.astype(table, dtype, nameOf(table));
    }

    // ---- Dates -------------------------------------------------------------------------------------------------

    @Override
    public Table toDatetime(Table table, String column, @Nullable String format, @Nullable Boolean utc) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return putColumn(table, Datetimes.toDatetime(Columns.named(table, column), format, utc != null && utc));
    }

    @Override
    public Table dtPart(Table table, String column, String part, @Nullable String name) {
        Objects.requireNonNull(part, "part == null");
        String fallback = column + "_" + part.strip().toLowerCase(Locale.ROOT);
        return derive(table, column, name, fallback, (source, output) -> Datetimes.part(source, part, output));
    }

    // ---- Picking rows ------------------------------------------------------------------------------------------

    @Override
    public Table nlargest(Table table, int n, List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Picking.extremes(table, n, columns, true, nameOf(table));
    }

    @Override
    public Table nsmallest(Table table, int n, List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(columns, "columns == null");
        return Picking.extremes(table, n, columns, false, nameOf(table));
    }

    @Override
    public Table sample(Table table, @Nullable Integer n, @Nullable Double frac, @Nullable Long randomState) {
        Objects.requireNonNull(table, "table == null");
        return Picking.sample(table, n, frac, randomState == null ? 0 : randomState, nameOf(table));
    }

    // ---- Windows -----------------------------------------------------------------------------------------------

    @Override
    public Table cumsum(Table table, String column, @Nullable String name) {
        return derive(table, column, name, column + "_cumsum", Windows::cumsum);
    }

    // ---- Row-relative, window and group transforms (issue 18) -------------------------------------------------

    /** A transform of {@link Transforms} that compares each row with the one {@code periods} rows earlier. */
    @FunctionalInterface
    private interface RowRelative {
        Column<?> apply(Table table, Column<?> column, int periods, @Nullable List<String> by, String name);
    }

    /**
     * {@code transform} of {@code column} into the column {@code name} (default {@code <column><suffix>}), {@code
     * periods} 1 by default.
     */
    private static Table rowRelative(
            Table table,
            String column,
            @Nullable Integer periods,
            @Nullable List<String> by,
            @Nullable String name,
            String suffix,
            RowRelative transform) {
        int rows = periods == null ? 1 : periods;
        return derive(table, column, name, column + suffix, (source, output) -> {
            return transform.apply(table, source, rows, by, output);
        });
    }

    @Override
    public Table shift(
            Table table, String column, @Nullable Integer periods, @Nullable List<String> by, @Nullable String name) {
        return rowRelative(table, column, periods, by, name, "_shift", Transforms::shift);
    }

    @Override
    public Table diff(
            Table table, String column, @Nullable Integer periods, @Nullable List<String> by, @Nullable String name) {
        return rowRelative(table, column, periods, by, name, "_diff", Transforms::diff);
    }

    @Override
    public Table pctChange(
            Table table, String column, @Nullable Integer periods, @Nullable List<String> by, @Nullable String name) {
        return rowRelative(table, column, periods, by, name, "_pct_change", Transforms::pctChange);
    }

    @Override
    public Table rank(
            Table table,
            String column,
            @Nullable String method,
            @Nullable Boolean ascending,
            @Nullable String naOption,
            @Nullable Boolean pct,
            @Nullable List<String> by,
            @Nullable String name) {
        return derive(table, column, name, column + "_rank", (source, output) -> {
            return Transforms.rank(
                    table,
                    source,
                    method == null ? "average" : method,
                    ascending == null || ascending,
                    naOption == null ? "keep" : naOption,
                    pct != null && pct,
                    by,
                    output);
        });
    }

    @Override
    public Table rolling(
            Table table,
            String column,
            String window,
            @Nullable String func,
            @Nullable Integer minPeriods,
            @Nullable List<String> by,
            @Nullable String name,
            @Nullable String on,
            @Nullable String closed) {
        Objects.requireNonNull(window, "window == null");
        String f = func == null ? "mean" : func.strip().toLowerCase(Locale.ROOT);
        return derive(table, column, name, column + "_rolling_" + f, (source, output) -> {
            return Transforms.rolling(table, source, window, minPeriods, f, by, on, closed, output);
        });
    }

    @Override
    public Table expanding(
            Table table,
            String column,
            @Nullable String func,
            @Nullable Integer minPeriods,
            @Nullable List<String> by,
            @Nullable String name) {
        String f = func == null ? "mean" : func.strip().toLowerCase(Locale.ROOT);
        return derive(table, column, name, column + "_expanding_" + f, (source, output) -> {
            return Transforms.expanding(table, source, minPeriods, f, by, output);
        });
    }

    @Override
    public Table ewmMean(
            Table table,
            String column,
            @Nullable Double span,
            @Nullable Double alpha,
            @Nullable Double com,
            @Nullable Double halflife,
            @Nullable Boolean adjust,
            @Nullable Boolean ignoreNa,
            @Nullable Integer minPeriods,
            @Nullable List<String> by,
            @Nullable String name) {
        return derive(table, column, name, column + "_ewm_mean", (source, output) -> {
            return Transforms.ewmMean(
                    table,
                    source,
                    com,
                    span,
                    halflife,
                    alpha,
                    adjust == null || adjust,
                    ignoreNa != null && ignoreNa,
                    minPeriods == null ? 0 : minPeriods,
                    by,
                    output);
        });
    }

    @Override
    public Table groupbyTransform(Table table, List<String> by, String column, String func, @Nullable String name) {
        Objects.requireNonNull(by, "by == null");
        Objects.requireNonNull(func, "func == null");
        Column<?> source = named(table, column);
        if (by.isEmpty()) {
            throw new DataOpsException(
                    "groupby_transform needs at least one column in by; columns: " + Columns.list(table));
        }
        String f = func.strip();
        String output = outputName(table, name, column + "_" + f);
        return putColumn(table, GroupTransforms.transform(table, by, source, f, output));
    }

    // ---- Statistics (issue 18) ----------------------------------------------------------------------------------

    @Override
    public Table quantile(Table table, List<Double> q, @Nullable List<String> columns, @Nullable List<String> by) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(q, "q == null");
        return Quantiles.quantile(table, q, columns, by, nameOf(table));
    }

    @Override
    public Table mode(Table table, String column, @Nullable Boolean dropna) {
        Column<?> source = named(table, column);
        return Modes.mode(table, source, dropna == null || dropna, nameOf(table));
    }

    @Override
    public long idxmax(Table table, String column) {
        return Modes.idx(named(table, column), true);
    }

    @Override
    public long idxmin(Table table, String column) {
        return Modes.idx(named(table, column), false);
    }

    // ---- Reshaping and binning (issue 18) -----------------------------------------------------------------------

    @Override
    public Table crosstab(
            Table table, List<String> index, String columns, @Nullable String normalize, @Nullable Boolean margins) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(index, "index == null");
        Objects.requireNonNull(columns, "columns == null");
        return Crosstab.crosstab(table, index, columns, normalize, margins != null && margins, nameOf(table));
    }

    @Override
    public Table melt(
            Table table,
            List<String> idVars,
            @Nullable List<String> valueVars,
            @Nullable String varName,
            @Nullable String valueName) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(idVars, "id_vars == null");
        return Melting.melt(
                table,
                idVars,
                valueVars,
                varName == null ? "variable" : varName,
                valueName == null ? "value" : valueName,
                nameOf(table));
    }

    @Override
    public Table cut(
            Table table,
            String column,
            @Nullable List<Double> bins,
            @Nullable Integer binsCount,
            @Nullable List<String> labels,
            @Nullable Boolean right,
            @Nullable Boolean includeLowest,
            @Nullable String name) {
        boolean includeRight = right == null || right;
        boolean includeFirst = includeLowest != null && includeLowest;
        return derive(table, column, name, column + "_bin", (source, output) -> {
            return Binning.cut(source, bins, binsCount, labels, includeRight, includeFirst, output);
        });
    }

    @Override
    public Table qcut(
            Table table,
            String column,
            @Nullable Integer q,
            @Nullable List<Double> quantiles,
            @Nullable List<String> labels,
            @Nullable String name) {
        return derive(table, column, name, column + "_bin", (source, output) -> {
            return Binning.qcut(source, q, quantiles, labels, output);
        });
    }

    // ---- Text (issue 18) ----------------------------------------------------------------------------------------

    @Override
    public Table strContains(
            Table table,
            String column,
            String pat,
            @Nullable Boolean caseSensitive,
            @Nullable Boolean regex,
            @Nullable String name) {
        Objects.requireNonNull(pat, "pat == null");
        return derive(table, column, name, column + "_contains", (source, output) -> {
            return TextOps.contains(
                    source, pat, caseSensitive == null || caseSensitive, regex == null || regex, output);
        });
    }

    @Override
    public Table strReplace(
            Table table,
            String column,
            String pat,
            String repl,
            @Nullable Boolean caseSensitive,
            @Nullable Boolean regex,
            @Nullable String name) {
        Objects.requireNonNull(pat, "pat == null");
        Objects.requireNonNull(repl, "repl == null");
        boolean matchCase = caseSensitive == null || caseSensitive;
        boolean isRegex = regex == null || regex;
        return derive(table, column, name, column, (source, output) -> {
            return TextOps.replace(source, pat, repl, matchCase, isRegex, output);
        });
    }

    @Override
    public Table strExtract(
            Table table,
            String column,
            String pat,
            @Nullable Integer group,
            @Nullable Boolean caseSensitive,
            @Nullable String name) {
        Objects.requireNonNull(pat, "pat == null");
        int number = group == null ? 1 : group;
        boolean matchCase = caseSensitive == null || caseSensitive;
        return derive(table, column, name, column + "_extract", (source, output) -> {
            return TextOps.extract(source, pat, number, matchCase, output);
        });
    }

    @Override
    public Table strSplit(
            Table table, String column, @Nullable String pat, @Nullable Integer n, @Nullable String name) {
        Column<?> source = named(table, column);
        String prefix = name == null || name.isBlank() ? column : name;
        return TextOps.withColumns(table, TextOps.split(source, pat, n == null ? -1 : n, prefix));
    }

    @Override
    public Table strStrip(Table table, String column, @Nullable String chars, @Nullable String name) {
        return derive(table, column, name, column, (source, output) -> TextOps.map(source, "strip", chars, output));
    }

    @Override
    public Table strLower(Table table, String column, @Nullable String name) {
        return derive(table, column, name, column, (source, output) -> TextOps.map(source, "lower", null, output));
    }

    @Override
    public Table strUpper(Table table, String column, @Nullable String name) {
        return derive(table, column, name, column, (source, output) -> TextOps.map(source, "upper", null, output));
    }

    @Override
    public Table strLen(Table table, String column, @Nullable String name) {
        return derive(table, column, name, column + "_len", TextOps::len);
    }

    // ---- Dates (issue 18) ---------------------------------------------------------------------------------------

    @Override
    public Table dtStrftime(Table table, String column, String format, @Nullable String name) {
        Objects.requireNonNull(format, "format == null");
        return derive(
                table, column, name, column + "_str", (source, output) -> DateOps.strftime(source, format, output));
    }

    @Override
    public Table dtFloor(Table table, String column, String freq, @Nullable String name) {
        return roundDates(table, column, freq, false, name);
    }

    @Override
    public Table dtCeil(Table table, String column, String freq, @Nullable String name) {
        return roundDates(table, column, freq, true, name);
    }

    /** {@code dt_floor}, or {@code dt_ceil} when {@code up}. */
    private static Table roundDates(Table table, String column, String freq, boolean up, @Nullable String name) {
        Objects.requireNonNull(freq, "freq == null");
        return derive(table, column, name, column, (source, output) -> DateOps.round(source, freq, up, output));
    }

    @Override
    public Table dtTzLocalize(
            Table table,
            String column,
            String tz,
            @Nullable String ambiguous,
            @Nullable String nonexistent,
            @Nullable String name) {
        Objects.requireNonNull(tz, "tz == null");
        return derive(table, column, name, column, (source, output) -> {
            return TimeZones.localize(source, tz, ambiguous, nonexistent, output);
        });
    }

    @Override
    public Table dtTzConvert(
            Table table, String column, String tz, String fromTz, @Nullable String ambiguous, @Nullable String name) {
        Objects.requireNonNull(tz, "tz == null");
        Objects.requireNonNull(fromTz, "from_tz == null");
        return derive(table, column, name, column, (source, output) -> {
            return TimeZones.convert(source, fromTz, tz, ambiguous, output);
        });
    }

    @Override
    public Table timedelta(Table table, String start, String end, String unit, @Nullable String name) {
        Column<?> from = named(table, start);
        Column<?> to = named(table, end);
        Objects.requireNonNull(unit, "unit == null");
        return putColumn(table, DateOps.between(from, to, unit, outputName(table, name, end + "_minus_" + start)));
    }

    @Override
    public Table resample(Table table, String on, String rule, Map<String, List<String>> aggregations) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(on, "on == null");
        Objects.requireNonNull(rule, "rule == null");
        Objects.requireNonNull(aggregations, "aggregations == null");
        return Resampling.resample(table, on, rule, aggregations, nameOf(table));
    }

    // ---- Plotting ----------------------------------------------------------------------------------------------

    @Override
    public String plot(
            Table table,
            String kind,
            String x,
            @Nullable String y,
            String path,
            @Nullable String title,
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

    /**
     * More worked examples for a Tool RAG selector to choose from (merges, pivots, dates, cleaning, saving), from the
     * resource {@code planner-example-bank-v1.txt}.
     */
    @Override
    public String exampleBank() {
        return Examples.BANK;
    }

    /** Every table tool needs a table read first ({@code read_csv}); date parts need dates, windows sorted rows. */
    @Override
    public Map<String, List<String>> toolDependencies() {
        return Retrieval.DEPENDENCIES;
    }

    /** pandas and SQL names and everyday words for each tool ({@code to_csv}, {@code GROUP BY}, "running total"). */
    @Override
    public Map<String, String> retrievalText() {
        return Retrieval.TEXT;
    }

    /** Reads the examples once. */
    private static final class Examples {
        static final String TEXT = Resources.text("planner-examples-v1.txt");
        static final String BANK = Resources.text("planner-example-bank-v1.txt");
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

    /** The one-character column delimiter {@code sep} names ({@code "\\t"} for a tab); a comma by default. */
    static char separator(@Nullable String sep) {
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
                throw new DataOpsException(
                        "column '" + column + "' would clash with '" + existing + "': names "
                                + "that differ only in case cannot both be used; pick another name or write '"
                                + existing
                                + "' to replace it",
                        column,
                        null);
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
                result.addColumns(Series.copy(existing));
            }
        }
        if (!replaced) {
            result.addColumns(computed);
        }
        return result;
    }

    /** How a tool computes its new column from its source column, under the new column's name {@code output}. */
    @FunctionalInterface
    private interface Derivation {
        Column<?> apply(Column<?> source, String output);
    }

    /**
     * A copy of {@code table} with the column {@code derivation} computes from {@code column}, named {@code name}
     * (default {@code fallback}), in place of the column of that name or else added last.
     */
    private static Table derive(
            Table table, String column, @Nullable String name, String fallback, Derivation derivation) {
        Column<?> source = named(table, column);
        return putColumn(table, derivation.apply(source, outputName(table, name, fallback)));
    }

    private static Column<?> named(Table table, String column) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(column, "column == null");
        return Columns.named(table, column);
    }

    /** {@code name}, or {@code fallback} when blank, checked not to clash in case with another column. */
    private static String outputName(Table table, @Nullable String name, String fallback) {
        String output = name == null || name.isBlank() ? fallback : name;
        checkNoCaseClash(table, output);
        return output;
    }

    private static String nameOf(Table table) {
        String name = table.name();
        return name == null ? "" : name;
    }
}
