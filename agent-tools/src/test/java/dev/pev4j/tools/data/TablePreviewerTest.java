package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TablePreviewerTest {

    final TablePreviewer previewer = new TablePreviewer();

    static Table small() {
        return Table.create(
                "sales.csv",
                strings("region", "North", "Île-de-France", null),
                longs("units", 10L, null, 3L),
                doubles("revenue", 25.0, 1234.5678912, null),
                booleans("ok", true, false, null));
    }

    static final String TITLE_AND_COLUMNS = "Table 'sales.csv': 3 rows x 4 columns\n"
            + "columns: region (object), units (int64), revenue (float64), ok (bool)";
    static final String HEADER = "       region  units      revenue     ok";
    static final String ROW_1 = "        North     10         25.0   True";
    static final String ROW_2 = "Île-de-France    NaN  1234.567891  False";
    static final String ONE_ROW = String.join(
            "\n", TITLE_AND_COLUMNS, "region  units  revenue    ok", " North     10     25.0  True", "… 2 more rows");
    static final String ROW_3 = "          NaN      3          NaN    NaN";

    @Test
    void shows_shape_dtypes_and_rows_aligned_as_pandas_prints_them() {
        assertThat(previewer.preview(small(), 1_000))
                .contains(String.join("\n", TITLE_AND_COLUMNS, HEADER, ROW_1, ROW_2, ROW_3));
    }

    @Test
    void shows_at_most_the_configured_rows_and_counts_the_rest() {
        assertThat(new TablePreviewer(2).preview(small(), 1_000))
                .contains(String.join("\n", TITLE_AND_COLUMNS, HEADER, ROW_1, ROW_2, "… 1 more row"));
    }

    @Test
    void cuts_whole_rows_to_stay_within_the_budget() {
        // Columns are as wide as the rows shown need.
        String oneRow = ONE_ROW;

        assertThat(previewer.preview(small(), oneRow.length())).contains(oneRow);
        assertThat(previewer.preview(small(), oneRow.length() + ROW_2.length()))
                .contains(oneRow); // a second row widens the columns, so it does not fit
    }

    @Test
    void drops_all_rows_and_then_columns_when_the_budget_is_tight() {
        String noRows = TITLE_AND_COLUMNS + "\n… 3 more rows";
        String twoColumns = "Table 'sales.csv': 3 rows x 4 columns\ncolumns: region (object), units (int64), … 2 more\n"
                + "… 3 more rows";

        assertThat(previewer.preview(small(), noRows.length())).contains(noRows);
        assertThat(previewer.preview(small(), twoColumns.length())).contains(twoColumns);
        assertThat(previewer.preview(small(), 20)).contains("Table 'sales.csv': …");
    }

    @Test
    void never_exceeds_the_budget() {
        Table sales = DataOps.in(Workspace.of(Path.of("../examples/data"))).readCsv("sales.csv");

        for (int budget = 1; budget <= 700; budget++) {
            assertThat(previewer.preview(sales, budget).orElseThrow()).hasSizeLessThanOrEqualTo(budget);
        }
        assertThat(previewer.preview(sales, 700).orElseThrow())
                .startsWith("Table 'sales.csv': 40 rows x 6 columns\n"
                        + "columns: date (object), region (object), product (object), units (int64), "
                        + "unit_price (float64), revenue (float64)\n")
                .endsWith("… 35 more rows");
    }

    @Test
    void an_empty_table_shows_its_columns() {
        Table empty = Table.create("t", longs("x"));

        assertThat(previewer.preview(empty, 100)).contains("Table 't': 0 rows x 1 column\ncolumns: x (int64)");
    }

    @Test
    void shortens_long_cells_and_keeps_them_on_one_line() {
        Table t = Table.create("", strings("note", "line one\nline two", "x".repeat(40)));

        assertThat(previewer.preview(t, 1_000))
                .contains("Table: 2 rows x 1 column\n"
                        + "columns: note (object)\n"
                        + "                    note\n"
                        + "      line one\\nline two\n"
                        + "xxxxxxxxxxxxxxxxxxxxxxx…");
    }

    @Test
    void hands_over_the_cells_its_text_shows() {
        ValuePreviewer.Preview preview = previewer.structured(small(), 1_000).orElseThrow();

        assertThat(preview.text()).isEqualTo(previewer.preview(small(), 1_000).orElseThrow());
        assertThat(preview.cells())
                .contains(new ValuePreviewer.TableCells(
                        "Table 'sales.csv': 3 rows x 4 columns",
                        List.of("region", "units", "revenue", "ok"),
                        List.of("object", "int64", "float64", "bool"),
                        List.of(
                                List.of("North", "10", "25.0", "True"),
                                List.of("Île-de-France", "NaN", "1234.567891", "False"),
                                List.of("NaN", "3", "NaN", "NaN")),
                        0));
    }

    @Test
    void the_cells_hold_only_the_rows_that_fit_and_count_the_rest() {
        String oneRow = ONE_ROW;

        ValuePreviewer.Preview preview =
                previewer.structured(small(), oneRow.length()).orElseThrow();

        assertThat(preview.text()).isEqualTo(oneRow);
        assertThat(preview.cells().orElseThrow().rows()).containsExactly(List.of("North", "10", "25.0", "True"));
        assertThat(preview.cells().orElseThrow().moreRows()).isEqualTo(2);
    }

    @Test
    void has_no_cells_when_not_every_column_fits() {
        String twoColumns = "Table 'sales.csv': 3 rows x 4 columns\ncolumns: region (object), units (int64), … 2 more\n"
                + "… 3 more rows";

        assertThat(previewer.structured(small(), twoColumns.length())).contains(ValuePreviewer.Preview.of(twoColumns));
        assertThat(previewer.structured(small(), 20)).contains(ValuePreviewer.Preview.of("Table 'sales.csv': …"));
    }

    @Test
    void cells_keep_pipes_and_table_like_text_as_they_are() {
        Table t = Table.create(
                "x",
                strings("a | b", "1 | 2", "Table: 1 row x 2 columns"),
                strings("columns: c (int64)", "… 3 more rows", "  padded  "));

        ValuePreviewer.TableCells cells =
                previewer.structured(t, 1_000).orElseThrow().cells().orElseThrow();

        assertThat(cells.columns()).containsExactly("a | b", "columns: c (int64)");
        assertThat(cells.dtypes()).containsExactly("object", "object");
        assertThat(cells.rows())
                .containsExactly(List.of("1 | 2", "… 3 more rows"), List.of("Table: 1 row x 2 columns", "  padded  "));
        assertThat(cells.moreRows()).isZero();
    }

    @Test
    void previews_only_tables() {
        assertThat(previewer.preview("not a table", 100)).isEmpty();
        assertThat(previewer.preview(List.of(1, 2), 100)).isEmpty();
    }

    @Test
    void rejects_a_budget_below_one_and_negative_rows() {
        assertThatThrownBy(() -> previewer.preview(small(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChars must be >= 1 but was 0");
        assertThatThrownBy(() -> new TablePreviewer(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRows must be >= 0 but was -1");
    }
}
