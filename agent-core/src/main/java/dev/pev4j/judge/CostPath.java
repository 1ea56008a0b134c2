package dev.pev4j.judge;

import dev.pev4j.judge.CascadeCalibration.CascadeSelection;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Cost-aware calibration of a cascade by Learn-then-Test with fixed-sequence testing (Angelopoulos, Bates, Candès,
 * Jordan and Lei, "Learn then Test: Calibrating predictive algorithms to achieve risk control", arXiv 2110.01052,
 * 2021, Proposition 3 and section 4; the path built on a separate split as in Laufer-Goldshtein et al., "Efficiently
 * controlling multiple risks with Pareto testing", ICLR 2023). Stateless; one instance per calibration.
 *
 * <p>A configuration sets, for each judge in cascade order, a threshold or "skip". Its risk is the probability that
 * an item it accepts gets a verdict a human disagrees with. The items are split once, by a fixed seed, into a path
 * half and a test half. On the path half only, a short sequence of configurations is built, from the safest to the
 * most useful for the user's objective (cheapest at a coverage, or most coverage within a budget). On the test half
 * each configuration of the sequence in turn is tested for H0: risk &gt; α by the exact binomial (Clopper–Pearson)
 * test at level δ, until the first one that is not rejected. Since the sequence does not depend on the test half,
 * fixed-sequence testing controls the family-wise error at δ: with probability at least 1 − δ every configuration
 * certified has risk at most α, so the one finally chosen among them (by the objective, on all items) does too,
 * whichever it is. Nothing is divided by the number of configurations: δ is spent once, which is what lets cheap
 * configurations be certified at all.
 */
final class CostPath {

    /** The seed of the path/test split, fixed so a calibration is reproducible. */
    static final long SPLIT_SEED = 0x5EEDL;
    /** Steps of the risk ladder along which the path is built. */
    private static final int LADDER = 20;
    /** The most configurations enumerated: levels per judge are chosen so that (levels + 1)^judges stays below. */
    private static final int MAX_CONFIGURATIONS = 2_000;

    private static final int MAX_LEVELS = 16;
    private static final int SKIP = -1;
    /** The level of the bound that orders the path (on the path items only; not the guarantee's level). */
    private static final double PATH_LEVEL = 0.5;

    private final double alpha;
    private final double delta;
    private final int minItems;
    private final Calibrator.Objective objective;
    private final double pathShare;

    CostPath(double alpha, double delta, int minItems, Calibrator.Objective objective, double pathShare) {
        this.alpha = alpha;
        this.delta = delta;
        this.minItems = minItems;
        this.objective = objective;
        this.pathShare = pathShare;
    }

    /** Counts of one configuration on some items. */
    private record Stats(int items, int accepted, int errors, double cost) {
        double coverage() {
            return items == 0 ? 0.0 : (double) accepted / items;
        }

        double costPerItem() {
            return items == 0 ? 0.0 : cost / items;
        }
    }

    CascadeCalibration calibrate(
            List<String> names,
            double[] costs,
            double[][] conf,
            boolean[][] agreed,
            int minItemsSetting,
            int gridSteps,
            Calibrator.Candidates family) {
        int k = names.size();
        int n = conf.length == 0 ? 0 : conf[0].length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nPath = (int) Math.round(n * pathShare);
        int[] path = Arrays.copyOfRange(order, 0, nPath);
        int[] test = Arrays.copyOfRange(order, nPath, n);
        int[] all = order;

        int levels = 1;
        while (levels < MAX_LEVELS && Math.pow(levels + 2, k) <= MAX_CONFIGURATIONS) {
            levels++;
        }
        // Thresholds per judge from the path half's confidences only, highest first.
        double[][] thresholds = new double[k][];
        int[][] cleared = new int[k][n];
        for (int j = 0; j < k; j++) {
            double[] row = conf[j];
            double[] seen = Arrays.stream(path)
                    .mapToDouble(i -> row[i])
                    .filter(c -> !Double.isNaN(c))
                    .sorted()
                    .toArray();
            List<Double> ts = new ArrayList<>();
            for (int q = 1; q <= levels && seen.length > 0; q++) {
                int index = (int) Math.floor(seen.length * (1.0 - (double) q / levels));
                double t = seen[Math.max(0, Math.min(seen.length - 1, index))];
                if (ts.isEmpty() || t < ts.get(ts.size() - 1)) {
                    ts.add(t);
                }
            }
            thresholds[j] = ts.stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = 0; i < n; i++) {
                int first = thresholds[j].length;
                double c = conf[j][i];
                if (!Double.isNaN(c)) {
                    for (int l = 0; l < thresholds[j].length; l++) {
                        if (c >= thresholds[j][l]) {
                            first = l;
                            break;
                        }
                    }
                }
                cleared[j][i] = first;
            }
        }
        // Every configuration: level[j] in 0..L_j - 1, or L_j for "skip".
        List<int[]> configurations = new ArrayList<>();
        int[] level = new int[k];
        while (true) {
            boolean any = false;
            for (int j = 0; j < k; j++) {
                any |= level[j] < thresholds[j].length;
            }
            if (any) {
                int[] c = level.clone();
                for (int jj = 0; jj < k; jj++) {
                    if (c[jj] == thresholds[jj].length) {
                        c[jj] = SKIP;
                    }
                }
                configurations.add(c);
            }
            int j = k - 1;
            while (j >= 0 && level[j] == thresholds[j].length) {
                level[j] = 0;
                j--;
            }
            if (j < 0) {
                break;
            }
            level[j]++;
        }
        int fewest = Math.max(minItems, Calibrator.fewestItemsThatCanPass(alpha, delta));
        // The risk ladder: the path's i-th configuration is the objective's best among those whose upper bound on the
        // path half is at most alpha * i / LADDER.
        List<int[]> pool = new ArrayList<>();
        List<Stats> poolStats = new ArrayList<>();
        List<Double> poolBound = new ArrayList<>();
        for (int[] c : configurations) {
            Stats s = stats(c, path, agreed, cleared, costs);
            if (s.accepted() < fewest * pathShare || s.errors() > alpha * s.accepted()) {
                continue;
            }
            // Ordered by a median-level bound: a heuristic on the path items only, which the test half then checks.
            double bound = ClopperPearson.upperBound(s.errors(), s.accepted(), PATH_LEVEL);
            if (bound > alpha) {
                continue;
            }
            pool.add(c);
            poolStats.add(s);
            poolBound.add(bound);
        }
        // "As much as the strongest alone": on the path, what the strongest judge alone reaches at the path level;
        // for the final choice, what it reaches calibrated alone on all items at delta (choosing among certified
        // configurations may look at every item).
        int last = k - 1;
        double wanted = objective.coverage() >= 0
                ? objective.coverage()
                : strongestCoverage(names.get(last), conf[last], agreed[last], path, PATH_LEVEL);
        double wantedFinal = objective.coverage() >= 0
                ? objective.coverage()
                : strongestCoverage(names.get(last), conf[last], agreed[last], all, delta);
        List<int[]> sequence = new ArrayList<>();
        for (int step = 1; step <= LADDER; step++) {
            double cap = alpha * step / LADDER;
            int best = -1;
            for (int p = 0; p < pool.size(); p++) {
                if (poolBound.get(p) <= cap && (best < 0 || better(poolStats.get(p), poolStats.get(best), wanted))) {
                    best = p;
                }
            }
            if (best >= 0
                    && (sequence.isEmpty() || !Arrays.equals(sequence.get(sequence.size() - 1), pool.get(best)))) {
                sequence.add(pool.get(best));
            }
        }
        // Fixed-sequence testing on the test half.
        int certified = 0;
        for (int[] c : sequence) {
            Stats s = stats(c, test, agreed, cleared, costs);
            if (s.accepted() == 0 || ClopperPearson.upperBoundExceeds(s.errors(), s.accepted(), delta, alpha)) {
                break;
            }
            certified++;
        }
        // The objective's choice among the certified, on all items.
        List<CascadeSelection.Candidate> candidates = new ArrayList<>();
        List<Stats> allStats = new ArrayList<>();
        for (int[] c : sequence) {
            Stats s = stats(c, all, agreed, cleared, costs);
            allStats.add(s);
            candidates.add(
                    new CascadeSelection.Candidate(used(c), s.accepted(), s.accepted() - s.errors(), s.costPerItem()));
        }
        int chosen = -1;
        for (int c = 0; c < certified; c++) {
            if (chosen < 0 || better(allStats.get(c), allStats.get(chosen), wantedFinal)) {
                chosen = c;
            }
        }
        List<JudgeCalibration> judges = new ArrayList<>(k);
        String reason;
        if (chosen < 0) {
            candidates.add(new CascadeSelection.Candidate(List.of(k - 1), 0, 0, 0.0));
            chosen = candidates.size() - 1;
            for (int j = 0; j < k; j++) {
                judges.add(JudgeCalibration.neverAccepts(names.get(j), n));
            }
            reason = "no configuration certified: "
                    + (sequence.isEmpty()
                            ? "none passed on the " + path.length + " path items"
                            : "the first of the " + sequence.size() + " on the path failed the test on " + test.length
                                    + " items");
        } else {
            int[] c = sequence.get(chosen);
            Stats onTest = stats(c, test, agreed, cleared, costs);
            double bound = ClopperPearson.upperBound(onTest.errors(), onTest.accepted(), delta);
            boolean[] reaching = new boolean[n];
            Arrays.fill(reaching, true);
            int reach = n;
            for (int j = 0; j < k; j++) {
                if (c[j] == SKIP) {
                    judges.add(JudgeCalibration.neverAccepts(names.get(j), reach));
                    continue;
                }
                int accepted = 0;
                int right = 0;
                for (int i = 0; i < n; i++) {
                    if (reaching[i] && cleared[j][i] <= c[j]) {
                        reaching[i] = false;
                        accepted++;
                        if (agreed[j][i]) {
                            right++;
                        }
                    }
                }
                judges.add(new JudgeCalibration(names.get(j), thresholds[j][c[j]], reach, accepted, right, bound));
                reach -= accepted;
            }
            Stats s = allStats.get(chosen);
            reason = String.format(
                    Locale.ROOT,
                    "fixed-sequence test on %d held-out items certified %d of %d"
                            + " configurations on the path built from %d items; chosen as %s: coverage %.3f, cost %.3f per"
                            + " item, error bound %.3f on the held-out items",
                    test.length,
                    certified,
                    sequence.size(),
                    path.length,
                    objective.describe(wantedFinal),
                    s.coverage(),
                    s.costPerItem(),
                    bound);
        }
        CascadeSelection selection = new CascadeSelection(family, candidates, chosen, reason);
        return new CascadeCalibration(alpha, delta, minItemsSetting, gridSteps, n, judges, selection);
    }

    // Whether a beats b for the objective: a coverage target (cheapest reaching it, else most coverage) or a budget
    // (most coverage within it, else cheapest).
    private boolean better(Stats a, Stats b, double wanted) {
        if (objective.budget() >= 0) {
            boolean aIn = a.costPerItem() <= objective.budget();
            boolean bIn = b.costPerItem() <= objective.budget();
            if (aIn != bIn) {
                return aIn;
            }
            if (!aIn) {
                return a.costPerItem() < b.costPerItem();
            }
            return a.coverage() > b.coverage() || (a.coverage() == b.coverage() && a.costPerItem() < b.costPerItem());
        }
        boolean aReaches = a.coverage() >= wanted;
        boolean bReaches = b.coverage() >= wanted;
        if (aReaches != bReaches) {
            return aReaches;
        }
        if (aReaches) {
            return a.costPerItem() < b.costPerItem()
                    || (a.costPerItem() == b.costPerItem() && a.coverage() > b.coverage());
        }
        return a.coverage() > b.coverage() || (a.coverage() == b.coverage() && a.costPerItem() < b.costPerItem());
    }

    private double strongestCoverage(String name, double[] conf, boolean[] agreed, int[] items, double level) {
        double[] c = new double[items.length];
        boolean[] a = new boolean[items.length];
        for (int x = 0; x < items.length; x++) {
            c[x] = conf[items[x]];
            a[x] = agreed[items[x]];
        }
        JudgeCalibration alone =
                Calibrator.of(alpha, level).withMinItems(minItems).threshold(name, c, a);
        return alone.coverage();
    }

    private static List<Integer> used(int[] c) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < c.length; j++) {
            if (c[j] != SKIP) {
                out.add(j);
            }
        }
        return out;
    }

    private static Stats stats(int[] c, int[] items, boolean[][] agreed, int[][] cleared, double[] costs) {
        int accepted = 0;
        int errors = 0;
        double cost = 0.0;
        for (int i : items) {
            for (int j = 0; j < c.length; j++) {
                if (c[j] == SKIP) {
                    continue;
                }
                cost += costs[j];
                if (cleared[j][i] <= c[j]) {
                    accepted++;
                    if (!agreed[j][i]) {
                        errors++;
                    }
                    break;
                }
            }
        }
        return new Stats(items.length, accepted, errors, cost);
    }
}
