package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOpsTest.sales;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.workspace.Workspace;
import dev.pev4j.tools.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** read_json, write_csv, write_json, plot and context(); expected files written by pandas 1.5.3. */
class DataOpsFilesTest {

    @TempDir
    Path root;

    DataOps data;

    @BeforeEach
    void create_toolkit() {
        data = DataOps.in(Workspace.of(root));
    }

    @Test
    void read_json_reads_records_with_pandas_types_and_missing_keys() throws IOException {
        Files.writeString(
                root.resolve("r.json"),
                "[{\"city\":\"Zürich\",\"n\":1,\"x\":1.5,\"ok\":true,\"tag\":\"a\"},"
                        + "{\"city\":\"東京\",\"n\":null,\"x\":2,\"ok\":false,\"extra\":[1,2]},"
                        + "{\"city\":null,\"n\":3,\"x\":null,\"ok\":null,\"tag\":7}]");

        Table table = data.readJson("r.json");

        assertThat(table.name()).isEqualTo("r.json");
        assertThat(table.columnNames()).containsExactly("city", "n", "x", "ok", "tag", "extra");
        assertThat(table.types())
                .containsExactly(
                        ColumnType.STRING,
                        ColumnType.LONG,
                        ColumnType.DOUBLE,
                        ColumnType.BOOLEAN,
                        ColumnType.STRING,
                        ColumnType.STRING);
        assertThat(values(table, "city")).containsExactly("Zürich", "東京", null);
        assertThat(values(table, "n")).containsExactly(1L, null, 3L);
        assertThat(values(table, "x")).containsExactly(1.5, 2.0, null);
        assertThat(values(table, "ok")).containsExactly(true, false, null);
        assertThat(values(table, "tag")).containsExactly("a", null, "7");
        assertThat(values(table, "extra")).containsExactly(null, "[1,2]", null);
    }

    @Test
    void read_json_reads_json_lines_and_an_empty_array() throws IOException {
        Files.writeString(root.resolve("r.jsonl"), "{\"a\":1}\n\n{\"a\":2}\n");
        Files.writeString(root.resolve("empty.json"), "[]");

        assertThat(values(data.readJson("r.jsonl", true), "a")).containsExactly(1L, 2L);
        assertThat(data.shape(data.readJson("empty.json"))).containsExactly(0L, 0L);
    }

    @Test
    void read_json_explains_files_that_are_not_records() throws IOException {
        Files.writeString(root.resolve("o.json"), "{\"a\": [1, 2]}");
        Files.writeString(root.resolve("s.json"), "[1, 2]");
        Files.writeString(root.resolve("bad.json"), "[{\"a\": 1,}]");

        assertThatThrownBy(() -> data.readJson("o.json"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("could not read 'o.json' as records: it holds an object, not an array of records; "
                        + "read_json reads [{\"column\": value, …}, …] (or one object per line with lines=true)");
        assertThatThrownBy(() -> data.readJson("s.json"))
                .hasMessage("could not read 's.json' as records: record 0 is a number, not an object; "
                        + "read_json reads [{\"column\": value, …}, …] (or one object per line with lines=true)");
        assertThatThrownBy(() -> data.readJson("bad.json"))
                .hasMessage(
                        "could not read 'bad.json' as JSON at line 1, column 10: Unexpected character ('}' (code 125)): was "
                                + "expecting double-quote to start field name");
        assertThatThrownBy(() -> data.readJson("missing.json")).isInstanceOf(WorkspaceException.class);
    }

    @Test
    void write_csv_writes_what_pandas_to_csv_writes() throws IOException {
        Table t = Table.create(
                "t",
                strings("name", "a, b", "say \"hi\"", null, "Île"),
                doubles("x", 1.5, null, 2.0, 1e20),
                longs("n", 1L, 2L, null, 4L));

        String written = data.writeCsv(t, "out/t.csv", null);

        assertThat(written).isEqualTo("out/t.csv");
        // pandas: t.to_csv(index=False)
        assertThat(Files.readString(root.resolve("out/t.csv")))
                .isEqualTo("name,x,n\n\"a, b\",1.5,1\n\"say \"\"hi\"\"\",,2\n,2.0,\nÎle,1e+20,4\n");
    }

    @Test
    void write_csv_quotes_a_lone_empty_field_writes_dates_and_round_trips() throws IOException {
        Table single = Table.create("t", doubles("a", 1.5, null, 2.0));
        Table dates = data.toDatetime(Table.create("d", strings("d", "2024-01-31", "2024-02-01")), "d", null);

        data.writeCsv(single, "single.csv", null);
        data.writeCsv(dates, "dates.csv", null);

        assertThat(Files.readString(root.resolve("single.csv"))).isEqualTo("a\n1.5\n\"\"\n2.0\n");
        assertThat(Files.readString(root.resolve("dates.csv"))).isEqualTo("d\n2024-01-31\n2024-02-01\n");
        data.writeCsv(sales(), "sales.csv", null);
        Table back = data.readCsv("sales.csv");
        assertThat(values(back, "revenue")).isEqualTo(values(sales(), "revenue"));
        assertThat(values(back, "units")).isEqualTo(values(sales(), "units"));
    }

    @Test
    void writes_never_replace_a_file_unless_asked() throws IOException {
        Files.writeString(root.resolve("keep.csv"), "old\n");

        assertThatThrownBy(() -> data.writeCsv(sales(), "keep.csv", null))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'keep.csv' already exists; choose another name or pass overwrite=true");
        assertThat(Files.readString(root.resolve("keep.csv"))).isEqualTo("old\n");
        data.writeJson(sales(), "keep.csv", true);
        assertThat(Files.readString(root.resolve("keep.csv"))).startsWith("[{");
        assertThatThrownBy(() -> data.writeJson(sales(), "../out.json", null))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path '../out.json' is outside the workspace: '..' leads above the workspace root");
    }

    @Test
    void write_json_writes_records_with_nulls_and_reads_back() throws IOException {
        Table t = data.toDatetime(
                Table.create(
                        "t",
                        strings("city", "Zürich", null),
                        doubles("x", 0.1, null),
                        longs("n", 1L, 2L),
                        strings("d", "2024-01-31", "2024-02-01 13:45")),
                "d",
                null);

        data.writeJson(t, "t.json", null);

        assertThat(Files.readString(root.resolve("t.json")))
                .isEqualTo("[{\"city\":\"Zürich\",\"x\":0.1,\"n\":1,\"d\":\"2024-01-31T00:00:00.000\"},"
                        + "{\"city\":null,\"x\":null,\"n\":2,\"d\":\"2024-02-01T13:45:00.000\"}]");
        Table back = data.readJson("t.json");
        assertThat(values(back, "city")).containsExactly("Zürich", null);
        assertThat(values(back, "x")).containsExactly(0.1, null);
    }

    @Test
    void plot_writes_a_self_contained_html_chart_with_plotly_inline() throws IOException {
        Table byRegion = data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("sum")));

        String bar = data.plot(byRegion, "bar", "region", "revenue_sum", "charts/bar.html", "Revenue", null);
        data.plot(sales(), "hist", "units", null, "hist.html", null, null);
        data.plot(sales(), "scatter", "units", "revenue", "scatter.html", null, null);
        data.plot(sales(), "line", "units", "revenue", "line.html", null, null);

        assertThat(bar).isEqualTo("charts/bar.html");
        String html = Files.readString(root.resolve("charts/bar.html"));
        // Checked as booleans: on failure AssertJ would print the whole megabyte page.
        for (String part : List.of("<html", "Revenue", "\"E\"", "\"N\"", "Plotly.newPlot", "r.version=\"1.54.1\"")) {
            assertThat(html.contains(part)).as("the page contains %s", part).isTrue();
        }
        assertThat(Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find())
                .as("the page loads no script from elsewhere")
                .isFalse();
        assertThat(Files.readString(root.resolve("hist.html"))).contains("histogram");
        assertThat(root.resolve("scatter.html")).exists();
        assertThat(root.resolve("line.html")).exists();
    }

