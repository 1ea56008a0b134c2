package dev.pev4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.RoleUsage;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.agent.AgentResult.Timings;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ValuePreviewer;
import java.time.Duration;
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

    static String reportOfOneStep(String preview, Optional<ValuePreviewer.TableCells> cells) {
        Plan plan = PlanParser.create().parse("#E1 = load(\"t.csv\")\n");
        StepTrace step = new StepTrace(
                StepId.of(1),
                "load",
                "#E1 = load(\"t.csv\")",
                StepTrace.Status.DONE,
                false,
                preview,
                Duration.ofMillis(3),
                false,
                cells);
        Attempt attempt = new Attempt(1, List.of(), List.of(), Optional.of(plan), List.of(step), Optional.empty());
        AgentResult result = new AgentResult(
                "run-1",
                "task",
                "",
                new StopReason(StopReason.Kind.MAX_REPLANS, "no replan left"),
                Optional.empty(),
                List.of(attempt),
                RoleUsage.ZERO,
                Timings.ZERO,
                Optional.empty());
        return RunReport.of(result).html();
    }

    static String between(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as("%s in the page", from).isNotNegative();
        return page.substring(start, page.indexOf(to, start) + to.length());
    }

    @Test
    void draws_a_table_from_the_cells_of_a_preview_even_when_they_hold_pipes_newlines_and_markup() {
        ValuePreviewer.TableCells cells = new ValuePreviewer.TableCells(
                "Table 't.csv': 40 rows x 3 columns",
                List.of("a|b", "note", "revenue"),
                List.of("object", "object", "float64"),
                List.of(List.of("x | y", "two\nlines", "52.5"), List.of("", "<b>bold</b>", "NaN")),
                38);

        String page = reportOfOneStep("whatever text the model saw", Optional.of(cells));

        assertThat(between(page, "<div class=\"table\">", "</div>"))
                .isEqualTo("<div class=\"table\"><p class=\"table-title\">Table &#39;t.csv&#39;: 40 rows x 3 columns"
                        + "</p><table class=\"preview\"><thead><tr>"
                        + "<th>a|b<span class=\"dtype\">object</span></th>"
                        + "<th>note<span class=\"dtype\">object</span></th>"
                        + "<th>revenue<span class=\"dtype\">float64</span></th></tr></thead><tbody>"
                        + "<tr><td>x | y</td><td>two\nlines</td><td class=\"num\">52.5</td></tr>"
                        + "<tr><td></td><td>&lt;b&gt;bold&lt;/b&gt;</td><td class=\"num\">NaN</td></tr>"
                        + "</tbody></table><p class=\"more\">… 38 more rows</p></div>");
        assertThat(page).doesNotContain("whatever text the model saw");
    }

    @Test
    void shows_a_preview_without_cells_as_text_even_when_it_reads_like_a_table() {
        // The regular expressions the report once used read this text as a table with one row.
        String tableLike = """
                Table 'x': 1 row x 2 columns
                columns: a (int64), b (int64)
                a  b
                1  2""";

        String page = reportOfOneStep(tableLike, Optional.empty());

        assertThat(page).doesNotContain("<table class=\"preview\">");
        assertThat(page)
                .contains("<pre class=\"preview\">Table &#39;x&#39;: 1 row x 2 columns\ncolumns: a (int64), b (int64)"
                        + "\na  b\n1  2</pre>");
    }

    @Test
    void says_one_more_row_in_the_singular_and_nothing_when_all_rows_show() {
        ValuePreviewer.TableCells oneMore =
                new ValuePreviewer.TableCells("t", List.of("a"), List.of("int64"), List.of(List.of("1")), 1);
        ValuePreviewer.TableCells all =
                new ValuePreviewer.TableCells("t", List.of("a"), List.of("int64"), List.of(), 0);

        assertThat(reportOfOneStep("t", Optional.of(oneMore))).contains("<p class=\"more\">… 1 more row</p>");
        assertThat(reportOfOneStep("t", Optional.of(all)))
                .contains("<th>a<span class=\"dtype\">int64</span></th></tr></thead><tbody></tbody></table></div>")
                .doesNotContain("class=\"more\"");
    }

    @Test
    void cells_must_have_one_dtype_per_column_and_one_cell_per_column_in_each_row() {
        assertThatThrownBy(() -> new ValuePreviewer.TableCells("t", List.of("a", "b"), List.of("int64"), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dtypes must have one entry per column: 2 columns [a, b] but 1 dtypes [int64]");
        assertThatThrownBy(() -> new ValuePreviewer.TableCells(
                        "t", List.of("a", "b"), List.of("int64", "int64"), List.of(List.of("1", "2"), List.of("3")), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1 must have one cell per column: 2 columns [a, b] but 1 cells [3]");
        assertThatThrownBy(() -> new ValuePreviewer.TableCells("t", List.of(), List.of(), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("moreRows must be >= 0 but was -1");
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
