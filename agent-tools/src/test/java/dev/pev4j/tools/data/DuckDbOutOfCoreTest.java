package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file more than three times the JVM's heap: DuckDB answers a plan over it; Tablesaw stops with advice instead of
 * an {@code OutOfMemoryError}. Each side runs in a child JVM with {@code -Xmx32m}; the file is about 120 MB.
 */
class DuckDbOutOfCoreTest {

    private static final int HEAP_MB = 32;
    private static final long ROWS = 2_500_000;

    @TempDir
    static Path root;

    static long size;

    @BeforeAll
    static void write_a_file_larger_than_three_heaps() throws IOException {
        Path file = root.resolve("big.csv");
        byte[] note = ",a note that makes the line longer\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("id,region,amount,note\n".getBytes(StandardCharsets.US_ASCII));
            for (long i = 0; i < ROWS; i++) {
                out.write((i + ",R" + (i % 7) + "," + (i % 1000)).getBytes(StandardCharsets.US_ASCII));
                out.write(note);
            }
        }
        size = Files.size(file);
        assertThat(size).isGreaterThan(3L * HEAP_MB * 1024 * 1024);
    }

    @Test
    void duckdb_answers_a_plan_over_a_file_three_times_the_heap() throws Exception {
        List<String> lines = child("duckdb");

        OutOfCoreMain.assertAnswered(lines, ROWS, size);
    }

    @Test
    void tablesaw_stops_with_the_file_size_and_suggests_duckdb() throws Exception {
        List<String> lines = child("tablesaw");

        assertThat(lines.get(0))
                .matches("error: 'big\\.csv' is \\d+\\.\\d MB, more than this JVM's whole heap "
                        + "\\(\\d+\\.\\d MB, -Xmx\\), so the Tablesaw engine cannot hold it in memory; use the DuckDB "
                        + "engine, which reads files in place \\(--engine duckdb on the command line, Engine\\.duckdb\\(\\) "
                        + "in code\\)");
    }

    private static List<String> child(String engine) throws Exception {
        return child(root, List.of("-Xmx" + HEAP_MB + "m"), engine, 180);
    }

    /**
     * The test's class path; without Spark's jars (Spark, Scala, Hadoop, Parquet, ORC: ~280 MB) for the other engines,
     * whose children have 32 MB of heap: Tablesaw scans the class path with ClassGraph when it starts, and the scan
     * of Spark's jars alone needs more than that.
     */
    private static final String SPARK_ONLY = ".*/(org/apache/(spark|hadoop|parquet|orc|avro|arrow|ivy|zookeeper|curator"
            + "|datasketches|xbean)|org/(scala-lang|json4s|glassfish|rocksdb|antlr|codehaus|javassist|objenesis|tukaani"
            + "|xerial|threeten|locationtech|openlabtesting)|io/(netty|dropwizard|airlift|jsonwebtoken)|jakarta|javax/"
            + "(servlet|annotation)|com/(esotericsoftware|twitter|clearspring|ning|thoughtworks)|net/(razorvine|sf)"
            + "|at/yawk|oro)/.*";

    private static String classPath(String engine) {
        String path = System.getProperty("java.class.path");
        if (engine.equals("spark")) {
            return path;
        }
        List<String> kept = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator, -1)) {
            String unix = entry.replace('\\', '/');
            if (!unix.matches(SPARK_ONLY)) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /** Runs {@link OutOfCoreMain} on {@code engine} in a child JVM with {@code options}; its output lines. */
    static List<String> child(Path root, List<String> options, String engine, int seconds) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(engine), OutOfCoreMain.class.getName(), root.toString(), engine));
        Path log = root.resolve(engine + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended)
                .as("child JVM ended within " + seconds + " s; output: " + output)
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines()
                .filter(line -> line.startsWith("R") || line.startsWith("max heap") || line.startsWith("error"))
                .toList();
    }
}
