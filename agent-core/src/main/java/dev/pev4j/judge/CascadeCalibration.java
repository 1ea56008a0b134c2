package dev.pev4j.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.AgentException;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.io.AtomicFiles;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.spi.Judge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The calibrated thresholds of a cascade of judges (one judge is a cascade of one), with the risk level they were
 * calibrated for and how they did on the calibration set. Saved and loaded as JSON. Immutable and thread-safe.
 *
 * <p>With probability at least {@code 1 - delta} over the draw of the calibration set, each judge's accepted verdicts
 * agree with humans at least {@code 1 - alpha} of the time on items like the calibration items that reach it. The
 * configuration applied was chosen among candidates ({@link #selection()}); each was calibrated at {@code delta / m}
 * for {@code m} candidates, so this holds for the chosen one although it was chosen on the same items. Judges the
 * chosen configuration skips are recorded as never accepting, so a {@link JudgeCascade} never asks them.
 *
 * <pre>{@code
 * CascadeCalibration cal = Calibrator.of(0.1, 0.1).calibrate(List.of(small, large), labelledItems);
 * cal.save(Path.of("judges.calibration.json"));
 * Judge judge = JudgeCascade.builder().judge(small).judge(large).calibration(CascadeCalibration.load(path)).build();
 * }</pre>
 *
 * @param alpha the tolerated disagreement rate with humans among accepted verdicts
 * @param delta the tolerated probability that the calibration set misled the thresholds
 * @param minItems the fewest items a threshold had to have at or above it to be considered
 * @param gridSteps the candidate thresholds were {@code j / gridSteps} for {@code j = gridSteps .. 0}
 * @param items the labelled items calibrated on (n)
 * @param judges each judge's calibration, in cascade order; a judge the chosen configuration skips never accepts
 * @param selection which configuration was chosen among which candidates, and why
 */
public record CascadeCalibration(
        double alpha,
        double delta,
        int minItems,
        int gridSteps,
        int items,
        List<JudgeCalibration> judges,
        CascadeSelection selection) {

    /** The {@code format} field of the JSON form, versioned so later forms can be told apart. */
    public static final String FORMAT = "pev4j-judge-calibration/2";

    /** The first JSON form, without a selection (every judge in order, the only candidate); still read. */
    public static final String FORMAT_1 = "pev4j-judge-calibration/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CascadeCalibration {
        Calibrator.checkSettings(alpha, delta, minItems, gridSteps);
        judges = List.copyOf(judges);
        if (judges.isEmpty()) {
            throw new IllegalArgumentException("judges must not be empty");
        }
        int reaching = items;
        for (int j = 0; j < judges.size(); j++) {
            JudgeCalibration judge = judges.get(j);
            if (judge.items() != reaching) {
                throw new IllegalArgumentException("judges[" + j + "].items must be " + reaching
                        + " (the items no earlier judge accepted) but was " + judge.items());
            }
            reaching -= judge.accepted();
        }
        Objects.requireNonNull(selection, "selection == null");
        for (CascadeSelection.Candidate c : selection.candidates()) {
            int last = c.judges().get(c.judges().size() - 1);
            if (last >= judges.size()) {
                throw new IllegalArgumentException("a candidate asks judge " + last + " but there are only "
                        + judges.size() + " judges (0.." + (judges.size() - 1) + ")");
            }
        }
        CascadeSelection.Candidate chosen = selection.chosenCandidate();
        for (int j = 0; j < judges.size(); j++) {
            if (!chosen.judges().contains(j) && judges.get(j).acceptsAny()) {
                throw new IllegalArgumentException("judges[" + j + "] is skipped by the chosen candidate "
                        + chosen.judges() + " but has threshold "
                        + judges.get(j).threshold()
                        + "; a skipped judge never accepts");
            }
        }
        int accepted = 0;
        int agreed = 0;
        for (JudgeCalibration j : judges) {
            accepted += j.accepted();
            agreed += j.agreed();
        }
        if (chosen.accepted() != accepted || chosen.agreed() != agreed) {
            throw new IllegalArgumentException("the chosen candidate accepted " + chosen.accepted() + " and agreed on "
                    + chosen.agreed() + " items but its judges accepted " + accepted + " and agreed on " + agreed);
        }
    }

    /**
     * A calibration of judges asked in order, without choosing among configurations (as in the first JSON form).
     */
    public CascadeCalibration(
            double alpha, double delta, int minItems, int gridSteps, int items, List<JudgeCalibration> judges) {
        this(alpha, delta, minItems, gridSteps, items, judges, CascadeSelection.inOrder(List.copyOf(judges)));
    }

    /** Whether the chosen configuration skips judge {@code j} (0-based, cascade order). */
    public boolean skips(int j) {
        Objects.checkIndex(j, judges.size());
        return !selection.chosenCandidate().judges().contains(j);
    }

    /** The level each judge's threshold was tested at: {@code delta} divided by the number of candidates. */
    public double deltaPerCandidate() {
        return selection.deltaPerCandidate(delta);
    }

    /** How many calibration items some judge accepted. */
    public int accepted() {
        int sum = 0;
        for (JudgeCalibration j : judges) {
            sum += j.accepted();
        }
        return sum;
    }

    /** How many accepted calibration items agreed with the human. */
    public int agreed() {
        int sum = 0;
        for (JudgeCalibration j : judges) {
            sum += j.agreed();
        }
        return sum;
    }

    /** The share of calibration items some judge accepted; 0 when there were none. */
    public double coverage() {
        return items == 0 ? 0.0 : (double) accepted() / items;
    }

    /** The share of accepted calibration items that agreed with the human; NaN when none were accepted. */
    public double agreement() {
        int accepted = accepted();
        return accepted == 0 ? Double.NaN : (double) agreed() / accepted;
    }

    /** This calibration as JSON text. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("alpha", alpha);
        root.put("delta", delta);
        root.put("minItems", minItems);
        root.put("gridSteps", gridSteps);
        root.put("n", items);
        root.put("accepted", accepted());
        root.put("agreed", agreed());
        root.put("coverage", coverage());
        putNullable(root, "agreement", agreement());
        List<String> names = names(judges);
        ObjectNode sel = root.putObject("selection");
        sel.put("family", selection.family().name());
        sel.put("deltaPerCandidate", deltaPerCandidate());
        sel.put("chosen", selection.chosen());
        sel.put("chosenJudges", selection.chosenCandidate().describe(names));
        sel.put("reason", selection.reason());
        ArrayNode considered = sel.putArray("candidates");
        for (CascadeSelection.Candidate c : selection.candidates()) {
            ObjectNode node = considered.addObject();
            ArrayNode indices = node.putArray("judges");
            c.judges().forEach(indices::add);
            node.put("describe", c.describe(names));
            node.put("accepted", c.accepted());
            node.put("agreed", c.agreed());
            node.put("coverage", c.coverage(items));
            putNullable(node, "agreement", c.agreement());
            putNullable(node, "costPerItem", c.costPerItem());
        }
        ArrayNode array = root.putArray("judges");
        for (int i = 0; i < judges.size(); i++) {
            JudgeCalibration j = judges.get(i);
            ObjectNode node = array.addObject();
            node.put("name", j.judge());
            node.put("skipped", skips(i));
            putNullable(node, "threshold", j.acceptsAny() ? j.threshold() : Double.NaN);
            node.put("items", j.items());
            node.put("accepted", j.accepted());
            node.put("agreed", j.agreed());
            node.put("errorBound", j.errorBound());
            node.put("coverage", j.coverage());
            putNullable(node, "agreement", j.agreement());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Writes {@link #toJson()} to {@code file} atomically: to a temporary file beside it, then moved over it, so a
     * reader never sees half a calibration.
     *
     * @throws CalibrationException when the file cannot be written
     */
    public void save(Path file) {
        Objects.requireNonNull(file, "file == null");
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            AtomicFiles.writeString(absolute, toJson(), AtomicFiles.Mode.REPLACE);
        } catch (IOException e) {
            throw new CalibrationException(file.toString(), "cannot write the file: " + e, e);
        }
    }

    /**
     * Reads a calibration saved by {@link #save}.
     *
     * @throws CalibrationException when the file is missing, is not JSON, or a field is missing or bad
     */
    public static CascadeCalibration load(Path file) {
        Objects.requireNonNull(file, "file == null");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CalibrationException(file.toString(), "the file does not exist", e);
        } catch (IOException e) {
            throw new CalibrationException(file.toString(), "cannot read the file: " + e, e);
        }
        return fromJson(text, file.toString());
    }

    /**
     * Reads a calibration from JSON text; {@code source} names it in error messages.
     *
     * @throws CalibrationException when the text is not JSON, or a field is missing or bad
     */
    public static CascadeCalibration fromJson(String json, String source) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(source, "source == null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CalibrationException(source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CalibrationException(source, "", "the top level must be a JSON object");
        }
        Reader r = new Reader(source);
        String format = r.text(root, "format", "format");
        if (!format.equals(FORMAT) && !format.equals(FORMAT_1)) {
            throw new CalibrationException(
                    source,
                    "format",
                    "must be \"" + FORMAT + "\" (or the older \"" + FORMAT_1 + "\") but was \"" + format + "\"");
        }
        double alpha = r.number(root, "alpha", "alpha");
        r.require(alpha > 0.0 && alpha < 1.0, "alpha", "must be between 0 and 1 (exclusive) but was " + alpha);
        double delta = r.number(root, "delta", "delta");
        r.require(delta > 0.0 && delta < 1.0, "delta", "must be between 0 and 1 (exclusive) but was " + delta);
        int minItems = r.integer(root, "minItems", "minItems");
        r.require(minItems >= 1, "minItems", "must be >= 1 but was " + minItems);
        int gridSteps = r.integer(root, "gridSteps", "gridSteps");
        r.require(
                gridSteps >= 1 && gridSteps <= Calibrator.MAX_GRID_STEPS,
                "gridSteps",
                "must be between 1 and " + Calibrator.MAX_GRID_STEPS + " but was " + gridSteps);
        int n = r.integer(root, "n", "n");
        r.require(n >= 0, "n", "must be >= 0 but was " + n);
        JsonNode array = root.get("judges");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new CalibrationException(source, "judges", "must be a non-empty array but was " + describe(array));
        }
        List<JudgeCalibration> judges = new ArrayList<>();
        int reaching = n;
        for (int j = 0; j < array.size(); j++) {
            JsonNode node = array.get(j);
            String at = "judges[" + j + "]";
            if (!node.isObject()) {
                throw new CalibrationException(source, at, "must be an object but was " + describe(node));
            }
            String name = r.text(node, "name", at + ".name");
            r.require(!name.isBlank(), at + ".name", "must not be blank");
            JsonNode t = node.get("threshold");
            double threshold;
            if (t != null && t.isNull()) {
                threshold = Double.POSITIVE_INFINITY;
            } else {
                threshold = r.number(node, "threshold", at + ".threshold");
                r.require(
                        threshold >= 0.0 && threshold <= 1.0,
                        at + ".threshold",
                        "must be between 0 and 1, or null for a judge that never accepts, but was " + threshold);
            }
            int items = r.integer(node, "items", at + ".items");
            r.require(
                    items == reaching,
                    at + ".items",
                    "must be " + reaching + " (the items no earlier judge accepted) but was " + items);
            int accepted = r.count(node, "accepted", at + ".accepted", "items", items);
            r.require(
                    threshold <= 1.0 || accepted == 0,
                    at + ".accepted",
                    "must be 0 for a judge that never accepts (threshold null) but was " + accepted);
            int agreed = r.count(node, "agreed", at + ".agreed", "accepted", accepted);
            double errorBound = r.number(node, "errorBound", at + ".errorBound");
            r.require(
                    errorBound >= 0.0 && errorBound <= 1.0,
                    at + ".errorBound",
                    "must be between 0 and 1 but was " + errorBound);
            JudgeCalibration judge = new JudgeCalibration(name, threshold, items, accepted, agreed, errorBound);
            r.checkDerived(node, "coverage", at + ".coverage", judge.coverage(), "accepted/items");
            r.checkDerived(node, "agreement", at + ".agreement", judge.agreement(), "agreed/accepted");
            judges.add(judge);
            reaching -= accepted;
        }
        CascadeSelection selection =
                format.equals(FORMAT_1) ? CascadeSelection.inOrder(judges) : readSelection(root, judges, n, r);
        CascadeCalibration calibration =
                new CascadeCalibration(alpha, delta, minItems, gridSteps, n, judges, selection);
        r.checkDerived(
                root.path("selection"),
                "deltaPerCandidate",
                "selection.deltaPerCandidate",
                calibration.deltaPerCandidate(),
                "delta / the number of candidates");
        r.checkDerived(root, "coverage", "coverage", calibration.coverage(), "the judges' accepted/n");
        r.checkDerived(root, "agreement", "agreement", calibration.agreement(), "the judges' agreed/accepted");
        return calibration;
    }

    private static CascadeSelection readSelection(JsonNode root, List<JudgeCalibration> judges, int n, Reader r) {
        JsonNode sel = root.get("selection");
        if (sel == null || !sel.isObject()) {
            throw new CalibrationException(r.source, "selection", "must be an object but was " + describe(sel));
        }
        String familyName = r.text(sel, "family", "selection.family");
        Calibrator.Candidates family;
        try {
            family = Calibrator.Candidates.valueOf(familyName);
        } catch (IllegalArgumentException e) {
            throw new CalibrationException(
                    r.source,
                    "selection.family",
                    "must be one of " + Arrays.toString(Calibrator.Candidates.values()) + " but was \"" + familyName
                            + "\"");
        }
        JsonNode array = sel.get("candidates");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new CalibrationException(
                    r.source, "selection.candidates", "must be a non-empty array but was " + describe(array));
        }
        List<CascadeSelection.Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < array.size(); c++) {
            JsonNode node = array.get(c);
            String at = "selection.candidates[" + c + "]";
            if (!node.isObject()) {
                throw new CalibrationException(r.source, at, "must be an object but was " + describe(node));
            }
            JsonNode indices = node.get("judges");
            if (indices == null || !indices.isArray() || indices.isEmpty()) {
                throw new CalibrationException(
                        r.source, at + ".judges", "must be a non-empty array but was " + describe(indices));
            }
            List<Integer> used = new ArrayList<>();
            for (int k = 0; k < indices.size(); k++) {
                JsonNode index = indices.get(k);
                boolean ok = index.isIntegralNumber()
                        && index.canConvertToInt()
                        && index.intValue() >= 0
                        && index.intValue() < judges.size()
                        && (k == 0 || index.intValue() > used.get(k - 1));
                r.require(
                        ok,
                        at + ".judges",
                        "must be increasing judge indices between 0 and " + (judges.size() - 1) + " but was "
                                + indices);
                used.add(index.intValue());
            }
            int accepted = r.count(node, "accepted", at + ".accepted", "n", n);
            int agreed = r.count(node, "agreed", at + ".agreed", "accepted", accepted);
            JsonNode cost = node.get("costPerItem");
            double costPerItem = Double.NaN;
            if (cost != null && !cost.isNull()) {
                costPerItem = r.number(node, "costPerItem", at + ".costPerItem");
                r.require(
                        costPerItem >= 0.0 && !Double.isInfinite(costPerItem),
                        at + ".costPerItem",
                        "must be >= 0 and finite, or null, but was " + costPerItem);
            }
            CascadeSelection.Candidate candidate = new CascadeSelection.Candidate(used, accepted, agreed, costPerItem);
            r.checkDerived(node, "coverage", at + ".coverage", candidate.coverage(n), "accepted/n");
            r.checkDerived(node, "agreement", at + ".agreement", candidate.agreement(), "agreed/accepted");
            candidates.add(candidate);
        }
        int chosen = r.integer(sel, "chosen", "selection.chosen");
        r.require(
                chosen >= 0 && chosen < candidates.size(),
                "selection.chosen",
                "must be between 0 and " + (candidates.size() - 1) + " but was " + chosen);
        String reason = r.text(sel, "reason", "selection.reason");
        CascadeSelection.Candidate picked = candidates.get(chosen);
        int accepted = 0;
        int agreed = 0;
        for (int j = 0; j < judges.size(); j++) {
            JudgeCalibration judge = judges.get(j);
            JsonNode skipped = root.get("judges").get(j).get("skipped");
            boolean skips = !picked.judges().contains(j);
            r.require(
                    skipped == null || (skipped.isBoolean() && skipped.booleanValue() == skips),
                    "judges[" + j + "].skipped",
                    "must be " + skips + " (the chosen candidate asks judges " + picked.judges() + ") but was "
                            + describe(skipped));
            r.require(
                    !skips || !judge.acceptsAny(),
                    "judges[" + j + "].threshold",
                    "must be null for a judge the chosen candidate skips but was " + judge.threshold());
            accepted += judge.accepted();
            agreed += judge.agreed();
        }
        r.require(
                picked.accepted() == accepted && picked.agreed() == agreed,
                "selection.candidates[" + chosen + "]",
                "must have accepted=" + accepted + " and agreed=" + agreed + " (the judges' sums) but had "
                        + picked.accepted() + " and " + picked.agreed());
        return new CascadeSelection(family, candidates, chosen, reason);
    }

    private static List<String> names(List<JudgeCalibration> judges) {
        List<String> names = new ArrayList<>(judges.size());
        judges.forEach(j -> names.add(j.judge()));
        return names;
    }

    private static void putNullable(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String describe(JsonNode node) {
        return node == null ? "missing" : node.toString();
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        String text(JsonNode parent, String name, String path) {
            JsonNode node = present(parent, name, path);
            if (!node.isTextual()) {
                throw new CalibrationException(source, path, "must be a string but was " + node);
            }
            return node.textValue();
        }

        double number(JsonNode parent, String name, String path) {
            JsonNode node = present(parent, name, path);
            if (!node.isNumber()) {
                throw new CalibrationException(source, path, "must be a number but was " + node);
            }
            return node.doubleValue();
        }

        int integer(JsonNode parent, String name, String path) {
            JsonNode node = present(parent, name, path);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new CalibrationException(source, path, "must be a whole number but was " + node);
            }
            return node.intValue();
        }

        /** A whole number between 0 and {@code max}, the value of the field {@code maxName}. */
        int count(JsonNode parent, String name, String path, String maxName, int max) {
            int count = integer(parent, name, path);
            require(
                    count >= 0 && count <= max,
                    path,
                    "must be between 0 and " + maxName + "=" + max + " but was " + count);
            return count;
        }

        void require(boolean ok, String path, String problem) {
            if (!ok) {
                throw new CalibrationException(source, path, problem);
            }
        }

        // Derived fields are written for people reading the file; when present they must match the counts.
        void checkDerived(JsonNode parent, String name, String path, double expected, String formula) {
            JsonNode node = parent.get(name);
            if (node == null) {
                return;
            }
            boolean ok = node.isNull()
                    ? Double.isNaN(expected)
                    : node.isNumber() && Math.abs(node.doubleValue() - expected) <= 1e-9;
            if (!ok) {
                throw new CalibrationException(
                        source,
                        path,
                        "must be " + formula + " = " + (Double.isNaN(expected) ? "null" : expected) + " but was "
                                + node);
            }
        }

        private JsonNode present(JsonNode parent, String name, String path) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                throw new CalibrationException(source, path, "is missing");
            }
            return node;
        }
    }

    /**
     * The calibrated threshold of one judge: its verdict is trusted when its confidence is at least {@link #threshold()}.
     * A judge that may never be trusted has an infinite threshold. Immutable and thread-safe.
     *
     * @param judge the judge's {@link Judge#name()}
     * @param threshold the least confidence at which the judge's verdict is accepted, between 0 and 1, or
     *     {@link Double#POSITIVE_INFINITY} when no threshold passed (the judge never accepts)
     * @param items the labelled items the judge was calibrated on (in a cascade: those no earlier judge accepted)
     * @param accepted how many of them had a confidence at or above the threshold
     * @param agreed how many of the accepted ones agreed with the human
     * @param errorBound the Clopper–Pearson upper bound on the error rate among accepted items, at the level the judge was
     *     tested at (the calibration's δ divided by its number of candidates, {@link CascadeCalibration#deltaPerCandidate()});
     *     1 when none were accepted
     */
    public record JudgeCalibration(
            String judge, double threshold, int items, int accepted, int agreed, double errorBound) {

        public JudgeCalibration {
            Objects.requireNonNull(judge, "judge == null");
            if (judge.isBlank()) {
                throw new IllegalArgumentException("judge must not be blank");
            }
            if (!(threshold >= 0.0 && threshold <= 1.0) && threshold != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "threshold must be between 0 and 1, or infinite for a judge that never accepts, but was "
                                + threshold);
            }
            Checks.atLeast("items", items, 0);
            if (accepted < 0 || accepted > items) {
                throw new IllegalArgumentException(
                        "accepted must be between 0 and items=" + items + " but was " + accepted);
            }
            if (agreed < 0 || agreed > accepted) {
                throw new IllegalArgumentException(
                        "agreed must be between 0 and accepted=" + accepted + " but was " + agreed);
            }
            if (threshold == Double.POSITIVE_INFINITY && accepted != 0) {
                throw new IllegalArgumentException(
                        "a judge that never accepts must have accepted=0 but was " + accepted);
            }
            Checks.between0And1("errorBound", errorBound);
        }

        /** A judge calibrated on {@code items} items for which no threshold passed. */
        public static JudgeCalibration neverAccepts(String judge, int items) {
            return new JudgeCalibration(judge, Double.POSITIVE_INFINITY, items, 0, 0, 1.0);
        }

        /** Whether this judge's verdict at {@code confidence} is trusted. */
        public boolean accepts(double confidence) {
            return confidence >= threshold;
        }

        /** Whether any confidence at all is trusted; false for a judge that never accepts. */
        public boolean acceptsAny() {
            return threshold <= 1.0;
        }

        /** The share of this judge's calibration items it accepted; 0 when it had none. */
        public double coverage() {
            return items == 0 ? 0.0 : (double) accepted / items;
        }

        /** The share of accepted calibration items that agreed with the human; NaN when none were accepted. */
        public double agreement() {
            return accepted == 0 ? Double.NaN : (double) agreed / accepted;
        }
    }

    /**
     * Which configuration of a cascade calibration chose, among which candidates, and why. Immutable and thread-safe.
     *
     * <p>Each of the {@code m} candidates was calibrated at {@code delta / m} (Bonferroni), so the guarantee of the
     * chosen one holds at {@code delta} even though it was chosen by looking at the same calibration items.
     *
     * @param family the family the candidates came from
     * @param candidates every candidate, as calibrated on the calibration items; the full cascade first
     * @param chosen the index in {@code candidates} of the configuration the cascade applies
     * @param reason why it was chosen, in a sentence
     */
    public record CascadeSelection(
            Calibrator.Candidates family, List<Candidate> candidates, int chosen, String reason) {

        /**
         * One candidate configuration and how it did on the calibration items.
         *
         * @param judges the judges it asks, as indices in cascade order
         * @param accepted how many calibration items one of its judges accepted
         * @param agreed how many of those agreed with the human
         * @param costPerItem what it cost per calibration item, at the costs given to the calibrator (1 per call when
         *     none were); NaN when not recorded
         */
        public record Candidate(List<Integer> judges, int accepted, int agreed, double costPerItem) {

            public Candidate {
                judges = List.copyOf(judges);
                if (judges.isEmpty()) {
                    throw new IllegalArgumentException("a candidate must ask at least one judge");
                }
                for (int i = 0; i < judges.size(); i++) {
                    if (judges.get(i) < 0 || (i > 0 && judges.get(i) <= judges.get(i - 1))) {
                        throw new IllegalArgumentException(
                                "a candidate's judges must be increasing indices >= 0 but were " + judges);
                    }
                }
                Checks.atLeast("accepted", accepted, 0);
                if (agreed < 0 || agreed > accepted) {
                    throw new IllegalArgumentException(
                            "agreed must be between 0 and accepted=" + accepted + " but was " + agreed);
                }
                if (!Double.isNaN(costPerItem) && !(costPerItem >= 0.0 && costPerItem < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(
                            "costPerItem must be >= 0 and finite, or NaN when not recorded, but was " + costPerItem);
                }
            }

            /** The share of {@code items} calibration items it accepted; 0 when there were none. */
            public double coverage(int items) {
                return items == 0 ? 0.0 : (double) accepted / items;
            }

            /** The share of its accepted calibration items that agreed with the human; NaN when none were accepted. */
            public double agreement() {
                return accepted == 0 ? Double.NaN : (double) agreed / accepted;
            }

            /** Its judges' names joined by {@code " > "}, in the order they are asked. */
            public String describe(List<String> names) {
                List<String> out = new ArrayList<>(judges.size());
                for (int j : judges) {
                    out.add(names.get(j));
                }
                return String.join(" > ", out);
            }
        }

        public CascadeSelection {
            Objects.requireNonNull(family, "family == null");
            Objects.requireNonNull(reason, "reason == null");
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("candidates must not be empty");
            }
            if (chosen < 0 || chosen >= candidates.size()) {
                throw new IllegalArgumentException(
                        "chosen must be between 0 and " + (candidates.size() - 1) + " but was " + chosen);
            }
        }

        /** The selection of a cascade calibrated without choosing: its judges in order, the only candidate. */
        static CascadeSelection inOrder(List<JudgeCalibration> judges) {
            List<Integer> all = new ArrayList<>(judges.size());
            int accepted = 0;
            int agreed = 0;
            for (int j = 0; j < judges.size(); j++) {
                all.add(j);
                accepted += judges.get(j).accepted();
                agreed += judges.get(j).agreed();
            }
            return new CascadeSelection(
                    Calibrator.Candidates.IN_ORDER, List.of(new Candidate(all, accepted, agreed, Double.NaN)), 0, ONLY);
        }

        /** The configuration the cascade applies. */
        public Candidate chosenCandidate() {
            return candidates.get(chosen);
        }

        /**
         * The level each candidate was tested at: {@code delta} divided by the number of candidates (for
         * {@link Calibrator.Candidates#COST_PATH}, one candidate per family of configurations, each walked by
         * fixed-sequence testing at that level).
         */
        public double deltaPerCandidate(double delta) {
            return delta / candidates.size();
        }

        static final String ONLY = "the only candidate";

        /** Why {@code chosen} won: the sentence {@link Calibrator} records. */
        static String reason(List<Candidate> candidates, int chosen, int items) {
            if (candidates.size() == 1) {
                return ONLY;
            }
            Candidate winner = candidates.get(chosen);
            int bestOther = -1;
            for (int c = 0; c < candidates.size(); c++) {
                if (c == chosen) {
                    continue;
                }
                Candidate other = candidates.get(c);
                if (bestOther < 0
                        || other.accepted() > candidates.get(bestOther).accepted()
                        || (other.accepted() == candidates.get(bestOther).accepted()
                                && other.costPerItem()
                                        < candidates.get(bestOther).costPerItem())) {
                    bestOther = c;
                }
            }
            Candidate runnerUp = candidates.get(bestOther);
            if (winner.accepted() > runnerUp.accepted()) {
                return "highest coverage on the calibration items: " + format(winner.coverage(items))
                        + " against at most " + format(runnerUp.coverage(items)) + " for the others";
            }
            if (winner.costPerItem() < runnerUp.costPerItem()) {
                return "coverage tied at " + format(winner.coverage(items)) + "; lowest cost per item: "
                        + format(winner.costPerItem()) + " against " + format(runnerUp.costPerItem());
            }
            return "coverage and cost tied at " + format(winner.coverage(items)) + " and "
                    + format(winner.costPerItem()) + "; the first of the tied candidates";
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
    }

    /**
     * A saved calibration cannot be read: the file is missing, is not JSON, or a field is absent, of the wrong type or
     * inconsistent with the others. {@link #field()} names the field ({@code "judges[1].threshold"}), or is empty when the
     * file as a whole is at fault.
     */
    public static class CalibrationException extends AgentException {

        private final String source;
        private final String field;

        public CalibrationException(String source, String field, String problem) {
            super("calibration " + source + ": " + (field.isEmpty() ? "" : "field '" + field + "' ") + problem);
            this.source = source;
            this.field = field;
        }

        public CalibrationException(String source, String problem, Throwable cause) {
            super("calibration " + source + ": " + problem, cause);
            this.source = source;
            this.field = "";
        }

        /** Where the calibration came from: a file path, or {@code "<string>"}. */
        public String source() {
            return source;
        }

        /** The bad field as a JSON path, or empty. */
        public String field() {
            return field;
        }
    }
}
