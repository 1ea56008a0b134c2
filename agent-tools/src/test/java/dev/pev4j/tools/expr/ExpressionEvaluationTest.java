package dev.pev4j.tools.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

class ExpressionEvaluationTest {

    static final String COLUMNS = "region, revenue, units, active, day, when, unit price";

    /** Five rows with a missing value in every column. */
    static Table sales() {
        StringColumn region = StringColumn.create("region", "N", "S", "N", "", "E");
        DoubleColumn revenue = DoubleColumn.create("revenue", 10.0, 5.0, Double.NaN, 7.0, 2.5);
        LongColumn units = LongColumn.create("units", 1, 2, 3, 4, 0).setMissing(4);
        BooleanColumn active =
                BooleanColumn.create("active", true, false, false, true, false).setMissing(2);
        StringColumn day = StringColumn.create("day", "2024-01-31", "2024-02-01", "", "2023-12-31", "2024-03-15");
        DateColumn when = DateColumn.create(
                "when",
                LocalDate.of(2024, 1, 31),
                LocalDate.of(2024, 2, 1),
                null,
                LocalDate.of(2023, 12, 31),
                LocalDate.of(2024, 3, 15));
        DoubleColumn price = DoubleColumn.create("unit price", 1.5, 2.5, 3.5, 4.5, 5.5);
        return Table.create("sales", region, revenue, units, active, day, when, price);
    }

    static List<Integer> rows(String expression) {
        return rows(sales(), expression);
    }

    static List<Integer> rows(Table table, String expression) {
        return Arrays.stream(Expression.parse(expression).select(table).toArray())
                .boxed()
                .toList();
    }

    static List<@Nullable Object> values(String expression) {
        return values(sales(), expression);
    }

    static List<@Nullable Object> values(Table table, String expression) {
        Column<?> column = Expression.parse(expression).evaluate(table, "x");
        List<@Nullable Object> values = new ArrayList<>();
        for (int row = 0; row < column.size(); row++) {
            values.add(column.isMissing(row) ? null : column.get(row));
        }
        return values;
    }

    @Test
    void comparisons_with_a_missing_value_are_false_except_not_equal() {
        assertThat(rows("revenue > 4")).containsExactly(0, 1, 3);
        assertThat(rows("revenue != 5")).containsExactly(0, 2, 3, 4);
        assertThat(rows("region == 'N'")).containsExactly(0, 2);
        assertThat(rows("region != \"N\"")).containsExactly(1, 3, 4);
        assertThat(rows("revenue == None")).isEmpty();
        assertThat(rows("units != null")).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void isnull_and_notnull_find_missing_values() {
        assertThat(rows("isnull(revenue)")).containsExactly(2);
        assertThat(rows("isna(units) or isnull(active)")).containsExactly(2, 4);
        assertThat(rows("notnull(region)")).containsExactly(0, 1, 2, 4);
        assertThat(rows("notna(when)")).containsExactly(0, 1, 3, 4);
    }

    @Test
    void compares_columns_with_columns_and_chains_comparisons() {
        assertThat(rows("revenue > `unit price` * 2")).containsExactly(0);
        assertThat(rows("revenue >= `unit price` * 2")).containsExactly(0, 1);
        assertThat(rows("1 < units < 4")).containsExactly(1, 2);
        assertThat(rows("region < 'S'")).containsExactly(0, 2, 4);
        assertThat(rows("active == True")).containsExactly(0, 3);
        assertThat(rows("units == 1.0 or units == True")).containsExactly(0);
    }

    @Test
    void arithmetic_with_a_missing_value_is_missing() {
        assertThat(values("revenue * units")).containsExactly(10.0, 10.0, null, 28.0, null);
        assertThat(values("units + 1")).containsExactly(2L, 3L, 4L, 5L, null);
        assertThat(values("-units")).containsExactly(-1L, -2L, -3L, -4L, null);
        assertThat(values("units - units * 2")).containsExactly(-1L, -2L, -3L, -4L, null);
        assertThat(values("revenue + None")).containsExactly(null, null, null, null, null);
    }

    @Test
    void dividing_whole_numbers_gives_floats_and_modulo_follows_python() {
        Table numbers = Table.create("n", LongColumn.create("n", 7, -7, 0), DoubleColumn.create("f", 7.5, -7.5, 0));

        assertThat(values("units / 2")).containsExactly(0.5, 1.0, 1.5, 2.0, null);
        assertThat(values(numbers, "n % 3")).containsExactly(1L, 2L, 0L);
        assertThat(values(numbers, "n % -3")).containsExactly(-2L, -1L, 0L);
        assertThat(values(numbers, "n % 0")).containsExactly(null, null, null);
        assertThat(values(numbers, "n / 0")).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null);
        assertThat(values(numbers, "f % 2")).containsExactly(1.5, 0.5, 0.0);
        assertThat(values(numbers, "f % 0")).containsExactly(null, null, null);
        assertThat(Expression.parse("n / n").evaluate(numbers, "x").type()).isEqualTo(ColumnType.DOUBLE);
    }

