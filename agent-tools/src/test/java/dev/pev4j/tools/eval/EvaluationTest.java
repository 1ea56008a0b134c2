package dev.pev4j.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @TempDir
    Path dir;

    private EvalSuite suite;

    @BeforeEach
    void setUp() {
        suite = EvalSuite.load(MiniSuite.write(dir));
    }

    /** A scripted model answering planner requests with {@code plans.apply(task id)} and the rest with a sentence. */
    private ScriptedLlm model(Function<String, String> plans) {
        return ScriptedLlm.answering(request -> {
            if (!request.messages().get(0).text().startsWith(ReferencePlanner.PLANNER_OPENING)) {
                return "The answer.";
            }
            String user = request.messages().stream()
                    .filter(m -> m.role() == ChatMessage.Role.USER)
                    .findFirst()
                    .map(ChatMessage::text)
                    .orElseThrow();
            for (EvalTask task : suite.tasks()) {
                if (user.contains(task.task())) {
                    return plans.apply(task.id());
                }
            }
            throw new AssertionError("no task in " + user);
        });
    }

    private static String reference(String id) {
        return switch (id) {
            case "rows" -> MiniSuite.ROWS_PLAN;
            case "top" -> MiniSuite.TOP_PLAN;
            default -> MiniSuite.BIG_PLAN;
        };
    }

    @Test
    void perfect_replies_score_one_hundred_percent() {
        // when
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(model(EvaluationTest::reference))
                .build()
                .run();

        // then
        for (String metric : EvalRun.RATES) {
            assertThat(run.rates().get(metric).value()).as(metric).isEqualTo(1.0);
        }
        assertThat(run.results()).extracting(TaskResult::id).containsExactly("rows", "top", "big");
        assertThat(run.totals())
                .containsEntry("model_calls", 6)
                .containsEntry("planner_calls", 3)
                .containsEntry("solver_calls", 3)
                .containsEntry("replans", 0);
        assertThat(run.results().get(0).plannerTokens().inputTokens()).isPositive();
    }

    @Test
    void a_wrong_literal_scores_relaxed_but_not_strict_and_gets_the_answer_wrong() {
        // given: the top task sums the wrong way round (the smallest region)
        Function<String, String> plans = id -> id.equals("top")
                ? MiniSuite.TOP_PLAN.replace("nlargest", "nsmallest").replace("rows(#E3) == 1", "rows(#E3) >= 1")
                : id.equals("big") ? MiniSuite.BIG_PLAN.replace("revenue > 10", "revenue > 100") : reference(id);

        // when
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(model(plans))
                .maxReplans(0)
                .build()
                .run();

        // then
        TaskResult big = run.results().get(2);
        assertThat(big.planValid()).isTrue();
        assertThat(big.isomorphic()).isFalse();
        assertThat(big.isomorphicRelaxed()).isTrue();
        assertThat(big.answerCorrect()).isFalse();
        // not_empty fails on the empty result: the tester rightly did not pass it
        assertThat(big.testerAgrees()).contains(true);
        TaskResult top = run.results().get(1);
        assertThat(top.isomorphicRelaxed()).isFalse();
        assertThat(top.verified()).isTrue();
        assertThat(top.answerCorrect()).isFalse();
        assertThat(top.answerDetail()).isEqualTo("expected the values [North] but found [South]");
        assertThat(top.testerAgrees()).contains(false);
        assertThat(run.rates().get("answer_correct")).isEqualTo(new Rate(1, 3));
        assertThat(run.rates().get("tester_agrees")).isEqualTo(new Rate(2, 3));
    }

    @Test
    void an_unreadable_first_reply_scores_no_parse_and_the_repair_is_counted() {
        // given: the first reply to the rows task is prose, the repair is right
        int[] calls = {0};
        Function<String, String> plans =
                id -> id.equals("rows") && calls[0]++ == 0 ? "I would count the rows." : reference(id);

        // when
        EvalRun run = Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(model(plans))
                .build()
                .run();

        // then
        TaskResult rows = run.results().get(0);
        assertThat(rows.planParses()).isFalse();
        assertThat(rows.planValid()).isFalse();
        assertThat(rows.isomorphic()).isFalse();
        assertThat(rows.repairs()).isEqualTo(1);
        assertThat(rows.plannerCalls()).isEqualTo(2);
        assertThat(rows.answerCorrect()).isTrue();
        assertThat(rows.problems()).startsWith("no plan steps found");
    }

    @Test
    void a_killed_run_continues_from_its_checkpoint() throws Exception {
        // given: a run that finished only the first task
        Path checkpoint = dir.resolve("run.jsonl");
        Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(model(EvaluationTest::reference))
                .modelName("m")
                .checkpoint(checkpoint)
                .build()
                .run();
        ScriptedLlm second = model(EvaluationTest::reference);

        // when
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(second)
                .modelName("m")
                .checkpoint(checkpoint)
                .build()
                .run();

        // then: the rows task was not asked again, and the checkpoint holds all three
        assertThat(second.requests())
                .extracting(LlmRequest::lastUserText)
                .noneMatch(text -> text.contains("How many rows"));
        assertThat(run.results()).extracting(TaskResult::id).containsExactly("rows", "top", "big");
        assertThat(run.rates().get("answer_correct").value()).isEqualTo(1.0);
        assertThat(Files.readAllLines(checkpoint)).hasSize(4);
    }

    @Test
    void a_checkpoint_of_another_model_is_refused() {
        // given
        Path checkpoint = dir.resolve("run.jsonl");
        Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(model(EvaluationTest::reference))
                .modelName("m1")
                .checkpoint(checkpoint)
                .build()
                .run();

        // then
        assertThatThrownBy(() -> Evaluation.builder()
                        .suite(suite)
                        .llm(model(EvaluationTest::reference))
                        .modelName("m2")
                        .checkpoint(checkpoint)
                        .build()
                        .run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + checkpoint + " belongs to another run: it holds "
                        + "{\"format\":\"pev4j-eval-checkpoint-v1\",\"suite\":\"mini\",\"model\":\"m1\",\"settings\":"
                        + "{\"plan_format\":\"auto\",\"tool_selection\":\"all\",\"max_replans\":\"2\"}} but this run is "
                        + "{\"format\":\"pev4j-eval-checkpoint-v1\",\"suite\":\"mini\",\"model\":\"m2\",\"settings\":"
                        + "{\"plan_format\":\"auto\",\"tool_selection\":\"all\",\"max_replans\":\"2\"}}; give another "
                        + "checkpoint file or delete this one");
    }

    @Test
    void the_json_plan_format_needs_a_model_with_schemas() {
        assertThatThrownBy(() -> Evaluation.builder()
                        .suite(suite)
                        .llm(model(EvaluationTest::reference))
                        .planFormat(PlanFormat.JSON)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan format json needs a backend that constrains replies to a JSON schema, and model "
                        + "'scripted' cannot; use plan format text or auto");
    }

    @Test
    void the_text_plan_format_hides_the_schema_from_a_model_that_has_one() {
        // given
        ScriptedLlm llm = model(EvaluationTest::reference)
                .withCapabilities(new dev.pev4j.llm.LocalLlm.LlmCapabilities(true, false, false, 0));

        // when
        Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(llm)
                .planFormat(PlanFormat.TEXT)
                .build()
                .run();
        ScriptedLlm json = model(EvaluationTest::reference)
                .withCapabilities(new dev.pev4j.llm.LocalLlm.LlmCapabilities(true, false, false, 0));
        Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(json)
                .planFormat(PlanFormat.JSON)
                .build()
                .run();

        // then
        assertThat(llm.requests().get(0).jsonSchemaIfSet()).isEmpty();
        assertThat(json.requests().get(0).jsonSchemaIfSet()).isPresent();
    }

    @Test
    void the_result_round_trips_through_json_and_renders_a_comparison() {
        // given
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(model(EvaluationTest::reference))
                .modelName("model-a")
                .build()
                .run();

        // when
        EvalRun back = EvalRun.fromJson(run.toJson());
        String html = ComparisonPage.html(List.of(back, run));

        // then
        assertThat(back.results()).isEqualTo(run.results());
        assertThat(back.rates()).isEqualTo(run.rates());
        assertThat(html)
                .contains("model-a · plan_format=auto · tool_selection=all · max_replans=2")
                .contains("<th>answer_correct</th>")
                .contains("100.0% <small>(3/3)</small>")
                .contains("top-n");
    }

    @Test
    void verified_correct_runs_become_fine_tuning_records_in_three_formats() throws Exception {
        // given: the top task answered wrong, the others right
        Function<String, String> plans =
                id -> id.equals("top") ? MiniSuite.TOP_PLAN.replace("nlargest", "nsmallest") : reference(id);
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(model(plans))
                .maxReplans(0)
                .build()
                .run();
        Path out = dir.resolve("training");

        // when
        int written = TrainingRecords.write(out, run, ToolRegistry.of(DataOps.in(Workspace.of(dir))));

        // then
        assertThat(written).isEqualTo(2);
        List<String> chat = Files.readAllLines(out.resolve("chat.jsonl"));
        List<String> alpaca = Files.readAllLines(out.resolve("alpaca.jsonl"));
        List<String> calls = Files.readAllLines(out.resolve("function-calls.jsonl"));
        assertThat(chat).hasSize(2);
        assertThat(alpaca).hasSize(2);
        assertThat(calls).hasSize(2);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var chatRecord = json.readTree(chat.get(0));
        assertThat(chatRecord.path("messages").get(2).path("content").asText()).isEqualTo(MiniSuite.ROWS_PLAN);
        assertThat(json.readTree(alpaca.get(0)).path("output").asText()).isEqualTo(MiniSuite.ROWS_PLAN);
        assertThat(json.readTree(alpaca.get(0)).path("input").asText()).contains("How many rows does sales.csv have?");
        var callRecord = json.readTree(calls.get(0));
        var toolCalls = callRecord.path("messages").get(2).path("tool_calls");
        assertThat(toolCalls.get(0).path("function").path("name").asText()).isEqualTo("read_csv");
        assertThat(toolCalls.get(0).path("function").path("arguments").asText()).isEqualTo("{\"path\":\"sales.csv\"}");
        assertThat(toolCalls.get(1).path("function").path("arguments").asText()).isEqualTo("{\"table\":\"#E1\"}");
        assertThat(callRecord.path("tools"))
                .extracting(t -> t.path("function").path("name").asText())
                .containsExactly("read_csv", "shape");
        assertThat(chat.get(1)).contains("filter");
    }

    @Test
    void a_harness_failure_is_a_failed_task_not_a_crash() {
        // given: a toolkit factory that throws
        EvalRun run = Evaluation.builder()
                .suite(suite.only(List.of("rows")))
                .llm(model(EvaluationTest::reference))
                .tools(workspace -> {
                    throw new IllegalStateException("no tools today");
                })
                .build()
                .run();

        // then
        assertThat(run.results().get(0).answerCorrect()).isFalse();
        assertThat(run.results().get(0).stop())
                .isEqualTo("HARNESS_ERROR: java.lang.IllegalStateException: no tools today");
    }

    @Test
    void parallel_runs_give_the_same_results_in_suite_order() {
        // when
        EvalRun run = Evaluation.builder()
                .suite(suite)
                .llm(model(EvaluationTest::reference))
                .parallelism(3)
                .build()
                .run();

        // then
        assertThat(run.results()).extracting(TaskResult::id).containsExactly("rows", "top", "big");
        assertThat(run.rates().get("answer_correct").value()).isEqualTo(1.0);
        assertThat(Map.copyOf(run.totals())).containsEntry("tasks", 3);
    }
}
