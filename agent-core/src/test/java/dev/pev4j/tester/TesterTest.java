package dev.pev4j.tester;

import static dev.pev4j.tester.Runs.row;
import static dev.pev4j.tester.Runs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TesterTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String PASS = "{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"each region once\"}";

    private static Runs sales() {
        return Runs.run()
                .done(
                        1,
                        table(
                                row("region", "North", "revenue_sum", 120.5),
                                row("region", "South", "revenue_sum", 80.0)))
                .done(2, 200.5);
    }

    /** A judge that answers from a function and records what it was asked. Thread-safe. */
    private static final class FakeJudge implements Judge {
        final List<JudgeRequest> requests = Collections.synchronizedList(new ArrayList<>());
        private final java.util.function.Function<JudgeRequest, Judgement> answer;

        FakeJudge(java.util.function.Function<JudgeRequest, Judgement> answer) {
            this.answer = answer;
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            requests.add(request);
            return answer.apply(request);
        }

        @Override
        public String name() {
            return "fake";
        }

        /** Claims a guarantee, as a calibrated judge does, so that its verdicts' reasons are its own. */
        @Override
        public java.util.Optional<Guarantee> guarantee() {
            return java.util.Optional.of(new Guarantee(0.1, 0.1));
        }
    }

    @Test
    void problems_name_criteria_that_refer_to_missing_steps_or_start_like_a_check_but_do_not_parse() {
        Plan plan = sales().plan(
                        "rows(#E1) > 0",
                        "the regions are listed once",
                        "#E3 > 100",
                        "#E2 == #E7 or #E9",
                        "rows(#E1) > 100 and and");

        assertThat(Tester.problems(plan))
                .containsExactly(
                        new Tester.CriterionProblem(
                                2,
                                "#E3 > 100",
                                "criterion '#E3 > 100' refers to #E3, which no step defines; the plan's steps are #E1,"
                                        + " #E2"),
                        new Tester.CriterionProblem(
                                3,
                                "#E2 == #E7 or #E9",
                                "criterion '#E2 == #E7 or #E9' refers to #E7, #E9, which no steps define; the plan's"
                                        + " steps are #E1, #E2"),
                        new Tester.CriterionProblem(
                                4,
                                "rows(#E1) > 100 and and",
                                "criterion 'rows(#E1) > 100 and and' starts like a check but does not parse; write one"
                                        + " comparison or predicate, such as rows(#E2) > 0, sorted(#E3, \"revenue\","
                                        + " \"desc\") or abs(#E5 - 1049.2) < 0.01, or a sentence for the judge"));
    }

    @Test
    void a_plan_whose_criteria_are_checks_and_prose_on_its_own_steps_has_no_problems() {
        assertThat(Tester.problems(sales().plan("rows(#E1) == 2", "#E2 > 200", "each region is listed once")))
                .isEmpty();
    }

    @Test
    void sends_only_the_criteria_that_are_not_checks_to_the_judge() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PASS);
        Runs run = sales();
        Plan plan = run.plan("rows(#E1) <= 3", "every region appears once", "sorted(#E1, \"revenue_sum\", \"desc\")");

        // when
        TestReport report =
                Tester.builder().judge(new LlmJudge(llm)).build().test("Revenue by region", plan, run.result());

        // then
        assertThat(llm.requests()).hasSize(1);
        String prompt = llm.requests().get(0).lastUserText();
        assertThat(prompt)
                .contains("Task: Revenue by region")
                .contains("Criterion: every region appears once")
                .doesNotContain("rows(#E1)")
                .doesNotContain("sorted(");
        assertThat(report.verdicts())
                .extracting(Verdict::criterion, Verdict::status, Verdict::method)
                .containsExactly(
                        tuple("rows(#E1) <= 3", Verdict.Status.PASSED, Verdict.Method.CHECK),
                        tuple("every region appears once", Verdict.Status.PASSED, Verdict.Method.JUDGE),
                        tuple("sorted(#E1, \"revenue_sum\", \"desc\")", Verdict.Status.PASSED, Verdict.Method.CHECK));
        assertThat(report.verdicts().get(1).reason())
                .isEqualTo("each region once (judged without a guarantee: judge 'scripted judge' is not calibrated)");
        assertThat(report.withoutGuarantee())
                .extracting(Verdict::criterion)
                .containsExactly("every region appears once");
        assertThat(report.overall()).isEqualTo(Verdict.Status.ABSTAINED);
        assertThat(report.verdicts().get(1).confidence()).isEqualTo(0.9);
        assertThat(report.usage()).isEqualTo(report.verdicts().get(1).usage());
        assertThat(report.usage().outputTokens()).isEqualTo(8);
    }

    @Test
    void never_asks_the_judge_about_a_check_even_when_the_check_fails() {
        // given
        FakeJudge judge = new FakeJudge(r -> Judgement.of(Judgement.Decision.PASS, 1.0, "ok", TokenUsage.ZERO));
        Runs run = sales();

        // when
        TestReport report = Tester.builder()
                .judge(judge)
                .build()
                .test("task", run.plan("rows(#E1) > 5", "sum(#E1, \"revenu\") > 0", "#E7 == 1"), run.result());

        // then
        assertThat(judge.requests).isEmpty();
        assertThat(report.verdicts())
                .extracting(Verdict::reason)
                .containsExactly(
                        "rows(#E1) > 5 is false: rows(#E1) is 2",
                        "unknown column 'revenu' in #E1; columns: region, revenue_sum",
                        "#E7 is not a step of the plan; steps: #E1, #E2");
    }

    @Test
    void evaluates_every_check_before_the_first_judge_call() {
        // given: the judged criterion comes first; the inspector and the judge log when they are used
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        EvidenceInspector inspector = value -> {
            log.add("inspect");
            return Optional.empty();
        };
        FakeJudge judge = new FakeJudge(r -> {
            log.add("judge");
            return Judgement.of(Judgement.Decision.PASS, 1.0, "ok", TokenUsage.ZERO);
        });
        Runs run = sales();

        // when
        Tester.builder()
                .judge(judge)
                .inspector(inspector)
                .build()
                .test("task", run.plan("the table looks right", "rows(#E1) == 2"), run.result());

        // then
        assertThat(log).isNotEmpty();
        assertThat(log.get(log.size() - 1)).isEqualTo("judge");
        assertThat(log.subList(0, log.size() - 1)).containsOnly("inspect");
    }

    @Test
    void abstains_on_criteria_that_are_not_checks_when_no_judge_is_configured() {
        // given
        Runs run = sales();

        // when
        TestReport report =
                Tester.builder().build().test("task", run.plan("rows(#E1) == 2", "looks right"), run.result());

        // then
        assertThat(report.verdicts().get(1))
                .isEqualTo(new Verdict(
                        "looks right",
                        Verdict.Status.ABSTAINED,
                        0.0,
                        "no judge configured",
                        Verdict.Method.JUDGE,
                        TokenUsage.ZERO));
        assertThat(report.overall()).isEqualTo(Verdict.Status.ABSTAINED);
        assertThat(report.abstained()).extracting(Verdict::criterion).containsExactly("looks right");
    }

    @Test
    void abstains_quoting_the_reply_when_the_judge_reply_cannot_be_read() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying("I think it passes.");
        Runs run = sales();

        // when
        TestReport report = Tester.builder()
                .judge(new LlmJudge(llm))
                .build()
                .test("task", run.plan("every region appears once"), run.result());

        // then
        Verdict verdict = report.verdicts().get(0);
        assertThat(verdict.status()).isEqualTo(Verdict.Status.ABSTAINED);
        assertThat(verdict.method()).isEqualTo(Verdict.Method.JUDGE);
        assertThat(verdict.reason())
                .isEqualTo("the judge's reply could not be read: expected a JSON object in the "
                        + "model's reply but found none; the reply was: 'I think it passes.'");
        assertThat(verdict.usage().outputTokens()).isEqualTo(4);
    }

    @Test
    void abstains_when_the_judge_throws_and_says_which_judge_failed() {
        // given
        FakeJudge judge = new FakeJudge(r -> {
            throw new LlmException("server at localhost:11434 refused the connection", true);
        });
        Runs run = sales();

        // when
        TestReport report = Tester.builder().judge(judge).build().test("task", run.plan("looks right"), run.result());

        // then
        assertThat(report.verdicts().get(0))
                .isEqualTo(new Verdict(
                        "looks right",
                        Verdict.Status.ABSTAINED,
                        0.0,
                        "judge 'fake' failed: server at localhost:11434 refused the connection",
                        Verdict.Method.JUDGE,
                        TokenUsage.ZERO));
    }

    @Test
    void records_a_judge_abstention_with_the_confidences_seen() {
        // given
        FakeJudge judge = new FakeJudge(r -> new Judgement(
                Judgement.Decision.ABSTAIN, 0.62, "no judge was sure", List.of(0.55, 0.62), new TokenUsage(100, 20)));
        Runs run = sales();

        // when
        TestReport report = Tester.builder().judge(judge).build().test("task", run.plan("looks right"), run.result());

        // then
        assertThat(report.verdicts().get(0))
                .isEqualTo(new Verdict(
                        "looks right",
                        Verdict.Status.ABSTAINED,
                        0.62,
                        "no judge was sure (confidences seen: 0.55, 0.62)",
                        Verdict.Method.JUDGE,
                        new TokenUsage(100, 20)));
    }

    @Test
    void records_a_judge_failure_as_a_failed_verdict() {
        // given
        FakeJudge judge = new FakeJudge(
                r -> Judgement.of(Judgement.Decision.FAIL, 0.8, "South appears twice", new TokenUsage(50, 10)));
        Runs run = sales();

        // when
        TestReport report =
                Tester.builder().judge(judge).build().test("task", run.plan("every region appears once"), run.result());

        // then
        assertThat(report.verdicts())
                .containsExactly(new Verdict(
                        "every region appears once",
                        Verdict.Status.FAILED,
                        0.8,
                        "South appears twice",
                        Verdict.Method.CALIBRATED_JUDGE,
                        new TokenUsage(50, 10)));
        assertThat(report.overall()).isEqualTo(Verdict.Status.FAILED);
    }

    @Test
    void passes_a_plan_without_criteria_with_no_verdicts() {
        // given
        Runs run = sales();

        // when
        TestReport report = Tester.builder().build().test("task", run.plan(), run.result());

        // then
        assertThat(report.verdicts()).isEmpty();
        assertThat(report.overall()).isEqualTo(Verdict.Status.PASSED);
        assertThat(report.passed()).isTrue();
        assertThat(report.toPromptText()).isEmpty();
    }

    @Test
    void overall_is_failed_if_any_failed_else_abstained_if_any_abstained_else_passed() {
        // given
        Verdict passed = new Verdict("a", Verdict.Status.PASSED, 1.0, "ok", Verdict.Method.CHECK, TokenUsage.ZERO);
        Verdict failed = new Verdict("b", Verdict.Status.FAILED, 1.0, "no", Verdict.Method.CHECK, TokenUsage.ZERO);
        Verdict abstained =
                new Verdict("c", Verdict.Status.ABSTAINED, 0.4, "unsure", Verdict.Method.JUDGE, TokenUsage.ZERO);

        // when / then
        assertThat(new TestReport(List.of(passed, abstained, failed)).overall()).isEqualTo(Verdict.Status.FAILED);
        assertThat(new TestReport(List.of(abstained, passed)).overall()).isEqualTo(Verdict.Status.ABSTAINED);
        assertThat(new TestReport(List.of(passed, passed)).overall()).isEqualTo(Verdict.Status.PASSED);
        assertThat(new TestReport(List.of()).overall()).isEqualTo(Verdict.Status.PASSED);
        assertThatThrownBy(() -> new TestReport(List.of(failed), Verdict.Status.PASSED, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overall must be FAILED for these verdicts but was PASSED");
    }

    @Test
    void writes_the_failed_criteria_for_a_replanning_prompt() {
        // given
        FakeJudge judge = new FakeJudge(r -> r.criterion().startsWith("every")
                ? Judgement.of(Judgement.Decision.FAIL, 0.9, "South appears twice", new TokenUsage(40, 8))
                : new Judgement(Judgement.Decision.ABSTAIN, 0.3, "unsure", List.of(0.3), new TokenUsage(30, 5)));
        Runs run = sales();
        Plan plan = run.plan(
                "rows(#E1) <= 1", "has_column(#E1, \"region\")", "every region appears once", "the chart is pretty");

        // when
        TestReport report = Tester.builder().judge(judge).build().test("task", plan, run.result());

        // then
        assertThat(report.toPromptText()).isEqualTo("""
                - rows(#E1) <= 1: rows(#E1) <= 1 is false: rows(#E1) is 2
                - every region appears once: South appears twice
                """);
        assertThat(report.failed())
                .extracting(Verdict::criterion)
                .containsExactly("rows(#E1) <= 1", "every region appears once");
        assertThat(report.abstained()).extracting(Verdict::criterion).containsExactly("the chart is pretty");
        assertThat(report.usage()).isEqualTo(new TokenUsage(70, 13));
        assertThat(report.overall()).isEqualTo(Verdict.Status.FAILED);
    }

    @Test
    void shows_the_judge_every_step_outcome_as_evidence() {
        // given
        FakeJudge judge = new FakeJudge(r -> Judgement.of(Judgement.Decision.PASS, 1.0, "ok", TokenUsage.ZERO));
        Runs run = Runs.run()
                .done(1, List.of(1, 2))
                .failed(2, "filter", "unknown column 'x'")
                .skipped(3, "depends on #E2, which failed");

        // when
        Tester.builder().judge(judge).build().test("task", run.plan("looks right"), run.result());

        // then
        assertThat(judge.requests).hasSize(1);
        assertThat(judge.requests.get(0).evidence()).isEqualTo("""
                #E1 = [1, 2]
                #E2 failed: unknown column 'x'
                #E3 skipped: depends on #E2, which failed""");
    }

    @Test
    void cuts_the_longest_evidence_lines_to_keep_within_the_budget() {
        // given: one long preview and two short ones
        FakeJudge judge = new FakeJudge(r -> Judgement.of(Judgement.Decision.PASS, 1.0, "ok", TokenUsage.ZERO));
        Runs run = Runs.run().done(1, "x".repeat(190)).done(2, 7L).done(3, 8L);

        // when
        Tester.builder().judge(judge).evidenceChars(100).build().test("task", run.plan("looks right"), run.result());

        // then
        String evidence = judge.requests.get(0).evidence();
        assertThat(evidence)
                .hasSizeLessThanOrEqualTo(100)
                .endsWith("\n#E2 = 7\n#E3 = 8")
                .startsWith("#E1 = xxx");
        assertThat(evidence.lines().findFirst().orElseThrow()).hasSize(100 - 2 * "#E2 = 7".length() - 2);
    }

    @Test
    void judges_criteria_at_the_same_time_on_the_executor_given() {
        // given: a judge that waits until two criteria are being judged at once
        CyclicBarrier both = new CyclicBarrier(2);
        FakeJudge judge = new FakeJudge(r -> {
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("not judged in parallel: " + e, e);
            }
            return Judgement.of(Judgement.Decision.PASS, 0.9, r.criterion() + " holds", TokenUsage.ZERO);
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Runs run = sales();
        try {
            // when
            TestReport report = assertTimeoutPreemptively(
                    HANG_GUARD,
                    () -> Tester.builder()
                            .judge(judge)
                            .executor(pool)
                            .build()
                            .test(
                                    "task",
                                    run.plan("first looks right", "rows(#E1) == 2", "second looks right"),
                                    run.result()));

            // then: in the plan's order
            assertThat(report.verdicts())
                    .extracting(Verdict::reason)
                    .containsExactly(
                            "first looks right holds",
                            "rows(#E1) == 2 holds: rows(#E1) is 2",
                            "second looks right holds");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void checks_the_evidence_of_a_plan_run_by_the_executor() {
        // given: tools as lambdas; #E2 fails, so #E3 is skipped
        PlanExecutor executor = PlanExecutor.builder()
                .tools((tool, args, named) -> switch (tool) {
                    case "load" -> table(row("region", "North", "units", 3L), row("region", "South", "units", 1L));
                    case "count" -> (long) ((List<?>) args.get(0)).size();
                    default -> throw new IllegalArgumentException("no tool " + tool);
                })
                .build();
        Plan plan = new Plan(
                List.of(
                        new Step(StepId.of(1), "", "load", List.of()),
                        new Step(StepId.of(2), "", "count", List.of(Arg.ref(1))),
                        new Step(StepId.of(3), "", "oops", List.of()),
                        new Step(StepId.of(4), "", "count", List.of(Arg.ref(3)))),
                List.of("#E2 == 2", "sorted(#E1, \"units\", \"desc\")", "rows(#E4) > 0"));
        ExecutionResult result = assertTimeoutPreemptively(HANG_GUARD, () -> executor.execute(plan));

        // when
        TestReport report = Tester.builder().build().test("task", plan, result);

        // then
        assertThat(report.verdicts())
                .extracting(Verdict::reason)
                .containsExactly(
                        "#E2 == 2 holds: #E2 is 2",
                        "sorted(#E1, \"units\", \"desc\") holds",
                        "#E4 did not run: depends on #E3, which failed");
    }

    @Test
    void uses_the_inspectors_to_see_evidence_as_tables_in_the_order_added() {
        // given: a value only the second inspector knows
        EvidenceInspector none = value -> Optional.empty();
        EvidenceInspector grid = value -> value instanceof int[][] cells
                ? Optional.of(new TabularView() {
                    @Override
                    public int rows() {
                        return cells.length;
                    }

                    @Override
                    public List<String> columns() {
                        return List.of("a", "b");
                    }

                    @Override
                    public List<@Nullable Object> values(String column) {
                        List<@Nullable Object> values = new ArrayList<>();
                        for (int[] r : cells) {
                            values.add((long) r[column.equals("a") ? 0 : 1]);
                        }
                        return values;
                    }
                })
                : Optional.empty();
        Runs run = Runs.run().done(1, new int[][] {{1, 9}, {2, 8}});

        // when
        TestReport report = Tester.builder()
                .inspector(none)
                .inspector(grid)
                .build()
                .test(
                        "task",
                        run.plan("rows(#E1) == 2", "sorted(#E1, \"b\", \"asc\")", "sum(#E1, \"a\") == 3"),
                        run.result());

        // then
        assertThat(report.verdicts())
                .extracting(Verdict::reason)
                .containsExactly(
                        "rows(#E1) == 2 holds: rows(#E1) is 2",
                        "sorted(#E1, \"b\", \"asc\") is false: 9 (row 0) comes before 8 (row 1)",
                        "sum(#E1, \"a\") == 3 holds: sum(#E1, \"a\") is 3");
    }

    @Test
    void rejects_bad_settings_with_the_value_given() {
        assertThatThrownBy(() -> Tester.builder().evidenceChars(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidenceChars must be >= 100 but was 10");
        assertThatThrownBy(() -> Tester.builder().judge(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("judge == null");
    }

    @Test
    void shows_a_verdict_as_status_method_criterion_and_reason() {
        Verdict verdict = new Verdict(
                "rows(#E4) <= 3",
                Verdict.Status.FAILED,
                1.0,
                "rows(#E4) <= 3 is false: rows(#E4) is 5",
                Verdict.Method.CHECK,
                TokenUsage.ZERO);

        assertThat(verdict).hasToString("FAILED by check: rows(#E4) <= 3: rows(#E4) <= 3 is false: rows(#E4) is 5");
    }
}