    @Test
    void and_or_not_treat_a_missing_truth_value_as_unknown() {
        assertThat(rows("active or revenue > 6")).containsExactly(0, 3);
        assertThat(rows("active or units > 2")).containsExactly(0, 2, 3);
        assertThat(rows("not active")).containsExactly(1, 4);
        assertThat(values("active and units > 2")).containsExactly(false, false, null, true, false);
        assertThat(rows("~(region == 'N') & revenue > 3 | units == 1")).containsExactly(0, 1, 3);
    }

    @Test
    void in_and_not_in_match_listed_values_and_never_missing_ones() {
        assertThat(rows("region in ('N', 'E')")).containsExactly(0, 2, 4);
        assertThat(rows("region not in ['N']")).containsExactly(1, 3, 4);
        assertThat(rows("units in (1, 4.0)")).containsExactly(0, 3);
        assertThat(rows("units in (1, None)")).containsExactly(0);
        assertThat(rows("units not in (1, None)")).containsExactly(1, 2, 3, 4);
        assertThat(rows("units in ()")).isEmpty();
        assertThat(rows("when in (date('2024-02-01'), date('2023-12-31'))")).containsExactly(1, 3);
    }

    @Test
    void string_functions_skip_missing_values() {
        assertThat(rows("contains(region, 'N') or startswith(day, '2023')")).containsExactly(0, 2, 3);
        assertThat(rows("endswith(day, '-01')")).containsExactly(1);
        assertThat(rows("contains(day, '.*')")).isEmpty();
        assertThat(values("lower(region)")).containsExactly("n", "s", "n", null, "e");
        assertThat(values("upper('straße')")).containsOnly("STRASSE");
        assertThat(values("len(region + '😀')")).containsExactly(2L, 2L, 2L, null, 2L);
        assertThat(values("region + '-' + day"))
                .containsExactly("N-2024-01-31", "S-2024-02-01", null, null, "E-2024-03-15");
    }

    @Test
    void abs_and_round_work_as_numpy_rounding_half_to_even() {
        assertThat(values("abs(-units)")).containsExactly(1L, 2L, 3L, 4L, null);
        assertThat(values("abs(revenue - 6)")).containsExactly(4.0, 1.0, null, 1.0, 3.5);
        assertThat(values("round(revenue / 4, 1)")).containsExactly(2.5, 1.2, null, 1.8, 0.6);
        assertThat(values("round(revenue / 3, 2)")).containsExactly(3.33, 1.67, null, 2.33, 0.83);
        assertThat(values("round(revenue * 3.3, -1)")).containsExactly(30.0, 20.0, null, 20.0, 10.0);
        assertThat(values("round(revenue)")).containsExactly(10.0, 5.0, null, 7.0, 2.0);
        assertThat(values("round(units * 25 + 100, -1)")).containsExactly(120L, 150L, 180L, 200L, null);
    }

