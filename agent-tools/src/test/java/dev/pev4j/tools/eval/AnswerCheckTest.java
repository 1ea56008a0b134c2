package dev.pev4j.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCheckTest {

    @TempDir
    Path dir;

    private ToolRegistry tools;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(
                dir.resolve("sales.csv"),
                "day,region,revenue\n2024-01-02,North,12.5\n2024-01-03,South,5\n2024-01-04,North,8\n");
        tools = ToolRegistry.of(DataOps.in(Workspace.of(dir)));
    }

    private AnswerCheck check(String planText, Expected expected) {
        Plan plan = PlanParser.create().parse(planText);
        ExecutionResult result = PlanExecutor.builder().tools(tools).build().execute(plan);
        return AnswerCheck.of(expected, plan, result, dir, tools);
    }

    private static Expected.TableContents table(List<String> columns, boolean ordered, Object[]... rows) {
        return new Expected.TableContents(
                columns, Arrays.stream(rows).map(r -> Arrays.<Object>asList(r)).toList(), ordered, 1e-9);
    }

    @Test
    void a_number_is_found_in_a_one_row_table_within_the_tolerance() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n#E2 = groupby_agg(#E1, [\"region\"], {\"revenue\": [\"sum\"]})\n"
                + "#E3 = filter(#E2, \"region == 'North'\")";
        assertThat(check(plan, new Expected.Number(20.5, 1e-9, "revenue_sum", null, null))
                        .correct())
                .isTrue();
        assertThat(check(plan, new Expected.Number(20.5, 1e-9, null, null, null))
                        .correct())
                .isTrue();
        assertThat(check(plan, new Expected.Number(20.6, 1e-9, "revenue_sum", null, null)))
                .isEqualTo(AnswerCheck.fail("expected 20.6 but found [20.5]"));
    }

    @Test
    void a_number_is_found_in_a_list_by_index_and_in_a_map_by_key() {
        assertThat(check("#E1 = read_csv(\"sales.csv\")\n#E2 = shape(#E1)", new Expected.Number(3, 0, null, null, 0))
                        .correct())
                .isTrue();
        assertThat(check(
                                "#E1 = read_csv(\"sales.csv\")\n#E2 = nunique(#E1)",
                                new Expected.Number(2, 0, null, "region", null))
                        .correct())
                .isTrue();
    }

    @Test
    void a_set_ignores_order_and_repeats() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n#E2 = select(#E1, [\"region\"])";
        assertThat(check(plan, new Expected.ValueSet(List.of("South", "North"), "region"))
                        .correct())
                .isTrue();
        assertThat(check(plan, new Expected.ValueSet(List.of("North"), "region")))
                .isEqualTo(AnswerCheck.fail("expected the values [North] but found [North, South, North]"));
    }

    @Test
    void dates_compare_as_iso_text() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n#E2 = to_datetime(#E1, \"day\")\n"
                + "#E3 = filter(#E2, \"revenue < 6\")";
        assertThat(check(plan, new Expected.ValueSet(List.of("2024-01-03"), "day"))
                        .correct())
                .isTrue();
    }

    @Test
    void a_table_matches_in_order_only_when_asked() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n#E2 = sort_values(#E1, [\"revenue\"])";
        Object[] low = {"South", 5};
        Object[] mid = {"North", 8};
        Object[] high = {"North", 12.5};
        assertThat(check(plan, table(List.of("region", "revenue"), true, low, mid, high))
                        .correct())
                .isTrue();
        assertThat(check(plan, table(List.of("region", "revenue"), false, high, low, mid))
                        .correct())
                .isTrue();
        assertThat(check(plan, table(List.of("region", "revenue"), true, high, low, mid)))
                .isEqualTo(AnswerCheck.fail("row 0: expected [North, 12.5] but found [South, 5.0]"));
    }

    @Test
    void a_table_with_other_column_names_matches_by_position() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n#E2 = groupby_agg(#E1, [\"region\"], {\"revenue\": [\"max\"]})";
        assertThat(check(plan, table(List.of("region", "top"), false, new Object[] {"North", 12.5}, new Object[] {
                            "South", 5
                        }))
                        .correct())
                .isTrue();
    }

    @Test
    void a_chart_is_checked_for_kind_axes_file_and_plotted_data() {
        String plan = "#E1 = read_csv(\"sales.csv\")\n"
                + "#E2 = groupby_agg(#E1, [\"region\"], {\"revenue\": [\"sum\"]})\n"
                + "#E3 = plot(#E2, \"bar\", \"region\", \"revenue_sum\", \"chart.html\")";
        Expected.TableContents data =
                table(List.of("region", "revenue_sum"), false, new Object[] {"North", 20.5}, new Object[] {"South", 5});
        assertThat(check(plan, new Expected.Chart("bar", "region", "revenue_sum", data))
                        .correct())
                .isTrue();
        assertThat(check(
                        plan.replace("chart.html", "line.html").replace("\"bar\"", "\"line\""),
                        new Expected.Chart("bar", "region", "revenue_sum", data)))
                .isEqualTo(AnswerCheck.fail("expected a bar chart, got kind line"));
    }
}
