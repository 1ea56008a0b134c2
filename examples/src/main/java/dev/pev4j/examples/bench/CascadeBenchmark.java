package dev.pev4j.examples.bench;

import dev.pev4j.examples.judge.CascadeScore;
import dev.pev4j.examples.judge.ReplayJudge;
import dev.pev4j.examples.judge.SimulatedJudges;
import dev.pev4j.judge.Calibrator;
import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.judge.CascadeCalibration;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.judge.JudgePanel;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What a calibrated cascade of cheap-to-strong judges saves over asking the strongest judge alone, at the same
 * guarantee (the same α and δ, calibrated on the same labelled items). First the cost-aware calibration
 * ({@link Calibrator.Candidates#COST_PATH}) on agent-core's {@code JudgePanel} (headline at α = 0.15, lines
 * unprefixed), then the earlier benchmark, its lines prefixed
 * {@code shared_difficulty.}. There the judges are {@link SimulatedJudges}: three
 * judges of known behaviour priced by model size (0.5, 1.5 and 7 per call); no model runs. Prints {@code name=value}
 * lines only: the headline at α = 0.1, then the same per α. The calibrator chooses the cascade's configuration among
 * candidates ({@link Calibrator.Candidates}, default {@link Calibrator#DEFAULT_CANDIDATES}; another family can be
 * named as the first argument), so the cascade may skip judges; {@code cascade_configuration} says which it asks.
 * The {@code in_order_*} lines are the plain cascade (every judge in order, calibrated at δ), for comparison: with
 * judges that find the same items hard it covers less than the strongest judge alone.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.CascadeBenchmark [IN_ORDER|CASCADE_OR_STRONGEST|...]
 * </pre>
 */
public final class CascadeBenchmark {

    private static final long SEED = 2024;
    private static final int CALIBRATION_ITEMS = 1000;
    private static final int TEST_ITEMS = 20_000;
    private static final double DELTA = 0.1;
    private static final double HEADLINE_ALPHA = 0.1;
    private static final double[] ALPHAS = {0.05, 0.1, 0.15, 0.2};

    private CascadeBenchmark() {}

    private static final int PANEL_SPLITS = 1000;
    private static final int PANEL_ITEMS = 400;
    private static final double PANEL_HEADLINE_ALPHA = 0.15;
    private static final double[] PANEL_ALPHAS = {0.1, 0.15, 0.2};

    public static void main(String[] args) {
        panel();
        shared(args);
    }

    /**
     * The cost-aware calibration ({@link Calibrator.Candidates#COST_PATH}) on {@code JudgePanel} (agent-core's test
     * jar): judges of price 0.2, 0.5 and 10 whose errors differ by kind of item. Per split (1 000 of them), 400 fresh labelled items
     * are calibrated on; coverage, risk and cost are exact (closed form), so the guarantee rate has no test-set noise.
     * Prints means over the splits; the strongest judge alone is calibrated at δ on the same items.
     */
    static void panel() {
        print("panel_judges", "cheap:0.2,middle:0.5,strong:10");
        print("panel_splits", PANEL_SPLITS);
        print("panel_calibration_items", PANEL_ITEMS);
        print("panel_delta", DELTA);
        for (double alpha : PANEL_ALPHAS) {
            Calibrator calibrator =
                    Calibrator.of(alpha, DELTA).withObjective(Calibrator.Objective.cheapestCoveringAsMuchAsStrongest());
            SplittableRandom random = new SplittableRandom(SEED);
            List<PanelSplit> splits = new ArrayList<>();
            Map<String, Integer> used = new TreeMap<>();
            for (int s = 0; s < PANEL_SPLITS; s++) {
                PanelSplit split = PanelSplit.draw(calibrator, random);
                splits.add(split);
                used.merge(split.configuration(), 1, Integer::sum);
            }
            String prefix = alpha == PANEL_HEADLINE_ALPHA ? "" : String.format(Locale.ROOT, "alpha_%.2f.", alpha);
            if (alpha == PANEL_HEADLINE_ALPHA) {
                print("alpha", alpha);
            }
            print(prefix + "cascade_cost_over_strongest", format(mean(splits, PanelSplit::costOverStrongest)));
            print(prefix + "cascade_coverage", format(mean(splits, PanelSplit::coverage)));
            print(prefix + "strongest_coverage", format(mean(splits, PanelSplit::strongestCoverage)));
            print(prefix + "cascade_guarantee_rate", format(mean(splits, s -> s.risk() <= alpha ? 1 : 0)));
            print(prefix + "strongest_guarantee_rate", format(mean(splits, s -> s.strongestRisk() <= alpha ? 1 : 0)));
            print(prefix + "calibration_millis", format(mean(splits, PanelSplit::millis)));
            StringBuilder shares = new StringBuilder();
            used.forEach((k, v) -> shares.append(shares.length() == 0 ? "" : ",")
                    .append(k)
                    .append(':')
                    .append(format((double) v / PANEL_SPLITS)));
            print(prefix + "cascade_configurations", shares);
        }
    }

    /**
     * One split of the panel benchmark: {@link #PANEL_ITEMS} fresh labelled items calibrated on, then the exact cost
     * (over the strongest judge's price of 10 per item), coverage and risk of the calibrated cascade and the coverage
     * and risk of the strongest judge alone (calibrated at δ on the same items), the configuration chosen and how long
     * the calibration took.
     */
    private record PanelSplit(
            String configuration,
            double costOverStrongest,
            double coverage,
            double risk,
            double strongestCoverage,
            double strongestRisk,
            double millis) {

        static PanelSplit draw(Calibrator calibrator, SplittableRandom random) {
            JudgePanel.Answers answers = JudgePanel.draw(PANEL_ITEMS, random);
            long t0 = System.nanoTime();
            CascadeCalibration cal =
                    calibrator.calibrate(JudgePanel.NAMES, JudgePanel.COSTS, answers.confidences(), answers.agreed());
            long nanos = System.nanoTime() - t0;
            String configuration = cal.accepted() == 0
                    ? "none"
                    : cal.selection()
                            .chosenCandidate()
                            .describe(JudgePanel.NAMES)
                            .replace(" > ", ">");
            List<Double> thresholds = new ArrayList<>();
            for (JudgeCalibration j : cal.judges()) {
                thresholds.add(threshold(j));
            }
            JudgePanel.Exact cascade = JudgePanel.exact(thresholds);
            JudgeCalibration alone = calibrator.threshold("strong", answers.confidences()[2], answers.agreed()[2]);
            JudgePanel.Exact strongest =
                    JudgePanel.exact(List.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, threshold(alone)));
            return new PanelSplit(
                    configuration,
                    cascade.cost() / 10.0,
                    cascade.coverage(),
                    cascade.risk(),
                    strongest.coverage(),
                    strongest.risk(),
                    nanos / 1e6);
        }

        /** The judge's threshold, or infinity when it accepts nothing. */
        private static double threshold(JudgeCalibration judge) {
            return judge.acceptsAny() ? judge.threshold() : Double.POSITIVE_INFINITY;
        }
    }

    /** The mean of {@code value} over the splits, summed in split order. */
    private static double mean(List<PanelSplit> splits, ToDoubleFunction<PanelSplit> value) {
        double sum = 0;
        for (PanelSplit split : splits) {
            sum += value.applyAsDouble(split);
        }
        return sum / splits.size();
    }

    /** The earlier benchmark: {@link SimulatedJudges}, whose judges share one item difficulty; lines prefixed. */
    static void shared(String[] args) {
        Calibrator.Candidates family =
                args.length > 0 ? Calibrator.Candidates.valueOf(args[0]) : Calibrator.DEFAULT_CANDIDATES;
        SplittableRandom random = new SplittableRandom(SEED);
        List<SimulatedJudges.Item> items = SimulatedJudges.items(CALIBRATION_ITEMS + TEST_ITEMS, random);
        Map<String, List<Judgement>> judgements = SimulatedJudges.judgeAll(items, random);
        List<Judge> judges = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        for (SimulatedJudges.Model model : SimulatedJudges.MODELS) {
            Map<JudgeRequest, Judgement> recorded = new HashMap<>();
            List<Judgement> js = Objects.requireNonNull(judgements.get(model.name()));
            for (int i = 0; i < items.size(); i++) {
                recorded.put(items.get(i).labelled().request(), js.get(i));
            }
            judges.add(new ReplayJudge(model.name(), recorded));
            costs.add(model.costPerCall());
        }
        List<LabelledItem> calibration = new ArrayList<>();
        List<LabelledItem> test = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (i < CALIBRATION_ITEMS ? calibration : test).add(items.get(i).labelled());
        }
        Judge strongest = judges.get(judges.size() - 1);
        double strongestCost = costs.get(costs.size() - 1);

        StringBuilder models = new StringBuilder();
        for (SimulatedJudges.Model m : SimulatedJudges.MODELS) {
            models.append(models.length() == 0 ? "" : ",")
                    .append(m.name())
                    .append(':')
                    .append(m.costPerCall());
        }
        print("shared_difficulty." + "judges", models);
        print("shared_difficulty." + "calibration_items", CALIBRATION_ITEMS);
        print("shared_difficulty." + "test_items", TEST_ITEMS);
        print("shared_difficulty." + "delta", DELTA);
        print("shared_difficulty." + "seed", SEED);
        print("shared_difficulty." + "candidates", family);
        for (double alpha : ALPHAS) {
            Calibrator calibrator = Calibrator.of(alpha, DELTA).withCandidates(family);
            CascadeCalibration cascadeCal = calibrator.calibrate(judges, costs, calibration);
            JudgeCascade.Builder b = JudgeCascade.builder();
            for (int j = 0; j < judges.size(); j++) {
                b.judge(judges.get(j), costs.get(j));
            }
            CascadeScore cascade = CascadeScore.of(b.calibration(cascadeCal).build(), test);
            JudgeCascade alone = JudgeCascade.builder()
                    .judge(strongest, strongestCost)
                    .calibration(calibrator.calibrate(List.of(strongest), calibration))
                    .build();
            CascadeScore strong = CascadeScore.of(alone, test);
            // The plain Trust or Escalate cascade (every judge, in order, at delta), for comparison.
            CascadeCalibration plainCal = Calibrator.of(alpha, DELTA)
                    .withCandidates(Calibrator.Candidates.IN_ORDER)
                    .calibrate(judges, costs, calibration);
            JudgeCascade.Builder pb = JudgeCascade.builder();
            for (int j = 0; j < judges.size(); j++) {
                pb.judge(judges.get(j), costs.get(j));
            }
            CascadeScore plain = CascadeScore.of(pb.calibration(plainCal).build(), test);
            // The baseline asks the strongest judge about every item, whether or not it may be trusted.
            double baselineCost = strongestCost * test.size();
            String prefix = "shared_difficulty."
                    + (alpha == HEADLINE_ALPHA ? "" : String.format(Locale.ROOT, "alpha_%.2f.", alpha));
            print(
                    prefix + "cascade_configuration",
                    cascadeCal
                            .selection()
                            .chosenCandidate()
                            .describe(names(cascadeCal))
                            .replace(" > ", ">"));
            print(
                    prefix + "cascade_selection_reason",
                    "\"" + cascadeCal.selection().reason() + "\"");
            print(prefix + "cascade_delta_per_candidate", format(cascadeCal.deltaPerCandidate()));
            print(prefix + "cascade_thresholds", thresholds(cascadeCal));
            print(prefix + "cascade_cost_over_strongest", format(cascade.cost() / baselineCost));
            print(prefix + "cascade_coverage", format(cascade.coverage()));
            print(prefix + "strongest_coverage", format(strong.coverage()));
            print(prefix + "cascade_agreement", format(cascade.agreement()));
            print(prefix + "strongest_agreement", format(strong.agreement()));
            print(prefix + "cascade_cost_per_item", format(cascade.cost() / test.size()));
            print(prefix + "in_order_thresholds", thresholds(plainCal));
            print(prefix + "in_order_cost_over_strongest", format(plain.cost() / baselineCost));
            print(prefix + "in_order_coverage", format(plain.coverage()));
            print(prefix + "in_order_agreement", format(plain.agreement()));
            print(prefix + "strongest_cost_per_item", format(baselineCost / test.size()));
        }
    }

    private static List<String> names(CascadeCalibration cal) {
        List<String> out = new ArrayList<>();
        cal.judges().forEach(j -> out.add(j.judge()));
        return out;
    }

    private static String thresholds(CascadeCalibration cal) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < cal.judges().size(); j++) {
            JudgeCalibration judge = cal.judges().get(j);
            out.add(cal.skips(j) ? "skipped" : judge.acceptsAny() ? format(judge.threshold()) : "never");
        }
        return String.join(",", out);
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
