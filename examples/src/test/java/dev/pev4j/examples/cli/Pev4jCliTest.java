package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pev4jCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Pev4jCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path salesWorkspace() throws IOException {
        Path workspace = Files.createDirectories(dir.resolve("data"));
        Files.writeString(
                workspace.resolve("sales.csv"),
                "region,revenue,units\nNorth,10.5,1\nSouth,4,2\nNorth,2.5,3\nEast,,4\n",
                StandardCharsets.UTF_8);
        return workspace;
    }

    private static final String SALES_PLAN = "Plan: Load the sales data.\n"
            + "#E1 = read_csv[\"sales.csv\"]\n"
            + "Plan: Total revenue per region.\n"
            + "#E2 = groupby_agg[#E1, [\"region\"], {\"revenue\": [\"sum\"]}]\n"
            + "Plan: Largest first.\n"
            + "#E3 = sort_values[#E2, [\"revenue_sum\"], [false]]\n";

    @Test
    void check_prints_the_parsed_plan_as_json() throws Exception {
        Path plan = write("sales.plan", SALES_PLAN);

        int exit = run("plan", "check", plan.toString());

        assertThat(exit).isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("steps")).hasSize(3);
        assertThat(json.at("/steps/1/id").asText()).isEqualTo("E2");
        assertThat(json.at("/steps/1/tool").asText()).isEqualTo("groupby_agg");
        assertThat(json.at("/steps/1/args").toString()).isEqualTo("[\"#E1\",[\"region\"],{\"revenue\":[\"sum\"]}]");
        assertThat(json.at("/steps/1/deps").toString()).isEqualTo("[\"E1\"]");
        assertThat(json.at("/steps/2/deps").toString()).isEqualTo("[\"E2\"]");
    }

    @Test
    void check_lists_every_problem_and_exits_with_1() throws Exception {
        Path plan = write(
                "bad.plan", "#E1 = read_cvs[\"sales.csv\"]\n#E2 = head[#E3, 2]\n#E3 = shape[#E1]\n#E3 = shape[#E1]\n");

        int exit = run("plan", "check", plan.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode errors = JSON.readTree(out.toString()).get("errors");
        assertThat(errors)
                .extracting(e -> e.get("kind").asText())
                .contains("unknown_tool", "forward_reference", "duplicate_id");
        assertThat(errors.toString()).contains("did you mean 'read_csv'?");
    }

    @Test
    void check_structure_only_accepts_plans_for_other_tools() throws Exception {
        Path plan = write(
                "rewoo.plan",
                "Plan: Search for more information about Colorado orogeny.\n"
                        + "#E1 = Wikipedia[Colorado orogeny]\n"
                        + "Plan: Find out the elevation range of the area.\n"
                        + "#E2 = LLM[What is the elevation range of the area in #E1?]\n");

        int exit = run("plan", "check", "--structure-only", plan.toString());

        assertThat(exit).isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.at("/steps/0/tool").asText()).isEqualTo("Wikipedia");
        assertThat(json.at("/steps/1/deps").toString()).isEqualTo("[\"E1\"]");
    }

    @Test
    void check_structure_only_still_finds_cycles() throws Exception {
        Path plan = write("cycle.plan", "1. get_email_address(\"$2\")\n2. send_email(\"$1\")\n");

        int exit = run("plan", "check", "--structure-only", plan.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(JSON.readTree(out.toString()).at("/errors/0/kind").asText()).isEqualTo("cycle");
    }

    @Test
    void check_reports_text_without_a_plan_as_a_parse_error() throws Exception {
        Path plan = write("prose.plan", "I am sorry, I cannot help with that.");

        int exit = run("plan", "check", plan.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(JSON.readTree(out.toString()).at("/errors/0/kind").asText()).isEqualTo("parse");
    }

    @Test
    void a_missing_plan_file_is_a_one_line_error_with_exit_3() {
        Path missing = dir.resolve("nope.plan");

        int exit = run("plan", "check", missing.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("error: plan file not found: " + missing.toAbsolutePath() + "\n");
    }

    @Test
    void run_executes_the_plan_and_prints_each_step() throws Exception {
        Path plan = write("sales.plan", SALES_PLAN);
        Path workspace = salesWorkspace();

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString());

        assertThat(exit).isZero();
        JsonNode steps = JSON.readTree(out.toString()).get("steps");
        assertThat(steps).extracting(s -> s.get("status").asText()).containsExactly("done", "done", "done");
        String top = steps.get(2).get("preview").asText();
        assertThat(top).contains("3 rows x 2 columns");
        assertThat(top.indexOf("North")).isLessThan(top.indexOf("South"));
        assertThat(top.indexOf("South")).isLessThan(top.indexOf("East"));
    }

    @Test
    void run_reports_a_failed_step_and_skips_its_dependents() throws Exception {
        Path plan = write(
                "bad-column.plan",
                "#E1 = read_csv[\"sales.csv\"]\n"
                        + "#E2 = sort_values[#E1, [\"revenu\"]]\n"
                        + "#E3 = head[#E2, 2]\n"
                        + "#E4 = shape[#E1]\n");
        Path workspace = salesWorkspace();

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode steps = JSON.readTree(out.toString()).get("steps");
        assertThat(steps)
                .extracting(s -> s.get("status").asText())
                .containsExactly("done", "failed", "skipped", "done");
        assertThat(steps.get(1).get("error").asText())
                .contains("unknown column 'revenu'; did you mean 'revenue'? columns: region, revenue, units");
        assertThat(steps.get(2).get("reason").asText()).isEqualTo("depends on #E2, which failed");
    }

    @Test
    void run_without_a_workspace_is_a_usage_error() throws Exception {
        Path plan = write("sales.plan", SALES_PLAN);

        int exit = run("plan", "run", plan.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--workspace=DIR'");
    }

    @Test
    void run_with_a_missing_workspace_names_it() throws Exception {
        Path plan = write("sales.plan", SALES_PLAN);
        Path missing = dir.resolve("no-such-dir");

        int exit = run("plan", "run", plan.toString(), "--workspace", missing.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).startsWith("error: workspace root '");
    }

    @Test
    void version_prints_the_maven_project_version() {
        int exit = run("-V");

        assertThat(exit).isZero();
        assertThat(out.toString()).matches("pev4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }
}
