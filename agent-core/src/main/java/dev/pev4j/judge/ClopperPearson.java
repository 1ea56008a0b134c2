package dev.pev4j.judge;

import dev.pev4j.internal.Checks;

/**
 * Exact (Clopper–Pearson) binomial bounds, from the regularized incomplete beta function. Stateless and thread-safe.
 *
 * <p>The incomplete beta is the continued fraction of Numerical Recipes §6.4, evaluated with the modified Lentz
 * method, on whichever side of the mean converges fast; the bound inverts it by bisection, which cannot fail to
 * converge because the function is monotone in {@code x}.
 */
final class ClopperPearson {

    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;

    // Lanczos approximation, g = 7, n = 9: relative error below 1e-15 for x > 0.
    private static final double LANCZOS_G = 7.0;

    @SuppressWarnings("FloatingPointLiteralPrecision") // the coefficients as published (g = 7, n = 9)
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private ClopperPearson() {}

    /**
     * The one-sided upper confidence bound at level {@code delta} on a binomial proportion after {@code errors} of
     * {@code n}: the {@code p} with {@code P(X <= errors; n, p) = delta}, so that the true proportion exceeds it with
     * probability at most {@code delta}. It is 1 when every trial was an error.
     */
    static double upperBound(int errors, int n, double delta) {
        checkCounts(errors, n);
        Checks.strictlyBetween0And1("delta", delta);
        if (errors == n) {
            return 1.0;
        }
        // P(X <= k; n, p) = 1 - I_p(k + 1, n - k), so the bound solves I_p(k + 1, n - k) = 1 - delta.
        double a = errors + 1.0;
        double b = n - (double) errors;
        double target = 1.0 - delta;
        double lo = 0.0;
        double hi = 1.0;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return hi;
            }
            if (regularizedIncompleteBeta(mid, a, b) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /**
     * Whether the upper bound of {@link #upperBound} exceeds {@code alpha}, without inverting anything: the bound
     * exceeds {@code alpha} exactly when {@code P(X <= errors; n, alpha) > delta}, because that probability falls as
     * the proportion rises. One incomplete-beta evaluation instead of a bisection.
     */
    static boolean upperBoundExceeds(int errors, int n, double delta, double alpha) {
        return binomialCdf(errors, n, alpha) > delta;
    }

    /** {@code P(X <= k)} for {@code X ~ Binomial(n, p)}. */
    static double binomialCdf(int k, int n, double p) {
        checkCounts(k, n);
        if (k == n) {
            return 1.0;
        }
        return regularizedIncompleteBeta(1.0 - p, n - (double) k, k + 1.0);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)}, for {@code a, b > 0} and {@code 0 <= x <= 1}. */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (!(a > 0.0) || !(b > 0.0)) {
            throw new IllegalArgumentException("a and b must be > 0 but were " + a + " and " + b);
        }
        Checks.between0And1("x", x);
        if (x == 0.0) {
            return 0.0;
        }
        if (x == 1.0) {
            return 1.0;
        }
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return Math.exp(logFront) * continuedFraction(x, a, b) / a;
        }
        return 1.0 - Math.exp(logFront) * continuedFraction(1.0 - x, b, a) / b;
    }

    /** {@code ln Γ(x)} for {@code x > 0}. */
    static double logGamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("x must be > 0 but was " + x);
        }
        if (x < 0.5) {
            // Reflection keeps the approximation in its accurate range.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1.0 - x);
        }
        double z = x - 1.0;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return 0.5 * Math.log(2.0 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    // Modified Lentz evaluation of the continued fraction for I_x(a, b) (Numerical Recipes, betacf).
    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 / awayFromZero(1.0 - qab * x / qap);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            // The even step of the recurrence, then the odd one.
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 / awayFromZero(1.0 + aa * d);
            c = awayFromZero(1.0 + aa / c);
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 / awayFromZero(1.0 + aa * d);
            c = awayFromZero(1.0 + aa / c);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1.0) < EPS) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b + " in "
                + MAX_ITERATIONS + " iterations");
    }

    // Lentz's guard: a denominator that is (nearly) zero is replaced by a tiny one, so that the fraction goes on.
    private static double awayFromZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }

    private static void checkCounts(int k, int n) {
        Checks.atLeast("n", n, 1);
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("errors must be between 0 and n=" + n + " but was " + k);
        }
    }
}
