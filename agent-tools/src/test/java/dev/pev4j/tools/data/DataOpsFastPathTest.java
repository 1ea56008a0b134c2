package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Edge cases of the fast paths (byte-level CSV reader, coded sort and group-by, id-based merge); expected values
 * worked out by hand, as pandas 1.5.3 gives them.
 */
class DataOpsFastPathTest extends EngineTest {

    @Test
    void quoted_cells_keep_delimiters_newlines_and_doubled_quotes() throws IOException {
        Files.writeString(
                root.resolve("t.csv"), "name,note,n\n\"x, y\",\"l1\nl2\",\"1\"\n\"say \"\"hi\"\"\",plain,2\n");

        Table table = data.readCsv("t.csv");

        assertThat(table.types()).containsExactly(ColumnType.STRING, ColumnType.STRING, ColumnType.LONG);
        assertThat(values(table, "name")).containsExactly("x, y", "say \"hi\"");
        assertThat(values(table, "note")).containsExactly("l1\nl2", "plain");
        assertThat(values(table, "n")).containsExactly(1L, 2L);
    }

    @Test
    void crlf_line_endings_read_as_lf_ones_with_an_empty_last_cell() throws IOException {
        Files.writeString(root.resolve("t.csv"), "a,b\r\n1,x\r\n2,\r\n");

        Table table = data.readCsv("t.csv");

        assertThat(table.columnNames()).containsExactly("a", "b");
        assertThat(values(table, "a")).containsExactly(1L, 2L);
        assertThat(values(table, "b")).containsExactly("x", null);
    }

    @Test
    void a_byte_order_mark_before_numbers_is_dropped_and_the_last_line_needs_no_newline() throws IOException {
        Files.writeString(root.resolve("t.csv"), "\uFEFFid,v,ok\n1,2.5,True\n-3,.5e1,false");

        Table table = data.readCsv("t.csv");

        assertThat(table.columnNames()).containsExactly("id", "v", "ok");
        assertThat(table.types()).containsExactly(ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN);
        assertThat(values(table, "id")).containsExactly(1L, -3L);
        assertThat(values(table, "v")).containsExactly(2.5, 5.0);
        assertThat(values(table, "ok")).containsExactly(true, false);
    }

