package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
    void a_main_that_loaded_a_model_does_not_end_the_jvm_by_returning() throws Exception {
        Process child = start(TinyModels.llama(dir), "plain");
        try {
            boolean exited = child.waitFor(15, TimeUnit.SECONDS);

            assertThat(exited).as("child exited by itself").isFalse();
            assertThat(output(child)).contains("generated ", "native non-daemon thread: ", "main returns");
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
            assertThat(output(child)).contains("generated ", "main returns");
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
            assertThat(output(child)).contains("main returns", "main failed on purpose");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path model, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ForkedMain.class.getName(),
                model.toString()));
        command.addAll(List.of(mode));
        File log = dir.resolve("child.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private String output(Process child) throws Exception {
        return Files.readString(dir.resolve("child.log"));
    }
}
