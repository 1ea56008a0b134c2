package dev.pev4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.StepId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunReportTest {

    @Test
    void escapes_markup_quotes_and_control_characters() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\"\u0007"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\uFFFD");
        assertThat(Html.escape("plain text")).isEqualTo("plain text");
    }

    @Test
    void reads_a_table_preview_back_as_rows_and_columns() {
        String preview = """
                Table 'sales.csv': 40 rows x 3 columns
                columns: region (object), product name (object), revenue (float64)
                region  product name  revenue
                 North     Müsli Bar     52.5
                 South                  120.0
                … 38 more rows""";

        TablePreview table = TablePreview.parse(preview).orElseThrow();

        assertThat(table.columns()).containsExactly("region", "product name", "revenue");
        assertThat(table.dtypes()).containsExactly("object", "object", "float64");
        assertThat(table.rows()).containsExactly(List.of("North", "Müsli Bar", "52.5"), List.of("South", "", "120.0"));
        assertThat(table.more()).isEqualTo("… 38 more rows");
    }

    @Test
    void text_that_is_not_a_table_preview_is_not_read_as_one() {
        assertThat(TablePreview.parse("[1, 2, 3]")).isEmpty();
        assertThat(TablePreview.parse("Table 'x': 1 row x 2 columns\ncolumns: a (int64), b (int64)\na  c\n1  2"))
                .isEqualTo(Optional.empty());
    }

    @Test
    void lays_out_the_plan_in_layers_by_longest_dependency_path() {
        Plan plan = PlanParser.create().parse("""
                #E1 = a()
                #E2 = b()
                #E3 = c(#E1)
                #E4 = d(#E1, #E3)
                #E5 = e(#E2)
                """);

        Map<StepId, PlanGraph.Position> layout = PlanGraph.layout(plan);

        assertThat(layout.get(StepId.of(1))).isEqualTo(new PlanGraph.Position(0, 0));
        assertThat(layout.get(StepId.of(2))).isEqualTo(new PlanGraph.Position(0, 1));
        assertThat(layout.get(StepId.of(3)).column()).isEqualTo(1);
        assertThat(layout.get(StepId.of(5)).column()).isEqualTo(1);
        assertThat(layout.get(StepId.of(4))).isEqualTo(new PlanGraph.Position(2, 0));
        String svg = PlanGraph.svg(plan, Map.of(), "a1-");
        assertThat(svg).contains("data-from=\"E1\" data-to=\"E4\"").contains("data-from=\"E3\" data-to=\"E4\"");
        assertThat(svg).contains("<g class=\"node planned\" data-step=\"E5\">");
    }
}