    @Test
    void a_file_of_only_a_byte_order_mark_is_empty() throws IOException {
        Files.write(root.resolve("bom.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

        assertThatThrownBy(() -> data.readCsv("bom.csv"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("could not read 'bom.csv' as CSV: the file is empty, no columns to parse");
    }

    @Test
    void an_all_missing_column_is_float_and_numbers_past_int64_are_floats() throws IOException {
        Files.writeString(
                root.resolve("t.csv"),
                "a,big,max,d\nNA,9223372036854775808,9223372036854775807,0.1\n,1,-9223372036854775807,"
                        + "123456789012345678\n");

        Table table = data.readCsv("t.csv");

        assertThat(table.types())
                .containsExactly(ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.DOUBLE);
        assertThat(values(table, "a")).containsExactly(null, null);
        assertThat(values(table, "big")).containsExactly(0x1p63, 1.0);
        assertThat(values(table, "max")).containsExactly(Long.MAX_VALUE, -Long.MAX_VALUE);
        assertThat(values(table, "d")).containsExactly(0.1, 1.2345678901234568e17);
    }

    @Test
    void ragged_rows_and_padded_cells_are_read_as_before() throws IOException {
        Files.writeString(root.resolve("t.csv"), "a,b\n1, x\n\n2,y\n");

        Table table = data.readCsv("t.csv");

        assertThat(values(table, "a")).containsExactly(1L, 2L);
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void groups_many_sparse_keys_in_key_order_and_drops_missing_keys() {
        LongColumn key = LongColumn.create("k");
        LongColumn value = LongColumn.create("v");
        for (int i = 0; i < 6000; i++) {
            key.append((2999 - i % 3000) * 1_000_003L);
            value.append(i);
        }
        key.appendMissing();
        value.append(1_000_000);
        Table table = Table.create("t", key, value);

        Table grouped = data.groupbyAgg(table, List.of("k"), Map.of("v", List.of("sum")));

        assertThat(grouped.rowCount()).isEqualTo(3000);
        assertThat(values(grouped, "k").subList(0, 2)).containsExactly(0L, 1_000_003L);
        assertThat(values(grouped, "v_sum").subList(0, 2)).containsExactly(8998L, 8996L);
        assertThat(values(grouped, "v_sum").get(2999)).isEqualTo(3000L);
    }

    @Test
    void a_missing_second_key_drops_the_row_and_float_sums_skip_missing_values() {
        Table table = Table.create(
                "t",
                strings("region", "N", "N", "S", "N", "S"),
                longs("code", 1L, null, 2L, 1L, 2L),
                doubles("x", 0.5, 8.0, null, 0.25, null));

        Table grouped =
                data.groupbyAgg(table, List.of("region", "code"), Map.of("x", List.of("sum", "mean", "count", "size")));

        assertThat(values(grouped, "region")).containsExactly("N", "S");
        assertThat(values(grouped, "code")).containsExactly(1L, 2L);
        assertThat(values(grouped, "x_sum")).containsExactly(0.75, 0.0);
        assertThat(values(grouped, "x_mean")).containsExactly(0.375, null);
        assertThat(values(grouped, "x_count")).containsExactly(2L, 0L);
        assertThat(values(grouped, "x_size")).containsExactly(2L, 2L);
    }

    @Test
    void sorts_wide_ranged_floats_stably_with_missing_last_both_ways() {
        Table table = Table.create("t", doubles("x", 1.5, null, -1e300, 1e300, 1.5), longs("id", 0L, 1L, 2L, 3L, 4L));

        assertThat(values(data.sortValues(table, List.of("x"), List.of(false)), "id"))
                .containsExactly(3L, 0L, 4L, 2L, 1L);
        assertThat(values(data.sortValues(table, List.of("x"), null), "id")).containsExactly(2L, 0L, 4L, 3L, 1L);
    }

    /** L: k 2 1 NaN 2, v 1 2 3 4; R: k 2 NaN 3 2, w 10 20 30 40. */
    private static Table[] numericKeys() {
        return new Table[] {
            Table.create("L", longs("k", 2L, 1L, null, 2L), longs("v", 1L, 2L, 3L, 4L)),
            Table.create("R", longs("k", 2L, null, 3L, 2L), longs("w", 10L, 20L, 30L, 40L))
        };
    }

    @Test
    void merges_duplicate_and_missing_numeric_keys_in_pandas_row_order() {
        Table[] t = numericKeys();

        Table inner = data.merge(t[0], t[1], List.of("k"), "inner", null);
        Table left = data.merge(t[0], t[1], List.of("k"), "left", null);
        Table right = data.merge(t[0], t[1], List.of("k"), "right", null);
        Table outer = data.merge(t[0], t[1], List.of("k"), "outer", null);

        assertThat(values(inner, "k")).containsExactly(2L, 2L, 2L, 2L, null);
        assertThat(values(inner, "v")).containsExactly(1L, 1L, 4L, 4L, 3L);
        assertThat(values(inner, "w")).containsExactly(10L, 40L, 10L, 40L, 20L);
        assertThat(values(left, "k")).containsExactly(2L, 2L, 1L, null, 2L, 2L);
        assertThat(values(left, "w")).containsExactly(10L, 40L, null, 20L, 10L, 40L);
        assertThat(values(right, "k")).containsExactly(2L, 2L, null, 3L, 2L, 2L);
        assertThat(values(right, "v")).containsExactly(1L, 4L, 3L, null, 1L, 4L);
        assertThat(values(outer, "k")).containsExactly(2L, 2L, 2L, 2L, 1L, null, 3L);
        assertThat(values(outer, "v")).containsExactly(1L, 1L, 4L, 4L, 2L, 3L, null);
        assertThat(values(outer, "w")).containsExactly(10L, 40L, 10L, 40L, null, 20L, 30L);
    }

    @Test
    void merges_on_two_keys_and_on_an_int64_key_against_a_float64_one() {
        Table left = Table.create("L", strings("a", "x", "x", "y"), longs("b", 1L, 2L, 1L), longs("v", 1L, 2L, 3L));
        Table right = Table.create("R", strings("a", "y", "x", "x"), longs("b", 1L, 2L, 2L), longs("w", 10L, 20L, 30L));
        Table floats = Table.create("F", doubles("b", 2.0, 1.5), longs("u", 7L, 8L));

        Table twoKeys = data.merge(left, right, List.of("a", "b"), null, null);
        Table mixed = data.merge(left, floats, List.of("b"), null, null);

        assertThat(values(twoKeys, "a")).containsExactly("x", "x", "y");
        assertThat(values(twoKeys, "v")).containsExactly(2L, 2L, 3L);
        assertThat(values(twoKeys, "w")).containsExactly(20L, 30L, 10L);
        assertThat(values(mixed, "b")).containsExactly(2.0);
        assertThat(values(mixed, "u")).containsExactly(7L);
    }

    @Test
    void a_large_generated_file_reads_back_what_was_written() throws IOException {
        StringBuilder csv = new StringBuilder("k,i,f\n");
        long[] expected = new long[20_000];
        for (int row = 0; row < expected.length; row++) {
            expected[row] = row * 7L - 50_000;
            csv.append("k")
                    .append(row % 97)
                    .append(',')
                    .append(expected[row])
                    .append(',')
                    .append(row)
                    .append(".25\n");
        }
        Files.writeString(root.resolve("big.csv"), csv);

        Table table = data.readCsv("big.csv");

        assertThat(table.types()).containsExactly(ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE);
        assertThat(((LongColumn) table.column("i")).asLongArray()).isEqualTo(expected);
        assertThat(table.stringColumn("k").countUnique()).isEqualTo(97);
        assertThat(table.doubleColumn("f").get(19_999)).isEqualTo(19_999.25);
        assertThat(Arrays.stream(table.doubleColumn("f").asDoubleArray()).sum())
                .isEqualTo(19_999.0 * 20_000 / 2 + 0.25 * 20_000);
    }

    @Test
    void filters_text_through_its_dictionary_with_missing_cells_as_pandas_query() {
        Table table = Table.create("t", strings("r", "b", null, "a", "c", "b"), longs("id", 0L, 1L, 2L, 3L, 4L));

        assertThat(values(data.filter(table, "r == \"b\""), "id")).containsExactly(0L, 4L);
        assertThat(values(data.filter(table, "r != \"b\""), "id")).containsExactly(1L, 2L, 3L);
        assertThat(values(data.filter(table, "\"b\" < r"), "id")).containsExactly(3L);
        assertThat(values(data.filter(table, "r >= \"b\""), "id")).containsExactly(0L, 3L, 4L);
        assertThat(values(data.filter(table, "r == \"zzz\""), "id")).isEmpty();
        assertThat(values(data.filter(table, "r in (\"a\", \"c\", None)"), "id"))
                .containsExactly(2L, 3L);
        assertThat(values(data.filter(table, "r not in (\"a\", \"c\")"), "id")).containsExactly(0L, 1L, 4L);
        assertThat(values(data.filter(table, "r == \"b\" or id == 1"), "r")).containsExactly("b", null, "b");
    }

    @Test
    void text_columns_picked_by_keys_keep_values_missing_cells_and_take_new_values() {
        Table table = Table.create("t", strings("r", "b", null, "a", "c", "b"), longs("id", 4L, 3L, 2L, 1L, 0L));
        Table lookup = Table.create("L", longs("id", 0L, 2L), strings("s", "zero", "two"));

        Table sorted = data.sortValues(table, List.of("id"), null);
        Table merged = data.merge(table, lookup, List.of("id"), "left", null);
        Table filtered = data.filter(table, "r == \"b\"");

        assertThat(values(sorted, "r")).containsExactly("b", "c", "a", null, "b");
        assertThat(sorted.stringColumn("r").countUnique()).isEqualTo(4);
        assertThat(sorted.stringColumn("r").countMissing()).isEqualTo(1);
        assertThat(values(merged, "s")).containsExactly(null, null, "two", null, "zero");
        assertThat(merged.stringColumn("s").countMissing()).isEqualTo(3);
        assertThat(filtered.stringColumn("r").unique().asList()).containsExactly("b");
        filtered.stringColumn("r").append("new").append("b").appendMissing();
        assertThat(values(filtered, "r")).containsExactly("b", "b", "new", "b", null);
        assertThat(filtered.stringColumn("r").countUnique()).isEqualTo(3); // Tablesaw counts missing as a text
    }

    @Test
    void counting_sort_of_few_distinct_keys_is_stable_with_missing_last_both_ways() {
        int n = 64;
        String[] regions = {"b", null, "a", "c"};
        String[] r = new String[n];
        Long[] amount = new Long[n];
        Long[] id = new Long[n];
        for (int i = 0; i < n; i++) {
            r[i] = regions[(i * 7) % 4];
            amount[i] = (i * 5) % 6 == 5 ? null : (long) ((i * 5) % 6);
            id[i] = (long) i;
        }
        Table table = Table.create("t", strings("r", r), longs("amount", amount), longs("id", id));
        java.util.Comparator<Integer> byRegion = java.util.Comparator.comparing(
                (Integer i) -> r[i], java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        java.util.Comparator<Integer> byAmountDown = java.util.Comparator.comparing(
                (Integer i) -> amount[i], java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()));
        List<Object> expected = java.util.stream.IntStream.range(0, n)
                .boxed()
                .sorted(byRegion.thenComparing(byAmountDown))
                .map(i -> (Object) (long) i)
                .toList();

        Table sorted = data.sortValues(table, List.of("r", "amount"), List.of(true, false));

        assertThat(values(sorted, "id")).containsExactlyElementsOf(expected);
        assertThat(values(sorted, "r").subList(0, 2)).containsExactly("a", "a");
        assertThat(values(sorted, "r").get(n - 1)).isNull();
    }

    @Test
    void left_and_right_merges_on_text_keys_match_missing_with_missing_in_row_order() {
        Table big = Table.create("L", strings("k", "x", null, "y", "x", "z"), longs("v", 1L, 2L, 3L, 4L, 5L));
        Table small = Table.create("R", strings("k", "x", null, "x"), longs("w", 10L, 20L, 30L));

        Table left = data.merge(big, small, List.of("k"), "left", null);
        Table right = data.merge(big, small, List.of("k"), "right", null);

        assertThat(values(left, "k")).containsExactly("x", "x", null, "y", "x", "x", "z");
        assertThat(values(left, "v")).containsExactly(1L, 1L, 2L, 3L, 4L, 4L, 5L);
        assertThat(values(left, "w")).containsExactly(10L, 30L, 20L, null, 10L, 30L, null);
        assertThat(values(right, "k")).containsExactly("x", "x", null, "x", "x");
        assertThat(values(right, "v")).containsExactly(1L, 4L, 2L, 1L, 4L);
        assertThat(values(right, "w")).containsExactly(10L, 10L, 20L, 30L, 30L);
    }

    @Test
    void filters_int64_against_whole_number_literals_with_missing_cells_either_side() {
        Table table = Table.create("t", longs("a", 3L, null, 7L, 5L), longs("id", 0L, 1L, 2L, 3L));

        assertThat(values(data.filter(table, "a > 4"), "id")).containsExactly(2L, 3L);
        assertThat(values(data.filter(table, "4 > a"), "id")).containsExactly(0L);
        assertThat(values(data.filter(table, "5 <= a"), "id")).containsExactly(2L, 3L);
        assertThat(values(data.filter(table, "a == 5"), "id")).containsExactly(3L);
        assertThat(values(data.filter(table, "a != 5"), "id")).containsExactly(0L, 1L, 2L);
        assertThat(values(data.filter(table, "a >= 3 and a <= 5"), "id")).containsExactly(0L, 3L);
        assertThat(values(data.filter(table, "a < 4 or a > 6"), "id")).containsExactly(0L, 2L);
        assertThat(values(data.filter(table, "a > 4.5"), "id")).containsExactly(2L, 3L);
    }

    @Test
    void text_columns_read_with_many_values_escaped_quotes_and_empty_cells_keep_each_text_once() throws IOException {
        StringBuilder csv = new StringBuilder("t,n\n");
        for (int i = 0; i < 300; i++) {
            csv.append("v").append(i % 260).append(',').append(i).append('\n');
        }
        csv.append("\"say \"\"hi\"\"\",300\n,301\n\"say \"\"hi\"\"\",302\n\"v1\",303\n");
        Files.writeString(root.resolve("t.csv"), csv);

        Table table = data.readCsv("t.csv");
        tech.tablesaw.api.StringColumn t = table.stringColumn("t");

        assertThat(values(table, "t").subList(298, 304))
                .containsExactly("v38", "v39", "say \"hi\"", null, "say \"hi\"", "v1");
        assertThat(t.countOccurrences("v1")).isEqualTo(3);
        assertThat(t.countMissing()).isEqualTo(1);
        assertThat(t.unique().size()).isEqualTo(262); // 260 v's, the quote, and Tablesaw's missing text
        t.append("v1").append("new");
        assertThat(t.countOccurrences("v1")).isEqualTo(4);
        assertThat(t.get(t.size() - 1)).isEqualTo("new");
    }
}
