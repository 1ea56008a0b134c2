package dev.pev4j.tools.eval;

/**
 * A proportion with its 95% Wilson score interval: {@code successes} of {@code n}. The interval stays inside [0, 1]
 * and is honest at small n and at 0% or 100%, where the normal approximation collapses to a point. Immutable.
 */
public record Rate(int successes, int n) {

    private static final double Z = 1.959963984540054;

    public Rate {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n but got " + successes + " of " + n);
        }
    }

    /** The proportion; 0 when n is 0. */
    public double value() {
        return n == 0 ? 0 : (double) successes / n;
    }

    /** The lower end of the 95% Wilson interval; 0 when n is 0. */
    public double low() {
        return n == 0 ? 0 : centre() - halfWidth();
    }

    /** The upper end of the 95% Wilson interval; 1 when n is 0. */
    public double high() {
        return n == 0 ? 1 : centre() + halfWidth();
    }

    private double centre() {
        double z2 = Z * Z;
        return (value() + z2 / (2.0 * n)) / (1 + z2 / n);
    }

    private double halfWidth() {
        double p = value();
        double z2 = Z * Z;
        return Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d/%d = %.3f [%.3f, %.3f]", successes, n, value(), low(), high());
    }
}
