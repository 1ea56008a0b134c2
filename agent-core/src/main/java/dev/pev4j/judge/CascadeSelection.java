package dev.pev4j.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
            if (accepted < 0) {
                throw new IllegalArgumentException("accepted must be >= 0 but was " + accepted);
            }
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
        return new CascadeSelection(Calibrator.Candidates.IN_ORDER,
                List.of(new Candidate(all, accepted, agreed, Double.NaN)), 0, ONLY);
    }

    /** The configuration the cascade applies. */
    public Candidate chosenCandidate() {
        return candidates.get(chosen);
    }

    /** The level each candidate was calibrated at: {@code delta} divided by the number of candidates. */
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
            if (bestOther < 0 || other.accepted() > candidates.get(bestOther).accepted()
                    || (other.accepted() == candidates.get(bestOther).accepted()
                            && other.costPerItem() < candidates.get(bestOther).costPerItem())) {
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
