package dev.pev4j.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.llm.LlmCapabilities;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

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

        // then
        String system = request.messages().get(0).text();
        assertThat(system)
                .contains("sum(values: List<Long>) -> long: Adds up numbers")
                .doesNotContain("series(name")
                .contains("Write at most 5 steps")
                .contains("has_column(#E<n>, \"col\")")
                .contains("Task: Which 3 regions had the highest total revenue in sales.csv?")
                .contains("\"Criteria:\"")
                .doesNotContain("{{");
        assertThat(request.messages().get(1).text()).isEqualTo("Data context:\nseries: a, b\n\nTask: Add up a");
        assertThat(request.jsonSchema()).isNull();
    }

    @Test
    void the_replanning_prompt_carries_the_previous_plan_the_failed_steps_and_the_failed_criteria() {
        // given
        Planner planner = Planner.builder().llm(ScriptedLlm.replying()).tools(registry).build();
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
                Write a new plan for the task that avoids these problems. Steps that your new plan repeats exactly \
                are not run again.
                """);
    }

    @Test
    void asks_for_json_under_a_bounded_schema_when_the_model_can_follow_one() throws Exception {
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
        JsonNode schema = new ObjectMapper().readTree(request.jsonSchema());
        assertThat(schema.at("/properties/steps/maxItems").asInt()).isEqualTo(4);
        assertThat(schema.at("/properties/steps/items/properties/tool/enum").toString())
                .isEqualTo("[\"series\",\"sum\"]");
        assertThat(schema.at("/properties/steps/items/properties/thought/maxLength").asInt()).isEqualTo(300);
        assertThat(schema.at("/properties/steps/items/properties/args/maxItems").asInt()).isEqualTo(8);
        assertThat(schema.at("/properties/criteria/items/maxLength").asInt()).isEqualTo(200);
    }

    @Test
    void reads_a_json_plan_with_references_as_strings() {
        // given
        Planner planner = Planner.builder().llm(ScriptedLlm.replying()).tools(registry).build();

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
        Planner planner = Planner.builder().llm(llm).tools(registry).maxRepairs(1).build();

        // when / then
        assertThat(planner.plan("Add up a").steps()).hasSize(2);
        assertThat(llm.requests().get(1).messages().get(3).text())
                .startsWith("Your plan cannot be used:\n- #E1:")
                .endsWith("\nWrite the whole plan again with these problems fixed.");

        Planner failing = Planner.builder().llm(ScriptedLlm.replying("nothing", "still nothing"))
                .tools(registry).maxRepairs(1).build();
        assertThatThrownBy(() -> failing.plan("Add up a"))
                .isInstanceOf(PlanningException.class)
                .hasMessage("no usable plan after 2 replies (maxRepairs is 1); the last one had these problems:\n"
                        + "- no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")' or a"
                        + " JSON object with \"steps\"; got: 'still nothing'\n");
    }

    @Test
    void rejects_a_plan_with_more_steps_than_allowed() {
        Planner planner = Planner.builder().llm(ScriptedLlm.replying()).tools(registry).maxSteps(1).build();

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
