package dev.pev4j.tools.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * Coverage-guided fuzzing of the expression language with Jazzer: any text either parses or is rejected with an
 * {@link ExpressionException}; a parsed expression either selects rows / computes a column of the table's length or is
 * rejected the same way — no other exception, no change to the table. A plain {@code mvn test} replays the inputs
 * under {@code src/test/resources/dev/pev4j/tools/expr/ExpressionFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 mvn -pl agent-tools test -Dtest=ExpressionFuzzTest} fuzzes for real and writes new crashes
 * there.
 */
class ExpressionFuzzTest {

    private static Table table() {
        return Table.create(
                "t",
                StringColumn.create("region", "North", null, "South", "East"),
                DoubleColumn.create("revenue", 120.5, Double.NaN, -3.0, 0.0),
                LongColumn.create("units", new long[] {3, Long.MAX_VALUE, Long.MIN_VALUE, 0}),
                BooleanColumn.create("paid", true, false, true, false),
                DateColumn.create(
                        "day", LocalDate.of(2024, 1, 31), null, LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31)));
    }

    @FuzzTest(maxDuration = "2m")
    void an_expression_parses_and_evaluates_or_is_rejected_with_an_expression_exception(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (ExpressionException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        Table table = table();
        String before = table.printAll();
        try {
            Selection rows = expression.select(table);
            assertThat(rows.size()).isBetween(0, table.rowCount());
        } catch (ExpressionException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
        try {
            Column<?> column = expression.evaluate(table, "result");
            assertThat(column.size()).isEqualTo(table.rowCount());
        } catch (ExpressionException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
        assertThat(table.printAll()).isEqualTo(before);
    }
}
