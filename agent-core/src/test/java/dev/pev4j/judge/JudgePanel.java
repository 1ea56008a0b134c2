package dev.pev4j.judge;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated panel of three judges of rising price (0.2, 0.5 and 10 per call) whose errors are not one shared item
 * difficulty: items are of four kinds, and on each kind each judge has its own accuracy and its own confidence when
 * right and when wrong (uniform on an interval). The cheap judges are confidently right on easy items, unsure on
 * medium and hard ones, and confidently wrong on traps, where the strongest judge is merely unsure. Given the kind,
 * the judges answer independently. Because confidences are uniform and judges independent given the kind, the exact
 * risk, coverage and cost of any cascade configuration follow in closed form ({@link #exact}), so a test can say
 * whether a calibration's guarantee held without a test set's own noise. Immutable and thread-safe; for tests and the
 * benchmarks.
 */
public final class JudgePanel {

    /** The judges' names, cheapest first. */
    public static final List<String> NAMES = List.of("cheap", "middle", "strong");

    /** Cost per call, cheapest first. */
    public static final List<Double> COSTS = List.of(0.2, 0.5, 10.0);

    /** How one judge behaves on one kind of item. */
    private record Behaviour(double right, double rightLo, double rightHi, double wrongLo, double wrongHi) {
        /** P(confidence >= t and right). */
        double acceptRight(double t) {
            return right * tail(t, rightLo, rightHi);
        }

        /** P(confidence >= t and wrong). */
        double acceptWrong(double t) {
            return (1 - right) * tail(t, wrongLo, wrongHi);
        }

        // Confidences are drawn rounded to 1/1000, so "rounded >= t" is "drawn >= t - 0.0005".
        private static double tail(double t, double lo, double hi) {
            double x = t - 0.0005;
            if (x <= lo) {
                return 1.0;
            }
            if (x >= hi) {
                return 0.0;
            }
            return (hi - x) / (hi - lo);
        }
    }

    private static final String[] KINDS = {"easy", "medium", "hard", "trap"};
    private static final double[] SHARE = {0.50, 0.25, 0.15, 0.10};
    // [kind][judge]
    private static final Behaviour[][] BEHAVIOUR = {
        { // easy: the cheap judges are confidently right
            new Behaviour(0.97, 0.88, 1.00, 0.50, 0.80),
            new Behaviour(0.97, 0.85, 1.00, 0.50, 0.85),
            new Behaviour(0.93, 0.70, 1.00, 0.50, 0.85)
        },
        { // medium
            new Behaviour(0.70, 0.50, 0.85, 0.50, 0.85),
            new Behaviour(0.80, 0.60, 0.95, 0.50, 0.80),
            new Behaviour(0.78, 0.60, 0.98, 0.50, 0.90)
        },
        { // hard
            new Behaviour(0.55, 0.50, 0.80, 0.50, 0.80),
            new Behaviour(0.60, 0.50, 0.85, 0.50, 0.85),
            new Behaviour(0.55, 0.50, 0.90, 0.50, 0.90)
        },
        { // trap: the cheap judges are confidently wrong
            new Behaviour(0.15, 0.50, 0.80, 0.85, 1.00),
            new Behaviour(0.35, 0.50, 0.90, 0.75, 1.00),
            new Behaviour(0.60, 0.55, 0.95, 0.50, 0.90)
        },
    };

    private JudgePanel() {}

    /** What every judge said about {@code n} fresh items: confidences and whether each agreed with the human. */
    public record Answers(double[][] confidences, boolean[][] agreed) {
        public int items() {
            return confidences[0].length;
        }
    }

    /** Draws {@code n} items and the three judges' answers on them. */
    public static Answers draw(int n, SplittableRandom random) {
        double[][] conf = new double[3][n];
        boolean[][] agreed = new boolean[3][n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int kind = 0;
            double acc = SHARE[0];
            while (u >= acc && kind < KINDS.length - 1) {
                kind++;
                acc += SHARE[kind];
            }
            for (int j = 0; j < 3; j++) {
                Behaviour b = BEHAVIOUR[kind][j];
                boolean right = random.nextDouble() < b.right();
                double lo = right ? b.rightLo() : b.wrongLo();
                double hi = right ? b.rightHi() : b.wrongHi();
                conf[j][i] = Math.round((lo + (hi - lo) * random.nextDouble()) * 1000) / 1000.0;
                agreed[j][i] = right;
            }
        }
        return new Answers(conf, agreed);
    }

    /** The exact coverage, risk (error rate among accepted) and cost per item of a configuration. */
    public record Exact(double coverage, double risk, double cost) {}

    /**
     * The exact behaviour of the cascade that asks the judges with a finite threshold in order ({@code thresholds},
     * one per judge; {@link Double#POSITIVE_INFINITY} for a judge it skips), with the rounding of confidences to
     * 1/1000 taken into account.
     */
    public static Exact exact(List<Double> thresholds) {
        double accepted = 0;
        double wrong = 0;
        double cost = 0;
        for (int kind = 0; kind < KINDS.length; kind++) {
            double reach = 1.0;
            for (int j = 0; j < 3; j++) {
                double t = thresholds.get(j);
                if (t > 1.0) {
                    continue;
                }
                Behaviour b = BEHAVIOUR[kind][j];
                cost += SHARE[kind] * reach * COSTS.get(j);
                double ar = b.acceptRight(t);
                double aw = b.acceptWrong(t);
                accepted += SHARE[kind] * reach * (ar + aw);
                wrong += SHARE[kind] * reach * aw;
                reach *= 1.0 - ar - aw;
            }
        }
        return new Exact(accepted, accepted == 0 ? 0.0 : wrong / accepted, cost);
    }
}
