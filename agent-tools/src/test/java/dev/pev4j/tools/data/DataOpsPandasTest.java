package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The issue-18 operations against values recorded with pandas 1.5.3 by {@code src/test/pandas/expected_values.py}
 * from the small CSV files next to them (nulls, ties, zeros, dates with gaps). Each test runs the toolkit and
 * compares every column of the recorded result, cell by cell: numbers to 1e-9 relative, text exactly, missing with
 * missing. No Python is needed to run them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the CSV files are read once per engine
class DataOpsPandasTest {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    static Path dir;
    Ops data;
    Table orders;
    Table wide;

    @BeforeAll
    void load() throws URISyntaxException {
        dir = Path.of(DataOpsPandasTest.class.getResource("pandas/orders.csv").toURI())
                .getParent();
        data = engine().open(dir);
        orders = data.toDatetime(data.toDatetime(data.readCsv("orders.csv"), "day", null), "shipped", null);
        wide = data.readCsv("wide.csv");
    }

    @AfterAll
    void close_toolkit() {
        data.close();
    }

    /** The engine these tests run on; the parity suites override it. */
    Engines engine() {
        return Engines.TABLESAW;
    }

    @Test
    void quantile_per_group_interpolates_linearly_also_in_even_sized_groups() {
        assertMatches(
                "quantile_by_store",
                data.quantile(orders, List.of(0.25, 0.5, 0.9), List.of("sales", "units"), List.of("store")));
    }

    @Test
    void quantile_of_whole_columns_skips_missing_values() {
        assertMatches("quantile", data.quantile(orders, List.of(0.0, 0.33, 0.5, 1.0), List.of("sales", "units"), null));
    }

    @Test
    void groupby_agg_accepts_quantiles_first_last_and_size() {
        Map<String, List<String>> aggregations = new LinkedHashMap<>();
        aggregations.put("sales", List.of("quantile_0.9", "quantile", "first", "last", "size"));
        assertMatches("groupby_agg_quantile", data.groupbyAgg(orders, List.of("store"), aggregations));
    }

