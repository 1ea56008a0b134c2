package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.ModuleFixture;
import dev.pev4j.ModuleFixture.Compilation;
import dev.pev4j.ModuleFixture.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dev.pev4j.llm as a user's module sees it: a small module that requires only dev.pev4j.llm, compiled and run on the
 * module path (dev.pev4j.llm and the modules it requires, nothing else), loads a GGUF model with llama.cpp's natives
 * and generates, and reads the core API through dev.pev4j.llm's {@code requires transitive}.
 */
class LlamaCppModulePathTest {

    private static final String MAIN = """
            package demo.llm;

            import dev.pev4j.llm.LlmRequest;
            import dev.pev4j.llm.LlmResponse;
            import dev.pev4j.llm.llamacpp.LlamaCppLlm;
            import java.nio.file.Path;

            public final class Main {
                public static void main(String[] args) {
                    LlamaCppLlm.exitJvmWhenMainReturns(); // llama.cpp's native thread would keep the JVM alive
                    try (LlamaCppLlm llm = LlamaCppLlm.builder()
                            .modelFile(Path.of(args[0])).threads(1).contextSize(256).build()) {
                        LlmResponse reply = llm.chat(LlmRequest.builder().user("Hi").maxTokens(4).seed(1).build());
                        System.out.println("outputTokens=" + reply.usage().outputTokens()
                                + " inputTokensPositive=" + (reply.usage().inputTokens() > 0));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void a_user_module_generates_with_llama_cpp_on_the_module_path() throws Exception {
        // given
        List<Path> modulePath = ModuleFixture.modulePath("dev.pev4j.llm");
        Compilation compiled = ModuleFixture.compile(
                dir.resolve("app"),
                Map.of("module-info.java", "module demo.llm { requires dev.pev4j.llm; }", "demo/llm/Main.java", MAIN),
                modulePath,
                dir.resolve("app-classes"));
        assertThat(compiled.success()).as(compiled.diagnostics()).isTrue();
        List<Path> withApp = new ArrayList<>(modulePath);
        withApp.add(dir.resolve("app-classes"));

        // when
        Run run = ModuleFixture.run(
                withApp, "demo.llm", "demo.llm.Main", TinyModels.llama(dir).toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        // (the binding itself prints a line when it extracts its native library)
        assertThat(run.out()).containsPattern("(?m)^outputTokens=[1-4] inputTokensPositive=true$");
    }
}
