package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a JVM that loaded a model ends when its main returns, checked in child JVMs. de.kherud:llama 4.2.0 keeps a
 * non-daemon native thread attached (upstream issue 116); if a release fixes that, the first test fails and the
 * workaround can go.
 */
class JvmExitTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120) // a guard against a hung child, not a measurement
    void a_main_that_loaded_a_model_does_not_end_the_jvm_by_returning() throws Exception {
        Process child = startPiped(TinyModels.llama(dir), "plain");
        try {
            // waits for the child's report once its main thread has ended (or for its end of output), not on a clock
            List<String> lines = new ArrayList<>();
            String afterMain = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.startsWith("after main, non-daemon threads: ")) {
                        afterMain = line.substring("after main, non-daemon threads: ".length());
                        break;
                    }
                }
            }

            assertThat(afterMain)
                    .as("the child's output: %s", lines)
                    .isNotNull()
                    .isNotBlank();
            assertThat(child.isAlive())
                    .as("child still running with non-daemon threads " + afterMain)
                    .isTrue();
            assertThat(String.join("\n", lines)).contains("generated ", "native non-daemon thread: ", "main returns");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void exit_jvm_when_main_returns_ends_the_jvm_with_status_zero() throws Exception {
        Process child = start(TinyModels.llama(dir), "helper");
        try {
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);

            assertThat(exited).as("child exited by itself").isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(output()).contains("generated ", "main returns");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void exit_jvm_when_main_returns_reports_an_uncaught_exception_with_status_one() throws Exception {
        Process child = start(TinyModels.llama(dir), "helper", "throw");
        try {
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);

            assertThat(exited).as("child exited by itself").isTrue();
            assertThat(child.exitValue()).isEqualTo(1);
            assertThat(output()).contains("main returns", "main failed on purpose");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startPiped(Path model, String... mode) throws Exception {
        return new ProcessBuilder(command(model, mode))
                .redirectErrorStream(true)
                .start();
    }

    private Process start(Path model, String... mode) throws Exception {
        File log = dir.resolve("child.log").toFile();
        return new ProcessBuilder(command(model, mode))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static List<String> command(Path model, String... mode) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ForkedMain.class.getName(),
                model.toString()));
        command.addAll(List.of(mode));
        return command;
    }

    private String output() throws Exception {
        return Files.readString(dir.resolve("child.log"));
    }
}