    @Test
    void mode_gives_every_tied_value_sorted_and_idxmax_the_first_row_of_the_extreme() {
        assertMatches("mode_sales", data.mode(orders, "sales", null));
        assertMatches("mode_store", data.mode(orders, "store", null));
        Table idx = Table.create(
                "idx",
                Tables.longs("idxmax", data.idxmax(orders, "sales")),
                Tables.longs("idxmin", data.idxmin(orders, "sales")));
        assertMatches("idx", idx);
        Table noSales = data.filter(orders, "isnull(sales)");
        assertThatThrownBy(() -> data.idxmin(noSales, "sales"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("column 'sales' has no values, so it has no idxmin");
    }

    @Test
    void shift_diff_and_pct_change_stay_within_groups_and_pct_change_from_zero_is_inf() {
        Table t = data.shift(orders, "sales", null, List.of("store"), null);
        t = data.shift(t, "sales", -2, null, "sales_shift_back");
        t = data.diff(t, "sales", null, List.of("store"), null);
        t = data.diff(t, "sales", 1, null, "sales_diff_all");
        t = data.pctChange(t, "sales", null, null, null);
        t = data.pctChange(t, "sales", null, List.of("store"), "sales_pct_change_by");
        t = data.pctChange(t, "units", 2, null, "units_pct_change_2");
        assertMatches("row_relative", t);
    }

    @Test
    void rank_handles_ties_with_every_method_direction_and_na_option() {
        Table t = orders;
        for (String method : List.of("average", "min", "max", "first", "dense")) {
            t = data.rank(t, "sales", method, null, null, null, null, "rank_" + method);
            t = data.rank(t, "sales", method, false, null, null, null, "rank_" + method + "_desc");
            t = data.rank(t, "sales", method, null, "top", null, null, "rank_" + method + "_top");
            t = data.rank(t, "sales", method, null, "bottom", true, null, "rank_" + method + "_bottom_pct");
            t = data.rank(t, "sales", method, null, null, true, null, "rank_" + method + "_pct");
        }
        t = data.rank(t, "sales", "min", false, null, null, List.of("store"), "rank_by_store");
        assertMatches("rank", t);
    }

    @Test
    void rolling_expanding_and_ewm_match_pandas_also_within_groups() {
        Table t = data.rolling(orders, "sales", "2", "mean", null, List.of("store"), "mean_2_by", null, null);
        t = data.rolling(t, "sales", "3", "std", 2, List.of("store"), "std_3_min2_by", null, null);
        for (String func : List.of("mean", "sum", "std", "var", "min", "max", "median")) {
            t = data.rolling(t, "sales", "3", func, 1, null, func + "_3_min1", null, null);
        }
        t = data.rolling(t, "units", "2", "max", null, null, "max_2", null, null);
        t = data.rolling(t, "units", "4", "median", 2, null, "median_4_min2", null, null);
        for (String func : List.of("mean", "sum", "std", "min", "max", "median")) {
            t = data.expanding(t, "sales", func, null, null, "expanding_" + func);
        }
        t = data.expanding(t, "sales", "mean", null, List.of("store"), "expanding_mean_by");
        t = data.ewmMean(t, "sales", 3.0, null, null, null, null, null, null, null, "ewm_span3");
        t = data.ewmMean(t, "sales", null, 0.3, null, null, false, null, null, null, "ewm_alpha_noadjust");
        t = data.ewmMean(t, "sales", null, null, 1.5, null, null, true, null, null, "ewm_ignore_na");
        t = data.ewmMean(t, "sales", null, null, null, 2.0, null, null, null, List.of("store"), "ewm_halflife_by");
        assertMatches("windows", t);
    }

    @Test
    void groupby_transform_repeats_aggregates_and_runs_cumulative_functions_per_group() {
        Table t = orders;
        for (String func : List.of("sum", "mean", "max", "count", "size", "first", "quantile_0.25")) {
            t = data.groupbyTransform(t, List.of("store"), "sales", func, null);
        }
        for (String func : List.of("cumsum", "cummax", "cummin", "cumprod")) {
            t = data.groupbyTransform(t, List.of("store"), "units", func, null);
        }
        t = data.groupbyTransform(t, List.of("store"), "sales", "cumcount", null);
        assertMatches("groupby_transform", t);
    }

    @Test
    void melt_stacks_value_columns_in_order() {
        assertMatches("melt", data.melt(wide, List.of("store"), null, null, null));
        assertMatches("melt_some", data.melt(wide, List.of("store"), List.of("feb", "jan"), "month", "n"));
    }

    @Test
    void cut_and_qcut_label_bins_as_pandas_and_leave_the_lowest_edge_out_unless_included() {
        List<Double> edges = List.of(0.0, 5.0, 10.0, 20.0);
        Table t = data.cut(orders, "sales", edges, null, null, null, null, "edges");
        t = data.cut(t, "sales", edges, null, null, null, true, "edges_lowest");
        t = data.cut(t, "sales", edges, null, null, false, null, "edges_left");
        t = data.cut(
                t,
                "sales",
                List.of(-1.0, 0.0, 10.0, 100.0),
                null,
                List.of("zero", "some", "many"),
                null,
                null,
                "labels");
        t = data.cut(t, "sales", null, 3, null, null, null, "count3");
        t = data.qcut(t, "sales", 3, null, null, "q3");
        t = data.qcut(t, "units", null, List.of(0.0, 0.5, 1.0), List.of("low", "high"), "q_labels");
        assertMatches("binning", t);
    }

    @Test
    void text_methods_use_regular_expressions_and_keep_missing_text_missing() {
        Table t = data.strContains(orders, "note", "refund|return", false, null, "refund");
        t = data.strReplace(t, "note", "\\d+", "#", null, null, "digits_gone");
        t = data.strReplace(t, "note", "(\\w+) (\\w+)", "\\2 \\1", null, null, "swap");
        t = data.strExtract(t, "note", "(\\d+)", null, null, "number");
        t = data.strStrip(t, "note", "ok ", "strip");
        t = data.strLower(t, "note", "lower");
        t = data.strUpper(t, "note", "upper");
        t = data.strLen(t, "note", "len");
        t = data.strSplit(t, "note", null, null, "words");
        t = data.strSplit(t, "note", "-", 1, "dash");
        assertMatches("text", t);
    }

    @Test
    void date_methods_format_round_and_subtract_dates() {
        Table t = data.dtStrftime(orders, "day", "%Y-%m", "month");
        t = data.dtStrftime(t, "shipped", "%d %b %Y %H:%M", "long");
        t = data.dtFloor(t, "shipped", "D", "shipped_day");
        t = data.dtCeil(t, "shipped", "H", "shipped_hour_up");
        t = data.timedelta(t, "day", "shipped", "seconds", "wait_seconds");
        t = data.timedelta(t, "day", "shipped", "hours", "wait_hours");
        t = data.timedelta(t, "day", "shipped", "days", "wait_days");
        assertMatches("dates", t);
    }

    @Test
    void resample_lists_every_period_including_empty_ones_with_pandas_labels() {
        Map<String, List<String>> aggregations = new LinkedHashMap<>();
        aggregations.put("sales", List.of("sum", "mean", "count", "max"));
        aggregations.put("units", List.of("sum", "size"));
        for (String rule : List.of("D", "W", "MS", "M", "Q", "Y")) {
            assertMatches("resample_" + rule, data.resample(orders, "day", rule, aggregations));
        }
    }

    @Test
    void merge_keeps_both_differently_named_keys_and_marks_where_rows_came_from() {
        Table stores = data.readCsv("stores.csv");
        assertMatches(
                "merge_outer_indicator",
                data.merge(orders, stores, null, "outer", null, List.of("store"), List.of("code"), true, null));
        assertMatches(
                "merge_left_on",
                data.merge(orders, stores, null, "left", null, List.of("store"), List.of("code"), null, "m:1"));
    }

    @Test
    void merge_validate_fails_with_pandas_message_when_keys_repeat() {
        Table stores = data.readCsv("stores.csv");
        Table twice = data.concat(List.of(stores, stores));
        assertThatThrownBy(() -> data.merge(
                        orders, twice, null, "left", null, List.of("store"), List.of("code"), null, "many_to_one"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("Merge keys are not unique in right dataset; not a many-to-one merge");
        assertThatThrownBy(() -> data.merge(
                        orders, stores, null, "left", null, List.of("store"), List.of("code"), null, "one_to_one"))
                .hasMessage("Merge keys are not unique in left dataset; not a one-to-one merge");
        assertThatThrownBy(() -> data.merge(
                        orders, stores, null, null, null, List.of("store"), List.of("code"), null, "one_to_none"))
                .hasMessage(
                        "unknown validate 'one_to_none'; did you mean 'one_to_one' or 'one_to_many'? choices: one_to_one, "
                                + "one_to_many, many_to_one, many_to_many");
    }

    @Test
    void crosstab_counts_normalizes_and_adds_margins_as_pandas() {
        Table withMonth = data.dtPart(orders, "day", "month", "day_month");
        for (String normalize : java.util.Arrays.asList(null, "all", "index", "columns")) {
            for (boolean margins : List.of(false, true)) {
                String file =
                        "crosstab_" + (normalize == null ? "False" : normalize) + "_" + (margins ? "True" : "False");
                assertMatches(file, data.crosstab(withMonth, List.of("store"), "day_month", normalize, margins));
            }
        }
    }

    @Test
    void where_in_assign_picks_between_two_values_as_np_where() {
        Table t = data.assign(orders, "size", "where(sales > 5, \"big\", \"small\")");
        t = data.assign(t, "bonus", "where(units >= 3, sales * 0.1, 0)");
        assertMatches("where", t);
    }

    // ------------------------------------------------------ pivot_table, time zones and time windows (second round)

    @Test
    void pivot_table_with_several_values_and_aggfuncs_names_columns_value_aggfunc_label() {
        Table pivot = data.readCsv("pivot.csv");
        assertMatches(
                "pivot_values_sum",
                data.pivotTable(
                        pivot,
                        List.of("region"),
                        "year",
                        List.of("units", "revenue"),
                        List.of("sum"),
                        null,
                        null,
                        null));
        assertMatches(
                "pivot_values_aggfuncs",
                data.pivotTable(
                        pivot,
                        List.of("region"),
                        "year",
                        List.of("units", "revenue"),
                        List.of("sum", "mean"),
                        null,
                        null,
                        null));
    }

    @Test
    void pivot_table_margins_aggregate_the_raw_rows_without_missing_keys_or_values() {
        Table pivot = data.readCsv("pivot.csv");
        assertMatches(
                "pivot_mean_margins",
                data.pivotTable(
                        pivot, List.of("region"), "year", List.of("revenue"), List.of("mean"), true, null, null));
        assertMatches(
                "pivot_std_margins",
                data.pivotTable(
                        pivot, List.of("region"), "channel", List.of("revenue"), List.of("std"), true, null, null));
        // each aggfunc is pivoted on its own; rows only the second one has come after its All row, as in pandas
        assertMatches(
                "pivot_aggfuncs_margins",
                data.pivotTable(
                        pivot,
                        List.of("region"),
                        "year",
                        List.of("revenue"),
                        List.of("mean", "sum"),
                        true,
                        null,
                        null));
        assertMatches(
                "pivot_nunique_median",
                data.pivotTable(
                        pivot,
                        List.of("channel"),
                        "region",
                        List.of("revenue"),
                        List.of("nunique", "median"),
                        true,
                        null,
                        null));
    }

    @Test
    void pivot_table_fill_value_fills_missing_combinations_after_aggregating_but_not_the_margin_column() {
        Table pivot = data.readCsv("pivot.csv");
        assertMatches(
                "pivot_sum_margins_fill",
                data.pivotTable(pivot, List.of("region"), "year", List.of("revenue"), List.of("sum"), true, null, 0.0));
        assertMatches(
                "pivot_count_fill",
                data.pivotTable(
                        pivot, List.of("region"), "channel", List.of("units"), List.of("count"), true, "Total", 0.0));
        assertMatches(
                "pivot_all_margins_fill",
                data.pivotTable(
                        pivot,
                        List.of("region"),
                        "year",
                        List.of("revenue", "units"),
                        List.of("sum", "mean", "max"),
                        true,
                        null,
                        -1.0));
    }

    @Test
    void to_datetime_with_utc_and_tz_convert_give_pandas_clock_times_across_daylight_saving() {
        Table t = data.toDatetime(data.readCsv("zones.csv"), "stamp", null, true);
        t = data.dtTzConvert(t, "stamp", "Europe/Berlin", "UTC", null, "berlin");
        t = data.dtPart(t, "berlin", "hour", "berlin_hour");
        t = data.dtTzConvert(t, "stamp", "America/New_York", "UTC", null, "new_york");
        t = data.toDatetime(t, "local", null);
        t = data.dtTzLocalize(t, "local", "Europe/Berlin", null, null, null);
        t = data.dtTzConvert(t, "local", "UTC", "Europe/Berlin", null, "local_utc");
        t = data.dtTzConvert(t, "local", "Asia/Tokyo", "Europe/Berlin", null, "local_tokyo");
        assertMatches("zones_expected", t);
    }

    @Test
    void tz_localize_at_daylight_saving_edges_leaves_missing_or_shifts_forward_as_asked() {
        Table t = data.toDatetime(data.readCsv("dst.csv"), "t", null);
        t = data.dtTzLocalize(t, "t", "Europe/Berlin", "NaT", "NaT", "nat");
        t = data.dtTzLocalize(t, "t", "Europe/Berlin", "NaT", "shift_forward", "shift_forward");
        assertMatches("dst_edges", t);
    }

    @Test
    void rolling_over_time_respects_gaps_duplicate_times_closed_sides_and_groups() {
        Table ticks = data.toDatetime(data.readCsv("ticks.csv"), "time", null);
        Table t = ticks;
        for (String func : List.of("sum", "mean", "min", "max", "std", "var", "median", "count")) {
            t = data.rolling(t, "value", "2D", func, null, null, func + "_2D", "time", null);
        }
        for (String closed : List.of("left", "both", "neither")) {
            for (String func : List.of("sum", "count", "max")) {
                t = data.rolling(t, "value", "2D", func, null, null, func + "_2D_" + closed, "time", closed);
            }
        }
        t = data.rolling(t, "value", "36H", "mean", 2, null, "mean_36H_min2", "time", null);
        t = data.rolling(t, "value", "1D12H", "median", null, null, "median_1D12H", "time", null);
        t = data.rolling(t, "value", "6H", "sum", null, null, "sum_6H", "time", null);
        t = data.rolling(t, "value", "3D", "max", null, List.of("group"), "max_3D_by", "time", null);
        t = data.rolling(t, "value", "7D", "std", null, List.of("group"), "std_7D_by", "time", null);
        t = data.rolling(t, "value", "3", "count", null, null, "count_3", null, null);
        t = data.rolling(t, "value", "3", "count", 2, null, "count_3_min2", null, null);
        t = data.rolling(t, "value", "3", "sum", null, null, "sum_3_both", null, "both");
        t = data.expanding(t, "value", "count", null, null, "expanding_count");
        Table descending = data.sortValues(t, List.of("n"), List.of(false));
        descending = data.rolling(descending, "value", "2D", "sum", null, null, "sum_2D_descending", "time", null);
        assertMatches("rolling_time", data.sortValues(descending, List.of("n"), List.of(true)));
        assertMatches(
                "rolling_time_orders",
                data.rolling(orders, "sales", "7D", "sum", null, List.of("store"), "sales_7D_by_store", "day", null));
    }

    // ---------------------------------------------------------------------------------------------- comparison

    private static void assertMatches(String expectedFile, Table actual) {
        List<List<String>> expected = readCsv(dir.resolve(expectedFile + ".csv"));
        List<String> header = expected.get(0);
        assertThat(actual.rowCount()).as(expectedFile + ": rows").isEqualTo(expected.size() - 1);
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            assertThat(actual.columnNames()).as(expectedFile + ": columns").contains(name);
            Column<?> column = actual.column(actual.columnNames().indexOf(name));
            for (int row = 0; row < actual.rowCount(); row++) {
                String want = expected.get(row + 1).get(c);
                String where = expectedFile + ": column " + name + ", row " + row;
                if (want.isEmpty()) {
                    assertThat(column.isMissing(row))
                            .as(where + " should be missing but is " + column.getString(row))
                            .isTrue();
                    continue;
                }
                assertThat(column.isMissing(row))
                        .as(where + " should be " + want + " but is missing")
                        .isFalse();
                compareCell(where, want, column, row);
            }
        }
    }

    private static void compareCell(String where, String want, Column<?> column, int row) {
        if (column instanceof BooleanColumn booleans) {
            assertThat(booleans.get(row) ? "True" : "False").as(where).isEqualTo(want);
        } else if (column instanceof NumberColumn<?, ?> numbers) {
            double expected = want.equals("inf")
                    ? Double.POSITIVE_INFINITY
                    : want.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(want);
            double got = numbers.getDouble(row);
            if (Double.isInfinite(expected)) {
                assertThat(got).as(where).isEqualTo(expected);
            } else {
                assertThat(Math.abs(got - expected))
                        .as(where + ": " + got + " vs " + want)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
            }
        } else {
            Object value = column.get(row);
            String got = value instanceof LocalDateTime t
                    ? DATE_TIME.format(t)
                    : value instanceof LocalDate d ? DATE_TIME.format(d.atStartOfDay()) : String.valueOf(value);
            assertThat(got).as(where).isEqualTo(want);
        }
    }

    /** RFC 4180: quoted cells may hold commas and doubled quotes. */
    private static List<List<String>> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot read " + file + "; run src/test/pandas/expected_values.py", e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(cells);
                cells = new ArrayList<>();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        return rows;
    }
}
