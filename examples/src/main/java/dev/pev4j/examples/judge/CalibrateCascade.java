package dev.pev4j.examples.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.judge.Calibrator;
import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.judge.CascadeCalibration;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Calibrates a cascade of judges from a labelled JSONL file and prints, for each α, the configuration actually used
 * (the judges that can answer, cheapest first), the thresholds, coverage and agreement on the calibration items and on
 * the held-out test items, what the cascade cost on the test items against asking the strongest judge alone
 * ({@code test_cost_over_strongest}), and whether the guarantee held there (test agreement at least 1 − α). With
 * {@code --splits N} it does so on N random calibration/test splits and prints the means, how often each
 * configuration was chosen and how often the guarantee held.
 *
 * <p>Each line of the file is one item a human labelled, with what each judge said about it, the judges in cascade
 * order (cheapest first) and the same on every line. Two kinds of items, which may be mixed:
 *
 * <ul>
 *   <li>pass/fail criterion: {@code {"task":..,"criterion":..,"evidence":..,"holds":true,
 *       "judgements":{"small":{"decision":"PASS","confidence":0.93}, ...}}} ({@code decision} PASS, FAIL or ABSTAIN);
 *   <li>pairwise preference: {@code {"prompt":..,"response_a":..,"response_b":..,"preferred":"A",
 *       "judgements":{"small":{"winner":"A","confidence":0.8}, ...}}}, or with each order recorded for position
 *       swapping, {@code "small":{"ab":{"winner":"A","confidence":0.8},"ba":{"winner":"B","confidence":0.6}}}
 *       ({@code ab}: A shown first; {@code ba}: B shown first; {@code winner} names the response by its label, or
 *       {@code "none"} for an abstention), combined as {@link LlmJudge.Pairwise} does.
 * </ul>
 *
 * <p>The bundled file was made by {@link SimulatedJudges}, not by people and models.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.judge.CalibrateCascade \
 *     --data examples/data/judge/labelled.jsonl --alpha 0.05,0.1,0.15,0.2 --delta 0.1 --costs 0.5,1.5,7 \
 *     --candidates COST_PATH --splits 40
 * </pre>
 */
@Command(
        name = "calibrate-cascade",
        mixinStandardHelpOptions = true,
        description = "Calibrates a cascade of judges from a labelled JSONL file (pass/fail or pairwise items); prints"
                + " coverage, agreement and cost per alpha.")
public final class CalibrateCascade implements Callable<Integer> {

    @Option(
            names = "--data",
            description = "Labelled JSONL file (default: ${DEFAULT-VALUE}).",
            defaultValue = "examples/data/judge/labelled.jsonl")
    Path data = Path.of("examples/data/judge/labelled.jsonl");

    @Option(
            names = "--alpha",
            split = ",",
            description = "Tolerated disagreement rates (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.05,0.1,0.15,0.2")
    List<Double> alphas = new ArrayList<>();

    @Option(
            names = "--delta",
            description = "Tolerated risk that calibration misleads (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.1")
    double delta = 0.1;

