package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tool.ToolRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

    static final String TASK = "What is the total of series a?";

    static final String PLAN_A = """
            Plan: Read series a.
            #E1 = series("a")
            Plan: Add it up.
            #E2 = sum(#E1)
            Criteria:
            - the total is positive
            """;

    static final String PLAN_BROKEN = """
            Plan: Read the series.
            #E1 = series("broken")
            #E2 = sum(#E1)
            Criteria:
            - the total is positive
            """;

    static final String USER = "Data context:\nseries: a (3 numbers), b (2 numbers)\n\nTask: " + TASK;

    private final AgentTools tools = new AgentTools();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private Agent.Builder agent(ScriptedLlm llm) {
        return Agent.builder().llm(llm).judge(Judges.passing()).tools(tools).listener(events::add);
    }

    /** A second toolkit without tools of its own that only brings an example. */
    public static final class ExampleKit implements Toolkit {
        private final String examples;

        ExampleKit(String examples) {
            this.examples = examples;
        }

        @dev.langchain4j.agent.tool.Tool("Says nothing")
        public String nothing() {
            return "";
        }

        @Override
        public String examples() {
            return examples;
        }
    }

    /** Another one, with a tool of another name. */
    public static final class QuietKit implements Toolkit {
        @dev.langchain4j.agent.tool.Tool("Stays quiet")
        public String quiet() {
            return "";
        }

        @Override
        public String examples() {
            return "Task: Stay quiet.\n#E1 = quiet()\nCriteria:\n- #E1 == \"\"";
        }
    }

    @Test
    void the_planner_shows_the_examples_of_the_toolkits_that_have_some_and_the_generic_ones_only_without_them() {
        // given
        String first = "Task: Total of a.\n#E1 = series(\"a\")\n#E2 = sum(#E1)\nCriteria:\n- #E2 > 0";
        String second = "Task: Stay quiet.\n#E1 = quiet()\nCriteria:\n- #E1 == \"\"";
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");
        ScriptedLlm generic = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        agent(llm).tools(new ExampleKit(first + "\n"), new QuietKit()).build().run(TASK);
        agent(generic).build().run(TASK);

        // then
        String system = llm.requests().get(0).messages().get(0).text();
        assertThat(system).contains(first + "\n\n" + second + "\n").doesNotContain("sales.csv");
        assertThat(generic.requests().get(0).messages().get(0).text())
                .contains("Task: Which 3 regions had the highest total revenue in sales.csv?");
    }

    @Test
    void previews_the_tools_shown_and_the_first_planner_request_without_calling_the_model() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");
        Agent agent = agent(llm)
                .toolSelector(
                        (task, registry) -> List.of(registry.find("series").orElseThrow()))
                .toolSelection(true)
                .build();

        // when
        ToolSelector.Selection shown = agent.toolsFor(TASK);
        LlmRequest preview = agent.plannerRequest(TASK);

        // then
        assertThat(shown.toolNames()).containsExactly("series");
        assertThat(agent.plannerRequest(TASK, shown)).isEqualTo(preview);
        assertThat(llm.requests()).isEmpty();
        assertThat(preview.messages().get(1).text())
                .startsWith("## Tools for this task\nseries(name: String)")
                .doesNotContain("sum(values");
        agent.run(TASK);
        assertThat(llm.requests().get(0)).isEqualTo(preview);
        assertThatThrownBy(() -> agent.plannerRequest(" ")).hasMessage("task must not be blank");
    }

    @Test
    void solves_with_the_first_plan() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.answer()).isEqualTo("The total is 6.");
        assertThat(result.stopReason()).isEqualTo(new StopReason(StopReason.Kind.SOLVED, "solved in 1 attempt"));
        assertThat(result.attempts()).hasSize(1);
        Attempt attempt = result.lastAttempt();
        assertThat(attempt.planText()).isEqualTo(PLAN_A);
        assertThat(attempt.rounds()).extracting(PlannerRound::problems).containsExactly(List.of());
        assertThat(attempt.steps())
                .extracting(StepTrace::call, StepTrace::status, StepTrace::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("#E1 = series(\"a\")", StepTrace.Status.DONE, "[1, 2, 3]"),
                        org.assertj.core.groups.Tuple.tuple("#E2 = sum(#E1)", StepTrace.Status.DONE, "6"));
        assertThat(attempt.report().orElseThrow().verdicts())
                .extracting(Verdict::criterion, Verdict::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("the total is positive", Verdict.Status.PASSED));
        assertThat(result.verdict()).isEqualTo(attempt.report());
        assertThat(tools.calls("series")).isEqualTo(1);
        // the planner's prompt: the registry's tools, the toolkit's context, the task
        LlmRequest planning = llm.requests().get(0);
        assertThat(planning.messages().get(0).text())
                .contains(ToolRegistry.of(new AgentTools()).render())
                .contains("sorted(#E<n>, \"col\", \"asc\" or \"desc\")")
                .contains("#E4 = head(#E3, 3)");
        assertThat(planning.messages().get(1)).isEqualTo(ChatMessage.user(USER));
        assertThat(attempt.prompt()).isEqualTo(planning.messages());
        // usage per role, from the model's replies and the judge
        assertThat(result.usage().planner().outputTokens()).isEqualTo(wordCount(PLAN_A));
        assertThat(result.usage().tester()).isEqualTo(new TokenUsage(10, 2));
        assertThat(result.usage().solver().outputTokens()).isEqualTo(4);
        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence("Planned", "Step", "Tested", "Solved")
                .doesNotContain("Repairing", "Replanning", "Stopped");
    }

    @Test
    void repairs_a_malformed_plan_then_solves() {
        // given
        String prose = "I would add up the numbers of series a.";
        ScriptedLlm llm = ScriptedLlm.replying(prose, PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        Attempt attempt = result.lastAttempt();
        assertThat(attempt.rounds()).hasSize(2);
        String parseError = "no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")' or a"
                + " JSON object with \"steps\"; got: '" + prose + "'";
        assertThat(attempt.rounds().get(0).problems()).containsExactly(parseError);
        assertThat(attempt.planText()).isEqualTo(PLAN_A);
        LlmRequest repair = llm.requests().get(1);
        assertThat(repair.messages()).hasSize(4);
        assertThat(repair.messages().get(2)).isEqualTo(ChatMessage.assistant(prose));
        assertThat(repair.messages().get(3))
                .isEqualTo(ChatMessage.user("Your plan cannot be used:\n- " + parseError
                        + "\nWrite the whole plan again with these problems fixed."));
        assertThat(events).filteredOn(AgentEvent.Repairing.class::isInstance).hasSize(1);
    }

    @Test
    void repairs_a_plan_that_uses_an_unknown_tool() {
        // given
        String unknown = PLAN_A.replace("sum(#E1)", "total(#E1)");
        ScriptedLlm llm = ScriptedLlm.replying(unknown, PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.lastAttempt().rounds().get(0).problems())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("#E2: unknown tool 'total'");
        assertThat(llm.requests().get(1).messages().get(3).text())
                .startsWith("Your plan cannot be used:\n- #E2: unknown tool 'total'");
        assertThat(tools.calls("series")).isEqualTo(1);
    }

    @Test
    void replans_after_a_tool_throws_then_solves() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_BROKEN, PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.stopReason().message()).isEqualTo("solved in 2 attempts");
        assertThat(result.attempts()).hasSize(2);
        Attempt first = result.attempts().get(0);
        assertThat(first.report()).isEmpty();
        assertThat(first.steps())
                .extracting(StepTrace::status)
                .containsExactly(StepTrace.Status.FAILED, StepTrace.Status.SKIPPED);
        String error = "tool 'series' failed: series 'broken' is corrupt; series: a, b";
        assertThat(first.steps().get(0).detail()).isEqualTo(error);
        assertThat(llm.requests().get(1).messages().get(1).text()).isEqualTo(USER + """


                Your previous plan for this task did not work.
                Previous plan:
                Plan: Read the series.
                #E1 = series("broken")
                #E2 = sum(#E1)
                Criteria:
                - the total is positive
                Steps that failed:
                - #E1 = series("broken") failed: %s
                Write a new plan for the task that avoids these problems. A step that your new plan repeats exactly \
                may reuse its earlier result instead of running again, but only if its tool is declared free of side \
                effects; every other step runs again.
                """.formatted(error));
        assertThat(events).filteredOn(AgentEvent.Replanning.class::isInstance).hasSize(1);
    }

    @Test
    void replans_after_a_criterion_fails_then_solves() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, PLAN_A.replace("\"a\"", "\"b\""), "The total is 30.");
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.scripted(Judges.fail("the task asks for series b, not a")))
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.answer()).isEqualTo("The total is 30.");
        assertThat(result.attempts())
                .extracting(a -> a.report().orElseThrow().overall())
                .containsExactly(Verdict.Status.FAILED, Verdict.Status.PASSED);
        assertThat(llm.requests().get(1).messages().get(1).text()).endsWith("""
                - the total is positive
                Criteria that failed:
                - the total is positive: the task asks for series b, not a
                Write a new plan for the task that avoids these problems. A step that your new plan repeats exactly \
                may reuse its earlier result instead of running again, but only if its tool is declared free of side \
                effects; every other step runs again.
                """);
    }

    @Test
    void never_runs_again_a_step_that_the_new_plan_repeats_exactly() {
        // given: the second plan repeats #E1 and #E2 of the first, and adds a step
        String second = """
                #E1 = series("a")
                #E2 = sum(#E1)
                #E3 = series("b")
                #E4 = sum(#E3)
                Criteria:
                - both totals are positive
                """;
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, second, "6 and 30.");
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.scripted(Judges.fail("only one total")))
                .tools(tools)
                .listener(events::add)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(tools.calls("series")).isEqualTo(2);
        assertThat(tools.calls("sum")).isEqualTo(2);
        assertThat(result.lastAttempt().steps())
                .extracting(StepTrace::reused)
                .containsExactly(true, true, false, false);
        assertThat(result.lastAttempt().steps())
                .extracting(StepTrace::detail)
                .containsExactly("[1, 2, 3]", "6", "[10, 20]", "30");
        assertThat(events)
                .filteredOn(AgentEvent.StepReused.class::isInstance)
                .extracting(e -> ((AgentEvent.StepReused) e).step())
                .containsExactly(StepId.of(1), StepId.of(2));
    }

    @Test
    void runs_again_a_step_whose_upstream_changed() {
        // given: #E2 = sum(#E1) again, but #E1 now reads another series
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, PLAN_A.replace("\"a\"", "\"b\""), "30.");
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.scripted(Judges.fail("wrong series")))
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(tools.calls("sum")).isEqualTo(2);
        assertThat(result.lastAttempt().reusedSteps()).isZero();
    }

    @Test
    void stops_when_the_replans_are_used_up_and_names_the_budget() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_BROKEN, PLAN_BROKEN);

        // when
        AgentResult result = agent(llm).maxReplans(1).build().run(TASK);

        // then
        assertThat(result.solved()).isFalse();
        assertThat(result.answer()).isEmpty();
        assertThat(result.stopReason())
                .isEqualTo(new StopReason(
                        StopReason.Kind.MAX_REPLANS,
                        "attempt 2 failed and maxReplans is 1; step #E1 = series(\"broken\") failed: tool 'series' failed: "
                                + "series 'broken' is corrupt; series: a, b"));
        assertThat(result.stopReason().kind().isBudget()).isTrue();
        assertThat(result.attempts()).hasSize(2);
        assertThat(events).last().isEqualTo(new AgentEvent.Stopped(result.runId(), result.stopReason()));
    }

    @Test
    void stops_when_the_token_budget_is_used_up_and_names_the_budget() {
        // given: the first planner call alone uses more than 50 tokens (words, for the scripted model)
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).maxTokens(50).build().run(TASK);

        // then
        assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.MAX_TOKENS);
        assertThat(result.stopReason().message())
                .isEqualTo(
                        "the run used " + result.usage().total().totalTokens() + " model tokens and maxTokens is 50");
        assertThat(llm.requests()).hasSize(1);
        assertThat(tools.calls("series")).isZero();
    }

    @Test
    void stops_when_the_wall_clock_is_used_up_and_names_the_budget() {
        // given: reading a series takes ten minutes by the agent's clock
        MutableClock clock = new MutableClock();
        tools.onSeries(() -> clock.advance(Duration.ofMinutes(10)));
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        AgentResult result =
                agent(llm).clock(clock).wallClock(Duration.ofMinutes(5)).build().run(TASK);

        // then
        assertThat(result.stopReason())
                .isEqualTo(
                        new StopReason(StopReason.Kind.WALL_CLOCK, "the run has taken 600 s and wallClock is 300 s"));
        assertThat(result.lastAttempt().steps()).hasSize(2);
        assertThat(result.lastAttempt().report()).isEmpty();
    }

    @Test
    void stops_when_no_usable_plan_comes_within_the_repairs_and_names_the_budget() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("no idea", "still no idea");

        // when
        AgentResult result = agent(llm).maxRepairs(1).build().run(TASK);

        // then
        assertThat(result.stopReason())
                .isEqualTo(new StopReason(
                        StopReason.Kind.MAX_REPAIRS,
                        "no usable plan after 2 replies in attempt 1 (maxRepairs is 1); the last reply's problems:\n"
                                + "- no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")' or a"
                                + " JSON object with \"steps\"; got: 'still no idea'"));
        assertThat(result.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.plan()).isEmpty());
    }

    @Test
    void stops_when_plans_keep_having_too_many_steps_and_names_the_budget() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, PLAN_A);

        // when
        AgentResult result = agent(llm).maxStepsPerPlan(1).maxRepairs(1).build().run(TASK);

        // then
        assertThat(result.stopReason())
                .isEqualTo(new StopReason(
                        StopReason.Kind.MAX_STEPS,
                        "the planner's plans kept having more than 1 steps (maxStepsPerPlan is 1): 2 in its last reply of "
                                + "attempt 1"));
        assertThat(llm.requests().get(1).messages().get(3).text())
                .contains("- the plan has 2 steps but at most 1 are allowed; combine or drop steps");
    }

    @Test
    void reads_the_testers_judgement_wrapped_in_prose() {
        // given: the default LLM judge runs on the tester's model, which wraps its JSON in prose and a fence
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");
        ScriptedLlm testerLlm = ScriptedLlm.replying("""
                Sure! Here is my verdict:
                ```json
                {"verdict": "fail", "confidence": 0.9, "reason": "the total should be of series b",}
                ```
                Hope this helps.""", """
                Looking at the evidence, {'verdict': 'pass', 'confidence': 0.95, 'reason': 'positive'} is my answer.""");
        ScriptedLlm planner = ScriptedLlm.replying(PLAN_A, PLAN_A.replace("\"a\"", "\"b\""));
        Agent agent = Agent.builder()
                .plannerLlm(planner)
                .testerLlm(testerLlm)
                .solverLlm(ScriptedLlm.replying("The total is 30."))
                .tools(tools)
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.answer()).isEqualTo("The total is 30.");
        assertThat(result.attempts())
                .extracting(a -> a.report().orElseThrow().verdicts().get(0))
                .extracting(Verdict::status, Verdict::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Verdict.Status.FAILED, "the total should be of series b"),
                        org.assertj.core.groups.Tuple.tuple(
                                Verdict.Status.PASSED,
                                "positive (judged without a guarantee: judge 'scripted judge' is not calibrated)"));
        assertThat(result.needsHumanReview()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(testerLlm.requests()).hasSize(2);
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void an_abstaining_tester_still_gets_an_answer_that_needs_human_review() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        AgentResult result = Agent.builder()
                .llm(llm)
                .judge(Judges.abstaining())
                .tools(tools)
                .build()
                .run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.answer()).isEqualTo("The total is 6.");
        assertThat(result.needsHumanReview()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.abstentions()).extracting(Verdict::criterion).containsExactly("the total is positive");
        assertThat(result.stopReason().message())
                .isEqualTo("solved in 1 attempt; needs human review: the tester abstained on 1 of 1 criteria");
        assertThat(result.attempts()).hasSize(1);
        assertThat(result.fineTuningRecord()).isEmpty();
    }

    @Test
    void a_throwing_listener_does_not_stop_the_run() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");
        Agent agent = agent(llm)
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .build();

        // when
        AgentResult result = agent.run(TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(events).isNotEmpty();
    }

    @Test
    void a_failing_model_ends_the_run_with_a_reason() {
        // given: the script has no reply for the solver
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A);

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.MODEL_FAILED);
        assertThat(result.stopReason().message())
                .startsWith("the solver's model failed: ScriptedLlm has no reply left");
        assertThat(result.stopReason().kind().isBudget()).isFalse();
    }

    @Test
    void asks_for_a_json_plan_under_a_bounded_schema_when_the_model_supports_it() {
        // given
        String json = """
                {"steps": [{"id": "E1", "thought": "read", "tool": "series", "args": {"name": "a"}},
                           {"id": "E2", "thought": "add", "tool": "sum", "args": {"values": "#E1"}}],
                 "criteria": ["the total is positive"]}""";
        ScriptedLlm llm = ScriptedLlm.replying(json, "6")
                .withCapabilities(new dev.pev4j.llm.LocalLlm.LlmCapabilities(true, false, false, 0));

        // when
        AgentResult result = agent(llm).build().run(TASK);

        // then
        assertThat(result.answer()).isEqualTo("6");
        assertThat(llm.requests().get(0).jsonSchemaIfSet())
                .hasValueSatisfying(schema -> assertThat(schema)
                        .contains("\"tool\":{\"type\":\"string\",\"enum\":[\"series\"]}")
                        .contains("\"tool\":{\"type\":\"string\",\"enum\":[\"sum\"]}")
                        .contains("\"maxItems\":12"));
        assertThat(llm.requests().get(1).jsonSchemaIfSet()).isEmpty();
    }

    @Test
    void the_trace_serialises_to_json_with_previews_only() throws Exception {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_BROKEN, PLAN_A, "The total is 6.");
        AgentResult result = agent(llm).build().run(TASK);

        // when
        JsonNode json = new ObjectMapper().readTree(result.toJson());

        // then
        assertThat(json.get("task").asText()).isEqualTo(TASK);
        assertThat(json.get("answer").asText()).isEqualTo("The total is 6.");
        assertThat(json.get("solved").asBoolean()).isTrue();
        assertThat(json.at("/stop/kind").asText()).isEqualTo("SOLVED");
        assertThat(json.at("/usage/total/input").asInt())
                .isEqualTo(result.usage().total().inputTokens());
        assertThat(json.at("/verdict/overall").asText()).isEqualTo("PASSED");
        assertThat(json.get("attempts")).hasSize(2);
        assertThat(json.at("/attempts/0/steps/0/status").asText()).isEqualTo("FAILED");
        assertThat(json.at("/attempts/0/report").isNull()).isTrue();
        assertThat(json.at("/attempts/1/steps/1/call").asText()).isEqualTo("#E2 = sum(#E1)");
        assertThat(json.at("/attempts/1/steps/1/detail").asText()).isEqualTo("6");
        assertThat(json.at("/attempts/1/plan/criteria/0").asText()).isEqualTo("the total is positive");
        assertThat(json.at("/attempts/1/planText").asText()).isEqualTo(PLAN_A);
        assertThat(json.at("/attempts/1/prompt/0/role").asText()).isEqualTo("system");
        assertThat(json.at("/attempts/1/report/verdicts/0/method").asText()).isEqualTo("CALIBRATED_JUDGE");
        assertThat(json.at("/attempts/1/report/verdicts/0/guaranteed").asBoolean())
                .isTrue();
        assertThat(json.at("/verified").asBoolean()).isTrue();
    }

    /** Previews number series as one-column tables. */
    public static final class SeriesTableKit implements Toolkit {
        @dev.langchain4j.agent.tool.Tool("Says nothing")
        public String nothing() {
            return "";
        }

        @Override
        public List<ValuePreviewer> previewers() {
            return List.of(new ValuePreviewer() {
                @Override
                public Optional<String> preview(Object value, int maxChars) {
                    return structured(value, maxChars).map(ValuePreviewer.Preview::text);
                }

                @Override
                public Optional<ValuePreviewer.Preview> structured(Object value, int maxChars) {
                    if (!(value instanceof List<?> list)) {
                        return Optional.empty();
                    }
                    List<List<String>> rows =
                            list.stream().map(v -> List.of(String.valueOf(v))).toList();
                    return Optional.of(ValuePreviewer.Preview.of(
                            "series of " + list.size(),
                            new ValuePreviewer.TableCells(
                                    "Series: " + list.size() + " rows", List.of("value"), List.of("int64"), rows, 0)));
                }
            });
        }
    }

    @Test
    void the_trace_keeps_the_cells_a_previewer_showed_and_writes_them_to_json() throws Exception {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).tools(new SeriesTableKit()).build().run(TASK);
        JsonNode json = new ObjectMapper().readTree(result.toJson());

        // then
        StepTrace series = result.lastAttempt().steps().get(0);
        assertThat(series.detail()).isEqualTo("series of 3");
        assertThat(series.cells())
                .contains(new ValuePreviewer.TableCells(
                        "Series: 3 rows",
                        List.of("value"),
                        List.of("int64"),
                        List.of(List.of("1"), List.of("2"), List.of("3")),
                        0));
        assertThat(result.lastAttempt().steps().get(1).cells()).isEmpty();
        assertThat(json.at("/attempts/0/steps/0/cells").toString())
                .isEqualTo("{\"title\":\"Series: 3 rows\",\"columns\":[\"value\"],\"dtypes\":[\"int64\"],"
                        + "\"rows\":[[\"1\"],[\"2\"],[\"3\"]],\"moreRows\":0}");
        assertThat(json.at("/attempts/0/steps/1").has("cells")).isFalse();
    }

    @Test
    void exports_verified_runs_as_chat_format_fine_tuning_records(@TempDir Path dir) throws Exception {
        // given: one verified run and one that stopped
        AgentResult verified =
                agent(ScriptedLlm.replying(PLAN_BROKEN, PLAN_A, "6")).build().run(TASK);
        AgentResult stopped =
                agent(ScriptedLlm.replying(PLAN_BROKEN)).maxReplans(0).build().run(TASK);
        Path file = dir.resolve("plans.jsonl");
        Files.writeString(file, "old content\n");

        // when
        int written = FineTuningExport.write(file, List.of(verified, stopped));

        // then
        assertThat(written).isEqualTo(1);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode record = new ObjectMapper().readTree(lines.get(0));
        assertThat(record.get("messages")).hasSize(3);
        assertThat(record.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(record.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(record.at("/messages/1/content").asText()).startsWith(USER + "\n\nYour previous plan");
        assertThat(record.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(record.at("/messages/2/content").asText()).isEqualTo(PLAN_A);
        assertThat(PlanParser.create()
                        .parse(record.at("/messages/2/content").asText())
                        .steps())
                .hasSize(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rejects_incomplete_and_invalid_configuration_with_a_sentence() {
        assertThatThrownBy(() -> Agent.builder().llm(ScriptedLlm.replying()).build())
                .hasMessage("An Agent needs tools: pass the objects whose @Tool methods it may call to tools(...).");
        assertThatThrownBy(() -> Agent.builder().tools(tools).build())
                .hasMessage("An Agent needs a model for the planner: pass one to llm(...) or plannerLlm(...).");
        assertThatThrownBy(() -> Agent.builder()
                        .tools(tools)
                        .plannerLlm(ScriptedLlm.replying())
                        .build())
                .hasMessage("An Agent needs a model for the solver: pass one to llm(...) or solverLlm(...).");
        assertThatThrownBy(() -> Agent.builder()
                        .tools(tools)
                        .plannerLlm(ScriptedLlm.replying())
                        .solverLlm(ScriptedLlm.replying())
                        .build())
                .hasMessage("An Agent needs a judge for the criteria that cannot be checked in code: pass one to "
                        + "judge(...), or a model to testerLlm(...) or llm(...).");
        assertThatThrownBy(() -> Agent.builder().maxReplans(-1)).hasMessage("maxReplans must be >= 0 but was -1");
        assertThatThrownBy(() -> Agent.builder().maxTokens(0)).hasMessage("maxTokens must be >= 1 but was 0");
        assertThatThrownBy(() -> Agent.builder().wallClock(Duration.ZERO))
                .hasMessage("wallClock must be positive but was PT0S");
        assertThatThrownBy(() -> Agent.builder().maxStepsPerPlan(0))
                .hasMessage("maxStepsPerPlan must be >= 1 but was 0");
        assertThatThrownBy(() -> agent(ScriptedLlm.replying()).build().run(" ")).hasMessage("task must not be blank");
    }

    private static int wordCount(String text) {
        return text.strip().split("\\s+").length;
    }

    /** A clock tests move by hand. Thread-safe. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration by) {
            synchronized (this) {
                now = now.plus(by);
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
