package dev.pev4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tool.BindingTools.Range;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolParameterTest {

    private static ToolParameter parameter(Type type) {
        return new ToolParameter("p", "", type, true);
    }

    private static Type typeOf(String tool) {
        return ToolRegistry.of(new BindingTools())
                .find(tool)
                .orElseThrow()
                .parameters()
                .get(0)
                .type();
    }

    @Test
    void may_accept_whatever_could_convert() {
        assertThat(parameter(int.class).mayAccept(String.class)).isTrue();
        assertThat(parameter(int.class).mayAccept(Long.class)).isTrue();
        assertThat(parameter(String.class).mayAccept(double.class)).isTrue();
        assertThat(parameter(Frame.class).mayAccept(Object.class)).isTrue();
        assertThat(parameter(Object.class).mayAccept(Frame.class)).isTrue();
        assertThat(parameter(typeOf("numbers")).mayAccept(List.class)).isTrue();
        assertThat(parameter(typeOf("numbers")).mayAccept(String.class)).isTrue();
        assertThat(parameter(Range.class).mayAccept(Map.class)).isTrue();
        assertThat(parameter(typeOf("maybe")).mayAccept(long.class)).isTrue();
        assertThat(parameter(BindingTools.Order.class).mayAccept(String.class)).isTrue();
    }

    @Test
    void never_accepts_what_cannot_convert() {
        assertThat(parameter(int.class).mayAccept(Frame.class)).isFalse();
        assertThat(parameter(String.class).mayAccept(Frame.class)).isFalse();
        assertThat(parameter(Frame.class).mayAccept(void.class)).isFalse();
        assertThat(parameter(Frame.class).mayAccept(String.class)).isTrue(); // Frame(String) is a creator
        assertThat(parameter(Range.class).mayAccept(Long.class)).isFalse();
        assertThat(parameter(boolean.class).mayAccept(Long.class)).isFalse();
        assertThat(parameter(typeOf("weights")).mayAccept(String.class)).isFalse();
    }

    @Test
    void shows_its_signature() {
        assertThat(new ToolParameter("n", "", int.class, true).signature()).isEqualTo("n: int");
        assertThat(new ToolParameter("n", "", typeOf("maybe"), false).signature())
                .isEqualTo("n?: Integer");
        assertThat(new ToolParameter("w", "", typeOf("weights"), true).signature())
                .isEqualTo("w: Map<String, Integer>");
        assertThat(new ToolParameter("n", "", Optional.class, false).defaultText())
                .isEmpty();
    }

    @Test
    void rejects_a_blank_name() {
        assertThatThrownBy(() -> new ToolParameter(" ", "", int.class, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
    }
}