    @Option(
            names = "--holdout",
            description = "Share of items held out for testing (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    double holdout = 0.5;

    @Option(
            names = "--seed",
            description =
                    "Seed of the first calibration/test split; split i uses seed + i (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed = 1;

    @Option(
            names = "--splits",
            description = "Random calibration/test splits to average over (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int splits = 1;

    @Option(
            names = "--costs",
            split = ",",
            description = "Cost per call of each judge, in cascade order (default: 1 each).")
    List<Double> costs = new ArrayList<>();

    @Option(
            names = "--candidates",
            description = "Configurations to choose among: ${COMPLETION-CANDIDATES}" + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "CASCADE_OR_STRONGEST")
    Calibrator.Candidates candidates = Calibrator.DEFAULT_CANDIDATES;

    @Option(
            names = "--coverage",
            description = "With COST_PATH: the cheapest configuration reaching this coverage (default: as much as the"
                    + " strongest judge alone).")
    @Nullable
    Double coverage;

    @Option(names = "--budget", description = "With COST_PATH: the most coverage at a cost per item of at most this.")
    @Nullable
    Double budget;

    @Option(
            names = "--save-dir",
            description = "Writes calibration-alpha-<alpha>.json files (of the first split) here.")
    @Nullable
    Path saveDir;

    /** Where the lines go; tests replace it. */
    java.io.PrintStream stdout = System.out;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new CalibrateCascade());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!(holdout > 0.0 && holdout < 1.0)) {
            throw new IllegalArgumentException("--holdout must be > 0 and < 1 but was " + holdout);
        }
        if (splits < 1) {
            throw new IllegalArgumentException("--splits must be >= 1 but was " + splits);
        }
        if ((coverage != null || budget != null) && candidates != Calibrator.Candidates.COST_PATH) {
            throw new IllegalArgumentException(
                    "--coverage and --budget need --candidates COST_PATH but it was " + candidates);
        }
        if (coverage != null && budget != null) {
            throw new IllegalArgumentException("state either --coverage or --budget, not both");
        }
        Labelled labelled = read(data);
        int k = labelled.judges.size();
        List<Double> perCall = costs.isEmpty() ? Collections.nCopies(k, 1.0) : costs;
        if (perCall.size() != k) {
            throw new IllegalArgumentException("--costs must have one cost per judge (" + k + ": "
                    + String.join(",", labelled.names()) + ") but had " + perCall.size());
        }
        int n = labelled.items.size();
        int testCount = (int) Math.round(n * holdout);
        PrintWriter out = new PrintWriter(stdout, true, java.nio.charset.Charset.defaultCharset());
        out.println("data=" + data + " items=" + n + " criterion_items=" + labelled.criterionItems
                + " pairwise_items=" + (n - labelled.criterionItems) + " calibration_items=" + (n - testCount)
                + " test_items=" + testCount + " delta=" + delta + " splits=" + splits + " judges="
                + String.join(",", labelled.names()) + " costs="
                + String.join(",", perCall.stream().map(String::valueOf).toList()));
        for (double alpha : alphas) {
            Calibrator calibrator = Calibrator.of(alpha, delta);
            if (candidates == Calibrator.Candidates.COST_PATH) {
                calibrator = calibrator.withObjective(
                        budget != null
                                ? Calibrator.Objective.mostCoverageWithin(budget)
                                : coverage != null
                                        ? Calibrator.Objective.cheapestCovering(coverage)
                                        : Calibrator.Objective.cheapestCoveringAsMuchAsStrongest());
            } else {
                calibrator = calibrator.withCandidates(candidates);
            }
            Totals totals = new Totals();
            for (int split = 0; split < splits; split++) {
                List<LabelledItem> items = new ArrayList<>(labelled.items);
                Collections.shuffle(items, new Random(seed + split));
                List<LabelledItem> test = items.subList(0, testCount);
                List<LabelledItem> calibration = items.subList(testCount, n);
                CascadeCalibration cal = calibrator.calibrate(labelled.judges, perCall, calibration);
                JudgeCascade.Builder builder = JudgeCascade.builder();
                for (int j = 0; j < k; j++) {
                    builder.judge(labelled.judges.get(j), perCall.get(j));
                }
                JudgeCascade cascade = builder.calibration(cal).build();
                Outcome o = Outcome.of(cascade, test, perCall.get(k - 1), alpha);
                totals.add(cal, o, configuration(cal));
                if (splits == 1) {
                    out.println("alpha=" + alpha
                            + " configuration=" + configuration(cal)
                            + " thresholds=" + thresholds(cal)
                            + " calibration_coverage=" + format(cal.coverage())
                            + " calibration_agreement=" + format(cal.agreement())
                            + " test_coverage=" + format(o.coverage())
                            + " test_agreement=" + format(o.agreement())
                            + " test_cost_over_strongest=" + format(o.costOverStrongest())
                            + " guarantee_held=" + o.held());
                    out.println("  chosen because: " + cal.selection().reason() + " (each of "
                            + cal.selection().candidates().size() + " candidates tested at delta="
                            + String.format(Locale.ROOT, "%.4f", cal.deltaPerCandidate()) + ")");
                }
                if (saveDir != null && split == 0) {
                    cal.save(saveDir.resolve(String.format(Locale.ROOT, "calibration-alpha-%.2f.json", alpha)));
                }
            }
            if (splits > 1) {
                out.println("alpha=" + alpha + " splits=" + splits
                        + " configurations=" + totals.configurations()
                        + " calibration_coverage=" + format(totals.calibrationCoverage.mean())
                        + " calibration_agreement=" + format(totals.calibrationAgreement.mean())
                        + " test_coverage=" + format(totals.testCoverage.mean())
                        + " test_agreement=" + format(totals.testAgreement.mean())
                        + " test_cost_over_strongest=" + format(totals.cost.mean())
                        + " guarantee_held_rate=" + format((double) totals.held / splits));
            }
        }
        return 0;
    }