    @Test
    void dates_compare_with_date_literals_iso_strings_and_text_columns() {
        assertThat(rows("when >= date('2024-01-31')")).containsExactly(0, 1, 4);
        assertThat(rows("when < '2024-02-01'")).containsExactly(0, 3);
        assertThat(rows("day >= date(\"2024-01-31\")")).containsExactly(0, 1, 4);
        assertThat(rows("date(day) == when")).containsExactly(0, 1, 3, 4);
        assertThat(rows("when < date('2024-01-31 00:00:01')")).containsExactly(0, 3);
        assertThat(values("date(day)"))
                .containsExactly(
                        LocalDate.of(2024, 1, 31),
                        LocalDate.of(2024, 2, 1),
                        null,
                        LocalDate.of(2023, 12, 31),
                        LocalDate.of(2024, 3, 15));
        assertThat(values("date('2024-01-31 13:45')")).first().isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45));
    }

    @Test
    void a_text_that_is_not_a_date_is_an_error_naming_it() {
        assertThatThrownBy(() -> rows("when == 'soon'"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("cannot compare column 'when' (datetime64[ns]) with 'soon' (object) at column 1 in: "
                        + "when == 'soon'; 'soon' is not a date, write yyyy-mm-dd, e.g. \"2024-01-31\"");
        assertThatThrownBy(() -> rows("region > date('2024-01-01')"))
                .hasMessage("cannot compare date('2024-01-01') (datetime64[ns]) with column 'region' (object) at "
                        + "column 1 in: region > date('2024-01-01'); 'N' in row 0 is not a date, write yyyy-mm-dd, "
                        + "e.g. \"2024-01-31\"");
        assertThatThrownBy(() -> rows("date(region) > when"))
                .hasMessage("date cannot read 'N' in row 0 of column 'region' (object) at column 1 in: "
                        + "date(region) > when; write yyyy-mm-dd or yyyy-mm-dd hh:mm:ss, e.g. \"2024-01-31\"");
    }

    @Test
    void comparing_text_with_a_number_is_an_error_naming_the_column_and_types() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> rows("region > 100"));

        assertThat(e)
                .hasMessage("cannot compare column 'region' (object) with 100 (int64) at column 1 in: "
                        + "region > 100; text compares only with text");
        assertThat(e.column()).hasValue("region");
        assertThat(e.position()).hasValue(1);
        assertThatThrownBy(() -> rows("units > 1 and units == region"))
                .hasMessage("cannot compare column 'units' (int64) with column 'region' (object) at column 15 in: "
                        + "units > 1 and units == region; a number compares only with a number");
        assertThatThrownBy(() -> rows("region in (1, 2)"))
                .hasMessage("cannot compare column 'region' (object) with 1 (int64) at column 1 in: "
                        + "region in (1, 2); text compares only with text");
    }

    @Test
    void operators_and_functions_name_operands_of_the_wrong_type() {
        assertThatThrownBy(() -> values("region + 1"))
                .hasMessage("cannot apply '+' to column 'region' (object) and 1 (int64) at column 1 in: region + 1; "
                        + "'+' adds numbers or joins two texts");
        assertThatThrownBy(() -> values("-region"))
                .hasMessage("cannot apply '-' to column 'region' (object) at column 1 in: -region; "
                        + "it works on numbers");
        assertThatThrownBy(() -> values("when * 2"))
                .hasMessage("cannot apply '*' to column 'when' (datetime64[ns]) and 2 (int64) at column 1 in: "
                        + "when * 2; it works on numbers");
        assertThatThrownBy(() -> values("len(units)"))
                .hasMessage("len needs text but column 'units' (int64) is not at column 1 in: len(units); "
                        + "e.g. len(text)");
        assertThatThrownBy(() -> values("round(lower(region), 1)"))
                .hasMessage("round needs a number but 'lower(region)' (object) is not at column 1 in: "
                        + "round(lower(region), 1); e.g. round(x, 2)");
        assertThatThrownBy(() -> values("units and active"))
                .hasMessage("'and' needs true/false but column 'units' (int64) is not at column 1 in: "
                        + "units and active; compare it, e.g. units > 0");
        assertThatThrownBy(() -> rows("revenue + 1"))
                .hasMessage("a filter needs true/false but 'revenue + 1' (float64) is not at column 1 in: "
                        + "revenue + 1; compare it, e.g. revenue + 1 > 0");
    }

    @Test
    void an_unknown_column_names_the_nearest_and_all_columns() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> rows("revenu > 1"));

        assertThat(e).hasMessage("unknown column 'revenu'; did you mean 'revenue'? columns: " + COLUMNS);
        assertThat(e.column()).hasValue("revenu");
        assertThat(e.position()).hasValue(1);
        assertThatThrownBy(() -> rows("region == North"))
                .hasMessage("unknown column 'North'; columns: " + COLUMNS + "; to mean the text, quote it: \"North\"");
        assertThatThrownBy(() -> rows("`Unit Price` > 1"))
                .hasMessage("unknown column 'Unit Price'; did you mean 'unit price'? columns: " + COLUMNS);
    }

    @Test
    void constants_fill_every_row_and_none_gives_missing_floats() {
        assertThat(values("1")).containsExactly(1L, 1L, 1L, 1L, 1L);
        assertThat(values("None")).containsExactly(null, null, null, null, null);
        assertThat(Expression.parse("None").evaluate(sales(), "x").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(rows("True")).containsExactly(0, 1, 2, 3, 4);
        assertThat(rows("None")).isEmpty();
        assertThat(values("units > 2")).containsExactly(false, false, true, true, false);
    }

    @Test
    void evaluating_leaves_the_table_unchanged() {
        Table table = sales();
        String before = table.printAll();

        Expression.parse("units * 2 > 3 and lower(region) in ('n')").select(table);
        Expression.parse("units % 0").evaluate(table, "units");

        assertThat(table.printAll()).isEqualTo(before);
    }

    @Test
    void filters_a_large_table_column_at_a_time() {
        int rows = 54_000;
        Random random = new Random(7);
        String[] regions = {"North", "South", "East", "West"};
        StringColumn region = StringColumn.create("region", rows);
        DoubleColumn amount = DoubleColumn.create("amount", rows);
        LongColumn units = LongColumn.create("units", rows);
        int expected = 0;
        for (int i = 0; i < rows; i++) {
            String r = regions[random.nextInt(4)];
            double a = random.nextInt(2000) / 10.0;
            long u = random.nextInt(10);
            region.set(i, r);
            amount.set(i, a);
            units.set(i, u);
            if (a > 100 && (r.equals("North") || r.equals("East")) && u * 2 >= 5) {
                expected++;
            }
        }
        Table table = Table.create("big", region, amount, units);
        int wanted = expected;

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int repeat = 0; repeat < 20; repeat++) {
                int count = Expression.parse("amount > 100 and region in ('North', 'East') and units * 2 >= 5")
                        .select(table)
                        .size();
                assertThat(count).isEqualTo(wanted);
            }
        });
    }
}
