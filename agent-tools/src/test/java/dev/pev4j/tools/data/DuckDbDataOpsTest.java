package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.spi.EvidenceInspector.TabularView;
import dev.pev4j.tools.expr.ExpressionException;
import dev.pev4j.tools.workspace.Workspace;
import dev.pev4j.tools.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * What the SQL engines have and Tablesaw has not: lazy relations, confinement of SQL to the workspace, files read in
 * place, previews; on DuckDB here, on Spark in {@link SparkDataOpsTest}, which overrides {@link #openEngine} only
 * (and the engine's own confinement test).
 */
class DuckDbDataOpsTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    SqlDataOps duck;

    @BeforeEach
    void open() throws IOException {
        Files.writeString(
                root.resolve("sales.csv"),
                "region,revenue,units\n" + "N,10.5,1\nS,5,2\nN,,3\n,7,4\nE,2,5\nS,3,\nN,20,7\n");
        Files.writeString(outside.resolve("secret.csv"), "password\nhunter2\n");
        duck = openEngine(root);
    }

    SqlDataOps openEngine(Path root) {
        return SqlDataOps.open(Workspace.of(root), new Engine.DuckDb("512MB", 2));
    }

    String engineName() {
        return "DuckDB";
    }

    @AfterEach
    void close() {
        duck.close();
    }

    @Test
    void a_chain_of_steps_runs_nothing_until_rows_are_asked_for_and_then_runs_one_query() {
        Relation sales = duck.readCsv("sales.csv");
        long afterRead = duck.session().queriesRun();

        Relation plan = duck.head(
                duck.sortValues(
                        duck.groupbyAgg(
                                duck.filter(sales, "units > 1"), List.of("region"), Map.of("revenue", List.of("sum"))),
                        List.of("revenue_sum"),
                        List.of(false)),
                2);

        assertThat(duck.session().queriesRun()).isEqualTo(afterRead);
        assertThat(plan.columns()).containsExactly("region", "revenue_sum");

        Table rows = plan.toTable();

        assertThat(duck.session().queriesRun()).isEqualTo(afterRead + 1);
        assertThat(values(rows, "region")).containsExactly("N", "S");
        assertThat(values(rows, "revenue_sum")).containsExactly(20.0, 5.0);
    }

    @Test
    void a_tool_built_in_sql_stays_lazy_and_one_run_in_memory_gives_the_tablesaw_result_as_a_relation() {
        Relation sales = duck.readCsv("sales.csv");
        long before = duck.session().queriesRun();

        Relation melted = duck.melt(sales, List.of("region"), null, null, null);

        assertThat(duck.session().queriesRun()).isEqualTo(before);
        Table rows = melted.toTable();
        DataOps tablesaw = duck.tablesaw();
        Table expected = tablesaw.melt(tablesaw.readCsv("sales.csv"), List.of("region"), null, null, null);
        assertThat(rows.columnNames()).isEqualTo(expected.columnNames());
        for (String column : expected.columnNames()) {
            assertThat(values(rows, column)).as(column).isEqualTo(values(expected, column));
        }

        Relation summed = duck.cumsum(duck.filter(sales, "units > 1"), "units", null);

        assertThat(summed.columns()).containsExactly("region", "revenue", "units", "units_cumsum");
        assertThat(values(duck.head(summed, 3).toTable(), "units_cumsum")).containsExactly(2L, 5L, 9L);
        assertThat(values(duck.info(sales).toTable(), "non_null_count")).containsExactly(6L, 6L, 6L);
    }

    @Test
    void merge_in_sql_reads_how_as_the_tablesaw_engine_does() throws IOException {
        Files.writeString(root.resolve("regions.csv"), "region,name\nN,North\nS,South\n");
        DataOps tablesaw = duck.tablesaw();
        Table expected = tablesaw.merge(
                tablesaw.readCsv("sales.csv"), tablesaw.readCsv("regions.csv"), List.of("region"), "left");

        Table rows = duck.merge(duck.readCsv("sales.csv"), duck.readCsv("regions.csv"), List.of("region"), " left ")
                .toTable();

        assertThat(rows.rowCount()).isEqualTo(7);
        assertThat(rows.columnNames()).isEqualTo(expected.columnNames());
        for (String column : expected.columnNames()) {
            assertThat(values(rows, column)).as(column).isEqualTo(values(expected, column));
        }
    }

    @Test
    void the_context_tells_the_planner_which_tools_collect_their_table_into_memory() {
        assertThat(duck.context())
                .startsWith(duck.tablesaw().context())
                .contains("\nOn " + engineName() + " these tools collect their table into the JVM's memory (the others"
                        + " run in the engine, out of core): astype, corr, crosstab, cumsum, cut, describe,")
                .endsWith("; merge too with left_on/right_on, indicator or validate, groupby_agg with a quantile_<q>,"
                        + " and melt when its value columns mix text with other types. Filter, select or aggregate"
                        + " first so that what they collect is small.");
    }

    @Test
    void the_java_conveniences_and_keyword_overloads_work_on_relations_too() {
        Relation sales = duck.readCsv("sales.csv");

        Relation ranked = duck.rank(sales, "revenue", DataOps.kw("method", "dense"), DataOps.kw("ascending", false));

        assertThat(values(ranked.toTable(), "revenue_rank")).containsExactly(2.0, 4.0, null, 3.0, 6.0, 5.0, 1.0);
        assertThat(duck.head(sales).rows()).isEqualTo(5);
    }

    @Test
    void previews_count_the_rows_and_show_only_the_first_ones() {
        Relation sales = duck.readCsv("sales.csv");

        String preview = new RelationPreviewer().preview(sales, 2000).orElseThrow();

        assertThat(preview)
                .startsWith("Table 'sales.csv': 7 rows x 3 columns (" + engineName() + ", lazy)\n"
                        + "columns: region (object), revenue (float64), units (int64)\n");
        assertThat(preview).endsWith("… 2 more rows");
        assertThat(new RelationPreviewer().preview(Table.create("t"), 100)).isEmpty();
    }

    @Test
    void the_tester_sees_a_relation_as_a_table() {
        Relation sales = duck.filter(duck.readCsv("sales.csv"), "region == \"N\"");

        TabularView view = new RelationInspector().inspect(sales).orElseThrow();

        assertThat(view.rows()).isEqualTo(3);
        assertThat(view.columns()).containsExactly("region", "revenue", "units");
        assertThat(view.values("revenue")).containsExactly(10.5, null, 20.0);
        assertThat(view.values("units")).containsExactly(1L, 3L, 7L);
        assertThatThrownBy(() -> view.values("revenu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown column 'revenu'; columns: region, revenue, units");
    }

    @Test
    void parquet_files_round_trip_and_are_written_atomically_inside_the_workspace() {
        Relation sales = duck.readCsv("sales.csv");

        assertThat(duck.toParquet(sales, "out/sales.parquet", null)).isEqualTo("out/sales.parquet");
        Table back = duck.readParquet("out/sales.parquet").toTable();

        assertThat(back.types()).containsExactly(ColumnType.STRING, ColumnType.DOUBLE, ColumnType.LONG);
        assertThat(values(back, "units")).containsExactly(1L, 2L, 3L, 4L, 5L, null, 7L);
        assertThatThrownBy(() -> duck.toParquet(sales, "out/sales.parquet", false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("out/sales.parquet");
        assertThat(duck.toParquet(sales, "out/sales.parquet", true)).isEqualTo("out/sales.parquet");
        assertThatThrownBy(() -> duck.toParquet(sales, "../escape.parquet", null))
                .isInstanceOf(WorkspaceException.class);
        assertThat(outside.getParent().resolve("escape.parquet")).doesNotExist();
    }

    @Test
    void write_csv_writes_what_read_csv_reads_back() throws IOException {
        Relation north = duck.filter(duck.readCsv("sales.csv"), "region == \"N\"");

        duck.writeCsv(north, "north.csv", null);

        assertThat(Files.readString(root.resolve("north.csv")))
                .isEqualTo("region,revenue,units\nN,10.5,1\nN,,3\nN,20.0,7\n");
    }

    @Test
    void read_csv_cannot_leave_the_workspace() throws IOException {
        Path link = root.resolve("link.csv");
        Files.createSymbolicLink(link, outside.resolve("secret.csv"));

        assertThatThrownBy(() -> duck.readCsv("../" + outside.getFileName() + "/secret.csv"))
                .isInstanceOf(WorkspaceException.class);
        assertThatThrownBy(() -> duck.readCsv(outside.resolve("secret.csv").toString()))
                .isInstanceOf(WorkspaceException.class);
        assertThatThrownBy(() -> duck.readCsv("link.csv")).isInstanceOf(WorkspaceException.class);
        assertThatThrownBy(() -> duck.readParquet("../x.parquet")).isInstanceOf(WorkspaceException.class);
    }

    @Test
    void sql_in_string_arguments_stays_text_and_cannot_read_files() {
        Relation sales = duck.readCsv("sales.csv");

        // an expression: only whitelisted functions, text is a bound value
        assertThatThrownBy(() -> duck.filter(sales, "read_text('/etc/passwd') == region"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("unknown function 'read_text'");
        Table none = duck.filter(sales, "region == \"') UNION SELECT content FROM read_text('/etc/passwd') --\"")
                .toTable();
        assertThat(none.rowCount()).isZero();

        // column names: unknown names are refused, new names are quoted identifiers
        assertThatThrownBy(() -> duck.select(sales, List.of("region\" FROM read_text('/etc/passwd') --")))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("unknown column 'region\" FROM read_text('/etc/passwd') --'");
        String sneaky = "x\", (SELECT content FROM read_text('/etc/passwd')) AS \"y";
        Table assigned = duck.assign(sales, sneaky, "units * 2").toTable();
        assertThat(assigned.columnNames()).containsExactly("region", "revenue", "units", sneaky);
        Table renamed = duck.rename(sales, Map.of("units", "u\" FROM read_text('/etc/passwd') --"))
                .toTable();
        assertThat(renamed.columnNames()).contains("u\" FROM read_text('/etc/passwd') --");

        // file names and options are bound values too
        assertThatThrownBy(() -> duck.readCsv("sales.csv', all_varchar=true) UNION SELECT * FROM read_text('x"))
                .isInstanceOf(WorkspaceException.class);
        assertThat(duck.readCsv("sales.csv", ";", List.of("') UNION SELECT 1 --"), null)
                        .columns())
                .containsExactly("region,revenue,units");
    }

    @Test
    void the_database_itself_refuses_files_outside_the_workspace_and_cannot_be_reconfigured() {
        DuckDbSession session = (DuckDbSession) duck.session();

        assertThatThrownBy(() -> session.fetch("SELECT * FROM read_text('/etc/passwd')", List.of(), ""))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("DuckDB refused a file outside the workspace: Permission Error: Cannot access file "
                        + "\"/etc/passwd\" - file system operations are disabled by configuration");
        String secret = outside.resolve("secret.csv").toString();
        assertThatThrownBy(() -> session.fetch("SELECT * FROM read_csv(?)", List.of(secret), ""))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("DuckDB refused a file outside the workspace");
        assertThatThrownBy(() -> session.execute("SET enable_external_access = true", List.of()))
                .isInstanceOf(DataOpsException.class)
                .hasMessageContaining("the configuration has been locked");
        assertThatThrownBy(() -> session.execute("COPY (SELECT 1) TO '" + outside.resolve("x.csv") + "'", List.of()))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("DuckDB refused a file outside the workspace");
        assertThat(outside.resolve("x.csv")).doesNotExist();
    }

    @Test
    void relations_of_another_session_are_refused() {
        try (SqlDataOps other = openEngine(root)) {
            Relation theirs = other.readCsv("sales.csv");

            assertThatThrownBy(() -> duck.head(theirs, 1))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("the relation 'sales.csv' belongs to another " + engineName()
                            + " session; use the tools of the " + "DataOps that made it");
        }
    }

    @Test
    void data_ops_on_picks_the_engine() {
        try (var data = (SqlDataOps) DataOps.on(Engine.duckdb(), Workspace.of(root))) {
            assertThat(data.readCsv("sales.csv").rows()).isEqualTo(7);
        }
        assertThat(DataOps.on(Engine.tablesaw(), Workspace.of(root))).isInstanceOf(DataOps.class);
        assertThat(Engine.parse(" DuckDB ")).isEqualTo(Engine.duckdb());
        assertThatThrownBy(() -> Engine.parse("duck"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown engine 'duck'; choices: tablesaw, duckdb, spark, spark:MASTER");
        assertThatThrownBy(() -> new Engine.DuckDb("lots", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryLimit must be a size such as \"512MB\" or \"2GB\" but was 'lots'");
    }

    @Test
    void expressions_keep_pandas_arithmetic_in_sql() {
        Table table = Table.create("t", Tables.longs("a", 7L, -7L, 7L, null), Tables.longs("b", 3L, 3L, 0L, 1L));
        Relation r = duck.fromTable(table);

        Table out = duck.assign(duck.assign(duck.assign(r, "mod", "a % b"), "div", "a / b"), "r", "round(2.5)")
                .toTable();

        assertThat(values(out, "mod")).containsExactly(1L, 2L, null, null);
        assertThat(values(out, "div")).containsExactly(7 / 3.0, -7 / 3.0, Double.POSITIVE_INFINITY, null);
        assertThat(values(out, "r")).containsExactly(2.0, 2.0, 2.0, 2.0);
        assertThat(values(duck.filter(r, "a % 3 == 1 or b % 2 == 0").toTable(), "a"))
                .containsExactly(7L, 7L);
    }
}