    /** The judges the cascade asks (those that can answer), cheapest first, or "none". */
    static String configuration(CascadeCalibration cal) {
        List<String> used = new ArrayList<>();
        for (JudgeCalibration j : cal.judges()) {
            if (j.acceptsAny()) {
                used.add(j.judge());
            }
        }
        return used.isEmpty() ? "none" : String.join(">", used);
    }

    private static String thresholds(CascadeCalibration cal) {
        List<String> thresholds = new ArrayList<>();
        for (int j = 0; j < cal.judges().size(); j++) {
            JudgeCalibration judge = cal.judges().get(j);
            thresholds.add(cal.skips(j) ? "skipped" : judge.acceptsAny() ? format(judge.threshold()) : "never");
        }
        return String.join(",", thresholds);
    }

    /** How a calibrated cascade did on the test items, against the strongest judge and the guarantee. */
    private record Outcome(CascadeScore score, double strongestCost, double alpha) {
        static Outcome of(JudgeCascade cascade, List<LabelledItem> test, double strongestCostPerCall, double alpha) {
            return new Outcome(CascadeScore.of(cascade, test), strongestCostPerCall * test.size(), alpha);
        }

        double coverage() {
            return score.coverage();
        }

        double agreement() {
            return score.agreement();
        }

        double costOverStrongest() {
            return strongestCost == 0 ? Double.NaN : score.cost() / strongestCost;
        }

        boolean held() {
            return score.accepted() == 0 || score.agreed() >= (1 - alpha) * score.accepted();
        }
    }

    /** A running mean that skips undefined values. */
    private static final class Mean {
        private double sum;
        private int count;

