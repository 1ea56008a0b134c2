package dev.pev4j.agent;

import static dev.pev4j.agent.AgentResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.ScriptedLlm.Role;
import dev.pev4j.report.RunReport;
import dev.pev4j.tool.SideEffects;
import dev.pev4j.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: LLM steps, the built-in {@code llm} tool that asks the worker model about earlier evidence. */
class AgentLlmStepTest {

    private static final String TASK = "How many cities do the hotel reviews mention?";

    private static final String SCHEMA = "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}";

    private static final String PLAN = """
            Plan: Read the reviews.
            #E1 = reviews("hotel")
            Plan: Ask the model which cities they name.
            #E2 = llm("List the city names mentioned in #E1", %s)
            Plan: Count them.
            #E3 = count(#E2)
            Criteria:
            - #E3 == 2
            """.formatted(SCHEMA);

    /** 200 reviews: far more text than a preview shows. */
    @SideEffects(false)
    public static final class Reviews {
        final AtomicInteger reads = new AtomicInteger();

        @Tool("Reads the reviews of a place")
        public List<String> reviews(@P("the place") String place) {
            reads.incrementAndGet();
            if (place.isBlank()) {
                throw new IllegalArgumentException("no place given");
            }
            List<String> reviews = new ArrayList<>();
            reviews.add("Lovely stay in Paris, the " + place + " staff were kind.");
            reviews.add("Lyon was rainy but the " + place + " was warm.");
            for (int i = 3; i <= 200; i++) {
                reviews.add("Review " + i + ": clean rooms, nothing else to say.");
            }
            return reviews;
        }

        @Tool("Counts the items of a list")
        public long count(@P("the items") List<Object> items) {
            return items.size();
        }
    }

    private final Reviews reviews = new Reviews();

    /** The model's replies to {@link #PLAN}, which the worker's reply passes. */
    private static ScriptedLlm.Roles citiesScript() {
        return ScriptedLlm.byRole()
                .planner(PLAN)
                .worker("[\"Paris\", \"Lyon\"]")
                .solver("The reviews mention 2 cities.");
    }

    private Agent.Builder agent(ScriptedLlm llm) {
        return Agent.builder().llm(llm).judge(Judges.passing()).tools(reviews);
    }

