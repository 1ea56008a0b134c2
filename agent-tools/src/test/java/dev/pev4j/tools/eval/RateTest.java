package dev.pev4j.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateTest {

    // Reference values computed with Python from Wilson's score interval formula,
    // p = k/n, centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·sqrt(p(1-p)/n + z²/4n²), z = 1.959964.

    @Test
    void half_of_ten_has_the_wilson_interval() {
        Rate rate = new Rate(5, 10);
        assertThat(rate.value()).isEqualTo(0.5);
        assertThat(rate.low()).isCloseTo(0.236593, within(1e-6));
        assertThat(rate.high()).isCloseTo(0.763407, within(1e-6));
    }

    @Test
    void all_of_ten_is_not_a_point_at_one() {
        Rate rate = new Rate(10, 10);
        assertThat(rate.low()).isCloseTo(0.722467, within(1e-6));
        assertThat(rate.high()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void none_of_four_reaches_up_to_almost_half() {
        Rate rate = new Rate(0, 4);
        assertThat(rate.low()).isCloseTo(0.0, within(1e-12));
        assertThat(rate.high()).isCloseTo(0.489891, within(1e-6));
    }

    @Test
    void no_trials_span_everything() {
        Rate rate = new Rate(0, 0);
        assertThat(rate.value()).isZero();
        assertThat(rate.low()).isZero();
        assertThat(rate.high()).isEqualTo(1.0);
    }

    @Test
    void rejects_more_successes_than_trials() {
        assertThatThrownBy(() -> new Rate(3, 2)).hasMessage("need 0 <= successes <= n but got 3 of 2");
    }
}
