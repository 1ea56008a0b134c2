package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tools.eval.EvalSuite;
import dev.pev4j.tools.eval.EvalTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {

    private static final Path SUITE = Path.of("eval", "dataops", "suite.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int eval(AskCommand.ModelSource models, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvalCommand.class) {
                    return type.cast(new EvalCommand(models));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        String[] all = Stream.concat(Stream.of("eval"), Stream.of(args)).toArray(String[]::new);
        return Pev4jCli.run(new PrintWriter(out, true), new PrintWriter(err, true), factory, all);
    }

    private int eval(String... args) {
        return eval(
                options -> {
                    throw new AssertionError("no model should be opened");
                },
                args);
    }

    /** A model that plans each task of the bundled suite with its reference plan, through the real model options. */
    private static ScriptedLlm referenceModel() {
        EvalSuite suite = EvalSuite.load(SUITE);
        return ScriptedLlm.answering(request -> {
            if (!request.messages().get(0).text().startsWith("You are the planner of an agent.")) {
                return "Done.";
            }
            String user = request.messages().get(1).text();
            EvalTask found = null;
            for (EvalTask task : suite.tasks()) {
                if (user.contains(task.task())
                        && (found == null || task.task().length() > found.task().length())) {
                    found = task;
                }
            }
            return found == null ? "no idea" : found.referencePlan();
        });
    }

    @Test
    void the_reference_planner_scores_one_on_the_whole_bundled_suite() throws Exception {
        // when
        int exit = eval(
                "--suite",
                SUITE.toString(),
                "--reference",
                "--out",
                dir.resolve("ref.json").toString());

        // then
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "eval_tasks=81\n",
                        "eval_plan_isomorphic=1.0000",
                        "eval_answer_correct=1.0000",
                        "eval_plan_valid=1.0000",
                        "eval_tester_agrees=1.0000");
        JsonNode result = JSON.readTree(dir.resolve("ref.json").toFile());
        assertThat(result.path("metrics")
                        .path("answer_correct")
                        .path("successes")
                        .asInt())
                .isEqualTo(81);
        assertThat(result.path("tasks")).hasSize(81);
        assertThat(Files.readString(dir.resolve("ref.html"))).contains("reference-planner · plan_format=auto");
        assertThat(Files.readAllLines(dir.resolve("ref.checkpoint.jsonl"))).hasSize(82);
        assertThat(err.toString()).contains("81/81");
    }

    @Test
    void a_model_run_is_resumed_compared_and_exported() throws Exception {
        // given: a first run over two tasks
        Path first = dir.resolve("first.json");
        String tasks = "lookup-rows,top-regions";
        assertThat(eval(
                        options -> referenceModel(),
                        "--suite",
                        SUITE.toString(),
                        "--model",
                        "fake.gguf",
                        "--tasks",
                        "lookup-rows",
                        "--out",
                        first.toString(),
                        "--checkpoint",
                        dir.resolve("c.jsonl").toString()))
                .as(err.toString())
                .isZero();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        // when: the same checkpoint over more tasks, compared with the first run, with fine-tuning records
        int exit = eval(
                options -> referenceModel(),
                "--suite",
                SUITE.toString(),
                "--model",
                "fake.gguf",
                "--tasks",
                tasks,
                "--out",
                dir.resolve("second.json").toString(),
                "--checkpoint",
                dir.resolve("c.jsonl").toString(),
                "--compare",
                first.toString(),
                "--training",
                dir.resolve("training").toString());

        // then
        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("(resumed)").contains("fine-tuning records: 2");
        assertThat(out.toString()).contains("eval_tasks=2\n", "eval_answer_correct=1.0000");
        String html = Files.readString(dir.resolve("second.html"));
        // two runs, each a column of the four tables
        assertThat(html.split("scripted · plan_format=auto", -1)).hasSize(1 + 2 * 4);
        assertThat(Files.readAllLines(dir.resolve("training").resolve("alpaca.jsonl")))
                .hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("training").resolve("function-calls.jsonl"))
                        .get(0))
                .contains("\"tool_calls\"", "\"read_csv\"");
    }

    @Test
    void tool_rag_on_plans_with_the_tool_rag_selection_and_says_so_in_the_result() throws Exception {
        // when
        int exit = eval(
                "--suite",
                SUITE.toString(),
                "--reference",
                "--tool-rag",
                "on",
                "--tasks",
                "lookup-rows",
                "--out",
                dir.resolve("rag.json").toString());

        // then
        assertThat(exit).isZero();
        assertThat(Files.readString(dir.resolve("rag.json"))).contains("tool_selection", "\"tool-rag\"");
    }

    @Test
    void a_bad_plan_format_names_the_valid_ones() {
        assertThat(eval("--suite", SUITE.toString(), "--reference", "--plan-format", "yaml"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("error: --plan-format must be auto, json or text but was 'yaml'");
    }

    @Test
    void json_plans_need_a_model_with_schemas() {
        // when
        int exit = eval(
                options -> ScriptedLlm.replying(),
                "--suite",
                SUITE.toString(),
                "--model",
                "x.gguf",
                "--plan-format",
                "json",
                "--out",
                dir.resolve("r.json").toString());

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("error: plan format json needs a backend that constrains replies to a "
                        + "JSON schema, and model 'scripted' cannot; use plan format text or auto");
    }

    @Test
    void budgets_out_of_range_are_usage_errors_naming_the_option() {
        int replans = eval("--suite", SUITE.toString(), "--reference", "--max-replans", "-2");
        String replansErr = err.toString();
        err.getBuffer().setLength(0);
        int timeout = eval("--suite", SUITE.toString(), "--reference", "--step-timeout", "0");

        assertThat(replans).isEqualTo(2);
        assertThat(replansErr).isEqualTo("error: --max-replans must be >= 0 but was -2\n");
        assertThat(timeout).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --step-timeout must be >= 1 but was 0\n");
    }

    @Test
    void a_missing_suite_file_is_an_input_error() {
        assertThat(eval("--suite", dir.resolve("none.json").toString(), "--reference"))
                .isEqualTo(3);
        assertThat(err.toString()).contains("error: suite file not found: " + dir.resolve("none.json"));
    }

    @Test
    void an_unknown_task_id_names_the_suite_tasks() {
        assertThat(eval("--suite", SUITE.toString(), "--reference", "--tasks", "lookup-rowz"))
                .isEqualTo(3);
        assertThat(err.toString()).contains("error: suite dataops has no task [lookup-rowz]; its tasks: [lookup-rows,");
    }

    @Test
    void the_reference_planner_takes_no_model() {
        assertThat(eval("--suite", SUITE.toString(), "--reference", "--model", "x.gguf"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("error: --reference plans without a model: leave out --model, --ollama "
                        + "and --openai-base-url");
    }
}
