package dev.pev4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan run} and {@code plan check}: criteria, protected inputs, JSON values and whole results. */
class PlanRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SALES = "region,revenue,units\nNorth,10.5,1\nSouth,4,2\nNorth,2.5,3\nEast,,4\n"
            + "West,1.25,5\nSouth,3,6\nNorth,0.125,7\n";

    private static final String OVERWRITING_PLAN =
            "#E1 = read_csv[\"sales.csv\"]\n#E2 = head[#E1, 3]\n#E3 = write_csv[#E2, \"sales.csv\", true]\n";

    @TempDir
    Path dir;

    private Path workspace;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void create_workspace() throws IOException {
        workspace = Files.createDirectories(dir.resolve("data"));
        Files.writeString(workspace.resolve("sales.csv"), SALES, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return Pev4jCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path plan(String text) throws IOException {
        return Files.writeString(dir.resolve("p.plan"), text, StandardCharsets.UTF_8);
    }

    @Test
    void run_checks_the_criteria_prints_each_verdict_and_exits_1_when_one_fails() throws Exception {
        Path plan = plan("#E1 = read_csv[\"sales.csv\"]\n#E2 = head[#E1, 3]\nCriteria:\n- rows(#E2) > 100\n"
                + "- rows(#E2) == 3\n- the rows look plausible\n");

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode criteria = JSON.readTree(out.toString()).get("criteria");
        assertThat(criteria)
                .extracting(c -> c.get("criterion").asText())
                .containsExactly("rows(#E2) > 100", "rows(#E2) == 3", "the rows look plausible");
        assertThat(criteria)
                .extracting(c -> c.get("status").asText())
                .containsExactly("failed", "passed", "not_checked");
        assertThat(criteria.get(0).get("reason").asText()).contains("3");
        assertThat(err.toString()).startsWith("criterion failed: rows(#E2) > 100 — ");
    }

    @Test
    void run_exits_0_when_every_checked_criterion_holds() throws Exception {
        Path plan = plan("#E1 = read_csv[\"sales.csv\"]\n#E2 = head[#E1, 3]\nCriteria:\n- rows(#E2) == 3\n");

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString());

        assertThat(exit).isZero();
        assertThat(JSON.readTree(out.toString())
                        .get("criteria")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("passed");
    }

    @Test
    void check_reports_criteria_naming_missing_steps_or_not_parsing_beside_step_problems() throws Exception {
        Path plan = plan("#E1 = read_csv[\"sales.csv\"]\n#E2 = head[#E1, 3]\n#E3 = read_cvs[\"x.csv\"]\nCriteria:\n"
                + "- rows(#E9) > 0\n- rows(#E2) > 100 and and\n- the answer names #E2's regions\n- rows(#E2) > 0\n");

        int exit = run("plan", "check", plan.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode errors = JSON.readTree(out.toString()).get("errors");
        assertThat(errors)
                .extracting(e -> e.get("kind").asText())
                .containsExactly("unknown_tool", "criterion", "criterion");
        assertThat(errors.get(1).get("message").asText())
                .isEqualTo("criterion 'rows(#E9) > 0' refers to #E9, which "
                        + "no step defines; the plan's steps are #E1, #E2, #E3");
        assertThat(errors.get(2).get("message").asText())
                .isEqualTo(
                        "criterion 'rows(#E2) > 100 and and' starts "
                                + "like a check but does not parse; write one comparison or predicate, such as rows(#E2) > 0, "
                                + "sorted(#E3, \"revenue\", \"desc\") or abs(#E5 - 1049.2) < 0.01, or a sentence for the judge");
        assertThat(errors.get(2).get("criterion").asInt()).isEqualTo(1);
    }

    @Test
    void run_never_replaces_an_input_without_allow_overwrite() throws Exception {
        Path plan = plan(OVERWRITING_PLAN);

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(workspace.resolve("sales.csv"))).isEqualTo(SALES);
        JsonNode step = JSON.readTree(out.toString()).get("steps").get(2);
        assertThat(step.get("status").asText()).isEqualTo("failed");
        assertThat(step.get("error").asText())
                .contains("file 'sales.csv' is an input (it was in the workspace when "
                        + "the run started) and is never replaced; write to another name");
    }

    @Test
    void run_replaces_an_input_with_allow_overwrite_keeping_its_mode() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Files.setPosixFilePermissions(workspace.resolve("sales.csv"), PosixFilePermissions.fromString("rw-rw-r--"));
        Path plan = plan(OVERWRITING_PLAN);

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString(), "--allow-overwrite");

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(workspace.resolve("sales.csv"))).hasSize(4);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("sales.csv"))))
                .isEqualTo("rw-rw-r--");
    }

    @Test
    void run_json_gives_every_value_as_real_json() throws Exception {
        Path plan = plan("#E1 = read_csv[\"sales.csv\"]\n#E2 = nunique[#E1]\n#E3 = shape[#E1]\n#E4 = head[#E1, 2]\n"
                + "#E5 = filter[#E1, \"units > 0\"]\n");

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString(), "--json");

        assertThat(exit).isZero();
        JsonNode steps = JSON.readTree(out.toString()).get("steps");
        assertThat(steps.get(1).get("value").isObject()).isTrue();
        assertThat(steps.get(1).get("value").get("region").asLong()).isEqualTo(4);
        assertThat(steps.get(2).get("value").toString()).isEqualTo("[7,3]");
        JsonNode head = steps.get(3).get("value");
        assertThat(head.get("rows").asInt()).isEqualTo(2);
        assertThat(head.get("data").toString())
                .isEqualTo("[{\"region\":\"North\",\"revenue\":10.5,\"units\":1},"
                        + "{\"region\":\"South\",\"revenue\":4.0,\"units\":2}]");
        assertThat(steps.get(4).get("value").get("data").get(6).get("revenue").asDouble())
                .isEqualTo(0.125);
        assertThat(steps.get(4).has("truncated")).isFalse();
        assertThat(steps.get(1).has("preview")).isFalse();
    }

    @Test
    void run_full_and_output_write_chosen_results_whole() throws Exception {
        StringBuilder many = new StringBuilder("n,x\n");
        for (int i = 0; i < 500; i++) {
            many.append(i).append(',').append(i / 3.0).append('\n');
        }
        Files.writeString(workspace.resolve("many.csv"), many.toString(), StandardCharsets.UTF_8);
        Path results = Files.createDirectories(dir.resolve("results"));
        Path plan = plan("#E1 = read_csv[\"many.csv\"]\n#E2 = filter[#E1, \"n >= 0\"]\n#E3 = shape[#E2]\n");

        int exit = run(
                "plan",
                "run",
                plan.toString(),
                "--workspace",
                workspace.toString(),
                "--json",
                "--full",
                "E2",
                "--full",
                "E3",
                "--output",
                results.toString());

        assertThat(exit).isZero();
        JsonNode steps = JSON.readTree(out.toString()).get("steps");
        assertThat(steps.get(0).get("truncated").asBoolean()).isTrue();
        assertThat(steps.get(0).get("value").get("data")).hasSize(20);
        assertThat(steps.get(1).get("value").get("data")).hasSize(500);
        assertThat(steps.get(1).get("value").get("data").get(499).get("x").asDouble())
                .isEqualTo(499 / 3.0);
        assertThat(Files.readAllLines(results.resolve("E2.csv")))
                .hasSize(501)
                .startsWith("n,x", "0,0.0", "1,0.3333333333333333")
                .endsWith("499,166.33333333333334");
        assertThat(Files.readString(results.resolve("E3.json"))).isEqualTo("[ 500, 2 ]\n");
        assertThat(results.resolve("E1.csv")).doesNotExist();
    }

    @Test
    void run_with_a_step_timeout_under_a_second_is_a_usage_error() throws Exception {
        Path plan = plan("#E1 = read_csv[\"many.csv\"]\n");

        int exit = run("plan", "run", plan.toString(), "--workspace", workspace.toString(), "--step-timeout", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --step-timeout must be >= 1 but was 0\n");
        assertThat(out.toString()).isEmpty();
    }
}
