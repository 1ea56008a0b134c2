package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Tester;
import dev.pev4j.tester.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class TableInspectorTest {

    /** Sorted by revenue, descending, missing last, as DataOps sorts. */
    private static Table sales() {
        return Table.create(
                "sales",
                strings("region", "North", "South", "East", "West"),
                doubles("revenue", 120.5, 80.0, 80.0, null),
                longs("units", 3L, 2L, 2L, 1L),
                booleans("target_met", true, false, null, false),
                DateColumn.create(
                        "day", LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3), null, LocalDate.of(2025, 1, 5)),
                IntColumn.create("rank", 1, 2, 3, 4),
                FloatColumn.create("share", new float[] {0.5f, 0.25f, 0.125f, 0.125f}));
    }

    @Test
    void shows_a_tablesaw_table_with_plain_java_cells() {
        // when
        TabularView view = new TableInspector().inspect(sales()).orElseThrow();

        // then
        assertThat(view.rows()).isEqualTo(4);
        assertThat(view.columns()).containsExactly("region", "revenue", "units", "target_met", "day", "rank", "share");
        assertThat(view.values("region")).containsExactly("North", "South", "East", "West");
        assertThat(view.values("revenue")).containsExactly(120.5, 80.0, 80.0, null);
        assertThat(view.values("units")).containsExactly(3L, 2L, 2L, 1L);
        assertThat(view.values("target_met")).containsExactly(true, false, null, false);
        assertThat(view.values("day")).containsExactly("2025-01-02", "2025-01-03", null, "2025-01-05");
        assertThat(view.values("rank")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(view.values("share")).containsExactly(0.5, 0.25, 0.125, 0.125);
        assertThatThrownBy(() -> view.values("revenu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown column 'revenu'; columns: region, revenue, units, target_met, day, rank, share");
    }

    @Test
    void leaves_other_values_to_other_inspectors() {
        assertThat(new TableInspector().inspect("a table")).isEmpty();
        assertThat(new TableInspector().inspect(List.of(Map.of("a", 1)))).isEmpty();
    }

    @Test
    void lets_the_tester_check_tablesaw_tables() {
        // given
        Table table = sales();
        List<String> criteria = List.of(
                "rows(#E1) == 4",
                "cols(#E1) == 7",
                "has_column(#E1, \"revenue\")",
                "nulls(#E1, \"revenue\") == 0",
                "nulls(#E1, \"target_met\") == 1",
                "sorted(#E1, \"revenue\", \"desc\")",
                "sorted(#E1, \"day\", \"asc\")",
                "sorted(#E1, \"region\", \"asc\")",
                "unique(#E1, \"region\")",
                "unique(#E1, \"revenue\")",
                "sum(#E1, \"units\") == 8",
                "abs(sum(#E1, \"revenue\") - 280.5) < 0.001",
                "max(#E1, \"day\") == \"2025-01-05\"",
                "contains(#E1, \"East\")",
                "sum(#E1, \"revenu\") > 0");
        Plan plan = new Plan(List.of(new Step(StepId.of(1), "", "load_csv", List.of())), criteria);
        ExecutionResult result = new ExecutionResult(
                plan,
                Map.of(
                        StepId.of(1),
                        new StepOutcome.Done(
                                StepId.of(1), "load_csv", Instant.EPOCH, Duration.ZERO, table, "Table 'sales'")),
                Duration.ZERO,
                false);

        // when
        TestReport report =
                Tester.builder().inspector(new TableInspector()).build().test("task", plan, result);

        // then
        assertThat(report.verdicts())
                .extracting(Verdict::reason)
                .containsExactlyElementsOf(
                        Arrays.asList(
                                "rows(#E1) == 4 holds: rows(#E1) is 4",
                                "cols(#E1) == 7 holds: cols(#E1) is 7",
                                "has_column(#E1, \"revenue\") holds",
                                "nulls(#E1, \"revenue\") == 0 is false: nulls(#E1, \"revenue\") is 1",
                                "nulls(#E1, \"target_met\") == 1 holds: nulls(#E1, \"target_met\") is 1",
                                "sorted(#E1, \"revenue\", \"desc\") holds",
                                "sorted(#E1, \"day\", \"asc\") holds",
                                "sorted(#E1, \"region\", \"asc\") is false: \"South\" (row 1) comes before \"East\" (row 2)",
                                "unique(#E1, \"region\") holds",
                                "unique(#E1, \"revenue\") is false: 80 is in rows 1 and 2",
                                "sum(#E1, \"units\") == 8 holds: sum(#E1, \"units\") is 8",
                                "abs(sum(#E1, \"revenue\") - 280.5) < 0.001 holds: abs(sum(#E1, \"revenue\") - 280.5) is 0, "
                                        + "sum(#E1, \"revenue\") is 280.5",
                                "max(#E1, \"day\") == \"2025-01-05\" holds: max(#E1, \"day\") is \"2025-01-05\"",
                                "contains(#E1, \"East\") holds",
                                "unknown column 'revenu' in #E1; columns: region, revenue, units, target_met, day, rank, share"));
        assertThat(report.failed()).hasSize(4);
    }
}