    @Test
    void plot_errors_name_the_kind_the_column_and_the_path() {
        assertThatThrownBy(() -> data.plot(sales(), "pie", "region", "revenue", "p.html", null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("unknown plot kind 'pie'; choices: bar, line, scatter, hist");
        assertThatThrownBy(() -> data.plot(sales(), "histo", "units", null, "p.html", null, null))
                .hasMessage("unknown plot kind 'histo'; did you mean 'hist' or 'histogram'? choices: bar, line, "
                        + "scatter, hist");
        assertThatThrownBy(() -> data.plot(sales(), "bar", "units", "region", "p.html", null, null))
                .hasMessage("cannot draw a bar plot of column 'region': it is object (text), not numeric");
        assertThatThrownBy(() -> data.plot(sales(), "bar", "region", null, "p.html", null, null))
                .hasMessage("a bar plot needs y, the numeric column to draw; columns: region, revenue, units");
        assertThatThrownBy(() -> data.plot(sales(), "bar", "region", "revenue", "p.png", null, null))
                .hasMessage("plot writes an HTML page, so path must end with .html but was 'p.png'");
    }

    @Test
    void context_lists_data_files_with_columns_and_dtypes() throws IOException {
        Files.writeString(root.resolve("sales.csv"), "region,units,revenue\nN,1,2.5\nS,,3\n");
        Files.createDirectory(root.resolve("raw"));
        Files.writeString(root.resolve("raw/orders.json"), "[{\"id\": 1, \"ok\": true}]");
        Files.writeString(root.resolve("notes.txt"), "not data");
        Files.writeString(root.resolve("broken.json"), "{");

        assertThat(data.context())
                .isEqualTo("Data files in the workspace (columns with pandas dtypes, guessed from "
                        + "the first 100 rows):\n"
                        + "- broken.json: unreadable: could not read 'broken.json' as records: it holds an object, not an "
                        + "array of records; read_json reads [{\"column\": value, …}, …] (or one object per line with "
                        + "lines=true)\n"
                        + "- raw/orders.json: id (int64), ok (bool)\n"
                        + "- sales.csv: region (object), units (int64), revenue (float64)");
    }

    @Test
    void context_is_bounded_in_files_and_rows() throws IOException {
        for (int i = 0; i < 25; i++) {
            Files.writeString(root.resolve(String.format("f%02d.csv", i)), "a\n1\n");
        }
        StringBuilder big = new StringBuilder("x\n");
        for (int i = 0; i < 150; i++) {
            big.append(i).append('\n');
        }
        big.append("text\n"); // after the sampled rows: the guess stays int64
        Files.writeString(root.resolve("f00.csv"), big.toString());

        String context = data.context();

        assertThat(context.lines()).hasSize(22);
        assertThat(context).contains("- f00.csv: x (int64)", "- f19.csv: a (int64)", "… and 5 more data files");
        assertThat(DataOps.in(Workspace.of(root.resolve("..").resolve(root.getFileName())))
                        .context())
                .isEqualTo(context);
    }

    @Test
    void context_of_a_workspace_without_data() {
        assertThat(data.context()).isEqualTo("The workspace has no data files (.csv, .tsv, .json, .jsonl, .parquet).");
    }
}
