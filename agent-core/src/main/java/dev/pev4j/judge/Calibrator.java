package dev.pev4j.judge;

import dev.pev4j.internal.Checks;
import dev.pev4j.judge.CascadeCalibration.CascadeSelection;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Calibrates judges on human-labelled items by fixed-sequence testing (Trust or Escalate, arXiv 2407.18370), so that
 * with probability at least {@code 1 - delta} the verdicts a judge is trusted with agree with humans at least
 * {@code 1 - alpha} of the time. Immutable, deterministic and thread-safe.
 *
 * <p>For one judge: candidate thresholds λ = {@code j / gridSteps} are tried from 1 down to 0; a λ with fewer than
 * {@code minItems} items at confidence ≥ λ is skipped, and so is one with too few items to pass even if none were
 * errors (fewer than the least {@code n} with {@code (1 - alpha)^n <= delta}: 45 at α = 0.05, δ = 0.1), since the
 * first test would then fail whatever the judge said; for the others the exact Clopper–Pearson upper bound, at level
 * δ, on the error rate among those items is compared with α; the first λ whose bound exceeds α ends the sequence, and
 * the last λ that passed is the threshold. When none passed the judge never accepts. Which λ are tested depends on
 * item counts only, never on errors, so the sequence remains a valid test.
 *
 * <p>For a cascade (judges cheapest first, strongest last), the Trust or Escalate procedure calibrates judge 1 on all
 * items, judge 2 on the items judge 1 did not accept, and so on. That alone can cover <em>fewer</em> items than the
 * strongest judge alone: when judges find the same items hard, the cheap judges take the easy items and the strongest
 * judge, calibrated on the hard remainder only, needs a higher threshold than when easy items average its errors
 * down. So the calibrator calibrates a small family of candidate configurations ({@link Candidates}; by default the
 * full cascade and the strongest judge alone), each judge of each candidate by the procedure above on the items that
 * reach it in that candidate, and keeps the candidate that accepts the most calibration items; ties go to the one
 * cheapest on the calibration items, then to the first (the full cascade). The choice and its reason are recorded in
 * {@link CascadeCalibration#selection()}.
 *
 * <p>The price of choosing: with {@code m} candidates, every test runs at level {@code delta / m} (Bonferroni), so the
 * guarantee holds at {@code delta} for whichever is chosen even though the choice looked at the same items. Each
 * candidate is therefore a little more conservative than it would be alone: when the strongest judge alone wins, it
 * covers slightly fewer items than the same judge calibrated on its own at {@code delta} (about one point of coverage
 * with 1 000 items at α = δ = 0.1 in {@code CascadeBenchmark}). {@link Candidates#IN_ORDER} is the plain procedure,
 * without the price and without the protection. A single judge has one candidate and is calibrated at {@code delta}.
 *
 * <p>Cost-aware ({@link Candidates#COST_PATH}, by {@link #withObjective}): each choice of judges that ends with the
 * strongest is a family of configurations sharing one threshold; each family's threshold is walked from strict to
 * loose by fixed-sequence testing (Bauer 1991; "Learn then Test", Angelopoulos et al. 2021) at δ/m for m families,
 * and the objective picks among every certified configuration. The guarantee is on the cascade's accepted verdicts
 * as a whole. See {@code CostPath} for the procedure and its proof.
 *
 * <pre>{@code
 * CascadeCalibration cal = Calibrator.of(0.1, 0.05).calibrate(List.of(smallJudge, largeJudge), labelledItems);
 * CascadeCalibration cheap = Calibrator.of(0.15, 0.1)
 *         .withObjective(Calibrator.Objective.cheapestCovering(0.5))
 *         .calibrate(List.of(smallJudge, largeJudge), List.of(0.2, 10.0), labelledItems);
 * }</pre>
 */
public final class Calibrator {

    /** Thresholds with fewer items at or above them are not tested. */
    public static final int DEFAULT_MIN_ITEMS = 30;

    /** Candidate thresholds are multiples of 1/1000. */
    public static final int DEFAULT_GRID_STEPS = 1000;

    /** The configurations a cascade calibration chooses among by default. */
    public static final Candidates DEFAULT_CANDIDATES = Candidates.CASCADE_OR_STRONGEST;

    static final int MAX_GRID_STEPS = 1_000_000;

    /**
     * The configurations of a cascade that calibration chooses among, each a subsequence of the judges in cascade
     * order (cheapest first, strongest last). Each of the {@code m} candidates is calibrated at {@code delta / m}, so
     * the one chosen holds at {@code delta} whichever it is; more candidates give more chances to cover items but make
     * each a little more conservative.
     */
    public enum Candidates {
        /** Only the full cascade, at {@code delta}: the plain Trust or Escalate procedure. */
        IN_ORDER,
        /** The full cascade and the strongest (last) judge alone: at most 2 candidates. */
        CASCADE_OR_STRONGEST,
        /** Every suffix of the cascade: judges 1..k, 2..k, ..., k alone. */
        SUFFIXES,
        /** Every subsequence that ends with the strongest judge: 2^(k-1) candidates for k judges (k at most 12). */
        ENDING_WITH_STRONGEST,
        /**
         * Cost-aware: for every choice of judges (in cascade order) that ends with the strongest, one common threshold
         * walked from strict to loose by fixed-sequence testing at {@code delta / m} for the m = 2^(k-1) choices;
         * among every configuration certified, the {@link Objective} chooses. The guarantee is on the cascade as a
         * whole (its accepted verdicts disagree with humans at most α of the time, with probability at least 1 − δ).
         * Every judge is asked about every calibration item; at most 12 judges.
         */
        COST_PATH;

        static final int MAX_JUDGES_FOR_SUBSEQUENCES = 12;

        /** The candidates for {@code k} judges, as judge indices in cascade order; the full cascade comes first. */
        List<List<Integer>> of(int k) {
            List<List<Integer>> out = new ArrayList<>();
            List<Integer> all = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                all.add(j);
            }
            out.add(List.copyOf(all));
            if (k == 1) {
                return out;
            }
            switch (this) {
                case IN_ORDER, COST_PATH -> {
                    // only the full cascade
                }
                case CASCADE_OR_STRONGEST -> out.add(List.of(k - 1));
                case SUFFIXES -> {
                    for (int from = 1; from < k; from++) {
                        out.add(List.copyOf(all.subList(from, k)));
                    }
                }
                case ENDING_WITH_STRONGEST -> {
                    if (k > MAX_JUDGES_FOR_SUBSEQUENCES) {
                        throw new IllegalArgumentException("ENDING_WITH_STRONGEST takes at most "
                                + MAX_JUDGES_FOR_SUBSEQUENCES + " judges but got " + k + "; use SUFFIXES");
                    }
                    // Larger subsequences first, so that on a tie in coverage and cost the longer cascade wins.
                    List<List<Integer>> rest = new ArrayList<>();
                    for (int mask = (1 << (k - 1)) - 2; mask >= 0; mask--) {
                        List<Integer> c = new ArrayList<>();
                        for (int j = 0; j < k - 1; j++) {
                            if ((mask & (1 << (k - 2 - j))) != 0) {
                                c.add(j);
                            }
                        }
                        c.add(k - 1);
                        rest.add(List.copyOf(c));
                    }
                    rest.sort((a, b) -> Integer.compare(b.size(), a.size()));
                    out.addAll(rest);
                }
            }
            return out;
        }
    }

    private final double alpha;
    private final double delta;
    private final int minItems;
    private final int gridSteps;
    private final Candidates candidates;
    private final Objective objective;

    private Calibrator(double alpha, double delta, int minItems, int gridSteps, Candidates candidates) {
        this(alpha, delta, minItems, gridSteps, candidates, Objective.cheapestCoveringAsMuchAsStrongest());
    }

    private Calibrator(
            double alpha, double delta, int minItems, int gridSteps, Candidates candidates, Objective objective) {
        checkSettings(alpha, delta, minItems, gridSteps);
        this.alpha = alpha;
        this.delta = delta;
        this.minItems = minItems;
        this.gridSteps = gridSteps;
        this.candidates = Objects.requireNonNull(candidates, "candidates == null");
        this.objective = Objects.requireNonNull(objective, "objective == null");
    }

    /**
     * What a cost-aware calibration ({@link Candidates#COST_PATH}) optimises among the configurations it certified,
     * as the user states it. Immutable and thread-safe.
     *
     * @param coverage the coverage to reach at the least cost, or -1 for "as much as the strongest judge alone"
     *     (calibrated alone at δ on the same items); -1 when {@code budget} is set
     * @param budget the cost per item not to exceed while covering the most items, or -1 when {@code coverage} rules
     */
    public record Objective(double coverage, double budget) {

        public Objective {
            if (budget != -1 && !(budget >= 0.0 && budget < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("budget must be >= 0 and finite but was " + budget);
            }
            if (coverage != -1) {
                Checks.between0And1("coverage", coverage);
            }
            if (coverage != -1 && budget != -1) {
                throw new IllegalArgumentException("state either a coverage or a budget, not both");
            }
        }

        /** The cheapest configuration whose coverage reaches {@code coverage}; the most coverage if none does. */
        public static Objective cheapestCovering(double coverage) {
            return new Objective(coverage, -1);
        }

        /** The configuration covering the most items at a cost per item of at most {@code budget}. */
        public static Objective mostCoverageWithin(double budget) {
            return new Objective(-1, budget);
        }

        /** The cheapest configuration covering as much as the strongest judge alone would (the default). */
        public static Objective cheapestCoveringAsMuchAsStrongest() {
            return new Objective(-1, -1);
        }

        String describe(double wanted) {
            if (budget >= 0) {
                return String.format(Locale.ROOT, "the most coverage within cost %.3f per item", budget);
            }
            return String.format(
                    Locale.ROOT,
                    "the cheapest with coverage >= %.3f%s",
                    wanted,
                    coverage >= 0 ? "" : " (the strongest judge alone's)");
        }
    }

    /**
     * A calibrator for disagreement rate {@code alpha} at risk {@code delta}, with the default 30 items and a grid of
     * 1/1000.
     */
    public static Calibrator of(double alpha, double delta) {
        return new Calibrator(alpha, delta, DEFAULT_MIN_ITEMS, DEFAULT_GRID_STEPS, DEFAULT_CANDIDATES);
    }

    /** The same calibrator, testing only thresholds with at least {@code minItems} items at or above them. */
    public Calibrator withMinItems(int minItems) {
        return new Calibrator(alpha, delta, minItems, gridSteps, candidates, objective);
    }

    /** The same calibrator, trying the thresholds {@code j / gridSteps}. */
    public Calibrator withGridSteps(int gridSteps) {
        return new Calibrator(alpha, delta, minItems, gridSteps, candidates, objective);
    }

    /** The same calibrator, choosing a cascade's configuration among {@code candidates}. */
    public Calibrator withCandidates(Candidates candidates) {
        return new Calibrator(
                alpha, delta, minItems, gridSteps, Objects.requireNonNull(candidates, "candidates == null"), objective);
    }

    /** The same calibrator, cost-aware ({@link Candidates#COST_PATH}), choosing by {@code objective}. */
    public Calibrator withObjective(Objective objective) {
        return new Calibrator(
                alpha,
                delta,
                minItems,
                gridSteps,
                Candidates.COST_PATH,
                Objects.requireNonNull(objective, "objective == null"));
    }

    public Objective objective() {
        return objective;
    }

    public double alpha() {
        return alpha;
    }

    public double delta() {
        return delta;
    }

    public int minItems() {
        return minItems;
    }

    public int gridSteps() {
        return gridSteps;
    }

    public Candidates candidates() {
        return candidates;
    }

    /**
     * Calibrates the candidate configurations of these judges (see {@link Candidates}), each judge costing 1 per call,
     * and keeps the one that accepts the most calibration items. A judge is asked only about the items some candidate
     * routes to it, each at most once; a judge that abstains on an item is never trusted with it.
     *
     * @throws dev.pev4j.llm.LlmException when a judge's model fails
     */
    public CascadeCalibration calibrate(List<? extends Judge> judges, List<LabelledItem> items) {
        Objects.requireNonNull(judges, "judges == null");
        return calibrate(judges, Collections.nCopies(judges.size(), 1.0), items);
    }

    /**
     * Like {@link #calibrate(List, List)}, with what one call to each judge costs (any unit, the same for all), used to
     * break ties in coverage: the cheaper candidate on the calibration items wins.
     *
     * @throws dev.pev4j.llm.LlmException when a judge's model fails
     */
    public CascadeCalibration calibrate(
            List<? extends Judge> judges, List<Double> costsPerCall, List<LabelledItem> items) {
        Objects.requireNonNull(judges, "judges == null");
        Objects.requireNonNull(costsPerCall, "costsPerCall == null");
        Objects.requireNonNull(items, "items == null");
        if (judges.isEmpty()) {
            throw new IllegalArgumentException("judges must not be empty: a cascade needs at least one judge");
        }
        List<String> names = new ArrayList<>(judges.size());
        for (Judge judge : judges) {
            Objects.requireNonNull(judge, "judge == null");
            names.add(judge.name());
        }
        List<LabelledItem> copy = List.copyOf(items);
        int n = copy.size();
        double[][] confidence = new double[judges.size()][n];
        boolean[][] agreed = new boolean[judges.size()][n];
        boolean[][] asked = new boolean[judges.size()][n];
        Answers answers = new Answers() {
            @Override
            public double confidence(int j, int i) {
                ask(j, i);
                return confidence[j][i];
            }

            @Override
            public boolean agreed(int j, int i) {
                ask(j, i);
                return agreed[j][i];
            }

            private void ask(int j, int i) {
                if (asked[j][i]) {
                    return;
                }
                LabelledItem item = copy.get(i);
                Judgement judgement = judges.get(j).judge(item.request());
                confidence[j][i] =
                        judgement.decision() == Judgement.Decision.ABSTAIN ? Double.NaN : judgement.confidence();
                agreed[j][i] = judgement.decision() == item.verdict();
                asked[j][i] = true;
            }
        };
        return select(names, costs(costsPerCall, names.size()), n, answers);
    }

    /**
     * Calibrates the candidate configurations from answers already collected, each judge costing 1 per call:
     * {@code confidences[j][i]} and {@code agreed[j][i]} are judge {@code j}'s confidence on item {@code i} (NaN when
     * it abstained) and whether its verdict matched the human's. A candidate ignores a judge's answers on items an
     * earlier judge of that candidate accepted. Pure: the arrays are only read.
     */
    public CascadeCalibration calibrate(List<String> judgeNames, double[][] confidences, boolean[][] agreed) {
        Objects.requireNonNull(judgeNames, "judgeNames == null");
        return calibrate(judgeNames, Collections.nCopies(judgeNames.size(), 1.0), confidences, agreed);
    }

    /** Like {@link #calibrate(List, double[][], boolean[][])}, with what one call to each judge costs. */
    public CascadeCalibration calibrate(
            List<String> judgeNames, List<Double> costsPerCall, double[][] confidences, boolean[][] agreed) {
        Objects.requireNonNull(judgeNames, "judgeNames == null");
        Objects.requireNonNull(costsPerCall, "costsPerCall == null");
        Objects.requireNonNull(confidences, "confidences == null");
        Objects.requireNonNull(agreed, "agreed == null");
        if (judgeNames.isEmpty()) {
            throw new IllegalArgumentException("judgeNames must not be empty: a cascade needs at least one judge");
        }
        if (confidences.length != judgeNames.size() || agreed.length != judgeNames.size()) {
            throw new IllegalArgumentException("confidences and agreed must have one row per judge ("
                    + judgeNames.size() + ") but had " + confidences.length + " and " + agreed.length);
        }
        int n = confidences[0].length;
        for (int j = 0; j < judgeNames.size(); j++) {
            if (confidences[j].length != n || agreed[j].length != n) {
                throw new IllegalArgumentException("every judge needs an answer for each of the " + n
                        + " items but judge " + j + " has " + confidences[j].length + " confidences and "
                        + agreed[j].length + " agreements");
            }
        }
        Answers answers = new Answers() {
            @Override
            public double confidence(int j, int i) {
                return confidences[j][i];
            }

            @Override
            public boolean agreed(int j, int i) {
                return agreed[j][i];
            }
        };
        return select(List.copyOf(judgeNames), costs(costsPerCall, judgeNames.size()), n, answers);
    }

    private static double[] costs(List<Double> costsPerCall, int judges) {
        if (costsPerCall.size() != judges) {
            throw new IllegalArgumentException(
                    "costsPerCall must have one cost per judge (" + judges + ") but had " + costsPerCall.size());
        }
        double[] costs = new double[judges];
        for (int j = 0; j < judges; j++) {
            Double c = costsPerCall.get(j);
            if (c == null || !(c >= 0.0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("costsPerCall[" + j + "] must be >= 0 and finite but was " + c);
            }
            costs[j] = c;
        }
        return costs;
    }

    /** A judge's answer on an item, looked up or asked for on demand. */
    private interface Answers {
        double confidence(int judge, int item);

        boolean agreed(int judge, int item);
    }

    // Calibrates every candidate at delta / m and keeps the one that covers the most calibration items.
    private CascadeCalibration select(List<String> names, double[] costs, int n, Answers answers) {
        if (candidates == Candidates.COST_PATH) {
            if (names.size() > Candidates.MAX_JUDGES_FOR_SUBSEQUENCES) {
                throw new IllegalArgumentException("COST_PATH takes at most " + Candidates.MAX_JUDGES_FOR_SUBSEQUENCES
                        + " judges but got " + names.size() + "; use SUFFIXES");
            }
            double[][] conf = new double[names.size()][n];
            boolean[][] right = new boolean[names.size()][n];
            for (int j = 0; j < names.size(); j++) {
                for (int i = 0; i < n; i++) {
                    conf[j][i] = answers.confidence(j, i);
                    right[j][i] = answers.agreed(j, i);
                    if (!Double.isNaN(conf[j][i]) && !(conf[j][i] >= 0.0 && conf[j][i] <= 1.0)) {
                        throw new IllegalArgumentException("confidences must be between 0 and 1, or NaN for an "
                                + "abstention, but judge " + j + " had " + conf[j][i] + " on item " + i);
                    }
                }
            }
            return new CostPath(alpha, delta, minItems, gridSteps, objective)
                    .calibrate(names, costs, conf, right, candidates);
        }
        List<List<Integer>> family = candidates.of(names.size());
        int m = family.size();
        double level = delta / m;
        List<List<JudgeCalibration>> fitted = new ArrayList<>(m);
        List<CascadeSelection.Candidate> summaries = new ArrayList<>(m);
        for (List<Integer> candidate : family) {
            boolean[] reaching = new boolean[n];
            Arrays.fill(reaching, true);
            List<JudgeCalibration> stages = new ArrayList<>(candidate.size());
            double cost = 0.0;
            int accepted = 0;
            int agreed = 0;
            for (int j : candidate) {
                double[] confidence = new double[n];
                boolean[] right = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (reaching[i]) {
                        confidence[i] = answers.confidence(j, i);
                        right[i] = answers.agreed(j, i);
                    }
                }
                JudgeCalibration calibration = fit(names.get(j), confidence, right, reaching, level);
                stages.add(calibration);
                if (!calibration.acceptsAny()) {
                    // The cascade never asks a judge that never accepts: it costs nothing and passes every item on.
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    if (reaching[i]) {
                        cost += costs[j];
                        if (calibration.accepts(confidence[i])) {
                            reaching[i] = false;
                        }
                    }
                }
                accepted += calibration.accepted();
                agreed += calibration.agreed();
            }
            fitted.add(stages);
            summaries.add(new CascadeSelection.Candidate(candidate, accepted, agreed, n == 0 ? 0.0 : cost / n));
        }
        int chosen = 0;
        for (int c = 1; c < m; c++) {
            CascadeSelection.Candidate best = summaries.get(chosen);
            CascadeSelection.Candidate other = summaries.get(c);
            if (other.accepted() > best.accepted()
                    || (other.accepted() == best.accepted() && other.costPerItem() < best.costPerItem())) {
                chosen = c;
            }
        }
        List<JudgeCalibration> judges = new ArrayList<>(names.size());
        List<Integer> used = family.get(chosen);
        int reaching = n;
        int stage = 0;
        for (int j = 0; j < names.size(); j++) {
            JudgeCalibration calibration = stage < used.size() && used.get(stage) == j
                    ? fitted.get(chosen).get(stage++)
                    : JudgeCalibration.neverAccepts(names.get(j), reaching);
            judges.add(calibration);
            reaching -= calibration.accepted();
        }
        CascadeSelection selection =
                new CascadeSelection(candidates, summaries, chosen, CascadeSelection.reason(summaries, chosen, n));
        return new CascadeCalibration(alpha, delta, minItems, gridSteps, n, judges, selection);
    }

    /**
     * Calibrates one judge from its confidences (NaN where it abstained) and whether each verdict agreed with the
     * human. Pure.
     */
    public JudgeCalibration threshold(String judgeName, double[] confidences, boolean[] agreed) {
        Objects.requireNonNull(judgeName, "judgeName == null");
        Objects.requireNonNull(confidences, "confidences == null");
        Objects.requireNonNull(agreed, "agreed == null");
        if (confidences.length != agreed.length) {
            throw new IllegalArgumentException("confidences and agreed must have the same length but had "
                    + confidences.length + " and " + agreed.length);
        }
        return fit(judgeName, confidences, agreed, null, delta);
    }

    private JudgeCalibration fit(
            String name, double[] confidences, boolean[] agreed, boolean @Nullable [] include, double delta) {
        // Bucket the items by the highest grid threshold they reach, so walking the grid needs no sort.
        int[] count = new int[gridSteps + 1];
        int[] errors = new int[gridSteps + 1];
        int items = 0;
        for (int i = 0; i < confidences.length; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            items++;
            double c = confidences[i];
            if (Double.isNaN(c)) {
                continue;
            }
            if (!(c >= 0.0 && c <= 1.0)) {
                throw new IllegalArgumentException(
                        "confidences must be between 0 and 1, or NaN for an abstention, but item " + i + " had " + c);
            }
            int j = highestGridPointAtOrBelow(c, gridSteps);
            count[j]++;
            if (!agreed[i]) {
                errors[j]++;
            }
        }
        // Thresholds too few items to pass even without an error are skipped like those under minItems: which ones
        // are tested depends on the counts only, never on the errors, so the sequence stays a valid test.
        int fewest = Math.max(minItems, fewestItemsThatCanPass(alpha, delta));
        int n = 0;
        int k = 0;
        int passed = -1;
        int passedN = 0;
        int passedK = 0;
        for (int j = gridSteps; j >= 0; j--) {
            n += count[j];
            k += errors[j];
            if (n < fewest) {
                continue;
            }
            // Same items as the threshold just passed: same bound, passes again.
            boolean same = passed >= 0 && n == passedN;
            if (!same && ClopperPearson.upperBoundExceeds(k, n, delta, alpha)) {
                break;
            }
            passed = j;
            passedN = n;
            passedK = k;
        }
        if (passed < 0) {
            return JudgeCalibration.neverAccepts(name, items);
        }
        return new JudgeCalibration(
                name,
                gridPoint(passed),
                items,
                passedN,
                passedN - passedK,
                ClopperPearson.upperBound(passedK, passedN, delta));
    }

    /**
     * The fewest items among which no error at all passes the test: the least {@code n} with
     * {@code (1 - alpha)^n <= delta}. Below it the first threshold tested would fail whatever the judge said, and
     * end the sequence before it began.
     */
    static int fewestItemsThatCanPass(double alpha, double delta) {
        int n = (int) Math.max(1, Math.floor(Math.log(delta) / Math.log1p(-alpha)));
        while (ClopperPearson.upperBoundExceeds(0, n, delta, alpha)) {
            n++;
        }
        while (n > 1 && !ClopperPearson.upperBoundExceeds(0, n - 1, delta, alpha)) {
            n--;
        }
        return n;
    }

    private double gridPoint(int j) {
        return j / (double) gridSteps;
    }

    // The largest j with j / gridSteps <= c, computed against the same doubles the thresholds are, so that an item
    // counted at or above a threshold here is accepted by JudgeCalibration.accepts at inference.
    static int highestGridPointAtOrBelow(double c, int gridSteps) {
        int j = (int) Math.floor(c * gridSteps);
        while (j < gridSteps && j + 1 <= gridSteps && (j + 1) / (double) gridSteps <= c) {
            j++;
        }
        while (j > 0 && j / (double) gridSteps > c) {
            j--;
        }
        return j;
    }

    static void checkSettings(double alpha, double delta, int minItems, int gridSteps) {
        Checks.strictlyBetween0And1("alpha", alpha);
        Checks.strictlyBetween0And1("delta", delta);
        Checks.atLeast("minItems", minItems, 1);
        if (gridSteps < 1 || gridSteps > MAX_GRID_STEPS) {
            throw new IllegalArgumentException(
                    "gridSteps must be between 1 and " + MAX_GRID_STEPS + " but was " + gridSteps);
        }
    }

    @Override
    public String toString() {
        return "Calibrator[alpha=" + alpha + ", delta=" + delta + ", minItems=" + minItems + ", gridSteps="
                + gridSteps + ", candidates=" + candidates
                + (candidates == Candidates.COST_PATH ? ", objective=" + objective : "")
                + "]";
    }

    /**
     * A question a human has answered: does the request's criterion hold ({@code holds})? Used to calibrate judges and as
     * the few-shot examples of {@link SimulatedAnnotatorsJudge}. Immutable and thread-safe.
     */
    public record LabelledItem(JudgeRequest request, boolean holds) {

        public LabelledItem {
            Objects.requireNonNull(request, "request == null");
        }

        /** The human's verdict as a judge's decision: {@code PASS} when the criterion holds, else {@code FAIL}. */
        public Judgement.Decision verdict() {
            return holds ? Judgement.Decision.PASS : Judgement.Decision.FAIL;
        }
    }
}
