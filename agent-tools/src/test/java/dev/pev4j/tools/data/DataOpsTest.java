package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pev4j.tools.workspace.Workspace;
import dev.pev4j.tools.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class DataOpsTest extends EngineTest {

    /** region, revenue, units: seven rows, a missing region, revenue and units, three groups. */
    static Table sales() {
        return Table.create(
                "sales",
                strings("region", "N", "S", "N", null, "E", "S", "N"),
                doubles("revenue", 10.0, 5.0, null, 7.0, 2.0, 3.0, 20.0),
                longs("units", 1L, 2L, 3L, 4L, 5L, null, 7L));
    }

    @Nested
    class ReadCsv {

        @Test
        void infers_pandas_types_and_reads_pandas_missing_markers() throws IOException {
            Files.writeString(
                    root.resolve("t.csv"),
                    "region,units,price,active,note\n"
                            + "North,10,2.5,True,ok\n"
                            + "South,NA,3,False,\n"
                            + "Île-de-France,7,,true,#N/A\n"
                            + "North,3,1.25,FALSE,\"a, b\"\n"
                            + "#N/A,-2,1e1,false,None\n");

            Table table = data.readCsv("t.csv");

            assertThat(table.name()).isEqualTo("t.csv");
            assertThat(table.columnNames()).containsExactly("region", "units", "price", "active", "note");
            assertThat(table.types())
                    .containsExactly(
                            ColumnType.STRING,
                            ColumnType.LONG,
                            ColumnType.DOUBLE,
                            ColumnType.BOOLEAN,
                            ColumnType.STRING);
            assertThat(values(table, "region")).containsExactly("North", "South", "Île-de-France", "North", null);
            assertThat(values(table, "units")).containsExactly(10L, null, 7L, 3L, -2L);
            assertThat(values(table, "price")).containsExactly(2.5, 3.0, null, 1.25, 10.0);
            assertThat(values(table, "active")).containsExactly(true, false, true, false, false);
            assertThat(values(table, "note")).containsExactly("ok", null, null, "a, b", null);
        }

        @Test
        void a_column_with_only_missing_values_is_float_and_a_mixed_one_is_text() throws IOException {
            Files.writeString(root.resolve("t.csv"), "a,b,c\n,1,x\nNA,2.5,1\n");

            Table table = data.readCsv("t.csv");

            assertThat(table.types()).containsExactly(ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.STRING);
            assertThat(values(table, "a")).containsExactly(null, null);
            assertThat(values(table, "c")).containsExactly("x", "1");
        }

        @Test
        void a_header_only_file_gives_an_empty_table_of_text_columns() throws IOException {
            Files.writeString(root.resolve("t.csv"), "a,b\n");

            Table table = data.readCsv("t.csv");

            assertThat(data.shape(table)).containsExactly(0, 2);
            assertThat(table.types()).containsExactly(ColumnType.STRING, ColumnType.STRING);
        }

        @Test
        void takes_a_delimiter_extra_missing_markers_and_no_header() throws IOException {
            Files.writeString(root.resolve("t.csv"), "1;x;-\n2;y;5\n");

            Table table = data.readCsv("t.csv", ";", List.of("-"), false);

            assertThat(table.columnNames()).containsExactly("0", "1", "2");
            assertThat(values(table, "0")).containsExactly(1L, 2L);
            assertThat(values(table, "1")).containsExactly("x", "y");
            assertThat(values(table, "2")).containsExactly(null, 5L);
        }

        @Test
        void reads_tab_separated_files() throws IOException {
            Files.writeString(root.resolve("t.tsv"), "a\tb\n1\tx\n");

            Table table = data.readCsv("t.tsv", "\\t", null, null);

            assertThat(values(table, "b")).containsExactly("x");
        }

        @Test
        void drops_a_byte_order_mark_and_keeps_long_cells() throws IOException {
            String longCell = "x".repeat(10_000);
            Files.writeString(root.resolve("t.csv"), "\uFEFFname,text\nA," + longCell + "\n");

            Table table = data.readCsv("t.csv");

            assertThat(table.columnNames()).containsExactly("name", "text");
            assertThat(values(table, "text")).containsExactly(longCell);
        }

        @Test
        void never_changes_the_file() throws IOException {
            String content = "a,b\n1,NA\n";
            Files.writeString(root.resolve("t.csv"), content);

            data.readCsv("t.csv");

            assertThat(Files.readString(root.resolve("t.csv"))).isEqualTo(content);
        }

        @Test
        void rejects_a_separator_of_several_characters() throws IOException {
            Files.writeString(root.resolve("t.csv"), "a\n1\n");

            assertThatThrownBy(() -> data.readCsv("t.csv", "||", null, null))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("sep must be a single character but was '||'; e.g. \",\", \";\" or \"\\t\"");
        }

        @Test
        void an_empty_file_has_no_columns_to_parse() throws IOException {
            Files.writeString(root.resolve("empty.csv"), "");

            assertThatThrownBy(() -> data.readCsv("empty.csv"))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("could not read 'empty.csv' as CSV: the file is empty, no columns to parse");
        }

        @Test
        void a_file_that_is_not_utf8_is_named() throws IOException {
            Files.write(root.resolve("latin1.csv"), "name\nZ\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> data.readCsv("latin1.csv"))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("could not read 'latin1.csv': it is not UTF-8 text");
        }

        @Test
        void a_missing_file_names_the_nearest_files() throws IOException {
            Files.writeString(root.resolve("sales.csv"), "a\n1\n");

            assertThatThrownBy(() -> data.readCsv("sale.csv"))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage(
                            "file 'sale.csv' not found in the workspace; did you mean 'sales.csv'? files: sales.csv");
        }

        @Test
        void a_directory_is_not_a_csv_file() throws IOException {
            Files.createDirectory(root.resolve("data"));
            Files.writeString(root.resolve("data/a.csv"), "a\n1\n");

            assertThatThrownBy(() -> data.readCsv("data"))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("'data' is a directory, not a CSV file; files: data/a.csv");
        }
    }

    @Nested
    class HeadTailShapeColumns {

        @Test
        void head_and_tail_default_to_five_rows() {
            Table table = Table.create("t", longs("x", 1L, 2L, 3L, 4L, 5L, 6L, 7L));

            assertThat(values(data.head(table, null), "x")).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(values(data.tail(table, null), "x")).containsExactly(3L, 4L, 5L, 6L, 7L);
        }

        @Test
        void head_and_tail_take_n_rows_and_negative_n_drops_rows_as_pandas_does() {
            Table table = Table.create("t", longs("x", 1L, 2L, 3L, 4L));

            assertThat(values(data.head(table, 2), "x")).containsExactly(1L, 2L);
            assertThat(values(data.tail(table, 2), "x")).containsExactly(3L, 4L);
            assertThat(values(data.head(table, -1), "x")).containsExactly(1L, 2L, 3L);
            assertThat(values(data.tail(table, -1), "x")).containsExactly(2L, 3L, 4L);
            assertThat(values(data.head(table, 10), "x")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(values(data.head(table, -10), "x")).isEmpty();
            assertThat(values(data.head(table, 0), "x")).isEmpty();
        }

        @Test
        void head_keeps_missing_values_the_name_and_the_input() {
            Table table = sales();

            Table head = data.head(table, 3);

            assertThat(head.name()).isEqualTo("sales");
            assertThat(values(head, "revenue")).containsExactly(10.0, 5.0, null);
            assertThat(table.rowCount()).isEqualTo(7);
        }

        @Test
        void head_of_an_empty_table_is_empty() {
            Table empty = Table.create("t", longs("x"));

            assertThat(data.shape(data.head(empty, 5))).containsExactly(0, 1);
        }

        @Test
        void shape_and_columns() {
            assertThat(data.shape(sales())).containsExactly(7, 3);
            assertThat(data.columns(sales())).containsExactly("region", "revenue", "units");
        }
    }

    @Nested
    class SortValues {

        Table table = Table.create("t", strings("name", "b", "a", null, "a", "c"), longs("x", 1L, 2L, 3L, 4L, 5L));

        @Test
        void sorts_ascending_with_ties_in_original_order_and_missing_last() {
            Table sorted = data.sortValues(table, List.of("name"), null);

            assertThat(values(sorted, "name")).containsExactly("a", "a", "b", "c", null);
            assertThat(values(sorted, "x")).containsExactly(2L, 4L, 1L, 5L, 3L);
        }

        @Test
        void sorts_descending_with_ties_in_original_order_and_missing_still_last() {
            Table sorted = data.sortValues(table, List.of("name"), List.of(false));

            assertThat(values(sorted, "name")).containsExactly("c", "b", "a", "a", null);
            assertThat(values(sorted, "x")).containsExactly(5L, 1L, 2L, 4L, 3L);
        }

        @Test
        void sorts_by_several_keys_each_in_its_own_direction() {
            Table t = Table.create(
                    "t",
                    strings("g", "x", "y", "x", "y", "x"),
                    doubles("v", 1.0, 2.0, null, 3.0, 5.0),
                    longs("id", 1L, 2L, 3L, 4L, 5L));

            Table sorted = data.sortValues(t, List.of("g", "v"), List.of(true, false));

            assertThat(values(sorted, "id")).containsExactly(5L, 1L, 3L, 4L, 2L);
        }

        @Test
        void sorts_numbers_by_value_and_text_by_code_point_as_python_does() {
            Table t = Table.create(
                    "t",
                    strings("city", "Zürich", "Île-de-France", "Avignon", "Zulu", "\uFF21", "\uD835\uDD38"),
                    longs("n", 10L, -3L, 2L, 100L, null, 0L));

            assertThat(values(data.sortValues(t, List.of("city"), null), "city"))
                    .containsExactly("Avignon", "Zulu", "Zürich", "Île-de-France", "\uFF21", "\uD835\uDD38");
            assertThat(values(data.sortValues(t, List.of("n"), List.of(false)), "n"))
                    .containsExactly(100L, 10L, 2L, 0L, -3L, null);
        }

        @Test
        void sorting_an_empty_table_gives_an_empty_table() {
            Table sorted = data.sortValues(Table.create("t", longs("x")), List.of("x"), null);

            assertThat(data.shape(sorted)).containsExactly(0, 1);
        }

        @Test
        void leaves_the_input_unchanged() {
            data.sortValues(table, List.of("name"), null);

            assertThat(values(table, "x")).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        void an_unknown_column_names_the_nearest_one() {
            DataOpsException e = catchThrowableOfType(
                    DataOpsException.class, () -> data.sortValues(sales(), List.of("revenu"), null));

            assertThat(e)
                    .hasMessage("unknown column 'revenu'; did you mean 'revenue'? columns: region, revenue, units");
            assertThat(e.column()).contains("revenu");
        }

        @Test
        void column_names_are_case_sensitive_as_in_pandas() {
            assertThatThrownBy(() -> data.sortValues(sales(), List.of("Revenue"), null))
                    .hasMessage("unknown column 'Revenue'; did you mean 'revenue'? columns: region, revenue, units");
        }

        @Test
        void an_unknown_column_without_near_names_lists_the_columns() {
            assertThatThrownBy(() -> data.sortValues(sales(), List.of("zzz"), null))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("unknown column 'zzz'; columns: region, revenue, units");
        }

        @Test
        void ascending_must_have_one_value_or_one_per_column() {
            assertThatThrownBy(() -> data.sortValues(sales(), List.of("region", "units"), List.of(true, false, true)))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("ascending has 3 values but by has 2 columns; "
                            + "pass one value for all columns or one per column");
        }

        @Test
        void by_must_name_a_column() {
            assertThatThrownBy(() -> data.sortValues(sales(), List.of(), null))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("sort_values needs at least one column in by; columns: region, revenue, units");
        }
    }

    @Nested
    class GroupbyAgg {

        @Test
        void sums_means_and_counts_per_group_sorted_by_key_without_missing_keys() {
            Table result = data.groupbyAgg(
                    sales(), List.of("region"), Map.of("revenue", List.of("sum", "mean", "count", "size")));

            assertThat(result.columnNames())
                    .containsExactly("region", "revenue_sum", "revenue_mean", "revenue_count", "revenue_size");
            assertThat(values(result, "region")).containsExactly("E", "N", "S");
            assertThat(values(result, "revenue_sum")).containsExactly(2.0, 30.0, 8.0);
            assertThat(values(result, "revenue_mean")).containsExactly(2.0, 15.0, 4.0);
            assertThat(values(result, "revenue_count")).containsExactly(1L, 2L, 2L);
            assertThat(values(result, "revenue_size")).containsExactly(1L, 3L, 2L);
        }

        @Test
        void the_mean_and_median_of_integers_are_floats_and_the_sum_stays_whole() {
            Table result =
                    data.groupbyAgg(sales(), List.of("region"), Map.of("units", List.of("sum", "mean", "median")));

            assertThat(result.column("units_sum").type()).isEqualTo(ColumnType.LONG);
            assertThat(result.column("units_mean").type()).isEqualTo(ColumnType.DOUBLE);
            assertThat(values(result, "units_sum")).containsExactly(5L, 11L, 2L);
            assertThat(values(result, "units_mean")).containsExactly(5.0, 11.0 / 3, 2.0);
            assertThat(values(result, "units_median")).containsExactly(5.0, 3.0, 2.0);
        }

        @Test
        void std_and_var_use_ddof_1_and_are_missing_for_a_single_value() {
            Table result = data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("std", "var")));

            // N: 10, 20 (mean 15, squares 50, / 1); S: 5, 3 (mean 4, squares 2, / 1); E: one value.
            assertThat(values(result, "revenue_std")).containsExactly(null, Math.sqrt(50), Math.sqrt(2));
            assertThat(values(result, "revenue_var")).containsExactly(null, 50.0, 2.0);
        }

        @Test
        void min_max_first_last_skip_missing_values_and_keep_the_type() {
            Table result = data.groupbyAgg(
                    sales(),
                    List.of("region"),
                    Map.of("units", List.of("min", "max", "first", "last"), "revenue", List.of("first", "last")));

            assertThat(result.column("units_min").type()).isEqualTo(ColumnType.LONG);
            assertThat(values(result, "units_min")).containsExactly(5L, 1L, 2L);
            assertThat(values(result, "units_max")).containsExactly(5L, 7L, 2L);
            assertThat(values(result, "units_first")).containsExactly(5L, 1L, 2L);
            assertThat(values(result, "units_last")).containsExactly(5L, 7L, 2L);
            assertThat(values(result, "revenue_first")).containsExactly(2.0, 10.0, 5.0);
            assertThat(values(result, "revenue_last")).containsExactly(2.0, 20.0, 3.0);
        }

        @Test
        void text_columns_take_count_nunique_min_max_first_and_last() {
            Table t = Table.create(
                    "t", strings("k", "a", "a", "a", "b"), strings("city", "Zürich", null, "Avignon", "Zürich"));

            Table result = data.groupbyAgg(
                    t, List.of("k"), Map.of("city", List.of("count", "nunique", "min", "max", "first", "last")));

            assertThat(values(result, "city_count")).containsExactly(2L, 1L);
            assertThat(values(result, "city_nunique")).containsExactly(2L, 1L);
            assertThat(values(result, "city_min")).containsExactly("Avignon", "Zürich");
            assertThat(values(result, "city_max")).containsExactly("Zürich", "Zürich");
            assertThat(values(result, "city_first")).containsExactly("Zürich", "Zürich");
            assertThat(values(result, "city_last")).containsExactly("Avignon", "Zürich");
        }

        @Test
        void an_all_missing_group_sums_to_zero_and_has_no_mean() {
            Table t = Table.create("t", strings("k", "a", "b"), doubles("v", null, 1.0), longs("n", null, 2L));

            Table result = data.groupbyAgg(
                    t, List.of("k"), Map.of("v", List.of("sum", "mean", "min"), "n", List.of("sum", "max")));

            assertThat(values(result, "v_sum")).containsExactly(0.0, 1.0);
            assertThat(values(result, "v_mean")).containsExactly(null, 1.0);
            assertThat(values(result, "v_min")).containsExactly(null, 1.0);
            assertThat(values(result, "n_sum")).containsExactly(0L, 2L);
            assertThat(values(result, "n_max")).containsExactly(null, 2L);
        }

        @Test
        void booleans_count_as_one_and_zero() {
            Table t = Table.create("t", strings("k", "a", "a", "a"), booleans("ok", true, false, true));

            Table result = data.groupbyAgg(t, List.of("k"), Map.of("ok", List.of("sum", "mean")));

            assertThat(values(result, "ok_sum")).containsExactly(2L);
            assertThat(values(result, "ok_mean")).containsExactly(2.0 / 3);
        }

        @Test
        void groups_by_several_keys_sorted_by_each_in_turn() {
            Table t = Table.create(
                    "t",
                    strings("region", "S", "N", "N", "S", "N"),
                    longs("year", 2024L, 2024L, 2023L, 2023L, null),
                    longs("units", 1L, 2L, 3L, 4L, 5L));

            Table result = data.groupbyAgg(t, List.of("region", "year"), Map.of("units", List.of("sum")));

            assertThat(result.columnNames()).containsExactly("region", "year", "units_sum");
            assertThat(values(result, "region")).containsExactly("N", "N", "S", "S");
            assertThat(values(result, "year")).containsExactly(2023L, 2024L, 2023L, 2024L);
            assertThat(values(result, "units_sum")).containsExactly(3L, 2L, 4L, 1L);
        }

        @Test
        void sorts_numeric_keys_by_value_and_unicode_keys_by_code_point() {
            Table t = Table.create(
                    "t",
                    longs("n", 10L, 9L, -1L, 10L),
                    strings("city", "Île-de-France", "Zulu", "Avignon", "Île-de-France"));

            assertThat(values(data.groupbyAgg(t, List.of("n"), Map.of("n", List.of("size"))), "n"))
                    .containsExactly(-1L, 9L, 10L);
            assertThat(values(data.groupbyAgg(t, List.of("city"), Map.of("n", List.of("sum"))), "city"))
                    .containsExactly("Avignon", "Zulu", "Île-de-France");
        }

        @Test
        void an_empty_table_gives_an_empty_result_with_the_columns() {
            Table empty = data.head(sales(), 0);

            Table result = data.groupbyAgg(empty, List.of("region"), Map.of("revenue", List.of("sum", "mean")));

            assertThat(result.columnNames()).containsExactly("region", "revenue_sum", "revenue_mean");
            assertThat(result.rowCount()).isZero();
        }

        @Test
        void names_the_result_after_the_input_and_the_keys() {
            Table result = data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("sum")));

            assertThat(result.name()).isEqualTo("sales grouped by region");
        }

        @Test
        void a_numeric_aggregation_of_text_names_the_column_and_its_type() {
            DataOpsException e = catchThrowableOfType(
                    DataOpsException.class,
                    () -> data.groupbyAgg(sales(), List.of("units"), Map.of("region", List.of("mean"))));

            assertThat(e)
                    .hasMessage("cannot compute 'mean' of column 'region': it is object (text), not numeric; "
                            + "use min, max, count, size, nunique, first or last");
            assertThat(e.column()).contains("region");
        }

        @Test
        void an_unknown_function_names_the_nearest_ones() {
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("avg"))))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("unknown aggregation 'avg' for column 'revenue'; did you mean 'mean'? "
                            + "aggregations: sum, mean, median, min, max, count, size, nunique, std, var, first, last");
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("meen"))))
                    .hasMessage("unknown aggregation 'meen' for column 'revenue'; did you mean 'mean'? "
                            + "aggregations: sum, mean, median, min, max, count, size, nunique, std, var, first, last");
        }

        @Test
        void unknown_key_and_value_columns_name_the_nearest_ones() {
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("regoin"), Map.of("revenue", List.of("sum"))))
                    .hasMessage("unknown column 'regoin'; did you mean 'region'? columns: region, revenue, units");
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("region"), Map.of("unit", List.of("sum"))))
                    .hasMessage("unknown column 'unit'; did you mean 'units'? columns: region, revenue, units");
        }

        @Test
        void needs_keys_and_aggregations() {
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of(), Map.of("revenue", List.of("sum"))))
                    .hasMessage("groupby_agg needs at least one column in by; columns: region, revenue, units");
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("region"), Map.of()))
                    .hasMessage("groupby_agg needs at least one aggregation, e.g. {\"column\": [\"sum\"]}; "
                            + "columns: region, revenue, units");
            assertThatThrownBy(() -> data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of())))
                    .hasMessage("no aggregation given for column 'revenue'; pass e.g. {\"revenue\": [\"sum\"]}; "
                            + "aggregations: sum, mean, median, min, max, count, size, nunique, std, var, first, last");
        }

        @Test
        void a_function_listed_twice_is_rejected() {
            assertThatThrownBy(
                            () -> data.groupbyAgg(sales(), List.of("region"), Map.of("revenue", List.of("sum", "sum"))))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessage("output column 'revenue_sum' would appear twice; "
                            + "name each column and aggregation once");
        }
    }

    @Test
    void the_sample_plan_runs_on_the_bundled_sales_data() {
        DataOps examples = DataOps.in(Workspace.of(Path.of("../examples/data")));

        Table e1 = examples.readCsv("sales.csv");
        Table e2 = examples.groupbyAgg(
                e1, List.of("region"), Map.of("revenue", List.of("sum", "mean"), "units", List.of("sum")));
        Table e3 = examples.sortValues(e2, List.of("revenue_sum"), List.of(false));
        Table e4 = examples.head(e3, 3);

        assertThat(examples.shape(e1)).containsExactly(40L, 6L);
        assertThat(values(e2, "region")).containsExactly("East", "North", "South", "West", "Île-de-France");
        assertThat(values(e4, "region")).containsExactly("West", "North", "East");
        assertThat(values(e4, "units_sum")).containsExactly(170L, 205L, 137L);
        List<Double> revenue = Arrays.asList(e4.doubleColumn("revenue_sum").asObjectArray());
        assertThat(revenue.get(0)).isCloseTo(1049.2, Offset.offset(1e-9));
        assertThat(revenue.get(1)).isCloseTo(929.55, Offset.offset(1e-9));
        assertThat(revenue.get(2)).isCloseTo(694.05, Offset.offset(1e-9));
        assertThat(e4.doubleColumn("revenue_mean").get(1)).isCloseTo(929.55 / 7, Offset.offset(1e-9));
    }
}
