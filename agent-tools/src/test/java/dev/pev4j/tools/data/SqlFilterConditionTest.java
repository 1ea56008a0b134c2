package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tools.expr.Expression;
import dev.pev4j.tools.expr.SqlExpression;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A filter's condition on the SQL engines: comparisons joined by AND and OR go to the engine bare (no COALESCE, so
 * it can push them into its scan), and the rows kept are Tablesaw's, missing values and all.
 */
class SqlFilterConditionTest {

    @TempDir
    Path root;

    private static Table withMissingValues() {
        Table t = Table.create(
                "t",
                LongColumn.create("a", 1, 5, 9, 3, 7, 2),
                DoubleColumn.create("x", 1.5, Double.NaN, 3.0, Double.NaN, 0.5, 2.5),
                StringColumn.create("s", "p", "q", null, "p", null, "r"),
                BooleanColumn.create("b", true, false, true, false, true, false));
        t.longColumn("a").setMissing(3);
        t.booleanColumn("b").setMissing(4);
        return t;
    }

    @Test
    void comparisons_joined_by_and_and_or_reach_the_engine_without_coalesce() {
        Table schema = withMissingValues().emptyCopy();

        SqlExpression condition =
                SqlExpression.condition(Expression.parse("a > 2 and (x < 2.5 or s == \"p\")"), schema);

        assertThat(condition.sql())
                .isEqualTo("((\"a\" > CAST(? AS BIGINT)) AND ((\"x\" < CAST(? AS DOUBLE)) OR (\"s\" = CAST(? AS"
                        + " STRING))))");
    }

    @Test
    void not_equal_and_comparisons_under_not_keep_pandas_value_for_missing_operands() {
        Table schema = withMissingValues().emptyCopy();

        SqlExpression condition = SqlExpression.condition(Expression.parse("s != \"p\" or not (a > 2)"), schema);

        assertThat(condition.sql())
                .isEqualTo("(COALESCE((\"s\" <> CAST(? AS STRING)), true) OR (NOT COALESCE((\"a\" > CAST(? AS"
                        + " BIGINT)), false)))");
    }

    @Test
    void keeps_the_rows_tablesaw_keeps_whatever_is_missing() {
        Table table = withMissingValues();
        DataOps tablesaw = DataOps.in(Workspace.of(root));
        List<String> conditions = List.of(
                "a > 2",
                "a > 2 and x < 2.5",
                "a > 2 or x < 2.5",
                "s == \"p\" or a >= 7",
                "s != \"p\"",
                "not (a > 2)",
                "not (x < 2.5 and s == \"p\")",
                "(a > 2) == (x < 2.5)",
                "b",
                "b and a > 2",
                "b or not b",
                "a > 2 and s != \"q\" or x == 1.5");
        try (SqlDataOps duck = SqlDataOps.open(Workspace.of(root), new Engine.DuckDb("256MB", 1))) {
            Relation relation = duck.fromTable(table);
            for (String condition : conditions) {
                assertThat(duck.filter(relation, condition).toTable().toString())
                        .as(condition)
                        .isEqualTo(tablesaw.filter(table, condition).toString());
            }
        }
    }
}
