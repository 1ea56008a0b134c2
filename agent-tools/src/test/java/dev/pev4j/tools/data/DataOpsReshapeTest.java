package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOpsTest.sales;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** select, drop, rename, concat, pivot_table and merge; expected values computed with pandas 1.5.3. */
class DataOpsReshapeTest extends EngineTest {

    @Test
    void select_keeps_the_named_columns_in_the_order_given() {
        Table selected = data.select(sales(), List.of("units", "region"));

        assertThat(selected.columnNames()).containsExactly("units", "region");
        assertThat(values(selected, "units")).containsExactly(1L, 2L, 3L, 4L, 5L, null, 7L);
        assertThat(selected.name()).isEqualTo("sales");
    }

    @Test
    void select_rejects_unknown_and_repeated_columns() {
        assertThatThrownBy(() -> data.select(sales(), List.of("region", "revnue")))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("unknown column 'revnue'; did you mean 'revenue'? columns: region, revenue, units");
        assertThatThrownBy(() -> data.select(sales(), List.of("region", "region")))
                .hasMessage("column 'region' is listed twice; name each column once");
    }

    @Test
    void drop_removes_the_named_columns() {
        assertThat(data.drop(sales(), List.of("revenue")).columnNames()).containsExactly("region", "units");
        assertThatThrownBy(() -> data.drop(sales(), List.of("unit")))
                .hasMessage("unknown column 'unit'; did you mean 'units'? columns: region, revenue, units");
    }

    @Test
    void rename_renames_in_place_and_rejects_unknown_names_and_clashes() {
        Table renamed = data.rename(sales(), Map.of("revenue", "umsatz", "region", "région"));

        assertThat(renamed.columnNames()).containsExactly("région", "umsatz", "units");
        assertThat(values(renamed, "umsatz")).containsExactly(10.0, 5.0, null, 7.0, 2.0, 3.0, 20.0);
        assertThatThrownBy(() -> data.rename(sales(), Map.of("revenu", "x")))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("unknown column 'revenu'; did you mean 'revenue'? columns: region, revenue, units");
        assertThatThrownBy(() -> data.rename(sales(), Map.of("revenue", "Units")))
                .hasMessage("the result would have two columns named 'Units' and 'units'; column names must differ "
                        + "(ignoring case)");
    }

