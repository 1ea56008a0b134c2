package dev.pev4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tool.BindingTools.Order;
import dev.pev4j.tool.BindingTools.Range;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ArgumentBindingTest {

    private final ToolRegistry tools = ToolRegistry.of(new BindingTools());

    private @Nullable Object call(String tool, @Nullable Object... args) {
        return tools.invoke(tool, Arrays.asList(args), Map.of());
    }

    private ToolArgumentException failure(String tool, @Nullable Object... args) {
        try {
            call(tool, args);
        } catch (ToolArgumentException e) {
            return e;
        }
        throw new AssertionError("expected a ToolArgumentException from " + tool);
    }

    @Test
    void binds_whole_numbers_to_int_long_and_byte() {
        assertThat(call("count", 42L)).isEqualTo(42);
        assertThat(call("count", 3.0)).isEqualTo(3);
        assertThat(call("count", "42")).isEqualTo(42);
        assertThat(call("count", " -7 ")).isEqualTo(-7);
        assertThat(call("big", 9_000_000_000L)).isEqualTo(9_000_000_000L);
        assertThat(call("small", -128L)).isEqualTo((byte) -128);
    }

    @Test
    void rejects_a_fraction_for_an_int() {
        ToolArgumentException e = failure("count", 3.5);

        assertThat(e).hasMessage("tool 'count' parameter 'n' expects int but got 3.5 (Double): not a whole number");
        assertThat(e.tool()).isEqualTo("count");
        assertThat(e.parameter()).contains("n");
        assertThat(e.expectedType()).contains(int.class);
        assertThat(e.value()).isEqualTo(3.5);
    }

    @Test
    void rejects_numbers_out_of_range() {
        assertThatThrownBy(() -> call("count", 3_000_000_000L))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage("tool 'count' parameter 'n' expects int but got 3000000000 (Long): outside the range of"
                        + " int (-2147483648..2147483647)");
        assertThatThrownBy(() -> call("small", 300L))
                .hasMessage("tool 'small' parameter 'b' expects byte but got 300 (Long): outside the range of byte"
                        + " (-128..127)");
        assertThatThrownBy(() -> call("single", 1e300))
                .hasMessage("tool 'single' parameter 'x' expects float but got 1.0E300 (Double): outside the range of"
                        + " float");
        assertThatThrownBy(() -> call("count", Double.NaN))
                .hasMessage("tool 'count' parameter 'n' expects int but got NaN (Double): not a finite number");
    }

    @Test
    void rejects_text_that_is_not_a_number() {
        assertThatThrownBy(() -> call("count", "ten"))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage("tool 'count' parameter 'n' expects int but got \"ten\" (String)");
        assertThatThrownBy(() -> call("ratio", "0x1p3"))
                .hasMessage("tool 'ratio' parameter 'x' expects double but got \"0x1p3\" (String)");
    }

    @Test
    void rejects_null_for_a_primitive() {
        assertThatThrownBy(() -> call("count", (Object) null))
                .hasMessage("tool 'count' parameter 'n' expects int but got null");
    }

    @Test
    void binds_decimals_to_double_float_and_big_decimal() {
        assertThat(call("ratio", 2L)).isEqualTo(2.0);
        assertThat(call("ratio", "2.5e1")).isEqualTo(25.0);
        assertThat(call("single", 0.5)).isEqualTo(0.5f);
        assertThat(call("money", 0.1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(call("money", "12.50")).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void binds_booleans_from_booleans_and_their_text() {
        assertThat(call("flag", true)).isEqualTo(true);
        assertThat(call("flag", "FALSE")).isEqualTo(false);
        assertThatThrownBy(() -> call("flag", "yes"))
                .hasMessage("tool 'flag' parameter 'on' expects boolean but got \"yes\" (String)");
        assertThatThrownBy(() -> call("flag", 1L))
                .hasMessage("tool 'flag' parameter 'on' expects boolean but got 1 (Long)");
    }

    @Test
    void binds_a_char_from_text_of_one_character() {
        assertThat(call("initial", "x")).isEqualTo('x');
        assertThatThrownBy(() -> call("initial", "xy"))
                .hasMessage("tool 'initial' parameter 'c' expects char but got \"xy\" (String)");
    }

    @Test
    void binds_strings_and_the_text_of_scalars() {
        assertThat(call("text", "hello")).isEqualTo("hello");
        assertThat(call("text", 42L)).isEqualTo("42");
        assertThat(call("text", 2.5)).isEqualTo("2.5");
        assertThat(call("text", true)).isEqualTo("true");
        assertThat(call("text", Order.ASC)).isEqualTo("ASC");
    }

    @Test
    void rejects_an_evidence_object_for_a_string_without_rendering_it() {
        assertThatThrownBy(() -> call("text", new Frame("sales.csv")))
                .hasMessage("tool 'text' parameter 's' expects String but got a Frame");
    }

    @Test
    void binds_enums_by_name_ignoring_case() {
        assertThat(call("sort", "desc")).isEqualTo(Order.DESC);
        assertThat(call("sort", Order.ASC)).isEqualTo(Order.ASC);
    }

    @Test
    void rejects_an_unknown_enum_constant_and_lists_the_constants() {
        ToolArgumentException e = failure("sort", "up");

        assertThat(e)
                .hasMessage("tool 'sort' parameter 'order' expects Order (one of ASC, DESC) but got \"up\" (String)");
        assertThat(e.expectedType()).contains(Order.class);
    }

    @Test
    void binds_lists_element_by_element_with_their_generic_type() {
        assertThat(call("numbers", List.of(1L, "2", 3.0))).isEqualTo(List.of(1, 2, 3));
        assertThat((int[]) call("ints", List.of(4L, 5L))).containsExactly(4, 5);
        assertThat(call("orders", List.of("asc", "DESC", "asc"))).isEqualTo(java.util.Set.of(Order.ASC, Order.DESC));
    }

    @Test
    void wraps_a_single_value_given_for_a_list() {
        assertThat(call("numbers", 7L)).isEqualTo(List.of(7));
    }

    @Test
    void names_the_position_of_a_bad_list_element() {
        ToolArgumentException e = failure("numbers", List.of(1L, "two"));

        assertThat(e).hasMessage("tool 'numbers' parameter 'values' at [1] expects Integer but got \"two\" (String)");
        assertThat(e.expectedType()).contains(Integer.class);
        assertThat(e.value()).isEqualTo("two");
    }

    @Test
    void binds_maps_key_and_value() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("a", 1L);
        given.put("b", "2");

        assertThat(call("weights", given)).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void names_the_key_of_a_bad_map_value() {
        assertThatThrownBy(() -> call("weights", Map.of("b", "x")))
                .hasMessage("tool 'weights' parameter 'w' at [\"b\"] expects Integer but got \"x\" (String)");
    }

    @Test
    void binds_records_from_maps_through_jackson() {
        Map<String, Object> given = Map.of("column", "price", "min", 1L, "max", 9.5);

        assertThat(call("range", given)).isEqualTo(new Range("price", 1, 9.5));
    }

    @Test
    void binds_lists_of_records() {
        List<Object> given =
                List.of(Map.of("column", "a", "min", 0L, "max", 1L), Map.of("column", "b", "min", 2L, "max", 3L));

        assertThat(call("ranges", given)).isEqualTo(List.of(new Range("a", 0, 1), new Range("b", 2, 3)));
    }

    @Test
    void reports_what_jackson_could_not_read_in_a_record() {
        Map<String, Object> unknownField = new LinkedHashMap<>();
        unknownField.put("column", "a");
        unknownField.put("min", 0L);
        unknownField.put("max", 1L);
        unknownField.put("limit", 2L);

        assertThatThrownBy(() -> call("range", unknownField))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage(
                        "tool 'range' parameter 'r' expects Range but got {\"column\": \"a\", \"min\": 0, \"max\": 1, \"limit\": 2}"
                                + " (Map): unknown field 'limit'; fields: column, max, min (at .limit)");
    }

    @Test
    void reports_a_record_that_rejects_its_values() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("column", "a");
        given.put("min", 5L);
        given.put("max", 1L);

        assertThatThrownBy(() -> call("ranges", List.of(given)))
                .hasMessage(
                        "tool 'ranges' parameter 'ranges' at [0] expects Range but got {\"column\": \"a\", \"min\": 5,"
                                + " \"max\": 1} (Map): Cannot construct instance of `dev.pev4j.tool.BindingTools$Range`,"
                                + " problem: min 5.0 > max 1.0");
    }

    @Test
    void binds_optional_parameters() {
        assertThat(call("maybe", 3L)).isEqualTo(Optional.of(3));
        assertThat(tools.invoke("maybe", List.of(), Map.of())).isEqualTo(Optional.empty());
        assertThat(tools.invoke("nullable", List.of(), Map.of())).isNull();
    }

    @Test
    void binds_a_default_value_when_the_argument_is_left_out() {
        assertThat(tools.invoke("limit", List.of(), Map.of())).isEqualTo(5);
        assertThat(tools.invoke("limit", List.of(), Map.of("rows", 8L))).isEqualTo(8);
    }

    @Test
    void passes_evidence_objects_through_unchanged() {
        Frame frame = new Frame("sales.csv");

        assertThat(call("same", frame)).isSameAs(frame);
        assertThat(call("any", frame)).isSameAs(frame);
        @SuppressWarnings("unchecked") // the tool returns the List<Frame> it was given
        List<Frame> frames = (List<Frame>) call("frames", List.of(frame));
        assertThat(frames.get(0)).isSameAs(frame);
    }

    @Test
    void rejects_evidence_of_the_wrong_type() {
        assertThatThrownBy(() -> call("count", new Frame("x")))
                .hasMessage("tool 'count' parameter 'n' expects int but got a Frame");
        assertThatThrownBy(() -> call("same", 42L))
                .hasMessage(
                        "tool 'same' parameter 'frame' expects Frame but got 42 (Long): Cannot construct instance of"
                                + " `dev.pev4j.tool.Frame` (although at least one Creator exists): no long/Long-argument"
                                + " constructor/factory method to deserialize from Number value (42)");
    }

    @Test
    void shortens_long_values_in_messages() {
        String longText = "x".repeat(100);

        assertThatThrownBy(() -> call("count", longText))
                .hasMessage("tool 'count' parameter 'n' expects int but got \"" + "x".repeat(56) + "... (String)");
    }

    @Test
    void checks_a_literal_without_calling_the_tool() {
        ToolDescriptor count = tools.find("count").orElseThrow();

        assertThat(count.checkArgument("n", 3L)).isEmpty();
        assertThat(count.checkArgument("n", "three"))
                .contains("tool 'count' parameter 'n' expects int but got \"three\" (String)");
        assertThatThrownBy(() -> count.checkArgument("m", 3L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool 'count' has no parameter 'm'; did you mean 'n'? parameters: n");
    }

    @Test
    void binding_does_not_modify_the_given_values() {
        Map<String, Object> given = new HashMap<>(Map.of("a", 1L));

        call("weights", given);

        assertThat(given).isEqualTo(Map.of("a", 1L));
    }
}
