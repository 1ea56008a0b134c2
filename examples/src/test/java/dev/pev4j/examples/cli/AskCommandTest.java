package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.hub.ModelResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pev4j ask} end to end, on a scripted model. */
class AskCommandTest {

    static final String QUESTION = "Which 3 regions had the highest total revenue?";

    static final String PLAN = """
            Plan: Load the sales data.
            #E1 = read_csv("sales.csv")
            Plan: Total revenue per region.
            #E2 = groupby_agg(#E1, ["region"], {"revenue": ["sum"]})
            Plan: Largest first.
            #E3 = sort_values(#E2, ["revenue_sum"], [false])
            Plan: The top three.
            #E4 = head(#E3, 3)
            Criteria:
            - rows(#E4) <= 3
            - sorted(#E4, "revenue_sum", "desc")
            """;

    static final String PLAN_WITH_TYPO = PLAN.replace("{\"revenue\": [\"sum\"]}", "{\"revenu\": [\"sum\"]}");

    static final String ANSWER = "North, East and South had the highest revenue.";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger modelsOpened = new AtomicInteger();
    private Path sales;
    private byte[] salesBytes;

    @BeforeEach
    void copy_the_bundled_sales_data() throws IOException {
        sales = dir.resolve("sales.csv");
        Files.copy(Path.of("data", "sales.csv"), sales);
        salesBytes = Files.readAllBytes(sales);
    }

    private String typed = "";

    private int ask(AskCommand.ModelSource models, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == AskCommand.class) {
                    return type.cast(new AskCommand(
                            options -> {
                                modelsOpened.incrementAndGet();
                                return models.open(options);
                            },
                            () -> new BufferedReader(new StringReader(typed))));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        String[] all = Stream.concat(Stream.of("ask"), Stream.of(args)).toArray(String[]::new);
        return Pev4jCli.run(new PrintWriter(out, true), new PrintWriter(err, true), factory, all);
    }

    private int ask(ScriptedLlm llm, String... args) {
        return ask(options -> llm, args);
    }

    @Test
    void answers_a_question_about_the_sales_data_with_a_verified_verdict() throws IOException {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        // when
        int exit = ask(llm, "--data", sales.toString(), QUESTION);

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith(ANSWER + "\n\nverdict: verified (2 of 2 criteria passed, 1 attempt, ");
        assertThat(out.toString()).contains("  ✓ rows(#E4) <= 3 — passed by check (confidence 1.00): ");
        assertThat(err.toString())
                .contains("model: default local model ")
                .contains("plan (attempt 1): 4 steps, 2 criteria")
                .contains("  run  E1 read_csv")
                .contains("  done E4 head (")
                .contains("tested: passed");
        assertThat(llm.requests().get(0).messages().get(1).text())
                .contains("sales.csv: date (object), region (object), product (object), units (int64)")
                .endsWith(QUESTION);
        assertThat(Files.readAllBytes(sales)).isEqualTo(salesBytes);
        assertThat(dir)
                .isDirectoryContaining(p -> true)
                .satisfies(d -> assertThat(list(d)).containsExactly("sales.csv"));
    }

