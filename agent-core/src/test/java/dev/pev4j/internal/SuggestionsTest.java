package dev.pev4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> COLUMNS = List.of("region", "revenue", "revenue_sum", "units", "Île-de-France");

    @Test
    void suggests_names_within_a_small_edit_distance_nearest_first() {
        assertThat(Suggestions.closest("revenu", COLUMNS, 3)).containsExactly("revenue", "revenue_sum");
        assertThat(Suggestions.closest("unist", COLUMNS, 3)).containsExactly("units");
    }

    @Test
    void ignores_case_and_counts_code_points() {
        assertThat(Suggestions.closest("REGION", COLUMNS, 3)).containsExactly("region");
        assertThat(Suggestions.closest("ile-de-france", COLUMNS, 3)).containsExactly("Île-de-France");
    }

    @Test
    void suggests_nothing_for_a_name_far_from_every_candidate() {
        assertThat(Suggestions.closest("price", COLUMNS, 3)).isEmpty();
        assertThat(Suggestions.didYouMean(List.of())).isEmpty();
    }

    @Test
    void phrases_alternatives_as_a_question() {
        assertThat(Suggestions.didYouMean(List.of("a"))).isEqualTo("did you mean 'a'?");
        assertThat(Suggestions.didYouMean(List.of("a", "b", "c"))).isEqualTo("did you mean 'a', 'b' or 'c'?");
    }

    @Test
    void rejects_a_negative_limit() {
        assertThatThrownBy(() -> Suggestions.closest("x", COLUMNS, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max must be >= 0 but was -1");
    }

    @Test
    void suggests_nothing_for_a_name_beyond_a_sane_length_and_never_suggests_such_a_name() {
        assertThat(Suggestions.closest("a".repeat(201), List.of("aaa", "aaaa"), 3))
                .isEmpty();
        assertThat(Suggestions.closest("a".repeat(10 * 1024 * 1024), List.of("aaa"), 3))
                .isEmpty();
        assertThat(Suggestions.closest("aaa", List.of("a".repeat(201), "aaab"), 3))
                .containsExactly("aaab");
    }
}
