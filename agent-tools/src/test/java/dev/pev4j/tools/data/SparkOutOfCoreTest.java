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

        OutOfCoreMain.assertAnswered(lines, ROWS, size);
    }

    private List<String> child() throws Exception {
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP_MB + "m"));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens")
                    || argument.startsWith("-Djdk.reflect")
                    || argument.startsWith("-Dio.netty")) {
                options.add(argument); // what Spark needs opened, as surefire gives this JVM
            }
        }
        options.add("-Dspark.testing.memory=" + (512L << 20));
        options.add("-Dspark.memory.fraction=0.2");
        return DuckDbOutOfCoreTest.child(root, options, "spark", 600);
    }
}
