package dev.pev4j.examples.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Judges of known behaviour standing in for LLM judges of three sizes, for the example and the benchmark: no model
 * runs. Each item has a difficulty; a judge's confidence falls as difficulty rises past its skill, and its verdict is
 * right with a probability tied to that confidence (smaller judges are overconfident). Judges see the same items, so
 * they find the same ones hard. Deterministic for a seed; stateless and thread-safe.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.judge.SimulatedJudges examples/data/judge/labelled.jsonl 400 7
 * </pre>
 */
public final class SimulatedJudges {

    /**
     * A simulated judge: its name, how hard an item may be before it gets unsure, how much more often than its
     * confidence says it errs, and its cost per call.
     */
    public record Model(String name, double skill, double overconfidence, double costPerCall) {}

    /** Priced by model size: the cost of a call is the parameter count in billions. */
    public static final List<Model> MODELS = List.of(
            new Model("sim-0.5b", 0.40, 0.6, 0.5),
            new Model("sim-1.5b", 0.60, 0.3, 1.5),
            new Model("sim-7b", 0.85, 0.0, 7.0));

    private static final String[][] TOPICS = {
        {"Total revenue by region", "every region appears exactly once"},
        {"Top 5 products by units sold", "the list has exactly five products, in descending order"},
        {"Monthly average order value for 2024", "there is one value per month of 2024"},
        {"Customers who churned last quarter", "no customer with an order last quarter is listed"},
        {"Share of returns by category", "the shares add up to 100%"},
        {"Median delivery time per carrier", "every carrier has a median in days"},
    };

    private SimulatedJudges() {}

    /** A labelled item with how hard it is to judge, between 0 and 1. */
    public record Item(LabelledItem labelled, double difficulty) {}

    /** {@code count} items, the criterion holding for about 60%. */
    public static List<Item> items(int count, SplittableRandom random) {
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] topic = TOPICS[random.nextInt(TOPICS.length)];
            boolean holds = random.nextDouble() < 0.6;
            double difficulty = random.nextDouble();
            String evidence = "#E1 (item " + (i + 1) + "): table with " + (3 + random.nextInt(12)) + " rows; "
                    + (holds ? "checked rows look consistent" : "row " + (1 + random.nextInt(3)) + " looks off");
            items.add(new Item(new LabelledItem(new JudgeRequest(topic[0], topic[1], evidence), holds), difficulty));
        }
        return items;
    }

    /** What {@code model} says about {@code item}. */
    public static Judgement judge(Model model, Item item, SplittableRandom random) {
        double z = 8.0 * (model.skill() - item.difficulty()) + random.nextGaussian();
        double confidence = 0.5 + 0.5 / (1.0 + Math.exp(-z));
        // Overconfident judges err more often than their confidence says: (1 + overconfidence) times as often.
        double pRight = Math.max(0.0, 1.0 - (1.0 - confidence) * (1.0 + model.overconfidence()));
        boolean right = random.nextDouble() < pRight;
        boolean saysHolds = right == item.labelled().holds();
        confidence = Math.round(confidence * 1000) / 1000.0;
        return Judgement.of(
                saysHolds ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                confidence,
                model.name() + " (simulated)",
                new TokenUsage(0, 0));
    }

    /** Every model's judgement of every item, by model name. */
    public static Map<String, List<Judgement>> judgeAll(List<Item> items, SplittableRandom random) {
        Map<String, List<Judgement>> out = new LinkedHashMap<>();
        for (Model m : MODELS) {
            List<Judgement> judgements = new ArrayList<>(items.size());
            for (Item item : items) {
                judgements.add(judge(m, item, random));
            }
            out.put(m.name(), judgements);
        }
        return out;
    }

    /** Writes a labelled JSONL file of simulated judgements: {@code <file> [items] [seed]}. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SimulatedJudges <file.jsonl> [items=400] [seed=7]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = items(count, random);
        Map<String, List<Judgement>> judgements = judgeAll(items, random);
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            LabelledItem item = items.get(i).labelled();
            ObjectNode line = json.createObjectNode();
            line.put("task", item.request().task());
            line.put("criterion", item.request().criterion());
            line.put("evidence", item.request().evidence());
            line.put("holds", item.holds());
            ObjectNode recorded = line.putObject("judgements");
            for (Map.Entry<String, List<Judgement>> e : judgements.entrySet()) {
                Judgement j = e.getValue().get(i);
                ObjectNode node = recorded.putObject(e.getKey());
                node.put("decision", j.decision().name());
                node.put("confidence", j.confidence());
            }
            out.append(line).append('\n');
        }
        Path absolute = file.toAbsolutePath();
        Workspace.of(Objects.requireNonNull(absolute.getParent(), "no folder: " + file))
                .writeAtomically(
                        absolute.getFileName().toString(), out.toString().getBytes(StandardCharsets.UTF_8), true);
        System.out.println("wrote " + items.size() + " items to " + file + " (seed " + seed + ")");
    }
}