    @Test
    void an_llm_step_gets_a_bounded_preview_of_the_evidence_it_names_and_its_json_value_flows_to_a_later_step() {
        // given
        ScriptedLlm llm = citiesScript().build();

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThatRun(result).isVerified().ranTools("reviews", "llm", "count");
        LlmRequest worker = llm.requests(Role.WORKER).get(0);
        assertThat(worker.lastUserText())
                .startsWith("List the city names mentioned in [\"Lovely stay in Paris, the hotel staff were kind.\","
                        + " \"Lyon was rainy but the hotel was warm.\"")
                .contains(" more of 200)]")
                .doesNotContain("Review 200:")
                .endsWith("Reply with one JSON value, and nothing else, that follows this JSON schema:\n"
                        + "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(worker.lastUserText().length()).isLessThan(1200);
        assertThat(worker.jsonSchemaIfSet()).isEmpty(); // a text-only model gets the schema in the prompt only
        assertThat(result.lastAttempt().steps())
                .extracting(StepTrace::detail)
                .element(1)
                .isEqualTo("[\"Paris\", \"Lyon\"]");
        assertThat(result.lastAttempt().steps())
                .extracting(StepTrace::detail)
                .element(2)
                .isEqualTo("2");
    }

    @Test
    void constrains_the_worker_reply_with_the_schema_on_models_that_support_one() {
        // given
        ScriptedLlm llm = citiesScript()
                .capabilities(new LlmCapabilities(true, false, false, 0))
                .build();

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThatRun(result).isVerified();
        assertThat(llm.requests(Role.WORKER).get(0).jsonSchemaIfSet())
                .contains("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    }

    @Test
    void reports_the_workers_tokens_as_its_own_role_in_the_usage_and_the_trace() {
        // given
        ScriptedLlm llm = citiesScript().build();

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then: ScriptedLlm counts words as tokens; the reply is 2 words
        LlmRequest request = llm.requests(Role.WORKER).get(0);
        int input = request.messages().stream()
                .mapToInt(m -> m.text().strip().split("\\s+").length)
                .sum();
        assertThat(result.usage().worker().outputTokens()).isEqualTo(2);
        assertThat(result.usage().worker().inputTokens()).isEqualTo(input);
        assertThat(result.usage().total().totalTokens())
                .isEqualTo(result.usage().planner().totalTokens()
                        + result.usage().solver().totalTokens()
                        + result.usage().worker().totalTokens());
        assertThat(result.toJson()).contains("\"worker\":{\"input\":" + input + ",\"output\":2}");
        assertThat(RunReport.of(result).html())
                .contains("<tr><th scope=\"row\">executor (tools and llm steps)</th><td class=\"num\">" + input
                        + "</td><td class=\"num\">2</td>");
    }

    @Test
    void an_unparseable_worker_reply_fails_its_step_with_a_clear_error_and_skips_its_dependents() {
        // given
        ScriptedLlm llm =
                ScriptedLlm.byRole().planner(PLAN).worker("Paris and Lyon").build();

        // when
        AgentResult result = agent(llm).maxReplans(0).build().run(TASK);

        // then
        assertThatRun(result).stoppedBecause(StopReason.Kind.MAX_REPLANS);
        List<StepTrace> steps = result.lastAttempt().steps();
        assertThat(steps)
                .extracting(StepTrace::status)
                .containsExactly(StepTrace.Status.DONE, StepTrace.Status.FAILED, StepTrace.Status.SKIPPED);
        assertThat(steps.get(1).detail())
                .isEqualTo("tool 'llm' failed: the worker model's reply does not follow the schema: expected a JSON"
                        + " array in the model's reply but found none; the reply was: 'Paris and Lyon'");
        assertThat(steps.get(2).detail()).isEqualTo("depends on #E2, which failed");
    }

    @Test
    void a_reply_without_a_required_property_fails_its_step_naming_the_property() {
        // given
        String plan = """
                #E1 = reviews("hotel")
                #E2 = llm("Which city does #E1 mention first, and how often?", {"type": "object", \
                "properties": {"city": {"type": "string"}, "times": {"type": "integer"}}, "required": ["city", "times"]})
                """;
        ScriptedLlm llm = ScriptedLlm.byRole()
                .planner(plan)
                .worker("{\"city\": \"Paris\"}")
                .build();

        // when
        AgentResult result = agent(llm).maxReplans(0).build().run(TASK);

        // then
        assertThat(result.lastAttempt().steps().get(1).detail())
                .isEqualTo("tool 'llm' failed: the worker model's reply does not follow the schema: the JSON object"
                        + " lacks the required property 'times'; the reply was: '{\"city\": \"Paris\"}'");
    }

    @Test
    void without_a_schema_the_step_evidence_is_the_reply_text() {
        // given: the JSON plan form, the prompt given by name
        String plan = """
                {"steps": [
                  {"id": "E1", "tool": "reviews", "args": {"place": "hotel"}},
                  {"id": "E2", "tool": "llm", "args": {"prompt": "Summarise #E1 in one sentence."}}],
                 "criteria": ["contains(#E2, \\"clean\\")"]}
                """;
        ScriptedLlm llm = ScriptedLlm.byRole()
                .planner(plan)
                .worker("  Guests liked the clean rooms in Paris and Lyon.  ")
                .solver("Guests liked the clean rooms.")
                .build();

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThatRun(result).isVerified();
        assertThat(result.lastAttempt().steps().get(1).detail())
                .isEqualTo("Guests liked the clean rooms in Paris and Lyon.");
        assertThat(llm.requests(Role.WORKER).get(0).lastUserText()).startsWith("Summarise [\"Lovely stay in Paris");
    }

    @Test
    void runs_llm_steps_on_the_worker_model_when_one_is_given() {
        // given
        ScriptedLlm main =
                ScriptedLlm.byRole().planner(PLAN).solver("2 cities.").build();
        ScriptedLlm small = ScriptedLlm.byRole().worker("[\"Paris\", \"Lyon\"]").build();

        // when
        AgentResult result = agent(main).workerLlm(small).build().run(TASK);

        // then
        assertThatRun(result).isVerified();
        assertThat(main.requests(Role.WORKER)).isEmpty();
        assertThat(small.requests()).hasSize(1);
    }

    @Test
    void the_worker_tokens_count_toward_max_tokens() {
        // given: a budget that the planner's tokens leave one token of, so the first LLM step may call the model but
        // the second, which needs the first's result, may not
        String plan = PLAN.replace("#E3 = count(#E2)", "#E3 = llm(\"Which of #E2 is the capital?\")");
        ScriptedLlm measure = ScriptedLlm.byRole().planner(plan).build();
        long plannerTokens = agent(measure)
                .maxReplans(0)
                .maxRepairs(0)
                .build()
                .run(TASK)
                .usage()
                .planner()
                .totalTokens();
        assertThat(plannerTokens).isPositive();
        ScriptedLlm llm = ScriptedLlm.byRole()
                .planner(plan)
                .worker("[\"Paris\", \"Lyon\"]", "Paris")
                .build();

        // when
        AgentResult result = agent(llm).maxTokens(plannerTokens + 1).build().run(TASK);

        // then
        assertThatRun(result).stoppedBecause(StopReason.Kind.MAX_TOKENS);
        assertThat(llm.requests(Role.WORKER)).hasSize(1);
        long used = plannerTokens + result.usage().worker().totalTokens();
        assertThat(result.attempts().get(0).steps().get(2).detail())
                .isEqualTo("tool 'llm' failed: no budget left: the run used " + used + " model tokens and maxTokens is "
                        + (plannerTokens + 1));
        assertThat(result.usage().total().totalTokens()).isEqualTo(used);
    }

    @Test
    void a_replan_that_repeats_an_llm_step_reuses_its_result_since_the_tool_has_no_side_effects() {
        // given: the first plan's last step fails when it runs; the second repeats the first two steps exactly
        String first = PLAN.replace("#E3 = count(#E2)", "#E3 = reviews(\"\")");
        ScriptedLlm llm = ScriptedLlm.byRole()
                .planner(first, PLAN)
                .worker("[\"Paris\", \"Lyon\"]")
                .solver("2 cities.")
                .build();

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThatRun(result).isVerified();
        assertThat(result.attempts()).hasSize(2);
        assertThat(llm.requests(Role.WORKER)).hasSize(1);
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::reused).containsExactly(true, true, false);
    }

    @Test
    void the_planner_is_shown_the_llm_tool_with_an_example() {
        // given
        ScriptedLlm llm = citiesScript().build();

        // when
        agent(llm).build().run(TASK);

        // then
        String system = llm.requests(Role.PLANNER).get(0).messages().get(0).text();
        assertThat(system)
                .contains("llm(prompt: String, schema?: Map) -> Object: Asks a language model to extract, classify or"
                        + " summarise from earlier evidence what no other tool computes, e.g. #E3 = llm(\"List the city"
                        + " names in #E2\", {\"type\": \"array\", \"items\": {\"type\": \"string\"}}).");
    }

    @Test
    void the_llm_tool_is_free_of_side_effects_and_absent_without_a_worker_model_or_when_turned_off() {
        ScriptedLlm llm = ScriptedLlm.replying();

        assertThat(agent(llm).build().tools.effects("llm")).isEqualTo(ToolDescriptor.Effects.NONE);
        assertThat(agent(llm).llmSteps(false).build().tools.find("llm")).isEmpty();
        Agent withoutWorker = Agent.builder()
                .plannerLlm(llm)
                .solverLlm(llm)
                .judge(Judges.passing())
                .tools(reviews)
                .build();
        assertThat(withoutWorker.tools.find("llm")).isEmpty();
        assertThat(withoutWorker.worker).isNull();
    }

    /** A toolkit of the user's with its own tool named {@code llm}. */
    public static final class OwnLlm {
        @Tool("Calls my model")
        public String llm(String prompt) {
            return prompt;
        }
    }

    @Test
    void a_tool_of_the_users_named_llm_fails_the_build_saying_how_to_keep_it() {
        ScriptedLlm llm = ScriptedLlm.replying();

        assertThatThrownBy(() -> agent(llm).tools(new OwnLlm()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A tool of yours is named 'llm', the name of the built-in LLM step tool: rename yours with"
                        + " @Tool(name = \"...\"), or turn LLM steps off with llmSteps(false).");
        assertThat(agent(llm).tools(new OwnLlm()).llmSteps(false).build().tools.find("llm"))
                .hasValueSatisfying(tool -> assertThat(tool.description()).isEqualTo("Calls my model"));
    }
}
