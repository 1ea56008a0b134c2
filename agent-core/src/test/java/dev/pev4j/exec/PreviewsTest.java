package dev.pev4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.internal.exec.Previews;
import dev.pev4j.spi.ValuePreviewer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreviewsTest {

    private final Previews previews = Previews.defaults();

    record Point(int x, String label) {}

    static final class Exploding {
        @Override
        public String toString() {
            throw new IllegalStateException("nope");
        }
    }

    @Test
    void shows_small_values_as_they_are() {
        assertThat(previews.preview(null, 100)).isEqualTo("null");
        assertThat(previews.preview("hello", 100)).isEqualTo("hello");
        assertThat(previews.preview(42L, 100)).isEqualTo("42");
        assertThat(previews.preview(2.5, 100)).isEqualTo("2.5");
        assertThat(previews.preview(true, 100)).isEqualTo("true");
        assertThat(previews.preview(List.of("a", 1, true), 100)).isEqualTo("[\"a\", 1, true]");
        assertThat(previews.preview(new int[] {1, 2, 3}, 100)).isEqualTo("[1, 2, 3]");
        assertThat(previews.preview(Optional.of("x"), 100)).isEqualTo("Optional[\"x\"]");
        assertThat(previews.preview(Optional.empty(), 100)).isEqualTo("Optional.empty");
        assertThat(previews.preview(new Point(1, "a"), 100)).isEqualTo("Point[x=1, label=\"a\"]");
        assertThat(previews.preview(List.of(), 100)).isEqualTo("[]");
    }

    @Test
    void shows_maps_in_their_order() {
        // given
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", "x");
        map.put("c", null);

        // when / then
        assertThat(previews.preview(map, 100)).isEqualTo("{b=1, a=\"x\", c=null}");
    }

    @Test
    void cuts_a_long_string_and_says_how_much_is_left_out() {
        // given
        String text = "abcdefghij".repeat(10);

        // when
        String preview = previews.preview(text, 40);

        // then
        assertThat(preview).isEqualTo("abcdefghijabcdefghijab… (78 more chars)");
    }

    @Test
    void keeps_a_huge_string_within_the_budget() {
        // given
        String huge = "y".repeat(5_000_000);

        // when
        String preview = previews.preview(huge, 1000);

        // then
        assertThat(preview).hasSize(1000).startsWith("yyy").endsWith("… (4999022 more chars)");
    }

    @Test
    void shows_the_first_items_of_a_long_list_and_how_many_there_are() {
        // given
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(i);
        }

        // when
        String preview = previews.preview(many, 60);

        // then
        assertThat(preview).isEqualTo("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (9989 more of 10000)]");
        assertThat(previews.preview(many, 1000)).hasSizeLessThanOrEqualTo(1000).endsWith(" more of 10000)]");
    }

    @Test
    void shares_the_budget_among_the_items_of_a_collection() {
        // given: three long strings
        List<String> texts = List.of("a".repeat(500), "b".repeat(500), "c".repeat(500));

        // when
        String preview = previews.preview(texts, 300);

        // then: each item is cut so that all three show
        assertThat(preview)
                .hasSizeLessThanOrEqualTo(300)
                .contains("aaa")
                .contains("bbb")
                .contains("ccc");
    }

    @Test
    void never_goes_over_the_budget_whatever_the_value() {
        // given
        List<Object> self = new ArrayList<>();
        self.add("loop");
        self.add(self);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("rows", List.of(List.of(1, 2, 3), List.of("x".repeat(300))));
        nested.put("point", new Point(7, "z".repeat(400)));
        List<Object> values = Arrays.asList(
                "q".repeat(10_000),
                self,
                nested,
                new long[5000],
                new Point(1, "p".repeat(2000)),
                Optional.of(List.of("o".repeat(999))),
                new Object() {
                    @Override
                    public String toString() {
                        return "t".repeat(3000);
                    }
                });

        // when / then
        for (Object value : values) {
            for (int budget = 1; budget <= 400; budget += 7) {
                assertThat(previews.preview(value, budget)).hasSizeLessThanOrEqualTo(budget);
            }
        }
    }

    @Test
    void cuts_even_within_a_tiny_budget() {
        assertThat(previews.preview("hello world", 3)).isEqualTo("he…");
        assertThat(previews.preview("hello world", 1)).isEqualTo("…");
    }

    @Test
    void says_so_when_to_string_throws() {
        assertThat(previews.preview(new Exploding(), 200))
                .isEqualTo(
                        "<dev.pev4j.exec.PreviewsTest$Exploding: toString() threw java.lang.IllegalStateException: nope>");
    }

    @Test
    void asks_contributed_previewers_first_also_for_items_inside_collections() {
        // given
        Previews custom = Previews.with(
                List.of((value, max) -> value instanceof Point p ? Optional.of("point " + p.x()) : Optional.empty()));

        // when / then
        assertThat(custom.preview(new Point(3, "c"), 100)).isEqualTo("point 3");
        assertThat(custom.preview(List.of(new Point(1, "a"), new Point(2, "b")), 100))
                .isEqualTo("[point 1, point 2]");
        assertThat(custom.preview("text", 100)).isEqualTo("text");
    }

    @Test
    void skips_a_throwing_previewer_and_cuts_one_that_says_too_much() {
        // given
        Previews custom = Previews.with(List.of(
                (value, max) -> {
                    throw new IllegalStateException("previewer bug");
                },
                (value, max) -> value instanceof Long ? Optional.of("L".repeat(500)) : Optional.empty()));

        // when / then
        assertThat(custom.preview(5L, 30)).isEqualTo("LLLLLLLLLLLL… (488 more chars)");
        assertThat(custom.preview("s", 30)).isEqualTo("s");
    }

    @Test
    void rejects_a_budget_below_one_character() {
        assertThatThrownBy(() -> previews.preview("x", 0)).hasMessage("maxChars must be >= 1 but was 0");
        assertThatThrownBy(() -> Previews.cut("x", -1)).hasMessage("maxChars must be >= 1 but was -1");
    }

    static final ValuePreviewer.TableCells CELLS =
            new ValuePreviewer.TableCells("t", List.of("a"), List.of("int64"), List.of(List.of("1")), 0);

    /** Previews strings starting with "t" as a one-cell table, in the text {@code text}. */
    static ValuePreviewer tabular(String text) {
        return new ValuePreviewer() {
            @Override
            public Optional<String> preview(Object value, int maxChars) {
                return structured(value, maxChars).map(ValuePreviewer.Preview::text);
            }

            @Override
            public Optional<ValuePreviewer.Preview> structured(Object value, int maxChars) {
                return value instanceof String s && s.startsWith("t")
                        ? Optional.of(ValuePreviewer.Preview.of(text, CELLS))
                        : Optional.empty();
            }
        };
    }

    @Test
    void keeps_the_cells_of_the_previewer_that_answers_and_wraps_text_only_previewers() {
        // given
        ValuePreviewer textOnly = (value, maxChars) ->
                value instanceof String s && s.startsWith("x") ? Optional.of("text of " + s) : Optional.empty();
        Previews both = Previews.with(List.of(textOnly, tabular("table t")));

        // when / then
        assertThat(both.structured("table", 100)).isEqualTo(ValuePreviewer.Preview.of("table t", CELLS));
        assertThat(both.structured("xyz", 100)).isEqualTo(ValuePreviewer.Preview.of("text of xyz"));
        assertThat(both.structured(List.of(1), 100)).isEqualTo(ValuePreviewer.Preview.of("[1]"));
        assertThat(both.structured(null, 100)).isEqualTo(ValuePreviewer.Preview.of("null"));
        assertThat(textOnly.structured("xy", 100)).contains(ValuePreviewer.Preview.of("text of xy"));
        assertThat(textOnly.structured("y", 100)).isEmpty();
    }

    @Test
    void drops_the_cells_when_the_previewer_overran_the_budget_and_its_text_was_cut() {
        Previews overrunning = Previews.with(List.of(tabular("t".repeat(50))));

        assertThat(overrunning.structured("table", 30))
                .isEqualTo(ValuePreviewer.Preview.of("ttttttttttttt… (37 more chars)"));
    }

    @Test
    void asks_the_next_previewer_when_one_throws_for_a_structured_preview() {
        ValuePreviewer throwing = (value, maxChars) -> {
            throw new IllegalStateException("broken previewer");
        };

        assertThat(Previews.with(List.of(throwing, tabular("table t"))).structured("table", 100))
                .isEqualTo(ValuePreviewer.Preview.of("table t", CELLS));
    }
}
