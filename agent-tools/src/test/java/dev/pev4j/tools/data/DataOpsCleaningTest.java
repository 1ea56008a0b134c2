package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOps.kw;
import static dev.pev4j.tools.data.DataOpsTest.sales;
import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * drop_duplicates, dropna, fillna, astype, to_datetime, dt_part, cumsum, rolling, nlargest, nsmallest and sample;
 * expected values computed with pandas 1.5.3.
 */
class DataOpsCleaningTest extends EngineTest {

    static Table repeats() {
        return Table.create("t", strings("k", "a", null, "a", null, "b"), longs("v", 1L, 2L, 1L, 2L, 3L));
    }

    @Test
    void drop_duplicates_keeps_the_first_or_last_and_missing_values_equal_each_other() {
        assertThat(values(data.dropDuplicates(repeats(), null, null), "v")).containsExactly(1L, 2L, 3L);
        assertThat(values(data.dropDuplicates(repeats(), null, "last"), "k")).containsExactly("a", null, "b");
        assertThat(values(data.dropDuplicates(repeats(), List.of("k"), "none"), "k"))
                .containsExactly("b");
        assertThat(values(data.dropDuplicates(repeats(), List.of("k"), "False"), "v"))
                .containsExactly(3L);
    }

    @Test
    void drop_duplicates_rejects_an_unknown_keep() {
        assertThatThrownBy(() -> data.dropDuplicates(repeats(), null, "middle"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("keep must be \"first\", \"last\" or \"none\" (pandas' keep=False: drop every duplicated "
                        + "row) but was 'middle'");
    }

    @Test
    void dropna_drops_rows_with_any_or_all_missing_values() {
        assertThat(values(data.dropna(sales(), null, null), "region")).containsExactly("N", "S", "E", "N");
        assertThat(data.dropna(sales(), "all", null).rowCount()).isEqualTo(7);
        assertThat(values(data.dropna(sales(), "any", List.of("revenue")), "units"))
                .containsExactly(1L, 2L, 4L, 5L, null, 7L);
        Table t = Table.create("t", doubles("a", 1.0, null), strings("b", "x", null));
        assertThat(data.dropna(t, "all", null).rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> data.dropna(t, "some", null))
                .hasMessage("how must be \"any\" (drop rows with a missing value) or \"all\" (drop rows where every "
                        + "value is missing) but was 'some'");
    }

    @Test
    void dropna_of_an_empty_table_is_empty() {
        assertThat(data.dropna(data.head(sales(), 0), null, null).rowCount()).isZero();
    }

    @Test
    void fillna_forward_and_backward_fill_every_column() {
        Table forward = data.fillna(sales(), null, "ffill", null);
        Table backward = data.fillna(sales(), null, "bfill", null);

        assertThat(values(forward, "region")).containsExactly("N", "S", "N", "N", "E", "S", "N");
        assertThat(values(forward, "revenue")).containsExactly(10.0, 5.0, 5.0, 7.0, 2.0, 3.0, 20.0);
        assertThat(values(forward, "units")).containsExactly(1L, 2L, 3L, 4L, 5L, 5L, 7L);
        assertThat(values(backward, "region")).containsExactly("N", "S", "N", "E", "E", "S", "N");
        assertThat(values(backward, "revenue")).containsExactly(10.0, 5.0, 7.0, 7.0, 2.0, 3.0, 20.0);
        assertThat(values(backward, "units")).containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 7L);
    }

    @Test
    void fillna_with_a_leading_gap_leaves_it_for_ffill() {
        Table t = Table.create("t", longs("x", null, 1L, null));

        assertThat(values(data.fillna(t, null, "ffill", null), "x")).containsExactly(null, 1L, 1L);
        assertThat(values(data.fillna(t, null, "bfill", null), "x")).containsExactly(1L, 1L, null);
    }

    @Test
    void fillna_with_the_mean_makes_an_int_column_float_as_pandas() {
        Table filled = data.fillna(sales(), null, "mean", null);

        assertThat(values(filled, "revenue")).containsExactly(10.0, 5.0, 7.833333333333333, 7.0, 2.0, 3.0, 20.0);
        assertThat(filled.column("units").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(values(filled, "units")).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 3.6666666666666665, 7.0);
        assertThat(values(filled, "region")).containsExactly("N", "S", "N", null, "E", "S", "N");
        assertThat(values(data.fillna(sales(), null, "median", List.of("revenue")), "revenue")
                        .get(2))
                .isEqualTo(6.0);
    }

    @Test
    void fillna_with_a_value_fills_the_columns_it_fits() {
        Table zero = data.fillna(sales(), 0, null, null);
        Table text = data.fillna(sales(), "unknown", null, null);
        Table perColumn = data.fillna(sales(), Map.of("units", 0, "region", "?"), null, null);

        assertThat(values(zero, "revenue").get(2)).isEqualTo(0.0);
        assertThat(values(zero, "units").get(5)).isEqualTo(0L);
        assertThat(values(zero, "region").get(3)).isNull();
        assertThat(values(text, "region").get(3)).isEqualTo("unknown");
        assertThat(values(text, "revenue").get(2)).isNull();
        assertThat(values(perColumn, "region").get(3)).isEqualTo("?");
        assertThat(values(perColumn, "units").get(5)).isEqualTo(0L);
        assertThat(values(perColumn, "revenue").get(2)).isNull();
        assertThat(values(data.fillna(sales(), 0.5, null, null), "units").get(5))
                .isEqualTo(0.5);
    }

    @Test
    void fillna_errors_name_the_column_and_its_type() {
        assertThatThrownBy(() -> data.fillna(sales(), Map.of("units", "x"), null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot fill column 'units' (int64) with the text 'x'; give a value of the column's type");
        assertThatThrownBy(() -> data.fillna(sales(), null, "mean", List.of("region")))
                .hasMessage("cannot fill column 'region' with its mean: it is object (text), not numeric; use a "
                        + "value, ffill or bfill");
        assertThatThrownBy(() -> data.fillna(sales(), null, null, null))
                .hasMessage("fillna needs either value (e.g. 0, \"unknown\" or {\"price\": 0}) or method (mean, "
                        + "median, ffill or bfill), not neither");
        assertThatThrownBy(() -> data.fillna(sales(), null, "ffil", null))
                .hasMessage(
                        "unknown fill method 'ffil'; did you mean 'ffill'? choices: mean, median, ffill, " + "bfill");
    }

    @Test
    void astype_converts_as_pandas_and_keeps_missing_values() {
        Table t = Table.create(
                "t",
                doubles("f", 2.7, -2.7, null),
                doubles("g", 2.0, 0.1, 1e20),
                strings("s", "12", " 7 ", null),
                longs("n", 0L, 3L, null),
                booleans("b", true, false, null));

        Table converted = data.astype(t, Map.of("f", "int64", "g", "str", "s", "int", "n", "bool", "b", "float64"));

        assertThat(values(converted, "f")).containsExactly(2L, -2L, null);
        assertThat(values(converted, "g")).containsExactly("2.0", "0.1", "1e+20");
        assertThat(values(converted, "s")).containsExactly(12L, 7L, null);
        assertThat(values(converted, "n")).containsExactly(false, true, null);
        assertThat(values(converted, "b")).containsExactly(1.0, 0.0, null);
        assertThat(values(data.astype(t, Map.of("s", "float64")), "s")).containsExactly(12.0, 7.0, null);
        assertThat(values(data.astype(t, Map.of("b", "str")), "b")).containsExactly("True", "False", null);
    }

    @Test
    void astype_errors_name_the_column_the_type_and_the_value() {
        Table t = Table.create("t", strings("s", "12", "abc"), strings("when", "2024-01-31", "x"));

        assertThatThrownBy(() -> data.astype(t, Map.of("s", "int64")))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot convert column 's' (object (text)) to int64: row 1 holds 'abc'");
        assertThatThrownBy(() -> data.astype(t, Map.of("s", "integer")))
                .hasMessage("unknown dtype 'integer' for column 's'; did you mean 'int64'? choices: int64, float64, "
                        + "str, bool, datetime64[ns]");
        assertThatThrownBy(() -> data.astype(t, Map.of("s", "bool")))
                .hasMessage("cannot convert column 's' (object (text)) to bool: row 0 holds '12'");
    }

    @Test
    void to_datetime_reads_iso_dates_times_and_month_first_dates() {
        Table t = Table.create("t", strings("when", "2024-01-31", "2024-02-01 13:45", "01/02/2024", null));

        Table parsed = data.toDatetime(t, "when", null);

        assertThat(parsed.column("when").type()).isEqualTo(ColumnType.LOCAL_DATE_TIME);
        assertThat(values(parsed, "when"))
                .containsExactly(
                        LocalDateTime.of(2024, 1, 31, 0, 0),
                        LocalDateTime.of(2024, 2, 1, 13, 45),
                        LocalDateTime.of(2024, 1, 2, 0, 0),
                        null);
        assertThat(values(data.astype(parsed, Map.of("when", "str")), "when"))
                .containsExactly("2024-01-31 00:00:00", "2024-02-01 13:45:00", "2024-01-02 00:00:00", null);
    }

    @Test
    void to_datetime_takes_a_strftime_format() {
        Table t = Table.create("t", strings("d", "31.01.2024", "1.02.2024"));

        assertThat(values(data.toDatetime(t, "d", "%d.%m.%Y"), "d"))
                .containsExactly(LocalDateTime.of(2024, 1, 31, 0, 0), LocalDateTime.of(2024, 2, 1, 0, 0));
    }

    @Test
    void to_datetime_names_the_row_that_does_not_parse() {
        Table t = Table.create("t", strings("d", "2024-01-31", "31/01/2024"), longs("n", 1L, 2L));

        assertThatThrownBy(() -> data.toDatetime(t, "d", null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot read column 'd' as dates: row 1 holds '31/01/2024'; pass a format such as "
                        + "\"%d/%m/%Y\"");
        assertThatThrownBy(() -> data.toDatetime(t, "d", "%d/%m/%Y"))
                .hasMessage("cannot read column 'd' as dates: row 0 holds '2024-01-31', which does not match format "
                        + "'%d/%m/%Y'");
        assertThatThrownBy(() -> data.toDatetime(t, "n", null))
                .hasMessage("cannot convert column 'n' (int64) to datetime64[ns]: to_datetime reads text such as "
                        + "\"2024-01-31\"");
    }

    @Test
    void dt_part_gives_pandas_parts_with_monday_as_zero() {
        Table t = data.toDatetime(Table.create("t", strings("d", "2024-01-31", "2024-02-04 13:45", null)), "d", null);

        assertThat(values(data.dtPart(t, "d", "weekday", null), "d_weekday")).containsExactly(2L, 6L, null);
        assertThat(values(data.dtPart(t, "d", "year", "y"), "y")).containsExactly(2024L, 2024L, null);
        assertThat(values(data.dtPart(t, "d", "month", null), "d_month")).containsExactly(1L, 2L, null);
        assertThat(values(data.dtPart(t, "d", "day", null), "d_day")).containsExactly(31L, 4L, null);
        assertThat(values(data.dtPart(t, "d", "hour", null), "d_hour")).containsExactly(0L, 13L, null);
        assertThat(values(data.dtPart(t, "d", "quarter", null), "d_quarter")).containsExactly(1L, 1L, null);
    }

    @Test
    void dt_part_of_text_asks_for_to_datetime_and_an_unknown_part_names_the_nearest() {
        Table t = Table.create("t", strings("d", "2024-01-31"));

        assertThatThrownBy(() -> data.dtPart(t, "d", "year", null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("column 'd' is object (text), not datetime64[ns]; convert it first with to_datetime");
        assertThatThrownBy(() -> data.dtPart(data.toDatetime(t, "d", null), "d", "years", null))
                .hasMessage("unknown date part 'years'; did you mean 'year'? choices: year, month, day, hour, minute, "
                        + "second, weekday, dayofweek, dayofyear, quarter");
    }

    @Test
    void cumsum_skips_missing_values_and_keeps_ints_whole() {
        Table summed = data.cumsum(data.cumsum(sales(), "revenue", null), "units", "running");

        assertThat(summed.columnNames()).containsExactly("region", "revenue", "units", "revenue_cumsum", "running");
        assertThat(values(summed, "revenue_cumsum")).containsExactly(10.0, 15.0, null, 22.0, 24.0, 27.0, 47.0);
        assertThat(values(summed, "running")).containsExactly(1L, 3L, 6L, 10L, 15L, null, 22L);
        assertThatThrownBy(() -> data.cumsum(sales(), "region", null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot compute cumsum of column 'region': it is object (text), not numeric");
    }

    @Test
    void rolling_needs_a_full_window_by_default_as_pandas() {
        // pandas: revenue.rolling(2).mean(), .rolling(3).sum(), .rolling(3, min_periods=1).sum()
        assertThat(values(data.rolling(sales(), "revenue", 2), "revenue_rolling_mean"))
                .containsExactly(null, 7.5, null, null, 4.5, 2.5, 11.5);
        assertThat(values(data.rolling(sales(), "revenue", 3, kw("func", "sum")), "revenue_rolling_sum"))
                .containsExactly(null, null, null, null, null, 12.0, 25.0);
        assertThat(values(
                        data.rolling(sales(), "revenue", 3, kw("func", "sum"), kw("min_periods", 1), kw("name", "s")),
                        "s"))
                .containsExactly(10.0, 15.0, 15.0, 12.0, 9.0, 12.0, 25.0);
        assertThat(values(data.rolling(sales(), "units", 2, kw("func", "mean")), "units_rolling_mean"))
                .containsExactly(null, 1.5, 2.5, 3.5, 4.5, null, null);
    }

    @Test
    void rolling_rejects_bad_windows() {
        assertThatThrownBy(() -> data.rolling(sales(), "revenue", 0))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("window must be >= 1 but was 0");
        assertThatThrownBy(() -> data.rolling(sales(), "revenue", 2, kw("min_periods", 3)))
                .hasMessage("min_periods must be between 0 and the window (2) but was 3");
        assertThatThrownBy(() -> data.rolling(sales(), "revenue", 2, kw("func", "kurt")))
                .hasMessage("unknown rolling func 'kurt'; choices: mean, sum, std, var, min, max, median, count");
    }

    @Test
    void to_datetime_keeps_the_clock_time_of_one_offset_and_needs_utc_for_several() {
        // pandas: pd.to_datetime(s) -> datetime64[ns, pytz.FixedOffset(120)] 10:00 and 11:30; with utc=True 08:00,
        //   09:30; mixed offsets without utc -> an object column
        Table t = Table.create(
                "t",
                strings("one", "2024-03-01T10:00:00+02:00", "2024-03-02 11:30:00+0200", null),
                strings("mixed", "2024-03-01T10:00:00+02:00", "2024-03-01 10:00:00", "2024-03-01 10:00Z"));

        assertThat(values(data.toDatetime(t, "one", null), "one"))
                .containsExactly(LocalDateTime.of(2024, 3, 1, 10, 0), LocalDateTime.of(2024, 3, 2, 11, 30), null);
        assertThat(values(data.toDatetime(t, "one", null, true), "one"))
                .containsExactly(LocalDateTime.of(2024, 3, 1, 8, 0), LocalDateTime.of(2024, 3, 2, 9, 30), null);
        assertThat(values(data.toDatetime(t, "mixed", null, true), "mixed"))
                .containsExactly(
                        LocalDateTime.of(2024, 3, 1, 8, 0),
                        LocalDateTime.of(2024, 3, 1, 10, 0),
                        LocalDateTime.of(2024, 3, 1, 10, 0));
        Table formatted = Table.create("f", strings("f", "01.03.2024 10:00 +0200", "01.03.2024 10:00 +01:00"));
        assertThat(values(data.toDatetime(formatted, "f", "%d.%m.%Y %H:%M %z", true), "f"))
                .containsExactly(LocalDateTime.of(2024, 3, 1, 8, 0), LocalDateTime.of(2024, 3, 1, 9, 0));
        assertThatThrownBy(() -> data.toDatetime(t, "mixed", null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("column 'mixed' mixes UTC offsets: row 0 has +02:00, row 1 has none ('2024-03-01 "
                        + "10:00:00'); pass utc=true to convert every time to UTC (pandas without utc gives an object "
                        + "column)");
    }

    @Test
    void tz_localize_raises_for_times_daylight_saving_skips_or_repeats_as_pandas() {
        Table t = data.toDatetime(
                Table.create("t", strings("t", "2024-03-31 02:30:00", "2024-10-27 02:30:00")), "t", null);

        assertThatThrownBy(() -> data.dtTzLocalize(data.head(t, 1), "t", "Europe/Berlin", null, null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("2024-03-31 02:30:00 in column 't' does not exist in Europe/Berlin: the clocks jump from "
                        + "2024-03-31 02:00:00 to 2024-03-31 03:00:00 (pandas: NonExistentTimeError); pass "
                        + "nonexistent=\"shift_forward\" to move such times to 2024-03-31 03:00:00, or "
                        + "nonexistent=\"NaT\" to leave them missing");
        assertThatThrownBy(() -> data.dtTzLocalize(t, "t", "Europe/Berlin", null, "NaT", null))
                .hasMessage("2024-10-27 02:30:00 in column 't' is ambiguous in Europe/Berlin: the clocks go back from "
                        + "2024-10-27 03:00:00 to 2024-10-27 02:00:00, so it happens twice (pandas: AmbiguousTimeError:"
                        + " Cannot infer dst time); pass ambiguous=\"NaT\" to leave such times missing");
        assertThatThrownBy(() -> data.dtTzConvert(t, "t", "UTC", "Europe/Berln", null, null))
                .hasMessage("unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin', 'Europe/Dublin' or "
                        + "'Europe/Jersey'? use an IANA name such as "
                        + "\"Europe/Berlin\", \"America/New_York\", \"UTC\" or an offset such as \"+02:00\"");
        assertThatThrownBy(() -> data.dtTzLocalize(t, "t", "UTC", "infer", null, null))
                .hasMessage("unknown ambiguous 'infer'; choices: raise, NaT");
    }

    @Test
    void rolling_over_time_needs_sorted_present_dates_and_a_fixed_length() {
        Table days = data.toDatetime(
                Table.create(
                        "d",
                        strings("day", "2024-01-02", "2024-01-01", "2024-01-03", null),
                        doubles("v", 1.0, 2.0, 3.0, 4.0)),
                "day",
                null);

        assertThatThrownBy(() -> data.rolling(data.head(days, 3), "v", "7D", null, null, null, null, "day", null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("a time window needs the rows sorted by 'day', but row 1 (2024-01-01 00:00:00) comes after "
                        + "row 0 (2024-01-02 00:00:00); sort_values by 'day' first (pandas: values must be monotonic)");
        assertThatThrownBy(() -> data.rolling(days, "v", "7D", null, null, null, null, "day", null))
                .hasMessage("on column 'day' has a missing date in row 3 (pandas: values must not have NaT); drop "
                        + "those rows first with dropna(subset=[\"day\"])");
        assertThatThrownBy(() -> data.rolling(days, "v", "1M", null, null, null, null, "day", null))
                .hasMessage("window '1M' is not a fixed length of time (pandas: a non-fixed frequency): weeks, months, "
                        + "quarters and years are calendar periods; use days, e.g. \"7D\" or \"30D\", or resample for "
                        + "calendar periods");
        assertThatThrownBy(() -> data.rolling(days, "v", "7D", null, null, null, null, null, null))
                .hasMessage("a time window ('7D') needs on, the date column to measure it with, e.g. on=\"date\" "
                        + "(pandas uses the index, which tables here do not have); columns: day, v");
        assertThatThrownBy(() -> data.rolling(days, "v", "7 days", null, null, null, null, "day", null))
                .hasMessage("window '7 days' is neither a number of rows (e.g. 7) nor a length of time such as \"7D\", "
                        + "\"12H\", \"30min\", \"10S\" or \"500ms\" (units D, H, min or T, S, ms or L, us, ns)");
        assertThatThrownBy(() -> data.rolling(days, "v", "7D", null, null, null, null, "v", null))
                .hasMessage("a time window ('7D') needs a date column in on, but 'v' is float64; convert it first with "
                        + "to_datetime");
    }

    static Table ranked() {
        return Table.create("t", longs("x", 5L, 3L, 5L, 1L, 3L, 5L), longs("id", 1L, 2L, 3L, 4L, 5L, 6L));
    }

    @Test
    void nlargest_and_nsmallest_keep_ties_in_original_order() {
        assertThat(values(data.nlargest(ranked(), 2, List.of("x")), "id")).containsExactly(1L, 3L);
        assertThat(values(data.nlargest(ranked(), 4, List.of("x")), "id")).containsExactly(1L, 3L, 6L, 2L);
        assertThat(values(data.nsmallest(ranked(), 3, List.of("x")), "id")).containsExactly(4L, 2L, 5L);
        assertThat(values(data.nlargest(sales(), 3, List.of("revenue")), "revenue"))
                .containsExactly(20.0, 10.0, 7.0);
        assertThat(values(data.nlargest(sales(), 3, List.of("revenue")), "region"))
                .containsExactly("N", "N", null);
        assertThat(data.nsmallest(sales(), 10, List.of("units")).rowCount()).isEqualTo(6);
    }

    @Test
    void nlargest_needs_numbers() {
        assertThatThrownBy(() -> data.nlargest(sales(), 2, List.of("region")))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot use nlargest on column 'region': it is object (text); nlargest needs numbers or "
                        + "dates (use sort_values and head for others)");
    }

    @Test
    void sample_is_seeded_without_repeats() {
        Table first = data.sample(sales(), 3, null, 7L);
        Table again = data.sample(sales(), 3, null, 7L);

        assertThat(values(first, "units")).isEqualTo(values(again, "units"));
        assertThat(values(first, "units")).doesNotHaveDuplicates().hasSize(3);
        assertThat(data.sample(sales(), null, 0.5, null).rowCount()).isEqualTo(4); // round(3.5) = 4, as Python
        assertThat(data.sample(sales(), null, null, null).rowCount()).isEqualTo(1);
        assertThat(data.sample(sales(), 7, null, null).rowCount()).isEqualTo(7);
        assertThatThrownBy(() -> data.sample(sales(), 8, null, null))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("cannot take a sample of 8 rows from a table of 7 rows (sampling is without replacement); "
                        + "pass n <= 7");
    }
}
