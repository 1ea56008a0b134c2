package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.tool.Inventory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AgentApprovalTest {

    private final AgentTools tools = new AgentTools();
    private final List<Agent.PlanReview> reviews = new CopyOnWriteArrayList<>();

    private Agent agent(ScriptedLlm llm, Agent.PlanApprover approver) {
        return Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(tools)
                .approver(review -> {
                    reviews.add(review);
                    return approver.review(review);
                })
                .build();
    }

    @Test
    void an_approved_plan_runs_as_the_planner_wrote_it() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm, review -> Agent.Approval.approve()).run(AgentTest.TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(reviews).singleElement().satisfies(review -> {
            assertThat(review.task()).isEqualTo(AgentTest.TASK);
            assertThat(review.attempt()).isEqualTo(1);
            assertThat(review.plan().steps()).hasSize(2);
        });
    }

    @Test
    void an_edited_plan_is_what_runs() {
        // given: the reviewer reads series b instead of a
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "The total is 30.");
        Agent agent = agent(
                llm,
                review -> Agent.Approval.edit(
                        PlanParser.create().parse(review.plan().toString().replace("\"a\"", "\"b\""))));

        // when
        AgentResult result = agent.run(AgentTest.TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::detail).containsExactly("[10, 20]", "30");
        assertThat(result.lastAttempt().plan().orElseThrow().steps().get(0).toString())
                .isEqualTo("#E1 = series(\"b\")");
    }

    @Test
    void a_rejected_plan_never_runs_and_its_reason_goes_to_the_planner() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, AgentTest.PLAN_A, "The total is 6.");
        Agent agent = agent(
                llm,
                review -> review.attempt() == 1
                        ? Agent.Approval.reject("add a step that checks the series is not empty")
                        : Agent.Approval.approve());

        // when
        AgentResult result = agent.run(AgentTest.TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.attempts()).hasSize(2);
        assertThat(result.attempts().get(0).steps()).isEmpty();
        assertThat(tools.calls("series")).isEqualTo(1);
        assertThat(llm.requests().get(1).lastUserText())
                .contains(
                        "- the plan failed: was rejected before it ran: add a step that checks the series is not empty");
    }

    @Test
    void an_edit_with_problems_counts_as_a_rejection_that_names_them() {
        // given: the edit calls a tool that does not exist
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, AgentTest.PLAN_A, "The total is 6.");
        Agent agent = agent(
                llm,
                review -> review.attempt() == 1
                        ? Agent.Approval.edit(PlanParser.create().parse("#E1 = serie(\"a\")"))
                        : Agent.Approval.approve());

        // when
        AgentResult result = agent.run(AgentTest.TASK);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(tools.calls("series")).isEqualTo(1);
        assertThat(llm.requests().get(1).lastUserText())
                .contains("#E1 = series(\"a\")\n")
                .contains("- the plan failed: was edited before it ran, and the edit has problems: #E1: unknown tool "
                        + "'serie'; did you mean 'series'? Available tools: series, sum, llm\n");
    }

    @Test
    void a_rejection_counts_against_max_replans() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A);
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(tools)
                .maxReplans(0)
                .approver(review -> Agent.Approval.reject("not today"))
                .build();

        // when
        AgentResult result = agent.run(AgentTest.TASK);

        // then
        assertThat(result.solved()).isFalse();
        assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.MAX_REPLANS);
        assertThat(result.stopReason().message())
                .isEqualTo(
                        "attempt 1 failed and maxReplans is 0; step the plan failed: was rejected before it ran: not today");
        assertThat(tools.calls("series")).isZero();
    }

    @Test
    void an_approver_that_throws_ends_the_run_with_its_message() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A);
        Agent agent = agent(llm, review -> {
            throw new IllegalStateException("terminal closed");
        });

        // when
        AgentResult result = agent.run(AgentTest.TASK);

        // then
        assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.APPROVER_FAILED);
        assertThat(result.stopReason().message())
                .isEqualTo("the plan approver threw: java.lang.IllegalStateException: terminal closed");
        assertThat(tools.calls("series")).isZero();
    }

    @Test
    void the_review_text_marks_the_steps_with_side_effects() {
        // given
        String plan = """
                #E1 = reorder("widget", 10)
                #E2 = stock("widget")
                Criteria:
                - #E2 >= 10
                """;
        ScriptedLlm llm = ScriptedLlm.replying(plan);
        Agent agent = Agent.builder()
                .llm(llm)
                .judge(Judges.passing())
                .tools(new Inventory())
                .approver(review -> {
                    reviews.add(review);
                    return Agent.Approval.reject("just looking");
                })
                .maxReplans(0)
                .build();

        // when
        agent.run("Order widgets.");

        // then
        assertThat(reviews).singleElement().extracting(Agent.PlanReview::text).isEqualTo("""
                #E1 = reorder("widget", 10)   [side effects: runs in plan order, never reused]
                #E2 = stock("widget")
                Criteria:
                - #E2 >= 10
                """);
    }
}
