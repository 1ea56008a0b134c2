package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file more than three times the JVM's heap answered by a plan on Spark {@code local[2]}, in a child JVM with
 * {@code -Xmx128m}. Spark refuses to start below 450 MB of heap; {@code spark.testing.memory} lets it start, and a
 * small {@code spark.memory.fraction} keeps what it plans to use within the real heap. The file is about 467 MB (3.5 heaps).
 */
class SparkOutOfCoreTest {

    private static final int HEAP_MB = 128;
    private static final long ROWS = 7_000_000;

    @TempDir
    Path root;

    @Test
    void spark_answers_a_plan_over_a_file_three_times_the_heap() throws Exception {
        Path file = root.resolve("big.csv");
        byte[] note = ",a note that makes the line longer, and longer still\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("id,region,amount,note\n".getBytes(StandardCharsets.US_ASCII));
            for (long i = 0; i < ROWS; i++) {
                out.write((i + ",R" + (i % 7) + "," + (i % 1000)).getBytes(StandardCharsets.US_ASCII));
                out.write(note);
            }
        }
        long size = Files.size(file);
        assertThat(size).isGreaterThan(3L * HEAP_MB * 1024 * 1024);

        List<String> lines = child();

        // amount >= 500 keeps i % 1000 in 500..999: half the rows, each region a seventh of them
        assertThat(lines).hasSize(8);
        long count = 0;
        for (String line : lines.subList(0, 7)) {
            count += Long.parseLong(line.split(",", -1)[1]);
        }
        assertThat(count).isEqualTo(ROWS / 2);
        assertThat(lines.get(0)).startsWith("R0,");
        assertThat(lines.get(7)).startsWith("max heap ");
        assertThat(Long.parseLong(lines.get(7).substring("max heap ".length()))).isLessThan(size / 3);
    }

    private List<String> child() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + HEAP_MB + "m"));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens")
                    || argument.startsWith("-Djdk.reflect")
                    || argument.startsWith("-Dio.netty")) {
                command.add(argument); // what Spark needs opened, as surefire gives this JVM
            }
        }
        command.addAll(List.of(
                "-Dspark.testing.memory=" + (512L << 20),
                "-Dspark.memory.fraction=0.2",
                "-cp",
                System.getProperty("java.class.path"),
                OutOfCoreMain.class.getName(),
                root.toString(),
                "spark"));
        Path log = root.resolve("spark.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(600, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("child JVM ended within 600 s; output: " + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines()
                .filter(line -> line.startsWith("R") || line.startsWith("max heap") || line.startsWith("error"))
                .toList();
    }
}
