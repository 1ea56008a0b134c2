package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    @Test
    void incomplete_beta_matches_closed_forms() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
        for (double x = 0.01; x < 1.0; x += 0.07) {
            assertThat(ClopperPearson.regularizedIncompleteBeta(x, 1, 1)).isCloseTo(x, within(1e-14));
            assertThat(ClopperPearson.regularizedIncompleteBeta(x, 5, 1)).isCloseTo(Math.pow(x, 5), within(1e-14));
            assertThat(ClopperPearson.regularizedIncompleteBeta(x, 1, 40))
                    .isCloseTo(1 - Math.pow(1 - x, 40), within(1e-13));
        }
    }

    @Test
    void incomplete_beta_is_symmetric() {
        // I_x(a, b) = 1 - I_{1-x}(b, a).
        double[][] cases = {{0.3, 2, 9}, {0.05, 11, 190}, {0.8, 300, 40}, {0.5, 7.5, 7.5}, {0.93, 950, 51}};
        for (double[] c : cases) {
            double left = ClopperPearson.regularizedIncompleteBeta(c[0], c[1], c[2]);
            double right = 1 - ClopperPearson.regularizedIncompleteBeta(1 - c[0], c[2], c[1]);
            assertThat(left).isCloseTo(right, within(1e-13));
        }
    }

    @Test
    void binomial_cdf_matches_the_exact_sum() {
        // Exact values from Python: sum(comb(n, i) p^i (1-p)^(n-i) for i <= k) in rational arithmetic.
        assertThat(ClopperPearson.binomialCdf(3, 30, 0.1)).isCloseTo(0.6474391717918481, within(1e-13));
        assertThat(ClopperPearson.binomialCdf(10, 200, 0.05)).isCloseTo(0.5830671820811718, within(1e-13));
        assertThat(ClopperPearson.binomialCdf(50, 1000, 0.05)).isCloseTo(0.5375290408014277, within(1e-12));
        assertThat(ClopperPearson.binomialCdf(7, 7, 0.3)).isEqualTo(1.0);
    }

    @Test
    void upper_bound_for_no_errors_is_one_minus_delta_to_the_one_over_n() {
        for (int n : new int[] {1, 2, 30, 100, 1000, 20_000}) {
            for (double delta : new double[] {0.01, 0.05, 0.1, 0.5}) {
                assertThat(ClopperPearson.upperBound(0, n, delta))
                        .isCloseTo(1 - Math.pow(delta, 1.0 / n), within(1e-13));
            }
        }
    }

    @Test
    void upper_bound_matches_exactly_computed_values() {
        // scipy.stats.beta.ppf(1 - delta, k + 1, n - k); computed here by bisection on the exact rational binomial
        // sum in Python (beta.ppf(0.95, 2, 9) = 0.39416 is also in published tables).
        assertThat(ClopperPearson.upperBound(1, 10, 0.05)).isCloseTo(0.39416330243650477, within(1e-12));
        assertThat(ClopperPearson.upperBound(5, 100, 0.1)).isCloseTo(0.09077146961407018, within(1e-12));
        assertThat(ClopperPearson.upperBound(3, 30, 0.05)).isCloseTo(0.23859785729325098, within(1e-12));
        assertThat(ClopperPearson.upperBound(20, 200, 0.05)).isCloseTo(0.14198925159094508, within(1e-12));
        assertThat(ClopperPearson.upperBound(10, 50, 0.01)).isCloseTo(0.3627875712172389, within(1e-12));
        assertThat(ClopperPearson.upperBound(49, 50, 0.1)).isCloseTo(0.9978950082958632, within(1e-12));
    }

    @Test
    void upper_bound_is_one_when_every_trial_failed() {
        assertThat(ClopperPearson.upperBound(30, 30, 0.1)).isEqualTo(1.0);
    }

    @Test
    void upper_bound_is_the_p_at_which_the_binomial_cdf_equals_delta() {
        for (int[] kn : new int[][] {{0, 31}, {4, 60}, {17, 300}, {90, 1000}}) {
            double u = ClopperPearson.upperBound(kn[0], kn[1], 0.1);
            assertThat(ClopperPearson.binomialCdf(kn[0], kn[1], u)).isCloseTo(0.1, within(1e-12));
        }
    }

    @Test
    void upper_bound_grows_with_errors_and_confidence_and_shrinks_with_n() {
        double previous = 0;
        for (int k = 0; k <= 50; k++) {
            double u = ClopperPearson.upperBound(k, 50, 0.1);
            assertThat(u).isGreaterThan(previous);
            previous = u;
        }
        assertThat(ClopperPearson.upperBound(5, 50, 0.01)).isGreaterThan(ClopperPearson.upperBound(5, 50, 0.1));
        assertThat(ClopperPearson.upperBound(5, 100, 0.1)).isLessThan(ClopperPearson.upperBound(5, 50, 0.1));
        assertThat(ClopperPearson.upperBound(5, 50, 0.1)).isGreaterThan(5 / 50.0);
    }

    @Test
    void exceeds_test_agrees_with_the_bound() {
        for (int n = 30; n <= 300; n += 9) {
            for (int k = 0; k <= n; k += 1 + n / 40) {
                for (double alpha : new double[] {0.05, 0.1, 0.2}) {
                    double u = ClopperPearson.upperBound(k, n, 0.1);
                    if (Math.abs(u - alpha) > 1e-9) {
                        assertThat(ClopperPearson.upperBoundExceeds(k, n, 0.1, alpha))
                                .as("k=%d n=%d alpha=%s bound=%s", k, n, alpha, u)
                                .isEqualTo(u > alpha);
                    }
                }
            }
        }
    }

    @Test
    void log_gamma_matches_factorials() {
        double logFactorial = 0;
        for (int n = 1; n <= 170; n++) {
            assertThat(ClopperPearson.logGamma(n)).isCloseTo(logFactorial, within(1e-12 * Math.max(1, logFactorial)));
            logFactorial += Math.log(n);
        }
        assertThat(ClopperPearson.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
    }

    @Test
    void rejects_counts_out_of_range() {
        assertThatThrownBy(() -> ClopperPearson.upperBound(31, 30, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errors must be between 0 and n=30 but was 31");
        assertThatThrownBy(() -> ClopperPearson.upperBound(0, 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be >= 1 but was 0");
        assertThatThrownBy(() -> ClopperPearson.upperBound(0, 10, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta must be between 0 and 1 (exclusive) but was 1.0");
    }
}
