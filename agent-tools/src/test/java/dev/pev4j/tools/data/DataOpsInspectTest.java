package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOpsTest.sales;
import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** info, describe, unique, nunique, value_counts, isnull and corr; expected values computed with pandas 1.5.3. */
class DataOpsInspectTest extends EngineTest {

    /** Letters b a c a b None d: b and a tie at two, c and d at one. */
    static Table letters() {
        return Table.create("t", strings("letter", "b", "a", "c", "a", "b", null, "d"));
    }

    @Test
    void info_lists_each_column_with_its_non_null_count_and_dtype() {
        Table info = data.info(sales());

        assertThat(info.columnNames()).containsExactly("column", "non_null_count", "dtype");
        assertThat(values(info, "column")).containsExactly("region", "revenue", "units");
        assertThat(values(info, "non_null_count")).containsExactly(6L, 6L, 6L);
        assertThat(values(info, "dtype")).containsExactly("object", "float64", "int64");
    }

    @Test
    void describe_gives_pandas_numeric_statistics_by_default() {
        Table described = data.describe(sales(), null);

        assertThat(described.columnNames()).containsExactly("statistic", "revenue", "units");
        assertThat(values(described, "statistic"))
                .containsExactly("count", "mean", "std", "min", "25%", "50%", "75%", "max");
        // pandas: df.describe()["revenue"] and ["units"]
        List<Double> revenue = List.of(6.0, 7.833333333333333, 6.6156380392723015, 2.0, 3.5, 6.0, 9.25, 20.0);
        List<Double> units = List.of(6.0, 3.6666666666666665, 2.160246899469287, 1.0, 2.25, 3.5, 4.75, 7.0);
        for (int i = 0; i < 8; i++) {
            assertThat(described.doubleColumn("revenue").get(i)).isCloseTo(revenue.get(i), within(1e-12));
            assertThat(described.doubleColumn("units").get(i)).isCloseTo(units.get(i), within(1e-12));
        }
    }

