package dev.pev4j.judge;

import dev.pev4j.judge.CascadeCalibration.CascadeSelection;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Cost-aware calibration of a cascade ({@link Calibrator.Candidates#COST_PATH}): fixed-sequence testing along one
 * path per family of configurations, with δ divided among the families (Bonferroni). Stateless; one instance per
 * calibration.
 *
 * <p>A <em>family</em> is a choice of judges that ends with the strongest (2<sup>k−1</sup> of them for k judges: for
 * three, the strongest alone, cheap then strongest, middle then strongest, all three). Its configurations give
 * every judge of the family one common threshold {@code u = j / gridSteps}: an item goes to the family's judges in
 * cascade order and the first whose confidence reaches {@code u} answers; when none does the cascade abstains. The
 * risk of a configuration is the probability that a verdict it accepts disagrees with the human.
 *
 * <p>Each family's path walks {@code u} from 1 down to 0, on all the calibration items. Points where the
 * configuration accepts fewer than a fixed number of items are skipped (see {@link #startItems}; which points are
 * skipped depends on counts only); each other point is a test of H<sub>0</sub>: risk &gt; α, by the exact binomial
 * (Clopper–Pearson) bound at level δ/m for m families, and the walk stops at the first point not rejected. Every
 * point before it is <em>certified</em>. The procedure is fixed-sequence testing (Bauer, "Multiple testing in
 * clinical trials", Statistics in Medicine 10, 1991; as used for risk control by Angelopoulos, Bates, Candès, Jordan
 * and Lei, "Learn then Test", arXiv 2110.01052, 2021, section 4): the order of the hypotheses is fixed before the
 * labels are looked at, so a false certification can only happen when the first true null of the path is rejected,
 * which has probability at most δ/m. Over the m families (union bound), with probability at least 1 − δ no
 * certified configuration of any family has risk above α; so whichever certified configuration the objective then
 * picks — using every item, coverage and cost — keeps the guarantee.
 *
 * <p>Why not one path through all families at full δ, say the strongest judge's thresholds first and then, keeping
 * its threshold, the cheaper judges' from "never" to looser? Its switch point is where the first path stopped, which
 * depends on the labels; continuing after a non-rejection is not fixed-sequence testing, and its error can reach 2δ
 * (the first null of each branch rejected with probability δ each, nearly independently). On {@code JudgePanel} its
 * guarantee failed in 9.8% of splits against 7.3% for the strongest judge alone at δ = 0.1, and it saved little,
 * since with the strongest judge at its own boundary there is no room left for a cheaper judge's errors. Dividing δ
 * among a handful of families costs less than splitting the items (an earlier version built the path on 30% of them).
 */
final class CostPath {

    /** The walk starts where an error rate of this share of α would already pass (capped, see startItems). */
    static final double START_ERROR_SHARE = 2.0 / 3.0;
    /** The walk starts at most at this share of the items. */
    static final double START_CAP = 0.25;

    private final double alpha;
    private final double delta;
    private final int minItems;
    private final int gridSteps;
    private final Calibrator.Objective objective;

    CostPath(double alpha, double delta, int minItems, int gridSteps, Calibrator.Objective objective) {
        this.alpha = alpha;
        this.delta = delta;
        this.minItems = minItems;
        this.gridSteps = gridSteps;
        this.objective = objective;
    }

    /** Counts of one configuration on the calibration items. */
    private record Stats(int items, int accepted, int errors, double cost, int grid) {
        double coverage() {
            return items == 0 ? 0.0 : (double) accepted / items;
        }

        double costPerItem() {
            return items == 0 ? 0.0 : cost / items;
        }
    }

    /**
     * The fewest accepted items at which a path's tests begin: at least {@code minItems} and the fewest that can pass
     * at all, and the fewest at which an error rate of 2α/3 would pass at level {@code level}, but no more than a
     * quarter of the items. A cascade's most confident answers are not all right (a cheap judge can be confidently
     * wrong), so a test on its 30 most confident items would fail and end the path before it reached the
     * configurations worth having. Depends on counts only.
     */
    int startItems(int n, double level) {
        int fewest = Math.max(minItems, Calibrator.fewestItemsThatCanPass(alpha, level));
        int atShare = 1;
        while (atShare < n
                && ClopperPearson.upperBoundExceeds(
                        (int) Math.floor(START_ERROR_SHARE * alpha * atShare), atShare, level, alpha)) {
            atShare++;
        }
        return Math.max(fewest, Math.min(atShare, (int) Math.floor(n * START_CAP)));
    }

    CascadeCalibration calibrate(
            List<String> names, double[] costs, double[][] conf, boolean[][] agreed, Calibrator.Candidates family) {
        int k = names.size();
        int n = conf.length == 0 ? 0 : conf[0].length;
        List<int[]> families = families(k);
        int m = families.size();
        double level = delta / m;
        int start = startItems(n, level);
        // Bucket each confidence at the highest grid point at or below it: judge j is eligible at grid point g when
        // g <= bucket[j][i]; -1 for an abstention.
        int[][] bucket = new int[k][n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double c = conf[j][i];
                bucket[j][i] = Double.isNaN(c) ? -1 : Calibrator.highestGridPointAtOrBelow(c, gridSteps);
            }
        }
        double wanted = objective.coverage() >= 0 ? objective.coverage() : strongestCoverage(names, conf, agreed);
        List<CascadeSelection.Candidate> candidates = new ArrayList<>(m);
        @Nullable Stats[] best = new Stats[m];
        int chosen = -1;
        int certifiedTotal = 0;
        for (int f = 0; f < m; f++) {
            int[] judges = families.get(f);
            List<Stats> certified = walk(judges, costs, bucket, agreed, n, start, level);
            certifiedTotal += certified.size();
            @Nullable Stats pick = null;
            for (Stats s : certified) {
                if (pick == null || better(s, pick, wanted)) {
                    pick = s;
                }
            }
            best[f] = pick;
            candidates.add(
                    pick == null
                            ? new CascadeSelection.Candidate(indices(judges), 0, 0, 0.0)
                            : new CascadeSelection.Candidate(
                                    indices(judges),
                                    pick.accepted(),
                                    pick.accepted() - pick.errors(),
                                    pick.costPerItem()));
            if (pick != null && (chosen < 0 || better(pick, Objects.requireNonNull(best[chosen]), wanted))) {
                chosen = f;
            }
        }
        List<JudgeCalibration> out = new ArrayList<>(k);
        String reason;
        if (chosen < 0) {
            chosen = 0; // the strongest judge alone, never accepting
            for (int j = 0; j < k; j++) {
                out.add(JudgeCalibration.neverAccepts(names.get(j), n));
            }
            reason = String.format(
                    Locale.ROOT,
                    "no configuration certified: in each of the %d families the first test (from %d accepted items)"
                            + " failed at delta/%d=%.4f",
                    m,
                    start,
                    m,
                    level);
        } else {
            Stats s = Objects.requireNonNull(best[chosen]);
            int[] judges = families.get(chosen);
            double u = s.grid() / (double) gridSteps;
            double bound = ClopperPearson.upperBound(s.errors(), Math.max(1, s.accepted()), level);
            boolean[] reaching = new boolean[n];
            Arrays.fill(reaching, true);
            int reach = n;
            for (int j = 0; j < k; j++) {
                if (!contains(judges, j)) {
                    out.add(JudgeCalibration.neverAccepts(names.get(j), reach));
                    continue;
                }
                int accepted = 0;
                int right = 0;
                for (int i = 0; i < n; i++) {
                    if (reaching[i] && bucket[j][i] >= s.grid()) {
                        reaching[i] = false;
                        accepted++;
                        if (agreed[j][i]) {
                            right++;
                        }
                    }
                }
                out.add(new JudgeCalibration(names.get(j), u, reach, accepted, right, bound));
                reach -= accepted;
            }
            reason = String.format(
                    Locale.ROOT,
                    "fixed-sequence test of %d families at delta/%d=%.4f each certified %d configurations; chosen as"
                            + " %s: %s at threshold %.3f, coverage %.3f, cost %.3f per item, error bound %.3f",
                    m,
                    m,
                    level,
                    certifiedTotal,
                    objective.describe(wanted),
                    describe(names, judges),
                    u,
                    s.coverage(),
                    s.costPerItem(),
                    bound);
        }
        CascadeSelection selection = new CascadeSelection(family, candidates, chosen, reason);
        return new CascadeCalibration(alpha, delta, minItems, gridSteps, n, out, selection);
    }

    /**
     * Walks one family's common threshold from strict to loose and returns the certified configurations, in order.
     * An item's answer at grid point g comes from the first judge of the family eligible at g; as g falls an earlier
     * judge can take over an item, so the counts are kept per item as the walk goes.
     */
    private List<Stats> walk(
            int[] judges, double[] costs, int[][] bucket, boolean[][] agreed, int n, int start, double level) {
        // events[g] lists (item, position in family) that become eligible at grid point g
        int[] head = new int[gridSteps + 1];
        Arrays.fill(head, -1);
        int size = n * judges.length;
        int[] next = new int[size];
        int[] itemOf = new int[size];
        int[] posOf = new int[size];
        int e = 0;
        for (int p = 0; p < judges.length; p++) {
            for (int i = 0; i < n; i++) {
                int b = bucket[judges[p]][i];
                if (b >= 0) {
                    itemOf[e] = i;
                    posOf[e] = p;
                    next[e] = head[b];
                    head[b] = e;
                    e++;
                }
            }
        }
        double[] costUpTo = new double[judges.length + 1];
        for (int p = 0; p < judges.length; p++) {
            costUpTo[p + 1] = costUpTo[p] + costs[judges[p]];
        }
        int[] answering = new int[n]; // position of the answering judge, or judges.length for none
        Arrays.fill(answering, judges.length);
        int accepted = 0;
        int errors = 0;
        double cost = costUpTo[judges.length] * n;
        List<Stats> certified = new ArrayList<>();
        int passedAccepted = -1;
        int passedErrors = -1;
        for (int g = gridSteps; g >= 0; g--) {
            for (int x = head[g]; x >= 0; x = next[x]) {
                int i = itemOf[x];
                int p = posOf[x];
                int was = answering[i];
                if (p >= was) {
                    continue;
                }
                if (was < judges.length) {
                    errors -= agreed[judges[was]][i] ? 0 : 1;
                } else {
                    accepted++;
                }
                errors += agreed[judges[p]][i] ? 0 : 1;
                cost += costUpTo[p + 1] - costUpTo[was == judges.length ? judges.length : was + 1];
                answering[i] = p;
            }
            if (accepted < start) {
                continue;
            }
            boolean same = accepted == passedAccepted && errors == passedErrors;
            if (!same && ClopperPearson.upperBoundExceeds(errors, accepted, level, alpha)) {
                break;
            }
            passedAccepted = accepted;
            passedErrors = errors;
            certified.add(new Stats(n, accepted, errors, cost, g));
        }
        return certified;
    }

    /** The families for k judges: every choice of judges, in cascade order, that ends with the strongest. */
    static List<int[]> families(int k) {
        List<int[]> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << (k - 1)); mask++) {
            int[] judges = new int[Integer.bitCount(mask) + 1];
            int p = 0;
            for (int j = 0; j < k - 1; j++) {
                if ((mask & (1 << j)) != 0) {
                    judges[p++] = j;
                }
            }
            judges[p] = k - 1;
            out.add(judges);
        }
        return out;
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

    // What the strongest judge alone covers when calibrated on its own at delta (the reference the default objective
    // must reach; choosing among certified configurations may look at every item).
    private double strongestCoverage(List<String> names, double[][] conf, boolean[][] agreed) {
        int last = names.size() - 1;
        return Calibrator.of(alpha, delta)
                .withMinItems(minItems)
                .withGridSteps(gridSteps)
                .threshold(names.get(last), conf[last], agreed[last])
                .coverage();
    }

    private static boolean contains(int[] judges, int j) {
        for (int x : judges) {
            if (x == j) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> indices(int[] judges) {
        List<Integer> out = new ArrayList<>(judges.length);
        for (int j : judges) {
            out.add(j);
        }
        return out;
    }

    private static String describe(List<String> names, int[] judges) {
        List<String> out = new ArrayList<>(judges.length);
        for (int j : judges) {
            out.add(names.get(j));
        }
        return String.join(" > ", out);
    }
}
