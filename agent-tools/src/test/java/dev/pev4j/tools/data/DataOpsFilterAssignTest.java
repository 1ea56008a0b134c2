package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.expr.ExpressionException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class DataOpsFilterAssignTest extends EngineTest {

    @Test
    void filter_keeps_matching_rows_in_order_with_the_name_and_types() {
        Table sales = DataOpsTest.sales();

        Table result = data.filter(sales, "revenue >= 5 and region != 'S'");

        assertThat(result.name()).isEqualTo("sales");
        assertThat(result.types()).isEqualTo(sales.types());
        assertThat(values(result, "region")).containsExactly("N", null, "N");
        assertThat(values(result, "revenue")).containsExactly(10.0, 7.0, 20.0);
        assertThat(values(result, "units")).containsExactly(1L, 4L, 7L);
    }

    @Test
    void filter_with_no_match_gives_an_empty_table_with_the_columns() {
        Table result = data.filter(DataOpsTest.sales(), "units > 100");

        assertThat(data.shape(result)).containsExactly(0, 3);
        assertThat(result.columnNames()).containsExactly("region", "revenue", "units");
    }

    @Test
    void filter_drops_rows_whose_comparison_meets_a_missing_value() {
        Table result = data.filter(DataOpsTest.sales(), "revenue < 8 or units in (3)");

        assertThat(values(result, "revenue")).containsExactly(5.0, null, 7.0, 2.0, 3.0);
    }

    @Test
    void assign_adds_a_derived_column_last() {
        Table sales = DataOpsTest.sales();

        Table result = data.assign(sales, "per_unit", "revenue / units");

        assertThat(result.name()).isEqualTo("sales");
        assertThat(result.columnNames()).containsExactly("region", "revenue", "units", "per_unit");
        assertThat(values(result, "per_unit")).containsExactly(10.0, 2.5, null, 1.75, 0.4, null, 20.0 / 7);
        assertThat(result.column("per_unit").type()).isEqualTo(ColumnType.DOUBLE);
    }

    @Test
    void assign_replaces_a_column_of_the_same_name_in_place() {
        Table result = data.assign(DataOpsTest.sales(), "units", "units * 10");

        assertThat(result.columnNames()).containsExactly("region", "revenue", "units");
        assertThat(values(result, "units")).containsExactly(10L, 20L, 30L, 40L, 50L, null, 70L);
        assertThat(result.column("units").type()).isEqualTo(ColumnType.LONG);
    }

    @Test
    void assign_computes_text_and_true_false_columns() {
        Table table = Table.create("t", strings("name", "Ann", null), longs("age", 30L, 17L));

        Table upper = data.assign(table, "shout", "upper(name)");
        Table adult = data.assign(table, "adult", "age >= 18");

        assertThat(values(upper, "shout")).containsExactly("ANN", null);
        assertThat(values(adult, "adult")).containsExactly(true, false);
    }

    @Test
    void neither_tool_changes_its_input() {
        Table sales = DataOpsTest.sales();
        String before = sales.printAll();

        data.filter(sales, "units > 2");
        Table assigned = data.assign(sales, "units", "units + 1");
        assigned.column("revenue").setMissing(0);

        assertThat(sales.printAll()).isEqualTo(before);
        assertThat(sales.columnNames()).containsExactly("region", "revenue", "units");
    }

    @Test
    void bad_expressions_name_the_problem() {
        Table sales = DataOpsTest.sales();

        assertThatThrownBy(() -> data.filter(sales, "revenu > 1"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("unknown column 'revenu'; did you mean 'revenue'? columns: region, revenue, units");
        assertThatThrownBy(() -> data.filter(sales, "region == 5"))
                .hasMessage("cannot compare column 'region' (object) with 5 (int64) at column 1 in: region == 5; "
                        + "text compares only with text");
        assertThatThrownBy(() -> data.assign(sales, "x", "revenue +"))
                .hasMessage("unexpected end of expression at column 10 in: revenue +; "
                        + "expected a column, a value or '('");
        assertThatThrownBy(() -> data.assign(sales, "Units", "1"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("column 'Units' would clash with 'units': names that differ only in case cannot both "
                        + "be used; pick another name or write 'units' to replace it");
        assertThatThrownBy(() -> data.assign(sales, " ", "1"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("the new column needs a name, e.g. \"net\"; columns: region, revenue, units");
    }

    @Test
    void filters_doubles_read_from_csv_by_a_backquoted_name() {
        Table table = Table.create("t", doubles("unit price", 1.5, null, 3.0));

        assertThat(values(data.filter(table, "`unit price` > 2"), "unit price")).containsExactly(3.0);
    }
}
