package dev.pev4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.pev4j.tool.ToolRegistry.ToolRegistrationException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A tool contract declared once, on a generic interface, and implemented by two engines with different evidence types:
 * the registry finds the {@code @Tool} through the type variable and binds with the implementation's types.
 */
class GenericToolInterfaceTest {

    /** The contract: every tool and parameter described here only. */
    public interface Frames<F> {

        @Tool(name = "head", value = "First rows of a table.")
        F head(
                @P(name = "table", value = "the table") F table,
                @P(name = "n", value = "rows", required = false) @Nullable Integer n);

        @Tool(name = "concat", value = "Stacks tables.")
        F concat(@P(name = "tables", value = "the tables") List<F> tables);

        @Tool(name = "rows", value = "The number of rows.")
        long rows(@P(name = "table", value = "the table") F table);

        /** A tool every implementation gets from the interface. */
        @Tool(name = "first", value = "The first of several tables.")
        default F first(@P(name = "tables", value = "the tables") List<F> tables) {
            return tables.get(0);
        }

        /** A Java convenience, not a tool. */
        default F head(F table) {
            return head(table, null);
        }
    }

    /** An engine whose tables are {@link Frame}s. */
    public static final class FrameEngine implements Frames<Frame> {
        @Override
        public Frame head(Frame table, @Nullable Integer n) {
            return new Frame(table.source() + ".head(" + n + ")");
        }

        @Override
        public Frame concat(List<Frame> tables) {
            List<String> sources = new ArrayList<>();
            tables.forEach(t -> sources.add(t.source()));
            return new Frame(String.join("+", sources));
        }

        @Override
        public long rows(Frame table) {
            return table.source().length();
        }
    }

    /** A second engine whose "tables" are lists of text lines, through an abstract class that passes F on. */
    public abstract static class LineEngineBase<L> implements Frames<L> {}

    public static final class LineEngine extends LineEngineBase<Lines> {
        @Override
        public Lines head(Lines table, @Nullable Integer n) {
            return new Lines(table.lines().subList(0, n == null ? 1 : n));
        }

        @Override
        public Lines concat(List<Lines> tables) {
            List<String> all = new ArrayList<>();
            tables.forEach(t -> all.addAll(t.lines()));
            return new Lines(all);
        }

        @Override
        public long rows(Lines table) {
            return table.lines().size();
        }
    }

    public record Lines(List<String> lines) {}

    /** Implements the raw interface: F is unknown, so its tools have no type to bind. */
    @SuppressWarnings({"rawtypes", "unchecked"}) // the raw type is what this test is about
    public static final class RawEngine implements Frames {
        @Override
        public Object head(Object table, @Nullable Integer n) {
            return table;
        }

        @Override
        public Object concat(List tables) {
            return tables;
        }

        @Override
        public long rows(Object table) {
            return 0;
        }
    }

    /** The same tools declared without a type variable, to compare specifications with. */
    public static final class PlainFrameTools {
        @Tool(name = "concat", value = "Stacks tables.")
        public Frame concat(@P(name = "tables", value = "the tables") List<Frame> tables) {
            return tables.get(0);
        }
    }

    @Test
    void finds_the_tools_of_a_generic_interface_in_both_implementations() {
        ToolRegistry frames = ToolRegistry.of(new FrameEngine());
        ToolRegistry lines = ToolRegistry.of(new LineEngine());

        assertThat(frames.names()).containsExactly("concat", "first", "head", "rows");
        assertThat(lines.names()).containsExactly("concat", "first", "head", "rows");
        assertThat(frames.find("head").orElseThrow().description()).isEqualTo("First rows of a table.");
        assertThat(lines.find("rows").orElseThrow().parameters())
                .containsExactly(new ToolParameter("table", "the table", Lines.class, true));
    }

    @Test
    void types_parameters_and_results_with_the_implementation_types() {
        ToolDescriptor frameConcat =
                ToolRegistry.of(new FrameEngine()).find("concat").orElseThrow();
        ToolDescriptor lineHead = ToolRegistry.of(new LineEngine()).find("head").orElseThrow();

        Type tables = frameConcat.parameters().get(0).type();
        assertThat(tables).isInstanceOf(ParameterizedType.class);
        assertThat(((ParameterizedType) tables).getActualTypeArguments()).containsExactly(Frame.class);
        assertThat(frameConcat.returnType()).isEqualTo(Frame.class);
        assertThat(lineHead.signature()).isEqualTo("head(table: Lines, n?: Integer) -> Lines");
    }

    @Test
    void binds_arguments_and_calls_the_implementation() {
        ToolRegistry frames = ToolRegistry.of(new FrameEngine());
        ToolRegistry lines = ToolRegistry.of(new LineEngine());

        Frame head = (Frame) frames.invoke("head", List.of(new Frame("sales")), Map.of("n", 3));
        Frame both = (Frame) frames.invoke("concat", List.of(List.of(new Frame("a"), new Frame("b"))), Map.of());
        Object two = lines.invoke("head", List.of(new Lines(List.of("x", "y", "z")), "2"), Map.of());

        assertThat(head.source()).isEqualTo("sales.head(3)");
        assertThat(both.source()).isEqualTo("a+b");
        assertThat(two).isEqualTo(new Lines(List.of("x", "y")));
        assertThat(lines.invoke("rows", List.of(new Lines(List.of("x"))), Map.of()))
                .isEqualTo(1L);
    }

    @Test
    void types_a_tool_implemented_by_a_default_method_with_the_resolved_types() {
        ToolRegistry lines = ToolRegistry.of(new LineEngine());

        assertThat(lines.find("first").orElseThrow().signature()).isEqualTo("first(tables: List<Lines>) -> Lines");
        assertThat(lines.invoke("first", List.of(List.of(new Lines(List.of("a")), new Lines(List.of("b")))), Map.of()))
                .isEqualTo(new Lines(List.of("a")));
    }

    @Test
    void builds_the_specification_from_the_resolved_types() throws Exception {
        ToolDescriptor generic =
                ToolRegistry.of(new FrameEngine()).find("concat").orElseThrow();

        assertThat(generic.specification())
                .isEqualTo(ToolSpecifications.toolSpecificationFrom(
                        PlainFrameTools.class.getMethod("concat", List.class)));
    }

    @Test
    void does_not_offer_default_methods_without_tool_as_tools() {
        assertThat(ToolRegistry.of(new FrameEngine()).find("head").orElseThrow().parameterNames())
                .containsExactly("table", "n");
    }

    @Test
    void rejects_an_implementation_of_the_raw_interface_with_one_clear_error() {
        assertThatThrownBy(() -> ToolRegistry.of(new RawEngine()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("tool 'concat' is declared on Frames<F>, but"
                        + " dev.pev4j.tool.GenericToolInterfaceTest$RawEngine does not say what F is (it implements"
                        + " the raw type or passes a type variable on); implement Frames with a concrete type, e.g."
                        + " implements Frames<MyTable>\n    for method RawEngine.concat");
    }
}
