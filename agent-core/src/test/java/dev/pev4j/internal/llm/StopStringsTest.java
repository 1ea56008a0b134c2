package dev.pev4j.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    private final List<String> pieces = new ArrayList<>();

    @Test
    void cuts_the_text_before_a_stop_string_split_across_pieces() {
        StopStrings text = new StopStrings(List.of("END"), pieces::add);

        boolean stopped = text.append("abcE") || text.append("N") || text.append("Dxyz");

        assertThat(stopped).isTrue();
        assertThat(text.text()).isEqualTo("abc");
        assertThat(pieces).containsExactly("abc");
    }

    @Test
    void holds_back_a_possible_stop_start_until_it_turns_out_not_to_be_one() {
        StopStrings text = new StopStrings(List.of("END"), pieces::add);

        text.append("abE");
        List<String> afterFirst = List.copyOf(pieces);
        text.append("Nx");
        text.flush();

        assertThat(afterFirst).containsExactly("ab");
        assertThat(pieces).containsExactly("ab", "ENx");
        assertThat(text.text()).isEqualTo("abENx");
    }

    @Test
    void cuts_at_the_earliest_of_several_stop_strings() {
        StopStrings text = new StopStrings(List.of("yz", "c"), pieces::add);

        boolean stopped = text.append("abcdxyz");

        assertThat(stopped).isTrue();
        assertThat(text.text()).isEqualTo("ab");
        assertThat(pieces).containsExactly("ab");
    }

    @Test
    void delivers_every_piece_at_once_without_stop_strings() {
        StopStrings text = new StopStrings(List.of(), pieces::add);

        text.append("a");
        text.append("b");

        assertThat(pieces).containsExactly("a", "b");
    }

    @Test
    void what_the_listener_throws_reaches_the_caller_and_the_text_keeps_the_piece() {
        StopStrings text = new StopStrings(List.of(), piece -> {
            throw new IllegalStateException("listener bug");
        });

        assertThatThrownBy(() -> text.append("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("listener bug");
        assertThat(text.text()).isEqualTo("a");
    }
}
