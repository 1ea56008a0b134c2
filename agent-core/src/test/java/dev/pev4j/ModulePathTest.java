package dev.pev4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.ModuleFixture.Compilation;
import dev.pev4j.ModuleFixture.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dev.pev4j.core as a user's module sees it: a small module compiled against the module path (dev.pev4j.core and the
 * modules it requires, nothing else) runs an agent with its own tool and model, and cannot reach dev.pev4j.internal.
 */
class ModulePathTest {

    private static final String MODULE_INFO = """
            module demo.app {
                requires dev.pev4j.core;
                // The tool registry calls tool methods through method handles: open the tools' package to it.
                opens demo.app.tools to dev.pev4j.core;
            }
            """;

    private static final String SERIES = """
            package demo.app.tools;

            import dev.langchain4j.agent.tool.P;
            import dev.langchain4j.agent.tool.Tool;
            import java.util.List;

            public final class Series {
                @Tool("Reads the number series with this name")
                public List<Long> series(@P("the series' name") String name) {
                    return name.equals("a") ? List.of(1L, 2L, 3L) : List.of(10L, 20L);
                }

                @Tool("Adds up a series")
                public long sum(@P("the numbers") List<Long> values) {
                    return values.stream().mapToLong(Long::longValue).sum();
                }
            }
            """;

    private static final String HIDDEN = """
            package demo.app.closed;

            import dev.langchain4j.agent.tool.Tool;

            public final class Hidden {
                @Tool("Says hello")
                public String hello() {
                    return "hello";
                }
            }
            """;

    private static final String MAIN = """
            package demo.app;

            import dev.pev4j.agent.Agent;
            import dev.pev4j.agent.AgentResult;
            import dev.pev4j.llm.LlmResponse;
            import dev.pev4j.llm.LocalLlm;
            import dev.pev4j.llm.TokenUsage;
            import dev.pev4j.spi.Judge;
            import java.util.ArrayDeque;
            import java.util.Deque;
            import java.util.List;

            public final class Main {
                static final String PLAN = "Plan: Read series a.\\n#E1 = series(\\"a\\")\\nPlan: Add it up.\\n"
                        + "#E2 = sum(#E1)\\nCriteria:\\n- the total is positive\\n";

                public static void main(String[] args) throws Exception {
                    if (args[0].equals("run")) {
                        Deque<String> replies = new ArrayDeque<>(List.of(PLAN, "The total is 6."));
                        LocalLlm llm = request -> new LlmResponse(
                                replies.pop(), new TokenUsage(10, 5), LlmResponse.FinishReason.STOP);
                        Judge judge = request -> Judge.Judgement.of(
                                Judge.Judgement.Decision.PASS, 0.9, "holds", new TokenUsage(1, 1));
                        AgentResult result = Agent.builder()
                                .llm(llm)
                                .judge(judge)
                                .tools(new demo.app.tools.Series())
                                .build()
                                .run("What is the total of series a?");
                        System.out.println("solved=" + result.solved());
                        System.out.println("answer=" + result.answer());
                    } else if (args[0].equals("closed")) {
                        try {
                            Agent.builder().llm(request -> { throw new AssertionError(); })
                                    .tools(new demo.app.closed.Hidden()).build();
                            System.out.println("registered");
                        } catch (RuntimeException e) {
                            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    } else {
                        Class<?> checks = Class.forName("dev.pev4j.internal.Checks");
                        try {
                            checks.getMethod("atLeast", String.class, long.class, long.class).invoke(null, "n", 1L, 0L);
                            System.out.println("called");
                        } catch (IllegalAccessException e) {
                            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }
            }
            """;

    @TempDir
    static Path dir;

    private static List<Path> modulePath;
    private static List<Path> withApp;

    @BeforeAll
    static void compileTheApp() throws Exception {
        modulePath = ModuleFixture.modulePath("dev.pev4j.core");
        Path out = dir.resolve("app-classes");
        Compilation compiled = ModuleFixture.compile(
                dir.resolve("app"),
                Map.of(
                        "module-info.java", MODULE_INFO,
                        "demo/app/Main.java", MAIN,
                        "demo/app/tools/Series.java", SERIES,
                        "demo/app/closed/Hidden.java", HIDDEN),
                modulePath,
                out);
        assertThat(compiled.success()).as(compiled.diagnostics()).isTrue();
        withApp = new java.util.ArrayList<>(modulePath);
        withApp.add(out);
    }

    @Test
    void the_module_path_holds_core_and_the_modules_it_requires_only() {
        assertThat(modulePath)
                .extracting(path -> path.getFileName().toString())
                .anyMatch(name -> name.startsWith("langchain4j-core-"))
                .anyMatch(name -> name.startsWith("jackson-databind-"))
                .noneMatch(name -> name.startsWith("junit-") || name.startsWith("assertj-"));
    }

    @Test
    void a_user_module_runs_an_agent_with_its_own_tool_and_model() throws Exception {
        // when
        Run run = ModuleFixture.run(withApp, "demo.app", "demo.app.Main", "run");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("solved=true\nanswer=The total is 6.\n");
    }

    @Test
    void a_tool_in_a_package_neither_exported_nor_opened_is_refused_with_what_to_open() throws Exception {
        // when
        Run run = ModuleFixture.run(withApp, "demo.app", "demo.app.Main", "closed");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "ToolRegistrationException: the class demo.app.closed.Hidden is not accessible to pev4j: make"
                                + " it public in a package its module exports, or open its package to dev.pev4j.core\n"
                                + "    for method Hidden.hello\n");
    }

    @Test
    void a_user_module_cannot_reach_an_internal_package_at_run_time() throws Exception {
        // when
        Run run = ModuleFixture.run(withApp, "demo.app", "demo.app.Main", "internal");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("IllegalAccessException: class demo.app.Main (in module demo.app) cannot access class"
                        + " dev.pev4j.internal.Checks (in module dev.pev4j.core) because module dev.pev4j.core does"
                        + " not export dev.pev4j.internal to module demo.app\n");
    }

    @Test
    void a_user_module_cannot_compile_against_an_internal_package() throws Exception {
        // given
        String sneaky = """
                package demo.sneaky;

                public final class Sneaky {
                    long n = dev.pev4j.internal.Checks.atLeast("n", 1, 0);
                }
                """;

        // when
        Compilation compiled = ModuleFixture.compile(
                dir.resolve("sneaky"),
                Map.of(
                        "module-info.java",
                        "module demo.sneaky { requires dev.pev4j.core; }",
                        "demo/sneaky/Sneaky.java",
                        sneaky),
                modulePath,
                dir.resolve("sneaky-classes"));

        // then
        assertThat(compiled.success()).isFalse();
        assertThat(compiled.diagnostics())
                .contains("error: package dev.pev4j.internal is not visible")
                .contains("(package dev.pev4j.internal is declared in module dev.pev4j.core, which does not export it"
                        + " to module demo.sneaky)");
    }
}