    @Test
    void confirm_shows_the_plan_and_runs_it_when_the_user_says_yes() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);
        typed = "y\n";

        // when
        int exit = ask(llm, "--data", sales.toString(), "--confirm", QUESTION);

        // then
        assertThat(exit).isZero();
        assertThat(err.toString())
                .contains("plan (attempt 1):\n  Plan: Load the sales data.\n  #E1 = read_csv(\"sales.csv\")\n")
                .contains("Run this plan? y = yes; anything else = no, and tells the planner why: ");
        assertThat(out.toString()).startsWith(ANSWER);
    }

    @Test
    void confirm_gives_the_users_reason_to_the_planner_when_the_user_says_no() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, PLAN, ANSWER);
        typed = "only the top 2, please\ny\n";

        // when
        int exit = ask(llm, "--data", sales.toString(), "--confirm", QUESTION);

        // then
        assertThat(exit).isZero();
        assertThat(llm.requests().get(1).lastUserText())
                .contains("- the plan failed: was rejected before it ran: the user did not approve it: only the top 2, "
                        + "please");
        assertThat(err.toString()).contains("plan (attempt 2):");
    }

    @Test
    void confirm_without_an_answer_runs_nothing_and_fails() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        // when
        int exit = ask(llm, "--data", sales.toString(), "--confirm", QUESTION);

        // then
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("no answer: ")
                .contains("the plan approver threw: java.lang.IllegalStateException: no answer on the terminal (end of "
                        + "input)")
                .doesNotContain("run  E1");
    }

    @Test
    void an_mcp_server_that_cannot_start_is_an_input_error_naming_it() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);
        Path missing = dir.resolve("no-such-server");

        // when
        int exit = ask(llm, "--data", sales.toString(), "--mcp", "broken=" + missing, QUESTION);

        // then
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("error: MCP server 'broken' could not be started (" + missing + "): ");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void rejects_a_malformed_mcp_header() {
        int exit = ask(
                ScriptedLlm.replying(),
                "--data",
                sales.toString(),
                "--mcp-http",
                "http://localhost:1/mcp",
                "--mcp-header",
                "Bearer abc",
                QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--mcp-header must be NAME: VALUE but was 'Bearer abc'");
        assertThat(modelsOpened).hasValue(0);
    }

    @Test
    void the_question_may_come_before_the_data_option() {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        int exit = ask(llm, QUESTION, "--data", sales.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith(ANSWER);
    }

    @Test
    void json_prints_the_whole_trace() throws IOException {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        int exit = ask(llm, "--data", sales.toString(), "--json", QUESTION);

        assertThat(exit).isZero();
        JsonNode trace = JSON.readTree(out.toString());
        assertThat(trace.get("answer").asText()).isEqualTo(ANSWER);
        assertThat(trace.get("task").asText()).isEqualTo(QUESTION);
        assertThat(trace.at("/verdict/overall").asText()).isEqualTo("PASSED");
        assertThat(trace.at("/attempts/0/steps")).hasSize(4);
    }

    @Test
    void report_writes_the_html_page_of_the_run() throws IOException {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);
        Path report = dir.resolve("run.html");

        int exit = ask(llm, "--data", sales.toString(), "--report", report.toString(), QUESTION);

        assertThat(exit).isZero();
        String html = Files.readString(report);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .endsWith("</html>\n")
                .contains(QUESTION)
                .contains(ANSWER);
        assertThat(html).contains("<g class=\"node done\" data-step=\"E4\">");
        assertThat(err.toString()).contains("report: " + report.toAbsolutePath());
        assertThat(list(dir)).containsExactlyInAnyOrder("run.html", "sales.csv");
    }

    @Test
    void a_missing_judge_calibration_is_a_one_line_error_naming_the_file_before_any_model_is_opened() {
        Path missing = dir.resolve("judges.calibration.json");

        int exit = ask(
                ScriptedLlm.replying(),
                "--data",
                sales.toString(),
                "--judge-calibration",
                missing.toString(),
                QUESTION);

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString())
                .isEqualTo("error: --judge-calibration: calibration " + missing + ": the file does not exist\n");
        assertThat(modelsOpened).hasValue(0);
    }

    @Test
    void a_calibration_for_other_judges_is_an_error_naming_the_file_and_the_judges() throws IOException {
        Path file = dir.resolve("judges.calibration.json");
        calibrationFor(List.of("small judge", "large judge"), 0.1).save(file);

        int exit = ask(
                ScriptedLlm.replying(), "--data", sales.toString(), "--judge-calibration", file.toString(), QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .endsWith("error: --judge-calibration: " + file + " is for judges [small judge, "
                        + "large judge] but this run's judge is 'scripted judge'; calibrate that judge with calibrate-cascade"
                        + " and pass its file\n");
    }

    @Test
    void a_calibration_looser_than_the_alpha_asked_is_an_error() throws IOException {
        Path file = dir.resolve("judges.calibration.json");
        calibrationFor(List.of("scripted judge"), 0.2).save(file);

        int exit = ask(
                ScriptedLlm.replying(),
                "--data",
                sales.toString(),
                "--judge-calibration",
                file.toString(),
                "--alpha",
                "0.1",
                QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: --judge-calibration: " + file + " was calibrated at alpha=0.2,"
                        + " delta=0.1 for judges [scripted judge], looser than --alpha 0.1 --delta 0.1; calibrate again at"
                        + " these values or raise --alpha/--delta\n");
    }

    @Test
    void a_calibrated_judge_verifies_a_confident_pass_of_a_judged_criterion() throws IOException {
        Path file = dir.resolve("judges.calibration.json");
        calibrationFor(List.of("scripted judge"), 0.1).save(file);
        String plan = PLAN.replace("Criteria:\n", "Criteria:\n- the regions look right\n");
        ScriptedLlm llm = ScriptedLlm.replying(
                plan, "{\"verdict\": \"pass\", \"confidence\": 0.99, \"reason\": \"three regions\"}", ANSWER);

        int exit = ask(llm, "--data", sales.toString(), "--judge-calibration", file.toString(), QUESTION);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(ANSWER + "\n\nverdict: verified (3 of 3 criteria passed");
    }

    /** A calibration of these judges at alpha (delta 0.1): 200 items at confidence 0.99, all right. */
    private static dev.pev4j.judge.CascadeCalibration calibrationFor(List<String> judges, double alpha) {
        double[][] confidences = new double[judges.size()][200];
        boolean[][] agreed = new boolean[judges.size()][200];
        for (double[] row : confidences) {
            java.util.Arrays.fill(row, 0.99);
        }
        for (boolean[] row : agreed) {
            java.util.Arrays.fill(row, true);
        }
        return dev.pev4j.judge.Calibrator.of(alpha, 0.1).calibrate(judges, confidences, agreed);
    }

    @Test
    void a_missing_data_file_is_a_one_line_error_with_exit_3_before_any_model_is_opened() {
        Path missing = dir.resolve("nope.csv");
        Path report = dir.resolve("run.html");

        int exit = ask(ScriptedLlm.replying(), "--data", missing.toString(), "--report", report.toString(), QUESTION);

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("error: data file not found: " + missing.toAbsolutePath() + "\n");
        assertThat(out.toString()).isEmpty();
        assertThat(modelsOpened).hasValue(0);
        assertThat(report).doesNotExist();
    }

    @Test
    void an_unknown_column_in_the_plan_fails_its_step_and_the_agent_replans() {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_WITH_TYPO, PLAN, ANSWER);

        int exit = ask(llm, "--data", sales.toString(), QUESTION);

        assertThat(exit).isZero();
        assertThat(err.toString())
                .contains("  FAIL E2 groupby_agg: ")
                .contains("unknown column 'revenu'; did you mean 'revenue'?")
                .contains("  skip E3 sort_values: depends on #E2, which failed")
                .contains("replanning after attempt 1: 1 failed steps, 0 failed criteria")
                .contains("plan (attempt 2)");
        assertThat(out.toString()).startsWith(ANSWER + "\n\nverdict: verified (2 of 2 criteria passed, 2 attempts, ");
        // the replanning prompt names the error and the nearest column
        assertThat(llm.requests().get(1).lastUserText()).contains("did you mean 'revenue'?");
    }

    @Test
    void an_unknown_column_when_no_replan_is_left_is_a_one_line_error_and_the_report_is_whole() throws IOException {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN_WITH_TYPO, PLAN_WITH_TYPO);
        Path report = dir.resolve("run.html");

        int exit = ask(llm, "--data", sales.toString(), "--max-replans", "1", "--report", report.toString(), QUESTION);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        String lastLine = err.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(lastLine).startsWith("error: no answer: MAX_REPLANS: attempt 2 failed and maxReplans is 1");
        assertThat(Files.readString(report)).endsWith("</html>\n").contains("Replanned because attempt 1 failed");
        assertThat(list(dir)).containsExactlyInAnyOrder("run.html", "sales.csv");
    }

    @Test
    void a_model_not_cached_while_offline_is_a_one_line_error_with_exit_4_saying_how_to_supply_one()
            throws IOException {
        Path cache = Files.createDirectories(dir.resolve("hf-cache"));
        Path report = dir.resolve("run.html");
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        AskCommand.ModelSource offline =
                options -> options.open(Map.of("HF_HUB_OFFLINE", "1", "HF_HUB_CACHE", cache.toString()), silent);

        int exit = ask(offline, "--data", sales.toString(), "--report", report.toString(), QUESTION);

        assertThat(exit).isEqualTo(4);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("model: default local model hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF");
        assertThat(lines.get(1))
                .startsWith(
                        "error: hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf is not in the cache")
                .contains("offline mode (HF_HUB_OFFLINE=1)")
                .endsWith("; " + ModelOptions.HOW_TO_SUPPLY);
        assertThat(out.toString()).isEmpty();
        assertThat(report).doesNotExist();
    }

    @Test
    void a_local_model_file_that_does_not_exist_is_a_one_line_error_with_exit_4() {
        Path missing = dir.resolve("missing.gguf");
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        AskCommand.ModelSource real = options -> options.open(Map.of("HF_HUB_OFFLINE", "1"), silent);

        int exit = ask(real, "--data", sales.toString(), "--model", missing.toString(), QUESTION);

        assertThat(exit).isEqualTo(4);
        assertThat(err.toString().lines().toList()).hasSize(2);
        assertThat(err.toString())
                .contains("error: ")
                .contains(missing.toString())
                .contains("--ollama");
    }

    @Test
    void answers_the_same_plan_on_the_duckdb_engine() throws IOException {
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        int exit = ask(llm, "--data", sales.toString(), "--engine", "duckdb", QUESTION);

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith(ANSWER + "\n\nverdict: verified (2 of 2 criteria passed, 1 attempt, ");
        assertThat(out.toString()).contains("  ✓ rows(#E4) <= 3 — passed by check (confidence 1.00): ");
        assertThat(llm.requests().get(1).messages().get(1).text()).contains("(DuckDB, lazy)");
        assertThat(Files.readAllBytes(sales)).isEqualTo(salesBytes);
    }

    @Test
    void an_engine_whose_library_is_missing_is_a_usage_error_naming_it() {
        int exit = ask(ScriptedLlm.replying(), "--data", sales.toString(), "--engine", "spark", QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: --engine: the Spark engine needs org.apache.spark:spark-sql_2.13 (4.x) on the "
                        + "classpath; add it to your pom (agent-tools declares it optional) or use Engine.duckdb()\n");
        assertThat(modelsOpened).hasValue(0);
    }

    @Test
    void budgets_out_of_range_are_usage_errors_naming_the_option_before_a_model_is_opened() {
        int replans = ask(ScriptedLlm.replying(), "--data", sales.toString(), "--max-replans", "-1", QUESTION);
        String replansErr = err.toString();
        err.getBuffer().setLength(0);
        int timeout = ask(ScriptedLlm.replying(), "--data", sales.toString(), "--step-timeout", "0", QUESTION);

        assertThat(replans).isEqualTo(2);
        assertThat(replansErr).isEqualTo("error: --max-replans must be >= 0 but was -1\n");
        assertThat(timeout).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --step-timeout must be >= 1 but was 0\n");
        assertThat(modelsOpened).hasValue(0);
    }

    @Test
    void several_model_sources_are_a_usage_error() {
        int exit = ask(
                ScriptedLlm.replying(),
                "--data",
                sales.toString(),
                "--model",
                "x.gguf",
                "--ollama",
                "http://localhost:11434",
                "--ollama-model",
                "qwen2.5",
                QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: choose one model source: --model, --ollama or --openai-base-url, not several\n");
        assertThat(modelsOpened).hasValue(0);
    }

    @Test
    void an_openai_base_url_without_a_model_name_is_a_usage_error() {
        int exit = ask(
                ScriptedLlm.replying(),
                "--data",
                sales.toString(),
                "--openai-base-url",
                "http://localhost:8080/v1",
                QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --openai-base-url needs --openai-model NAME\n");
    }

    @Test
    void a_question_is_required() {
        int exit = ask(ScriptedLlm.replying(), "--data", sales.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: give the question after the data files, e.g. ask --data "
                        + "sales.csv \"Which region sold most?\"\n");
    }

    @Test
    void help_documents_the_exit_codes() {
        int exit = ask(ScriptedLlm.replying(), "--help");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("--data=FILE...")
                .contains("[--ollama=URL]")
                .contains("[--ollama-model=NAME]")
                .doesNotContain("URL MODEL")
                .contains("Exit codes:")
                .contains("4   no model available");
    }

    @Test
    void an_unreachable_model_server_is_exit_4_with_one_line_naming_the_url() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        int exit = ask(
                options -> options.open(Map.of(), System.err),
                "--data",
                sales.toString(),
                "--ollama",
                url,
                "--ollama-model",
                "qwen2.5:1.5b",
                QUESTION);

        assertThat(exit).isEqualTo(4);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("model: Ollama model qwen2.5:1.5b at " + url);
        assertThat(lines.get(1))
                .startsWith("error: cannot reach the Ollama server at " + url + " (")
                .endsWith("); start it, or give the right URL with --ollama");
    }

    @Test
    void a_model_that_fails_during_the_run_is_exit_4() {
        LocalLlm failing = request -> {
            throw new LlmException("cannot reach http://h:1 for model 'm': connection refused", false);
        };

        int exit = ask(options -> failing, "--data", sales.toString(), QUESTION);

        assertThat(exit).isEqualTo(4);
        assertThat(err.toString().lines().filter(l -> l.startsWith("error: ")).toList())
                .containsExactly("error: no model available: default local model " + ModelResolver.DEFAULT_MODEL
                        + ": the planner's model failed: cannot reach http://h:1 for model 'm': connection refused");
    }

    @Test
    void the_question_after_a_server_url_stays_the_question() {
        List<String> described = new ArrayList<>();
        ScriptedLlm llm = ScriptedLlm.replying(PLAN, ANSWER);

        int exit = ask(
                options -> {
                    described.add(options.describe());
                    return llm;
                },
                "--data",
                sales.toString(),
                "--ollama",
                "http://h:11434",
                "--ollama-model",
                "qwen2.5",
                QUESTION);

        assertThat(exit).isZero();
        assertThat(described).containsExactly("Ollama model qwen2.5 at http://h:11434");
        assertThat(llm.requests().get(0).messages().get(1).text()).contains("Task: " + QUESTION);
    }

    @Test
    void a_server_url_without_a_model_name_is_a_usage_error_not_a_question_taken_as_the_model() {
        int exit = ask(ScriptedLlm.replying(), "--data", sales.toString(), "--ollama", "http://h", QUESTION);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --ollama needs --ollama-model NAME\n");
        assertThat(modelsOpened).hasValue(0);
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
