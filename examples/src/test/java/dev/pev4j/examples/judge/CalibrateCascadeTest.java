package dev.pev4j.examples.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.judge.JudgePanel;
import dev.pev4j.spi.Judge.Judgement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CalibrateCascadeTest {

    @TempDir
    Path dir;

    /**
     * A labelled file from {@link JudgePanel}: the first half pass/fail items, the second pairwise items whose
     * strongest judge is recorded in both orders (the same answer, so the combination keeps it).
     */
    private Path panelFile(int n, long seed) throws IOException {
        JudgePanel.Answers answers = JudgePanel.draw(n, new SplittableRandom(seed));
        ObjectMapper json = new ObjectMapper();
        SplittableRandom labels = new SplittableRandom(seed + 1);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode line = json.createObjectNode();
            boolean truth = labels.nextBoolean();
            boolean pairwise = i >= n / 2;
            if (pairwise) {
                line.put("prompt", "question " + i);
                line.put("response_a", "answer a" + i);
                line.put("response_b", "answer b" + i);
                line.put("preferred", truth ? "A" : "B");
            } else {
                line.put("task", "task " + i);
                line.put("criterion", "criterion " + i);
                line.put("evidence", "rows " + i);
                line.put("holds", truth);
            }
            ObjectNode judgements = line.putObject("judgements");
            for (int j = 0; j < 3; j++) {
                boolean says = answers.agreed()[j][i] == truth;
                double c = answers.confidences()[j][i];
                ObjectNode node = judgements.putObject(JudgePanel.NAMES.get(j));
                if (!pairwise) {
                    node.put("decision", says ? "PASS" : "FAIL");
                    node.put("confidence", c);
                } else if (j < 2) {
                    node.put("winner", says ? "A" : "B");
                    node.put("confidence", c);
                } else {
                    node.putObject("ab").put("winner", says ? "A" : "B").put("confidence", c);
                    node.putObject("ba").put("winner", says ? "A" : "B").put("confidence", c);
                }
            }
            lines.add(line.toString());
        }
        Path file = dir.resolve("panel.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CalibrateCascade command = new CalibrateCascade();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        int exit = cli.execute(args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void splits_print_the_mean_coverage_agreement_and_cost_and_how_often_the_guarantee_held() throws IOException {
        // given
        Path file = panelFile(800, 3);

        // when
        Run run = run(
                "--data", file.toString(),
                "--alpha", "0.15",
                "--costs", "0.2,0.5,10",
                "--candidates", "COST_PATH",
                "--splits", "20");

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("data=" + file + " items=800 criterion_items=400 pairwise_items=400 calibration_items=400"
                        + " test_items=400 delta=0.1 splits=20 judges=cheap,middle,strong costs=0.2,0.5,10.0");
        Matcher m = Pattern.compile("alpha=0\\.15 splits=20 configurations=(\\S+) calibration_coverage=(\\S+)"
                        + " calibration_agreement=(\\S+) test_coverage=(\\S+) test_agreement=(\\S+)"
                        + " test_cost_over_strongest=(\\S+) guarantee_held_rate=(\\S+)")
                .matcher(lines[1]);
        assertThat(m.matches()).as(lines[1]).isTrue();
        // every configuration named is a choice of the panel's judges ending with the strongest, and shares sum to 1
        double shares = 0;
        for (String c : m.group(1).split(",")) {
            assertThat(c).matches("((cheap>)?(middle>)?strong|none):[01]\\.\\d{3}");
            shares += Double.parseDouble(c.substring(c.indexOf(':') + 1));
        }
        assertThat(shares).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.003));
        // the panel's cheaper judges take part of the items, so the cascade costs less than the strongest alone
        assertThat(Double.parseDouble(m.group(6))).isBetween(0.05, 0.9);
        assertThat(Double.parseDouble(m.group(2))).isBetween(0.3, 1.0);
        assertThat(Double.parseDouble(m.group(7))).isBetween(0.8, 1.0);
    }

    @Test
    void one_split_prints_the_configuration_its_thresholds_and_why() throws IOException {
        Path file = panelFile(400, 5);

        Run run =
                run("--data", file.toString(), "--alpha", "0.15", "--costs", "0.2,0.5,10", "--candidates", "COST_PATH");

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1])
                .matches("alpha=0\\.15 configuration=((cheap>)?(middle>)?strong) thresholds=(\\S+)"
                        + " calibration_coverage=0\\.\\d{3} calibration_agreement=0\\.\\d{3} test_coverage=0\\.\\d{3}"
                        + " test_agreement=0\\.\\d{3} test_cost_over_strongest=[01]\\.\\d{3}"
                        + " guarantee_held=(true|false)");
        assertThat(lines[2])
                .startsWith(
                        "  chosen because: fixed-sequence test of 4 families at delta/4=0.0250 each" + " certified ");
        assertThat(lines[2]).endsWith("(each of 4 candidates tested at delta=0.0250)");
    }

    @Test
    void pairwise_answers_recorded_in_both_orders_are_combined_with_position_swapping() throws IOException {
        Path file = dir.resolve("biased.jsonl");
        Files.writeString(
                file,
                "{\"prompt\":\"p\",\"response_a\":\"x\",\"response_b\":\"y\",\"preferred\":\"A\",\"judgements\":"
                        + "{\"biased\":{\"ab\":{\"winner\":\"A\",\"confidence\":0.9},"
                        + "\"ba\":{\"winner\":\"B\",\"confidence\":0.9}}}}\n");

        CalibrateCascade.Labelled read = CalibrateCascade.read(file);

        Judgement j = read.judges().get(0).judge(read.items().get(0).request());
        assertThat(j.confidence()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(j.reason()).contains("the orders disagree");
    }

    @Test
    void a_line_of_neither_kind_is_refused_naming_both() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"task\":\"t\",\"judgements\":{}}\n");

        Run run = run("--data", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("error: " + file + " line 1: an item needs either 'criterion' (a pass/fail item) or"
                        + " 'response_a' and 'response_b' (a pairwise item)" + System.lineSeparator());
    }

    @Test
    void a_preference_other_than_a_or_b_is_refused_with_the_valid_ones() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"prompt\":\"p\",\"response_a\":\"x\",\"response_b\":\"y\",\"preferred\":\"C\",\"judgements\":{}}\n");

        Run run = run("--data", file.toString());

        assertThat(run.err())
                .isEqualTo("error: " + file + " line 1: 'preferred' must be \"A\" or \"B\" but was \"C\""
                        + System.lineSeparator());
    }
}
