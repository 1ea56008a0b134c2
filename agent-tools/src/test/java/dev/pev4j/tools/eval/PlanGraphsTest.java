package dev.pev4j.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanGraphsTest {

    private static final String REFERENCE = """
            #E1 = read_csv("orders.csv")
            #E2 = read_csv("products.csv")
            #E3 = merge(#E1, #E2, ["product_id"])
            #E4 = assign(#E3, "amount", "price * quantity")
            #E5 = groupby_agg(#E4, ["category"], {"amount": ["sum"]})
            """;

    @TempDir
    Path dir;

    private PlanGraphs graphs;
    private final PlanParser parser = PlanParser.create();

    @BeforeEach
    void setUp() {
        graphs = PlanGraphs.forTools(ToolRegistry.of(DataOps.in(Workspace.of(dir))));
    }

    private boolean strict(String a, String b) {
        return graphs.isomorphic(parser.parse(a), parser.parse(b), PlanGraphs.Mode.STRICT);
    }

    private boolean relaxed(String a, String b) {
        return graphs.isomorphic(parser.parse(a), parser.parse(b), PlanGraphs.Mode.RELAXED);
    }

    @Test
    void a_plan_is_isomorphic_to_itself() {
        assertThat(strict(REFERENCE, REFERENCE)).isTrue();
        assertThat(relaxed(REFERENCE, REFERENCE)).isTrue();
    }

    @Test
    void renamed_evidence_ids_are_still_isomorphic() {
        // given: other ids, in the LLMCompiler form
        String renamed = """
                7. read_csv("orders.csv")
                3. read_csv("products.csv")
                9. merge($7, $3, ["product_id"])
                10. assign($9, "amount", "price * quantity")
                11. groupby_agg($10, ["category"], {"amount": ["sum"]})
                join()<END_OF_PLAN>
                """;

        // then
        assertThat(strict(renamed, REFERENCE)).isTrue();
    }

    @Test
    void reordered_independent_steps_are_still_isomorphic() {
        // given: the two reads swapped, and so renumbered
        String reordered = """
                #E1 = read_csv("products.csv")
                #E2 = read_csv("orders.csv")
                #E3 = merge(#E2, #E1, ["product_id"])
                #E4 = assign(#E3, "amount", "price * quantity")
                #E5 = groupby_agg(#E4, ["category"], {"amount": ["sum"]})
                """;

        // then
        assertThat(strict(reordered, REFERENCE)).isTrue();
    }

    @Test
    void a_swapped_dependency_is_not_isomorphic() {
        // given: merge takes products as left and orders as right
        String swapped = """
                #E1 = read_csv("orders.csv")
                #E2 = read_csv("products.csv")
                #E3 = merge(#E2, #E1, ["product_id"])
                #E4 = assign(#E3, "amount", "price * quantity")
                #E5 = groupby_agg(#E4, ["category"], {"amount": ["sum"]})
                """;

        // then: without literals the two reads look alike, so only the strict metric can tell
        assertThat(strict(swapped, REFERENCE)).isFalse();
        assertThat(relaxed(swapped, REFERENCE)).isTrue();
    }

    @Test
    void a_step_reading_the_wrong_evidence_is_not_isomorphic() {
        // given: the aggregation reads the merge instead of the assign (same nodes, one edge moved)
        String rewired = """
                #E1 = read_csv("orders.csv")
                #E2 = read_csv("products.csv")
                #E3 = merge(#E1, #E2, ["product_id"])
                #E4 = assign(#E3, "amount", "price * quantity")
                #E5 = groupby_agg(#E3, ["category"], {"amount": ["sum"]})
                """;

        // then
        assertThat(relaxed(rewired, REFERENCE)).isFalse();
    }

    @Test
    void a_wrong_literal_fails_strict_and_passes_relaxed() {
        // given
        String wrong = REFERENCE.replace("{\"amount\": [\"sum\"]}", "{\"amount\": [\"mean\"]}");

        // then
        assertThat(strict(wrong, REFERENCE)).isFalse();
        assertThat(relaxed(wrong, REFERENCE)).isTrue();
    }

    @Test
    void another_tool_fails_both() {
        // given
        String other = REFERENCE.replace("assign(#E3", "fillna(#E3").replace("\"amount\", \"price * quantity\"", "0");

        // then
        assertThat(relaxed(other, REFERENCE)).isFalse();
    }

    @Test
    void the_json_form_with_named_arguments_is_the_same_graph_as_the_text_form() {
        // given: arguments by parameter name, in another order, numbers as decimals
        String json = """
                {"steps": [
                  {"id": "E2", "tool": "read_csv", "args": {"path": "sales.csv"}},
                  {"id": "E5", "tool": "head", "args": {"n": 3.0, "table": "#E2"}}],
                 "criteria": []}
                """;
        String text = """
                #E1 = read_csv("sales.csv")
                #E2 = head(#E1, 3)
                """;

        // then
        assertThat(strict(json, text)).isTrue();
    }

    @Test
    void branches_that_differ_only_in_which_literal_feeds_where_are_told_apart() {
        // given: two filters on two reads; the literals are crossed over between the branches
        String a = """
                #E1 = read_csv("a.csv")
                #E2 = read_csv("b.csv")
                #E3 = filter(#E1, "x > 1")
                #E4 = filter(#E2, "x > 2")
                #E5 = concat([#E3, #E4])
                """;
        String crossed = """
                #E1 = read_csv("b.csv")
                #E2 = read_csv("a.csv")
                #E3 = filter(#E1, "x > 1")
                #E4 = filter(#E2, "x > 2")
                #E5 = concat([#E4, #E3])
                """;
        String reordered = """
                #E1 = read_csv("b.csv")
                #E2 = filter(#E1, "x > 2")
                #E3 = read_csv("a.csv")
                #E4 = filter(#E3, "x > 1")
                #E5 = concat([#E4, #E2])
                """;

        // then
        assertThat(strict(crossed, a)).isFalse();
        assertThat(relaxed(crossed, a)).isTrue();
        assertThat(strict(reordered, a)).isTrue();
    }

    @Test
    void plans_of_different_sizes_are_not_isomorphic() {
        // given
        Plan shorter = parser.parse("#E1 = read_csv(\"orders.csv\")\n#E2 = head(#E1, 3)\n");

        // then
        assertThat(graphs.isomorphic(shorter, parser.parse(REFERENCE), PlanGraphs.Mode.RELAXED))
                .isFalse();
    }
}