    @Test
    void describe_all_adds_count_unique_top_freq_for_text_like_pandas_include_all() {
        Table described = data.describe(sales(), "all");

        assertThat(values(described, "statistic"))
                .containsExactly("count", "unique", "top", "freq", "mean", "std", "min", "25%", "50%", "75%", "max");
        // pandas: count, unique and freq are numbers (numpy.int64, int), top the value itself
        assertThat(described.columnNames()).containsExactly("statistic", "region", "region_top", "revenue", "units");
        assertThat(values(described, "region"))
                .containsExactly(6L, 3L, null, 3L, null, null, null, null, null, null, null);
        assertThat(values(described, "region_top"))
                .containsExactly(null, null, "N", null, null, null, null, null, null, null, null);
        assertThat(described.column("revenue").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(values(described, "revenue").subList(0, 5))
                .containsExactly(6.0, null, null, null, 7.833333333333333);
    }

    @Test
    void describe_of_text_only_describes_the_text_and_the_top_of_a_tie_is_the_first_seen() {
        Table described = data.describe(letters(), null);

        assertThat(values(described, "statistic")).containsExactly("count", "unique", "top", "freq");
        assertThat(described.columnNames()).containsExactly("statistic", "letter", "letter_top");
        assertThat(values(described, "letter")).containsExactly(6L, 4L, null, 2L);
        assertThat(values(described, "letter_top")).containsExactly(null, null, "b", null);
    }

    @Test
    void describe_of_text_gives_counts_as_numbers_that_a_later_filter_can_compare() {
        Table described = data.describe(letters(), null);

        Table many = data.filter(described, "letter >= 4");

        assertThat(described.column("letter").type()).isEqualTo(ColumnType.LONG);
        assertThat(values(many, "statistic")).containsExactly("count", "unique");
    }

    @Test
    void describe_names_the_top_column_apart_from_an_existing_one() {
        Table table = Table.create("t", strings("a", "x", "x"), strings("a_top", "y", "z"));

        Table described = data.describe(table, null);

        assertThat(described.columnNames()).containsExactly("statistic", "a", "a_top_", "a_top", "a_top_top");
        assertThat(values(described, "a_top_")).containsExactly(null, null, "x", null);
        assertThat(values(described, "a_top")).containsExactly(2L, 2L, null, 1L);
        assertThat(values(described, "a_top_top")).containsExactly(null, null, "y", null);
    }

    @Test
    void describe_treats_booleans_as_categories_as_pandas_does() {
        Table described = data.describe(Table.create("t", booleans("b", true, false, true)), null);

        assertThat(values(described, "b")).containsExactly(3L, 2L, null, 2L);
        assertThat(values(described, "b_top")).containsExactly(null, null, "True", null);
    }

    @Test
    void describe_of_an_empty_table_counts_zero() {
        Table described = data.describe(data.head(sales(), 0), null);

        assertThat(values(described, "revenue")).containsExactly(0.0, null, null, null, null, null, null, null);
    }

    @Test
    void describe_rejects_an_unknown_include() {
        assertThatThrownBy(() -> data.describe(sales(), "text"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("include must be \"number\" or \"all\" but was 'text'; \"number\" describes the numeric "
                        + "columns, \"all\" every column");
    }

    @Test
    void unique_keeps_first_appearance_order_and_one_missing_value() {
        assertThat(data.unique(letters(), "letter")).containsExactly("b", "a", "c", null, "d");
        assertThat(data.unique(sales(), "units")).containsExactly(1L, 2L, 3L, 4L, 5L, null, 7L);
    }

    @Test
    void unique_of_an_unknown_column_names_the_nearest() {
        assertThatThrownBy(() -> data.unique(letters(), "leter"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("unknown column 'leter'; did you mean 'letter'? columns: letter");
    }

    @Test
    void nunique_counts_distinct_present_values_per_column() {
        assertThat(data.nunique(sales(), null))
                .containsExactly(
                        java.util.Map.entry("region", 3L),
                        java.util.Map.entry("revenue", 6L),
                        java.util.Map.entry("units", 6L));
        assertThat(data.nunique(letters(), List.of("letter"))).containsExactly(java.util.Map.entry("letter", 4L));
    }

    @Test
    void isnull_counts_missing_values_per_column() {
        assertThat(data.isnull(sales()))
                .containsExactly(
                        java.util.Map.entry("region", 1L),
                        java.util.Map.entry("revenue", 1L),
                        java.util.Map.entry("units", 1L));
    }

    @Test
    void value_counts_sorts_by_count_with_ties_in_first_appearance_order() {
        Table counts = data.valueCounts(letters(), "letter", null, null);

        assertThat(counts.columnNames()).containsExactly("letter", "count");
        assertThat(values(counts, "letter")).containsExactly("b", "a", "c", "d");
        assertThat(values(counts, "count")).containsExactly(2L, 2L, 1L, 1L);
    }

    @Test
    void value_counts_normalized_gives_proportions_of_the_present_values() {
        Table counts = data.valueCounts(letters(), "letter", true, null);

        assertThat(counts.columnNames()).containsExactly("letter", "proportion");
        assertThat(values(counts, "proportion")).containsExactly(2 / 6.0, 2 / 6.0, 1 / 6.0, 1 / 6.0);
    }

    @Test
    void value_counts_with_dropna_false_counts_the_missing_value_in_its_place() {
        Table counts = data.valueCounts(letters(), "letter", false, false);

        assertThat(values(counts, "letter")).containsExactly("b", "a", "c", null, "d");
        assertThat(values(counts, "count")).containsExactly(2L, 2L, 1L, 1L, 1L);
    }

    @Test
    void value_counts_keeps_the_column_type_and_unicode_values() {
        Table t = Table.create(
                "t",
                longs("n", 3L, 1L, 2L, 1L, 3L, 2L, 5L),
                strings("city", "Zürich", "東京", "Zürich", "東京", "東京", "Zürich", "Île"));

        assertThat(values(data.valueCounts(t, "n", null, null), "n")).containsExactly(3L, 1L, 2L, 5L);
        assertThat(values(data.valueCounts(t, "city", null, null), "city")).containsExactly("Zürich", "東京", "Île");
    }

    @Test
    void value_counts_of_an_empty_table_is_empty() {
        Table counts = data.valueCounts(data.head(letters(), 0), "letter", null, null);

        assertThat(counts.rowCount()).isZero();
        assertThat(counts.columnNames()).containsExactly("letter", "count");
    }

    @Test
    void corr_is_pearson_over_pairwise_complete_rows() {
        Table t = Table.create(
                "t",
                doubles("x", 1.0, 2.0, null, 4.0, 8.0),
                longs("y", 2L, 4L, 6L, null, 9L),
                booleans("b", true, false, true, true, false),
                longs("c", 3L, 3L, 3L, 3L, 3L),
                strings("s", "a", "b", "c", "d", "e"));

        Table corr = data.corr(t, null);

        assertThat(corr.columnNames()).containsExactly("column", "x", "y", "b", "c");
        assertThat(values(corr, "column")).containsExactly("x", "y", "b", "c");
        // pandas: t.corr()
        assertThat(corr.doubleColumn("x").get(1)).isCloseTo(0.9889822382736462, within(1e-12));
        assertThat(corr.doubleColumn("x").get(2)).isCloseTo(-0.46625240412015684, within(1e-12));
        assertThat(corr.doubleColumn("y").get(2)).isCloseTo(-0.4833682445228318, within(1e-12));
        assertThat(corr.doubleColumn("x").get(0)).isEqualTo(1.0);
        assertThat(values(corr, "c")).containsExactly(null, null, null, null);
    }

    @Test
    void corr_of_sales_matches_pandas() {
        Table corr = data.corr(sales(), "pearson");

        assertThat(corr.doubleColumn("units").get(0)).isCloseTo(0.46697551293916795, within(1e-12));
    }

    @Test
    void corr_supports_pearson_only() {
        assertThatThrownBy(() -> data.corr(sales(), "spearman"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("corr supports method \"pearson\" only, but got 'spearman'");
    }

    @Test
    void inputs_are_unchanged() {
        Table t = sales();

        data.describe(t, "all");
        data.valueCounts(t, "region", true, false);

        assertThat(Arrays.asList(t.doubleColumn("revenue").asObjectArray()))
                .containsExactly(10.0, 5.0, null, 7.0, 2.0, 3.0, 20.0);
    }
}
