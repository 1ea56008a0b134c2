package dev.pev4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void at_least_returns_the_value_or_names_it_and_the_bound() {
        assertThat(Checks.atLeast("maxReplans", 0, 0)).isZero();
        assertThatThrownBy(() -> Checks.atLeast("maxReplans", -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReplans must be >= 0 but was -1");
    }

    @Test
    void positive_rejects_zero_and_negative_durations() {
        assertThat(Checks.positive("stepTimeout", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> Checks.positive("stepTimeout", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stepTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> Checks.positive("stepTimeout", Duration.ofSeconds(-1)))
                .hasMessage("stepTimeout must be positive but was PT-1S");
    }

    @Test
    void between_0_and_1_includes_both_ends_and_rejects_nan() {
        assertThat(Checks.between0And1("confidence", 0.0)).isZero();
        assertThat(Checks.between0And1("confidence", 1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Checks.between0And1("confidence", 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be between 0 and 1 but was 1.5");
        assertThatThrownBy(() -> Checks.between0And1("confidence", -0.1))
                .hasMessage("confidence must be between 0 and 1 but was -0.1");
        assertThatThrownBy(() -> Checks.between0And1("confidence", Double.NaN))
                .hasMessage("confidence must be between 0 and 1 but was NaN");
    }

    @Test
    void strictly_between_0_and_1_excludes_both_ends_and_rejects_nan() {
        assertThat(Checks.strictlyBetween0And1("alpha", 0.1)).isEqualTo(0.1);
        assertThatThrownBy(() -> Checks.strictlyBetween0And1("alpha", 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be between 0 and 1 (exclusive) but was 0.0");
        assertThatThrownBy(() -> Checks.strictlyBetween0And1("delta", 1.0))
                .hasMessage("delta must be between 0 and 1 (exclusive) but was 1.0");
        assertThatThrownBy(() -> Checks.strictlyBetween0And1("delta", Double.NaN))
                .hasMessage("delta must be between 0 and 1 (exclusive) but was NaN");
    }
}