        void add(double value) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    private static final class Totals {
        final Mean calibrationCoverage = new Mean();
        final Mean calibrationAgreement = new Mean();
        final Mean testCoverage = new Mean();
        final Mean testAgreement = new Mean();
        final Mean cost = new Mean();
        final Map<String, Integer> used = new java.util.TreeMap<>();
        int held;
        int splits;

        void add(CascadeCalibration cal, Outcome o, String configuration) {
            calibrationCoverage.add(cal.coverage());
            calibrationAgreement.add(cal.agreement());
            testCoverage.add(o.coverage());
            testAgreement.add(o.agreement());
            cost.add(o.costOverStrongest());
            used.merge(configuration, 1, Integer::sum);
            held += o.held() ? 1 : 0;
            splits++;
        }

        String configurations() {
            List<String> out = new ArrayList<>();
            used.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> out.add(e.getKey() + ":" + format((double) e.getValue() / splits)));
            return String.join(",", out);
        }
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, "%.3f", value);
    }

    record Labelled(List<LabelledItem> items, List<Judge> judges, int criterionItems) {
        List<String> names() {
            List<String> names = new ArrayList<>();
            judges.forEach(j -> names.add(j.name()));
            return names;
        }
    }

    static Labelled read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LabelledItem> items = new ArrayList<>();
        Map<String, Map<JudgeRequest, Judgement>> recorded = new LinkedHashMap<>();
        int criterionItems = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String at = file + " line " + (n + 1) + ": ";
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(at + "must be a JSON object");
            }
            JsonRequire r = new JsonRequire(at);
            boolean pairwise = node.has("response_a") || node.has("response_b");
            if (!pairwise && !node.has("criterion")) {
                throw new IllegalArgumentException(at + "an item needs either 'criterion' (a pass/fail item) or"
                        + " 'response_a' and 'response_b' (a pairwise item)");
            }
            LabelledItem item;
            if (pairwise) {
                item = new LlmJudge.Pairwise.Comparison(
                                r.text(node, "prompt"), r.text(node, "response_a"), r.text(node, "response_b"))
                        .labelled(r.letter(node, "preferred", false).equals("A"));
            } else {
                JsonNode holds = node.get("holds");
                if (holds == null || !holds.isBoolean()) {
                    throw new IllegalArgumentException(at + "'holds' must be true or false but was " + holds);
                }
                item = new LabelledItem(
                        new JudgeRequest(r.text(node, "task"), r.text(node, "criterion"), r.text(node, "evidence")),
                        holds.booleanValue());
                criterionItems++;
            }
            items.add(item);
            JsonNode judgements = node.get("judgements");
            if (judgements == null || !judgements.isObject() || judgements.isEmpty()) {
                throw new IllegalArgumentException(at + "'judgements' must be an object of judge name to judgement");
            }
            if (!recorded.isEmpty() && !recorded.keySet().equals(keys(judgements))) {
                throw new IllegalArgumentException(
                        at + "judges " + keys(judgements) + " differ from line 1's " + recorded.keySet());
            }
            for (Map.Entry<String, JsonNode> e : judgements.properties()) {
                String where = "judgements." + e.getKey();
                Judgement j = pairwise ? r.pairwise(e.getValue(), where, e.getKey()) : r.passFail(e.getValue(), where);
                recorded.computeIfAbsent(e.getKey(), x -> new LinkedHashMap<>()).put(item.request(), j);
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(file + ": no items");
        }
        List<Judge> judges = new ArrayList<>();
        recorded.forEach((name, judgements) -> judges.add(new ReplayJudge(name, judgements)));
        return new Labelled(items, judges, criterionItems);
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new LinkedHashSet<>();
        object.properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private record JsonRequire(String at) {
        String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException(at + "'" + field + "' must be a string but was " + value);
            }
            return value.textValue();
        }

        double confidence(JsonNode node, String where) {
            JsonNode confidence = node.get("confidence");
            if (confidence == null
                    || !confidence.isNumber()
                    || !(confidence.doubleValue() >= 0.0)
                    || !(confidence.doubleValue() <= 1.0)) {
                throw new IllegalArgumentException(
                        at + "'" + where + ".confidence' must be a number between 0 and 1 but was " + confidence);
            }
            return confidence.doubleValue();
        }

        // "A" or "B" (or "none", when allowed)
        String letter(JsonNode node, String field, boolean noneAllowed) {
            JsonNode value = node.get(field);
            String v = value == null || !value.isTextual() ? "" : value.textValue();
            if (!v.equals("A") && !v.equals("B") && !(noneAllowed && v.equals("none"))) {
                throw new IllegalArgumentException(at + "'" + field + "' must be \"A\" or \"B\""
                        + (noneAllowed ? " (or \"none\" for an abstention)" : "") + " but was " + value);
            }
            return v;
        }

        Judgement passFail(JsonNode j, String where) {
            String decision = text(j, "decision");
            Judgement.Decision d;
            try {
                d = Judgement.Decision.valueOf(decision);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        at + "'" + where + ".decision' must be PASS, FAIL or ABSTAIN but was \"" + decision + "\"");
            }
            return Judgement.of(d, confidence(j, where), "recorded", TokenUsage.ZERO);
        }

        Judgement pairwise(JsonNode j, String where, String judge) {
            if (j.has("ab") || j.has("ba")) {
                // PASS of an order means "the response shown first is better"
                return LlmJudge.Pairwise.combine(
                        order(j.get("ab"), where + ".ab", "A"), order(j.get("ba"), where + ".ba", "B"), judge);
            }
            String winner = letter(j, "winner", false);
            return Judgement.of(
                    winner.equals("A") ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                    confidence(j, where),
                    "recorded",
                    TokenUsage.ZERO);
        }

        private Judgement order(@Nullable JsonNode o, String where, String first) {
            if (o == null || !o.isObject()) {
                throw new IllegalArgumentException(at + "'" + where + "' must be an object {\"winner\": \"A\"|\"B\","
                        + " \"confidence\": 0..1} but was " + o);
            }
            String winner = new JsonRequire(at + "'" + where + "': ").letter(o, "winner", true);
            if (winner.equals("none")) {
                return new Judgement(Judgement.Decision.ABSTAIN, 0.0, "recorded", List.of(), TokenUsage.ZERO);
            }
            return Judgement.of(
                    winner.equals(first) ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                    confidence(o, where),
                    "recorded",
                    TokenUsage.ZERO);
        }
    }
}
