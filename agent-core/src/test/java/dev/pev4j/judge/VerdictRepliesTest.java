package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictRepliesTest {

    @Test
    void reads_a_bare_letter_with_decoration() {
        assertThat(VerdictReplies.letter("A")).contains('A');
        assertThat(VerdictReplies.letter(" b\n")).contains('B');
        assertThat(VerdictReplies.letter("**B**")).contains('B');
        assertThat(VerdictReplies.letter("(A).")).contains('A');
    }

    @Test
    void reads_a_letter_wrapped_in_prose() {
        assertThat(VerdictReplies.letter("The answer is B.")).contains('B');
        assertThat(VerdictReplies.letter("Answer: a")).contains('A');
        assertThat(VerdictReplies.letter("B. The total is missing a region.")).contains('B');
        assertThat(VerdictReplies.letter("A\nEvery region appears once.")).contains('A');
        assertThat(VerdictReplies.letter("I pick option B")).contains('B');
    }

    @Test
    void gives_nothing_for_replies_without_a_clear_letter() {
        assertThat(VerdictReplies.letter("")).isEqualTo(Optional.empty());
        assertThat(VerdictReplies.letter("I cannot tell.")).isEmpty();
        assertThat(VerdictReplies.letter("A criterion like this is hard")).isEmpty();
        assertThat(VerdictReplies.letter("C")).isEmpty();
    }
}
