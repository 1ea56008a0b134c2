package dev.pev4j.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Plan;
import dev.pev4j.tool.Frame;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final class Tools {
        @Tool("Reads a number series")
        public List<Long> series(String name) {
            return List.of();
        }

        @Tool("Adds up numbers")
        public long sum(List<Long> values) {
            return 0;
        }
    }

    private final ToolRegistry registry = ToolRegistry.of(new Tools());

    @Test
    void the_prompt_holds_the_selected_tools_the_context_the_task_and_the_examples() {
        // given
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying())
                .tools(registry)
                .context("series: a, b")
                .toolSelector((task, tools) -> List.of(tools.find("sum").orElseThrow()))
                .maxSteps(5)
                .build();

        // when
        LlmRequest request = planner.request("Add up a");

        // then: a selection puts the fixed part first (system) and the selected tools and examples with the task
        String system = request.messages().get(0).text();
        String user = request.messages().get(1).text();
        assertThat(system)
                .contains("Write at most 5 steps")
                .contains("has_column(#E<n>, \"col\")")
                .contains("\"Criteria:\"")
                .doesNotContain("sum(values")
                .doesNotContain("{{");
        assertThat(user)
                .startsWith("## Tools for this task\nsum(values: List<Long>) -> long: Adds up numbers")
                .doesNotContain("series(name")
                .contains("Task: Which 3 regions had the highest total revenue in sales.csv?")
                .endsWith("Data context:\nseries: a, b\n\nTask: Add up a");
        assertThat(request.jsonSchema()).isNull();
    }

    @Test
    void the_replanning_prompt_carries_the_previous_plan_the_failed_steps_and_the_failed_criteria() {
        // given
        Planner planner =
                Planner.builder().llm(ScriptedLlm.replying()).tools(registry).build();
        Feedback feedback = new Feedback(
                "#E1 = series(\"x\")\n",
                List.of(new Feedback.FailedStep("#E1 = series(\"x\")", "no series 'x'; series: a, b")),
                List.of(new Feedback.FailedCriterion("rows(#E1) > 0", "rows(#E1) > 0 is false: rows(#E1) is 0")));

        // when
        LlmRequest request = planner.request("Add up a", feedback);

        // then
        assertThat(request.messages().get(1).text()).isEqualTo("""
                Task: Add up a

                Your previous plan for this task did not work.
                Previous plan:
                #E1 = series("x")
                Steps that failed:
                - #E1 = series("x") failed: no series 'x'; series: a, b
                Criteria that failed:
                - rows(#E1) > 0: rows(#E1) > 0 is false: rows(#E1) is 0
                Write a new plan for the task that avoids these problems. A step that your new plan repeats exactly \
                may reuse its earlier result instead of running again, but only if its tool is declared free of side \
                effects; every other step runs again.
                """);
    }

    @Test
    void asks_for_json_under_a_schema_typed_per_tool_when_the_model_can_follow_one() throws Exception {
        // given
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying().withCapabilities(new LlmCapabilities(true, false, false, 0)))
                .tools(registry)
                .maxSteps(4)
                .build();

        // when
        LlmRequest request = planner.request("Add up a");

        // then
        assertThat(request.messages().get(0).text()).contains("Write the plan as one JSON object");
        String step = """
                {"type":"object","properties":{
                  "id":{"type":"string","pattern":"^E[1-9][0-9]{0,2}$"},
                  "thought":{"type":"string","maxLength":300},
                  "tool":{"type":"string","enum":["%s"]},
                  "args":{"type":"object","properties":{%s},"required":["%s"],"additionalProperties":false}},
                 "required":["id","thought","tool","args"],"additionalProperties":false}""";
        String expected = """
                {"type":"object","properties":{
                  "steps":{"type":"array","minItems":1,"maxItems":4,"items":{"anyOf":[%s,%s]}},
                  "criteria":{"type":"array","maxItems":6,"items":{"type":"string","maxLength":200}}},
                 "required":["steps","criteria"],"additionalProperties":false}""".formatted(
                        step.formatted("series", "\"name\":{\"type\":\"string\",\"maxLength\":300}", "name"),
                        step.formatted(
                                "sum",
                                "\"values\":{\"anyOf\":[{\"type\":\"array\",\"maxItems\":20,"
                                        + "\"items\":{\"type\":\"integer\"}},{\"type\":\"string\",\"pattern\":\"^#E[1-9][0-9]{0,2}$\"}]}",
                                "values"));
        assertThat(JSON.readTree(request.jsonSchema())).isEqualTo(JSON.readTree(expected));
    }

    /** Tools shaped like DataOps': tables in and out, lists of columns, a map of aggregations, options. */
    public static final class TableTools {
        public enum How {
            INNER,
            LEFT
        }

        public record Window(int size, Boolean centered) {}

        @Tool(name = "read_csv", value = "Reads a CSV file")
        public Frame readCsv(@P(name = "path", value = "file path") String path) {
            return new Frame(path);
        }

        @Tool(name = "groupby_agg", value = "Groups and aggregates")
        public Frame groupbyAgg(
                @P(name = "table", value = "the table") Frame table,
                @P(name = "by", value = "key columns") List<String> by,
                @P(name = "aggregations", value = "functions per column") Map<String, List<String>> aggregations) {
            return table;
        }

        @Tool(name = "sort_values", value = "Sorts rows")
        public Frame sortValues(
                @P(name = "table", value = "the table") Frame table,
                @P(name = "by", value = "columns") List<String> by,
                @P(name = "ascending", value = "directions", required = false) List<Boolean> ascending) {
            return table;
        }

        @Tool(name = "head", value = "First rows")
        public Frame head(
                @P(name = "table", value = "the table") Frame table,
                @P(name = "n", value = "rows", required = false) Integer n) {
            return table;
        }

        @Tool(name = "merge", value = "Joins tables")
        public Frame merge(
                @P(name = "left", value = "left") Frame left,
                @P(name = "right", value = "right") Frame right,
                @P(name = "how", value = "how", required = false) How how) {
            return left;
        }

        @Tool(name = "rolling", value = "Rolling mean")
        public Frame rolling(
                @P(name = "table", value = "the table") Frame table,
                @P(name = "window", value = "the window") Window window,
                @P(name = "ratio", value = "a ratio", required = false) Double ratio) {
            return table;
        }
    }

    @Test
    void json_plans_with_named_arguments_fit_the_schema_and_validate() throws Exception {
        // given
        ToolRegistry tables = ToolRegistry.of(new TableTools());
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying().withCapabilities(new LlmCapabilities(true, false, false, 0)))
                .tools(tables)
                .build();
        JsonNode schema = JSON.readTree(planner.request("Top regions").jsonSchema());
        String plan = """
                {"steps": [
                  {"id": "E1", "thought": "Load.", "tool": "read_csv", "args": {"path": "sales.csv"}},
                  {"id": "E2", "thought": "Sum per region.", "tool": "groupby_agg",
                   "args": {"table": "#E1", "by": ["region"], "aggregations": {"revenue": ["sum", "mean"]}}},
                  {"id": "E3", "thought": "Largest first.", "tool": "sort_values",
                   "args": {"table": "#E2", "by": ["revenue_sum"], "ascending": [false]}},
                  {"id": "E4", "thought": "Top 3.", "tool": "head", "args": {"table": "#E3", "n": 3}},
                  {"id": "E5", "thought": "Join.", "tool": "merge", "args": {"left": "#E4", "right": "#E1", "how": "LEFT"}},
                  {"id": "E6", "thought": "Smooth.", "tool": "rolling",
                   "args": {"table": "#E1", "window": {"size": 3, "centered": true}, "ratio": 0.5}}],
                 "criteria": ["rows(#E4) <= 3"]}""";

        // when
        List<String> problems = SchemaCheck.problems(schema, JSON.readTree(plan));
        PlanDraft draft = planner.read(plan);

        // then
        assertThat(problems).isEmpty();
        assertThat(draft.problems()).isEmpty();
        assertThat(draft.plan().orElseThrow().steps().get(1).toString())
                .isEqualTo(
                        "#E2 = groupby_agg(table=#E1, by=[\"region\"], aggregations={\"revenue\": [\"sum\", \"mean\"]})");
    }

    @Test
    void the_schema_rejects_unknown_arguments_wrong_types_and_references_where_no_step_fits() throws Exception {
        // given
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying().withCapabilities(new LlmCapabilities(true, false, false, 0)))
                .tools(ToolRegistry.of(new TableTools()))
                .build();
        JsonNode schema = JSON.readTree(planner.request("Top regions").jsonSchema());
        String plan = """
                {"steps": [{"id": "E1", "thought": "", "tool": "head", "args": {%s}}], "criteria": []}""";

        // when / then
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"#E1\", \"n\": 3"))))
                .isEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"#E1\", \"rows\": 3"))))
                .isNotEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"#E1\", \"n\": \"3\""))))
                .isNotEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"#E1\", \"n\": \"#E2\""))))
                .isNotEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"sales.csv\""))))
                .isNotEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"n\": 3"))))
                .isNotEmpty();
        assertThat(SchemaCheck.problems(schema, JSON.readTree(plan.formatted("\"table\": \"#E1\", \"n\": 3000000000"))))
                .containsExactly("$.steps[0]: fits none of anyOf");
    }

    @Test
    void shows_the_examples_it_is_given_instead_of_the_generic_ones() {
        // given
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying())
                .tools(registry)
                .examples("Task: Add up series a.\n#E1 = series(\"a\")\n#E2 = sum(#E1)\nCriteria:\n- #E2 >= 0\n")
                .build();

        // when
        String system = planner.request("Add up b").messages().get(0).text();

        // then
        assertThat(system)
                .contains("Task: Add up series a.\n#E1 = series(\"a\")\n#E2 = sum(#E1)\nCriteria:\n- #E2 >= 0\n")
                .doesNotContain("sales.csv");
    }

    @Test
    void reads_a_json_plan_with_references_as_strings() {
        // given
        Planner planner =
                Planner.builder().llm(ScriptedLlm.replying()).tools(registry).build();

        // when
        PlanDraft draft = planner.read("""
                {"steps": [{"id": "E1", "thought": "read", "tool": "series", "args": ["a"]},
                           {"id": "E2", "thought": "add", "tool": "sum", "args": ["#E1"]}],
                 "criteria": ["#E2 > 0"]}""");

        // then
        assertThat(draft.isUsable()).isTrue();
        assertThat(draft.plan().orElseThrow().toString())
                .isEqualTo("Plan: read\n#E1 = series(\"a\")\nPlan: add\n#E2 = sum(#E1)\nCriteria:\n- #E2 > 0\n");
    }

    @Test
    void plan_repairs_until_usable_and_gives_up_after_max_repairs() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("#E1 = sum(#E2)", "#E1 = series(\"a\")\n#E2 = sum(#E1)");
        Planner planner =
                Planner.builder().llm(llm).tools(registry).maxRepairs(1).build();

        // when / then
        assertThat(planner.plan("Add up a").steps()).hasSize(2);
        assertThat(llm.requests().get(1).messages().get(3).text())
                .startsWith("Your plan cannot be used:\n- #E1:")
                .endsWith("\nWrite the whole plan again with these problems fixed.");

        Planner failing = Planner.builder()
                .llm(ScriptedLlm.replying("nothing", "still nothing"))
                .tools(registry)
                .maxRepairs(1)
                .build();
        assertThatThrownBy(() -> failing.plan("Add up a"))
                .isInstanceOf(PlanningException.class)
                .hasMessage("no usable plan after 2 replies (maxRepairs is 1); the last one had these problems:\n"
                        + "- no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")' or a"
                        + " JSON object with \"steps\"; got: 'still nothing'\n");
    }

    @Test
    void a_criterion_that_refers_to_no_step_or_does_not_parse_is_repaired_before_the_plan_runs() {
        // given
        String bad = "#E1 = series(\"a\")\n#E2 = sum(#E1)\nCriteria:\n- #E3 > 0\n- rows(#E1) > 0 and and\n"
                + "- the total is positive";
        ScriptedLlm llm = ScriptedLlm.replying(bad, "#E1 = series(\"a\")\n#E2 = sum(#E1)\nCriteria:\n- #E2 > 0");
        Planner planner = Planner.builder().llm(llm).tools(registry).build();

        // when
        Plan plan = planner.plan("Add up a");

        // then
        assertThat(plan.criteria()).containsExactly("#E2 > 0");
        assertThat(llm.requests().get(1).messages().get(3).text())
                .isEqualTo("Your plan cannot be used:\n"
                        + "- criterion '#E3 > 0' refers to #E3, which no step defines; the plan's steps are #E1, #E2\n"
                        + "- criterion 'rows(#E1) > 0 and and' starts like a check but does not parse; write one"
                        + " comparison or predicate, such as rows(#E2) > 0, sorted(#E3, \"revenue\", \"desc\") or"
                        + " abs(#E5 - 1049.2) < 0.01, or a sentence for the judge\n"
                        + "Write the whole plan again with these problems fixed.");
    }

    @Test
    void rejects_a_plan_with_more_steps_than_allowed() {
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying())
                .tools(registry)
                .maxSteps(1)
                .build();

        PlanDraft draft = planner.read("#E1 = series(\"a\")\n#E2 = sum(#E1)");

        assertThat(draft.isUsable()).isFalse();
        assertThat(draft.overStepLimit()).isTrue();
        assertThat(draft.problems())
                .containsExactly("the plan has 2 steps but at most 1 are allowed; combine or drop steps");
    }

    @Test
    void builder_fails_with_a_sentence() {
        assertThatThrownBy(() -> Planner.builder().tools(registry).build())
                .hasMessage("A Planner needs a model: pass one to llm(...).");
        assertThatThrownBy(() -> Planner.builder().llm(ScriptedLlm.replying()).build())
                .hasMessage("A Planner needs tools: pass a ToolRegistry to tools(...).");
        assertThatThrownBy(() -> Planner.builder().maxRepairs(-1)).hasMessage("maxRepairs must be >= 0 but was -1");
    }
}
