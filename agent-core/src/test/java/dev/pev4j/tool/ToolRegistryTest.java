package dev.pev4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.pev4j.tool.ToolRegistry.ToolRegistrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {

    public static class MoreDataTools extends DataTools {
        @Tool("Columns of a table.")
        public List<String> columns(Frame table) {
            return List.of("a", "b");
        }

        // Overrides an inherited tool without repeating @Tool: still the same tool.
        @Override
        public String shape(Frame table) {
            return "3 x 2";
        }
    }

    public static class OtherTools {
        @Tool(name = "head")
        public String first(String text) {
            return text.substring(0, 1);
        }
    }

    public static class NoTools {
        public String notATool() {
            return "";
        }
    }

    public static class HiddenTool {
        @Tool
        String secret() {
            return "";
        }
    }

    public static class RawTools {
        @Tool
        @SuppressWarnings("rawtypes") // the raw type is what this test is about
        public int count(List items) {
            return items.size();
        }
    }

    public static class WildcardTools {
        @Tool
        public int count(List<?> items) {
            return items.size();
        }
    }

    public static class OptionalPrimitiveTools {
        @Tool
        public int head(@P(value = "rows", required = false) int n) {
            return n;
        }
    }

    public static class Failing {
        @Tool
        public String explode(String why) {
            throw new IllegalStateException(why);
        }

        @Tool
        public String silent() throws IOException {
            throw new IOException();
        }
    }

    public static class Calculator {
        @Tool("Adds two numbers.")
        public long add(long a, long b) {
            return a + b;
        }

        @Tool
        public static long negate(long a) {
            return -a;
        }

        @Tool
        public void nothing() {}
    }

    public static class Described {
        public enum Unit {
            KM,
            MILE
        }

        public record Point(double x, double y) {}

        @Tool({"Distance between points.", "Straight line."})
        public double distance(
                @P("the points, in order") List<Point> points,
                @P(value = "unit of the result", required = false) Optional<Unit> unit,
                @P(description = "decimal places", defaultValue = "2") int digits) {
            return 0;
        }
    }

    @Test
    void discovers_tools_with_names_descriptions_and_parameters() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        assertThat(tools.names()).containsExactly("head", "read_csv", "shape");
        ToolDescriptor readCsv = tools.find("read_csv").orElseThrow();
        assertThat(readCsv.description()).isEqualTo("Reads a CSV file into a table.");
        assertThat(readCsv.returnType()).isEqualTo(Frame.class);
        assertThat(readCsv.parameters())
                .containsExactly(new ToolParameter("path", "file path relative to the workspace", String.class, true));
        assertThat(tools.find("head").orElseThrow().parameters())
                .containsExactly(
                        new ToolParameter("table", "", Frame.class, true),
                        new ToolParameter("n", "how many rows", Integer.class, false));
        assertThat(tools.find("shape").orElseThrow().description()).isEmpty();
        assertThat(tools.find("read_cvs")).isEmpty();
    }

    @Test
    void keeps_the_langchain4j_specification_of_each_tool() {
        ToolDescriptor head = ToolRegistry.of(new DataTools()).find("head").orElseThrow();

        assertThat(head.specification().name()).isEqualTo("head");
        assertThat(head.specification().description()).isEqualTo("First rows of a table.");
        assertThat(head.specification().parameters().properties()).containsOnlyKeys("table", "n");
        assertThat(head.specification().parameters().properties().get("n")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(head.specification().parameters().required()).containsExactly("table");
    }

    @Test
    void discovers_inherited_tools_and_overrides_of_them() {
        ToolRegistry tools = ToolRegistry.of(new MoreDataTools());

        assertThat(tools.names()).containsExactly("columns", "head", "read_csv", "shape");
        assertThat(tools.invoke("shape", List.of(new Frame("x")), Map.of())).isEqualTo("3 x 2");
    }

    @Test
    void keeps_registration_order_across_objects() {
        ToolRegistry tools = ToolRegistry.builder()
                .add(new Calculator())
                .add(new DataTools())
                .build();

        assertThat(tools.names()).containsExactly("add", "negate", "nothing", "head", "read_csv", "shape");
    }

    @Test
    void calls_static_void_and_package_private_class_tools() {
        Object anonymous = new Object() {
            @Tool
            @SuppressWarnings({"UnusedMethod", "EffectivelyPrivate"}) // called by the registry, by reflection
            public String hello(String name) {
                return "hello " + name;
            }
        };
        ToolRegistry tools = ToolRegistry.of(new Calculator(), anonymous);

        assertThat(tools.invoke("negate", List.of(4L), Map.of())).isEqualTo(-4L);
        assertThat(tools.invoke("nothing", List.of(), Map.of())).isNull();
        assertThat(tools.invoke("hello", List.of("ada"), Map.of())).isEqualTo("hello ada");
    }

    @Test
    void binds_named_arguments_by_parameter_name() {
        ToolRegistry tools = ToolRegistry.of(new Calculator());

        assertThat(tools.invoke("add", List.of(1L), Map.of("b", 2L))).isEqualTo(3L);
        assertThat(tools.invoke("add", List.of(), Map.of("b", 2L, "a", 5L))).isEqualTo(7L);
    }

    @Test
    void rejects_two_tools_with_the_same_name() {
        assertThatThrownBy(() -> ToolRegistry.of(new DataTools(), new OtherTools()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("tool name 'head' is used by two methods, DataTools.head and OtherTools.first; rename one"
                        + " with @Tool(name = \"...\")\n    for method OtherTools.first");
    }

    @Test
    void rejects_an_object_without_tools() {
        assertThatThrownBy(() -> ToolRegistry.of(new NoTools()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("dev.pev4j.tool.ToolRegistryTest$NoTools has no public method annotated with @Tool"
                        + " (dev.langchain4j.agent.tool.Tool)");
    }

    @Test
    void rejects_a_class_given_instead_of_an_object() {
        assertThatThrownBy(() -> ToolRegistry.of(DataTools.class))
                .hasMessage("got the class dev.pev4j.tool.DataTools instead of an object: register an instance, e.g."
                        + " new DataTools()");
    }

    @Test
    void rejects_an_empty_builder() {
        assertThatThrownBy(() -> ToolRegistry.builder().build())
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("No tool objects registered; add at least one with add(object).");
    }

    @Test
    void rejects_a_tool_method_that_is_not_public() {
        assertThatThrownBy(() -> ToolRegistry.of(new HiddenTool()))
                .hasMessage("a tool method must be public\n    for method HiddenTool.secret");
    }

    @Test
    void rejects_parameter_types_the_binder_cannot_build() {
        assertThatThrownBy(() -> ToolRegistry.of(new RawTools()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("parameter 'items' has a type the argument binder cannot build: raw type List (give its"
                        + " type arguments, e.g. List<String>)\n    for method RawTools.count");
        assertThatThrownBy(() -> ToolRegistry.of(new WildcardTools()))
                .hasMessage("parameter 'items' has a type the argument binder cannot build: wildcard ? (the binder"
                        + " needs a concrete type)\n    for method WildcardTools.count");
    }

    @Test
    void rejects_an_optional_primitive_without_default() {
        assertThatThrownBy(() -> ToolRegistry.of(new OptionalPrimitiveTools()))
                .hasMessage("parameter 'n' may be left out (@P(required = false)) but its type int cannot be null; use"
                        + " Integer or Optional, or give @P(defaultValue = \"...\")\n    for method"
                        + " OptionalPrimitiveTools.head");
    }

    @Test
    void rejects_parameters_without_names(@TempDir Path dir) throws Exception {
        Object tools = compileWithoutParameterNames(dir);

        assertThatThrownBy(() -> ToolRegistry.of(tools))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("the names of the parameters are not available at run time (found 'arg0'): compile with"
                        + " -parameters (<maven.compiler.parameters>true</maven.compiler.parameters>) or name each"
                        + " parameter with @P(name = \"...\")\n    for method Unnamed.greet");
    }

    private static Object compileWithoutParameterNames(Path dir) throws Exception {
        Path source = dir.resolve("Unnamed.java");
        Files.writeString(
                source,
                "public class Unnamed {\n"
                        + "  @dev.langchain4j.agent.tool.Tool public String greet(String name) { return name; }\n"
                        + "}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = Path.of(Tool.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        int status = javac.run(null, null, null, "-cp", classpath, "-d", dir.toString(), source.toString());
        assertThat(status).isZero();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, ToolRegistryTest.class.getClassLoader())) {
            return loader.loadClass("Unnamed").getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void renders_a_compact_listing_for_prompts() {
        ToolRegistry tools = ToolRegistry.of(new DataTools(), new Described());

        assertThat(tools.render())
                .isEqualTo("head(table: Frame, n?: Integer) -> Frame: First rows of a table.\n"
                        + "    n: how many rows\n"
                        + "read_csv(path: String) -> Frame: Reads a CSV file into a table.\n"
                        + "    path: file path relative to the workspace\n"
                        + "shape(table: Frame) -> String\n"
                        + "distance(points: List<Point>, unit?: Unit, digits?: int) -> double: Distance between points."
                        + " Straight line.\n"
                        + "    points: the points, in order; an object {x: double, y: double}\n"
                        + "    unit: unit of the result; one of KM, MILE\n"
                        + "    digits: decimal places; default 2\n");
    }

    @Test
    void renders_only_the_selected_tools_with_their_notes_in_registration_order() {
        ToolRegistry tools = ToolRegistry.of(new DataTools(), new Described());
        List<ToolDescriptor> selected =
                List.of(tools.find("shape").orElseThrow(), tools.find("head").orElseThrow());

        assertThat(tools.render(selected))
                .isEqualTo("head(table: Frame, n?: Integer) -> Frame: First rows of a table.\n"
                        + "    n: how many rows\n"
                        + "shape(table: Frame) -> String\n");
        assertThat(tools.render(List.of())).isEmpty();
        assertThat(tools.render(tools.tools())).isEqualTo(tools.render());
    }

    @Test
    void suggests_close_names_for_an_unknown_tool() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        assertThat(tools.closestNames("read_cvs", 3)).containsExactly("read_csv");
        assertThat(tools.closestNames("CSV", 3)).containsExactly("read_csv");
        assertThat(tools.closestNames("Head", 3)).containsExactly("head");
        assertThat(tools.closestNames("sum", 3)).isEmpty();
    }

    @Test
    void reports_an_unknown_tool_with_close_names_and_all_names() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        assertThatThrownBy(() -> tools.invoke("read_cvs", List.of("a.csv"), Map.of()))
                .isInstanceOf(UnknownToolException.class)
                .hasMessage("unknown tool 'read_cvs'; did you mean 'read_csv'? tools: head, read_csv, shape");
        assertThatThrownBy(() -> tools.invoke("sum", List.of(), Map.of()))
                .hasMessage("unknown tool 'sum'; tools: head, read_csv, shape");
    }

    @Test
    void reports_too_many_arguments_with_the_signature() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        ToolArgumentException e = (ToolArgumentException)
                catchThrowable(() -> tools.invoke("head", List.of(new Frame("x"), 5L, 6L), Map.of()));

        assertThat(e)
                .hasMessage("tool 'head' takes at most 2 arguments but got 3; signature: head(table: Frame, n?:"
                        + " Integer) -> Frame");
        assertThat(e.parameter()).isEmpty();
        assertThat(e.expectedType()).isEmpty();
        assertThat(e.value()).isEqualTo(6L);
        assertThatThrownBy(() -> ToolRegistry.of(new Calculator()).invoke("nothing", List.of(1L), Map.of()))
                .hasMessage("tool 'nothing' takes no arguments but got 1; signature: nothing() -> void");
    }

    @Test
    void reports_missing_required_arguments() {
        ToolRegistry tools = ToolRegistry.of(new Calculator());

        assertThatThrownBy(() -> tools.invoke("add", List.of(1L), Map.of()))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage(
                        "tool 'add' is missing required parameter 'b' (long); signature: add(a: long, b: long) -> long");
        assertThatThrownBy(() -> tools.invoke("add", List.of(), Map.of()))
                .hasMessage(
                        "tool 'add' is missing required parameters 'a' (long), 'b' (long); signature: add(a: long, b:"
                                + " long) -> long");
    }

    @Test
    void reports_an_unknown_named_argument_with_close_names() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        assertThatThrownBy(() -> tools.invoke("head", List.of(new Frame("x")), Map.of("m", 3L)))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage("tool 'head' has no parameter 'm'; did you mean 'n'? parameters: table, n");
        assertThatThrownBy(() -> tools.invoke("head", List.of(new Frame("x")), Map.of("rows", 3L)))
                .hasMessage("tool 'head' has no parameter 'rows'; parameters: table, n");
    }

    @Test
    void reports_an_argument_given_twice() {
        ToolRegistry tools = ToolRegistry.of(new DataTools());

        assertThatThrownBy(() -> tools.invoke("head", List.of(new Frame("x"), 3L), Map.of("n", 4L)))
                .hasMessage("tool 'head' parameter 'n' is given both by position and by name");
    }

    @Test
    void wraps_what_a_tool_throws() {
        ToolRegistry tools = ToolRegistry.of(new Failing());

        ToolExecutionException e =
                (ToolExecutionException) catchThrowable(() -> tools.invoke("explode", List.of("boom"), Map.of()));

        assertThat(e).hasMessage("tool 'explode' failed: boom");
        assertThat(e.tool()).isEqualTo("explode");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThatThrownBy(() -> tools.invoke("silent", List.of(), Map.of()))
                .isInstanceOf(ToolExecutionException.class)
                .hasMessage("tool 'silent' failed: IOException")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void serves_many_threads_at_once() {
        ToolRegistry tools = ToolRegistry.of(new Calculator());
        int threads = 16;
        int callsPerThread = 500;

        List<Long> sums = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long base = t * 1_000_000L;
                    futures.add(pool.submit(() -> {
                        long total = 0;
                        for (int i = 0; i < callsPerThread; i++) {
                            total += (Long) tools.invoke("add", List.of(base, (long) i), Map.of());
                        }
                        return total;
                    }));
                }
                List<Long> results = new ArrayList<>();
                for (Future<Long> future : futures) {
                    results.add(future.get());
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        });

        for (int t = 0; t < threads; t++) {
            long expected = t * 1_000_000L * callsPerThread + (long) callsPerThread * (callsPerThread - 1) / 2;
            assertThat(sums.get(t)).isEqualTo(expected);
        }
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
