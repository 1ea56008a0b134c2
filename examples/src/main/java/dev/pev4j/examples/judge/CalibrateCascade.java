package dev.pev4j.examples.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pev4j.judge.Calibrator;
import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.judge.CascadeCalibration;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
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
 * Calibrates a cascade of judges from a labelled JSONL file and prints, for each α, the configuration the calibrator
 * chose (the full cascade, or the strongest judge alone when that covers more: see {@link Calibrator}), the
 * thresholds, and the coverage and agreement on the calibration half and on the held-out half.
 *
 * <p>Each line of the file is one item a human labelled, with what each judge said about it, the judges in cascade
 * order (cheapest first): {@code {"task":..,"criterion":..,"evidence":..,"holds":true,
 * "judgements":{"small":{"decision":"PASS","confidence":0.93}, ...}}}. The bundled file was made by
 * {@link SimulatedJudges}, not by people and models.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.judge.CalibrateCascade \
 *     --data examples/data/judge/labelled.jsonl --alpha 0.05,0.1,0.15,0.2 --delta 0.1 --costs 0.5,1.5,7
 * </pre>
 */
@Command(
        name = "calibrate-cascade",
        mixinStandardHelpOptions = true,
        description = "Calibrates a cascade of judges from a labelled JSONL file; prints coverage and agreement per"
                + " alpha.")
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
            description = "Seed of the calibration/test split (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed = 1;

    @Option(
            names = "--costs",
            split = ",",
            description = "Cost per call of each judge, in cascade order; breaks ties in coverage (default: 1 each).")
    List<Double> costs = new ArrayList<>();

    @Option(
            names = "--candidates",
            description = "Configurations to choose among: ${COMPLETION-CANDIDATES}" + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "CASCADE_OR_STRONGEST")
    Calibrator.Candidates candidates = Calibrator.DEFAULT_CANDIDATES;

    @Option(names = "--save-dir", description = "Writes calibration-alpha-<alpha>.json files here.")
    @Nullable
    Path saveDir;

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
        if (!(holdout >= 0.0 && holdout < 1.0)) {
            throw new IllegalArgumentException("--holdout must be >= 0 and < 1 but was " + holdout);
        }
        Labelled labelled = read(data);
        List<LabelledItem> items = new ArrayList<>(labelled.items);
        Collections.shuffle(items, new Random(seed));
        int testCount = (int) Math.round(items.size() * holdout);
        List<LabelledItem> test = items.subList(0, testCount);
        List<LabelledItem> calibration = items.subList(testCount, items.size());
        List<Double> perCall = costs.isEmpty() ? Collections.nCopies(labelled.judges.size(), 1.0) : costs;
        if (perCall.size() != labelled.judges.size()) {
            throw new IllegalArgumentException("--costs must have one cost per judge (" + labelled.judges.size() + ": "
                    + String.join(",", labelled.names()) + ") but had " + perCall.size());
        }
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        out.println("data=" + data + " items=" + items.size() + " calibration_items=" + calibration.size()
                + " test_items=" + test.size() + " delta=" + delta + " judges=" + String.join(",", labelled.names()));
        for (double alpha : alphas) {
            CascadeCalibration cal = Calibrator.of(alpha, delta)
                    .withCandidates(candidates)
                    .calibrate(labelled.judges, perCall, calibration);
            JudgeCascade.Builder builder = JudgeCascade.builder();
            for (int j = 0; j < labelled.judges.size(); j++) {
                builder.judge(labelled.judges.get(j), perCall.get(j));
            }
            JudgeCascade cascade = builder.calibration(cal).build();
            int accepted = 0;
            int agreed = 0;
            for (LabelledItem item : test) {
                Judgement j = cascade.judge(item.request());
                if (j.decision() != Judgement.Decision.ABSTAIN) {
                    accepted++;
                    if (j.decision() == item.verdict()) {
                        agreed++;
                    }
                }
            }
            List<String> thresholds = new ArrayList<>();
            for (int j = 0; j < cal.judges().size(); j++) {
                JudgeCalibration judge = cal.judges().get(j);
                thresholds.add(cal.skips(j) ? "skipped" : judge.acceptsAny() ? format(judge.threshold()) : "never");
            }
            out.println("alpha=" + alpha
                    + " configuration="
                    + cal.selection()
                            .chosenCandidate()
                            .describe(labelled.names())
                            .replace(" > ", ">")
                    + " thresholds=" + String.join(",", thresholds)
                    + " calibration_coverage=" + format(cal.coverage())
                    + " calibration_agreement=" + format(cal.agreement())
                    + " test_coverage=" + format(test.isEmpty() ? Double.NaN : (double) accepted / test.size())
                    + " test_agreement=" + format(accepted == 0 ? Double.NaN : (double) agreed / accepted)
                    + " meets_1_minus_alpha=" + (accepted == 0 || agreed >= (1 - alpha) * accepted));
            out.println("  chosen because: " + cal.selection().reason() + " (each of "
                    + cal.selection().candidates().size() + " candidates tested at delta="
                    + String.format(Locale.ROOT, "%.4f", cal.deltaPerCandidate()) + ")");
            if (saveDir != null) {
                cal.save(saveDir.resolve(String.format(Locale.ROOT, "calibration-alpha-%.2f.json", alpha)));
            }
        }
        return 0;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, "%.3f", value);
    }

    private record Labelled(List<LabelledItem> items, List<Judge> judges) {
        List<String> names() {
            List<String> names = new ArrayList<>();
            judges.forEach(j -> names.add(j.name()));
            return names;
        }
    }

    private static Labelled read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LabelledItem> items = new ArrayList<>();
        Map<String, Map<JudgeRequest, Judgement>> recorded = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String at = file + " line " + (n + 1) + ": ";
            JsonNode node = json.readTree(line);
            JsonRequire r = new JsonRequire(at);
            JudgeRequest request =
                    new JudgeRequest(r.text(node, "task"), r.text(node, "criterion"), r.text(node, "evidence"));
            JsonNode holds = node.get("holds");
            if (holds == null || !holds.isBoolean()) {
                throw new IllegalArgumentException(at + "'holds' must be true or false but was " + holds);
            }
            items.add(new LabelledItem(request, holds.booleanValue()));
            JsonNode judgements = node.get("judgements");
            if (judgements == null || !judgements.isObject() || judgements.isEmpty()) {
                throw new IllegalArgumentException(at + "'judgements' must be an object of judge name to judgement");
            }
            if (!recorded.isEmpty() && !recorded.keySet().equals(keys(judgements))) {
                throw new IllegalArgumentException(
                        at + "judges " + keys(judgements) + " differ from line 1's " + recorded.keySet());
            }
            for (Map.Entry<String, JsonNode> e : judgements.properties()) {
                JsonNode j = e.getValue();
                Judgement.Decision decision = Judgement.Decision.valueOf(r.text(j, "decision"));
                JsonNode confidence = j.get("confidence");
                if (confidence == null || !confidence.isNumber()) {
                    throw new IllegalArgumentException(
                            at + "'judgements." + e.getKey() + ".confidence' must be a number but was " + confidence);
                }
                recorded.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                        .put(request, Judgement.of(decision, confidence.doubleValue(), "recorded", TokenUsage.ZERO));
            }
        }
        List<Judge> judges = new ArrayList<>();
        recorded.forEach((name, judgements) -> judges.add(new ReplayJudge(name, judgements)));
        return new Labelled(items, judges);
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
    }
}