    @Test
    void concat_stacks_rows_with_the_union_of_columns_and_widens_int_to_float() {
        // pandas: pd.concat([a, b], ignore_index=True) -> x float64 [1.0, 2.0, 3.5], y [a, b, c], z [NaN, NaN, 1.5]
        Table a = Table.create("a", longs("x", 1L, 2L), strings("y", "a", "b"));
        Table b = Table.create("b", strings("y", "c"), doubles("z", 1.5), doubles("x", 3.5));

        Table stacked = data.concat(List.of(a, b));

        assertThat(stacked.columnNames()).containsExactly("x", "y", "z");
        assertThat(stacked.column("x").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(values(stacked, "x")).containsExactly(1.0, 2.0, 3.5);
        assertThat(values(stacked, "y")).containsExactly("a", "b", "c");
        assertThat(values(stacked, "z")).containsExactly(null, null, 1.5);
    }

    @Test
    void concat_turns_other_type_mixes_into_text_and_keeps_a_missing_int_column_whole() {
        Table a = Table.create("a", longs("x", 1L), longs("n", 7L));
        Table b = Table.create("b", strings("x", "kilo"));

        Table stacked = data.concat(List.of(a, b));

        assertThat(values(stacked, "x")).containsExactly("1", "kilo");
        assertThat(stacked.column("n").type()).isEqualTo(ColumnType.LONG);
        assertThat(values(stacked, "n")).containsExactly(7L, null);
    }

    @Test
    void concat_needs_a_table() {
        assertThatThrownBy(() -> data.concat(List.of()))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("concat needs at least one table, e.g. [#E1, #E2]");
    }

    /** region N S N S N None E; year 2023 2023 2024 2024 2024 2023 None; rev 1 2 3 None 5 6 7; u 1..7. */
    static Table yearly() {
        return Table.create(
                "yearly",
                strings("region", "N", "S", "N", "S", "N", null, "E"),
                longs("year", 2023L, 2023L, 2024L, 2024L, 2024L, 2023L, null),
                doubles("rev", 1.0, 2.0, 3.0, null, 5.0, 6.0, 7.0),
                longs("u", 1L, 2L, 3L, 4L, 5L, 6L, 7L));
    }

    @Test
    void pivot_table_sums_per_index_and_column_value_sorted_and_drops_missing_keys() {
        // pandas: df.pivot_table(index="region", columns="year", values="rev", aggfunc="sum")
        //   -> N: 1.0, 8.0; S: 2.0, 0.0 (E has no year, the None region is dropped)
        Table pivot = data.pivotTable(yearly(), List.of("region"), "year", "rev", "sum");

        assertThat(pivot.columnNames()).containsExactly("region", "2023", "2024");
        assertThat(values(pivot, "region")).containsExactly("N", "S");
        assertThat(values(pivot, "2023")).containsExactly(1.0, 2.0);
        assertThat(values(pivot, "2024")).containsExactly(8.0, 0.0);
    }

    @Test
    void pivot_table_counts_and_defaults_to_the_mean() {
        assertThat(values(data.pivotTable(yearly(), List.of("region"), "year", "u", "count"), "2024"))
                .containsExactly(2L, 1L);
        assertThat(values(data.pivotTable(yearly(), List.of("region"), "year", "u", null), "2024"))
                .containsExactly(4.0, 4.0);
    }

    @Test
    void pivot_table_leaves_missing_combinations_missing_and_drops_all_missing_rows_and_columns() {
        // pandas: mean -> only N/x = 1.0 survives; sum -> N: 1.0, 0.0; S: 0.0, 0.0
        Table t = Table.create(
                "t",
                strings("r", "N", "N", "S", "S"),
                strings("c", "x", "y", "x", "y"),
                doubles("v", 1.0, null, null, null));

        Table mean = data.pivotTable(t, List.of("r"), "c", "v", "mean");
        Table sum = data.pivotTable(t, List.of("r"), "c", "v", "sum");

        assertThat(mean.columnNames()).containsExactly("r", "x");
        assertThat(values(mean, "r")).containsExactly("N");
        assertThat(values(sum, "y")).containsExactly(0.0, 0.0);

        Table sparse = Table.create("t", strings("r", "A", "B"), strings("c", "x", "y"), longs("v", 1L, 2L));
        Table pivot = data.pivotTable(sparse, List.of("r"), "c", "v", "sum");
        assertThat(values(pivot, "x")).containsExactly(1L, null);
        assertThat(values(pivot, "y")).containsExactly(null, 2L);
    }

    @Test
    void pivot_table_rejects_a_text_mean_and_an_unknown_function() {
        assertThatThrownBy(() -> data.pivotTable(yearly(), List.of("year"), "u", "region", "mean"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot compute 'mean' of column 'region': it is object (text), not numeric; "
                        + "use min, max, count, size, nunique, first or last");
        assertThatThrownBy(() -> data.pivotTable(yearly(), List.of("region"), "year", "rev", "avg"))
                .hasMessage("unknown aggregation 'avg' for column 'rev'; did you mean 'mean'? "
                        + "aggregations: sum, mean, median, min, max, count, size, nunique, std, var, first, last");
    }

    @Test
    void pivot_table_of_an_empty_table_has_only_the_index_column() {
        Table pivot = data.pivotTable(data.head(yearly(), 0), List.of("region"), "year", "rev", "sum");

        assertThat(pivot.columnNames()).containsExactly("region");
        assertThat(pivot.rowCount()).isZero();
    }

    /** agent-tools' src/test/resources/.../pandas/pivot.csv: missing keys, missing values, missing combinations. */
    static Table regions() {
        return Table.create(
                "regions",
                strings("region", "North", "North", "North", "South", "South", "South", null, "East", "East", "West"),
                strings("channel", "web", "web", "shop", "web", "shop", "shop", "web", null, "web", "shop"),
                longs("year", 2023L, 2024L, 2023L, 2023L, 2024L, 2024L, 2023L, 2024L, null, 2024L),
                doubles("revenue", 10.0, 20.0, null, 5.0, 7.5, 2.5, 100.0, 8.0, 9.0, null),
                longs("units", 1L, 2L, 3L, null, 4L, 1L, 9L, 2L, 3L, null));
    }

    @Test
    void pivot_table_margins_with_two_index_columns_label_the_total_row_all() {
        // pandas: df.pivot_table(index=["region", "channel"], columns="year", values="revenue", aggfunc="sum",
        //   margins=True): North/shop 0.0, NaN, NaN; ...; ("All", "") 15.0, 30.0, 45.0 (rows with a missing key
        //   or value are left out of the margins: East has no channel, the West row no revenue)
        Table pivot = data.pivotTable(
                regions(), List.of("region", "channel"), "year", List.of("revenue"), List.of("sum"), true, null, null);

        assertThat(pivot.columnNames()).containsExactly("region", "channel", "2023", "2024", "All");
        assertThat(values(pivot, "region")).containsExactly("North", "North", "South", "South", "West", "All");
        // pandas' "" beside All: Tablesaw reads an empty text as missing
        assertThat(values(pivot, "channel")).containsExactly("shop", "web", "shop", "web", "shop", null);
        assertThat(values(pivot, "2023")).containsExactly(0.0, 10.0, null, 5.0, null, 15.0);
        assertThat(values(pivot, "2024")).containsExactly(null, 20.0, 10.0, null, 0.0, 30.0);
        assertThat(values(pivot, "All")).containsExactly(null, 30.0, 10.0, 5.0, null, 45.0);
    }

    @Test
    void pivot_table_without_margins_keeps_whole_numbers_whole_and_fills_missing_combinations() {
        // pandas: df.pivot_table(index="region", columns="channel", values="units", aggfunc="max", fill_value=0)
        //   -> East: web 3; North: shop 3, web 2; South: shop 4, web 0 (all-NaN -> filled); West dropped
        Table pivot = data.pivotTable(
                regions(), List.of("region"), "channel", List.of("units"), List.of("max"), null, null, 0.0);

        assertThat(values(pivot, "region")).containsExactly("East", "North", "South");
        assertThat(values(pivot, "shop")).containsExactly(0L, 3L, 4L);
        assertThat(values(pivot, "web")).containsExactly(3L, 2L, 0L);
    }

    @Test
    void pivot_table_margins_reject_functions_pandas_cannot_total_and_a_name_already_used() {
        assertThatThrownBy(() -> data.pivotTable(
                        regions(), List.of("region"), "year", List.of("revenue"), List.of("size"), true, null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("margins=true works with mean, sum, count, min, max, median, nunique, std, var, not 'size' "
                        + "(pandas fails on it too); leave margins out or aggregate with another function");
        assertThatThrownBy(() -> data.pivotTable(
                        regions(), List.of("region"), "year", List.of("revenue"), List.of("sum"), true, "North", null))
                .hasMessage("Conflicting name \"North\" in margins: column 'region' has that value; pass another "
                        + "margins_name, e.g. \"Total\"");
        assertThatThrownBy(() -> data.pivotTable(
                        regions(), List.of("region"), "year", List.of("channel"), List.of("first"), null, null, 0.0))
                .hasMessage("fill_value 0.0 is a number but the cells of 'channel' are object (text); leave fill_value "
                        + "out or use fillna after the pivot");
        assertThatThrownBy(() -> data.pivotTable(
                        regions(), List.of("region"), "year", List.of("year"), List.of("sum"), null, null, null))
                .hasMessage("column 'year' is both a key (index or columns) and in values; aggregate another column");
    }

    // merge: L k a b a c / v 1 2 3 4; R k b a a d / w 10 20 30 40 (pandas 1.5.3 output below each test)

    static Table left() {
        return Table.create("left", strings("k", "a", "b", "a", "c"), longs("v", 1L, 2L, 3L, 4L));
    }

    static Table right() {
        return Table.create("right", strings("k", "b", "a", "a", "d"), longs("w", 10L, 20L, 30L, 40L));
    }

    @Test
    void inner_merge_groups_rows_by_key_in_left_order() {
        Table merged = data.merge(left(), right(), List.of("k"), null, null);

        assertThat(merged.columnNames()).containsExactly("k", "v", "w");
        assertThat(values(merged, "k")).containsExactly("a", "a", "a", "a", "b");
        assertThat(values(merged, "v")).containsExactly(1L, 1L, 3L, 3L, 2L);
        assertThat(values(merged, "w")).containsExactly(20L, 30L, 20L, 30L, 10L);
    }

    @Test
    void left_merge_keeps_left_row_order() {
        Table merged = data.merge(left(), right(), List.of("k"), "left", null);

        assertThat(values(merged, "k")).containsExactly("a", "a", "b", "a", "a", "c");
        assertThat(values(merged, "v")).containsExactly(1L, 1L, 2L, 3L, 3L, 4L);
        assertThat(values(merged, "w")).containsExactly(20L, 30L, 10L, 20L, 30L, null);
    }

    @Test
    void right_merge_keeps_right_row_order() {
        Table merged = data.merge(left(), right(), List.of("k"), "right", null);

        assertThat(values(merged, "k")).containsExactly("b", "a", "a", "a", "a", "d");
        assertThat(values(merged, "v")).containsExactly(2L, 1L, 3L, 1L, 3L, null);
        assertThat(values(merged, "w")).containsExactly(10L, 20L, 20L, 30L, 30L, 40L);
    }

    @Test
    void outer_merge_groups_by_key_left_keys_first_then_right_only_keys() {
        Table merged = data.merge(left(), right(), List.of("k"), "outer", null);

        assertThat(values(merged, "k")).containsExactly("a", "a", "a", "a", "b", "c", "d");
        assertThat(values(merged, "v")).containsExactly(1L, 1L, 3L, 3L, 2L, 4L, null);
        assertThat(values(merged, "w")).containsExactly(20L, 30L, 20L, 30L, 10L, null, 40L);
    }

    @Test
    void missing_keys_match_each_other_as_in_pandas() {
        // pandas: L k b a c a None, R k a d b a None -> inner: b, a, a, a, a, None (v 5, w 50)
        Table l = Table.create("l", strings("k", "b", "a", "c", "a", null), longs("v", 1L, 2L, 3L, 4L, 5L));
        Table r = Table.create("r", strings("k", "a", "d", "b", "a", null), longs("w", 10L, 20L, 30L, 40L, 50L));

        Table merged = data.merge(l, r, List.of("k"), "inner", null);

        assertThat(values(merged, "k")).containsExactly("b", "a", "a", "a", "a", null);
        assertThat(values(merged, "w")).containsExactly(30L, 10L, 40L, 10L, 40L, 50L);
    }

    @Test
    void merges_on_several_keys_and_suffixes_other_shared_columns() {
        // pandas: pd.merge(L, R, on=["a", "b"], how="outer") -> a x y x, b 1 1 2, v_x 1 2 3, v_y 8 9 7
        Table l = Table.create("l", strings("a", "x", "y", "x"), longs("b", 1L, 1L, 2L), longs("v", 1L, 2L, 3L));
        Table r = Table.create("r", strings("a", "x", "x", "y"), longs("b", 2L, 1L, 1L), longs("v", 7L, 8L, 9L));

        Table merged = data.merge(l, r, List.of("a", "b"), "outer", null);
        Table bySuffix = data.merge(l, r, List.of("a"), "inner", List.of("_left", "_right"));

        assertThat(merged.columnNames()).containsExactly("a", "b", "v_x", "v_y");
        assertThat(values(merged, "v_x")).containsExactly(1L, 2L, 3L);
        assertThat(values(merged, "v_y")).containsExactly(8L, 9L, 7L);
        assertThat(bySuffix.columnNames()).containsExactly("a", "b_left", "v_left", "b_right", "v_right");
        assertThat(values(bySuffix, "b_right")).containsExactly(2L, 1L, 2L, 1L, 1L);
    }

    @Test
    void an_int_key_matches_a_float_key_by_value() {
        Table l = Table.create("l", longs("k", 1L, 2L), strings("s", "one", "two"));
        Table r = Table.create("r", doubles("k", 2.0, 3.0), strings("t", "zwei", "drei"));

        Table merged = data.merge(l, r, List.of("k"), "inner", null);

        assertThat(values(merged, "k")).containsExactly(2.0);
        assertThat(values(merged, "t")).containsExactly("zwei");
    }

    @Test
    void merge_errors_name_the_key_the_types_and_the_choices() {
        Table text = Table.create("r", strings("k", "1"), longs("w", 1L));
        assertThatThrownBy(() -> data.merge(Table.create("l", longs("k", 1L)), text, List.of("k"), null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot merge on column 'k': it is int64 in the left table and object (text) in the "
                        + "right; convert one with astype first");
        assertThatThrownBy(() -> data.merge(left(), right(), List.of("price"), null, null))
                .hasMessage("unknown column 'price' in the left table; columns: k, v");
        assertThatThrownBy(() -> data.merge(left(), right(), List.of("v"), null, null))
                .hasMessage("unknown column 'v' in the right table; did you mean 'k' or 'w'? columns: k, w");
        assertThatThrownBy(() -> data.merge(left(), right(), List.of("k"), "full", null))
                .hasMessage("unknown how 'full'; choices: inner, left, right, outer");
        assertThatThrownBy(() -> data.merge(left(), right(), List.of("k"), "lft", null))
                .hasMessage("unknown how 'lft'; did you mean 'left'? choices: inner, left, right, outer");
        assertThatThrownBy(() -> data.merge(left(), right(), List.of(), null, null))
                .hasMessage("merge needs at least one key column in on; columns in both tables: k");
    }

    @Test
    void merging_with_an_empty_table_gives_an_empty_or_unmatched_result() {
        Table empty = data.head(right(), 0);

        assertThat(data.merge(left(), empty, List.of("k"), "inner", null).rowCount())
                .isZero();
        assertThat(values(data.merge(left(), empty, List.of("k"), "left", null), "w"))
                .containsExactly(null, null, null, null);
    }

    @Test
    void merge_keeps_unicode_keys() {
        Table l = Table.create("l", strings("city", "Zürich", "東京"), longs("n", 1L, 2L));
        Map<String, String> unused = new LinkedHashMap<>();
        Table r = Table.create("r", strings("city", "東京"), longs("m", 9L));

        assertThat(values(data.merge(l, r, List.of("city"), null, null), "n")).containsExactly(2L);
        assertThat(unused).isEmpty();
    }
}
