package dev.pev4j.tester;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.internal.exec.Previews;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evidence a judge reads: one line a step ({@code #E1 = preview}, {@code #E2 failed: reason},
 * {@code #E3 skipped: why}) within a character budget. When the lines are too long together, the longest are cut to a
 * common length, so that every step keeps as much as the budget allows. Stateless.
 */
final class EvidenceText {

    private EvidenceText() {}

    static String of(ExecutionResult result, int maxChars) {
        List<String> lines = new ArrayList<>();
        for (StepOutcome outcome : result.outcomes().values()) {
            lines.add(outcome.toString());
        }
        if (result.cancelled()) {
            lines.add("(cancelled)");
        }
        if (lines.isEmpty()) {
            return "(no steps ran)";
        }
        int separators = lines.size() - 1;
        int total = separators;
        for (String line : lines) {
            total += line.length();
        }
        if (total <= maxChars) {
            return String.join("\n", lines);
        }
        int cap = cap(lines, maxChars - separators);
        List<String> cut = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (cap >= 1) {
                cut.add(line.length() <= cap ? line : Previews.cut(line, cap));
            }
        }
        return cut.isEmpty() ? Previews.cut(lines.get(lines.size() - 1), maxChars) : String.join("\n", cut);
    }

    /** The longest a line may be so that all fit in {@code room}: short lines keep their length, long ones share. */
    private static int cap(List<String> lines, int room) {
        int[] lengths = lines.stream().mapToInt(String::length).toArray();
        Arrays.sort(lengths);
        int left = room;
        for (int i = 0; i < lengths.length; i++) {
            int share = left / (lengths.length - i);
            if (lengths[i] > share) {
                return share;
            }
            left -= lengths[i];
        }
        return Integer.MAX_VALUE;
    }
}
