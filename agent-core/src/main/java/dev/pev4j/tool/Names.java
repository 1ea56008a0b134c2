package dev.pev4j.tool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions: names close to a misspelt one. Stateless. */
final class Names {

    private Names() {}

    /**
     * Up to {@code max} of {@code candidates} that are close to {@code name}, closest first (ties in candidate order):
     * within a small edit distance, ignoring case, or containing it or contained in it (for names of 3 or more
     * characters).
     */
    static List<String> closest(String name, List<String> candidates, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0 but was " + max);
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        record Match(String name, int distance, int order) {}
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, lower);
            int allowed = Math.max(1, Math.min(wanted.length(), lower.length()) / 3);
            boolean substring = Math.min(wanted.length(), lower.length()) >= 3
                    && (lower.contains(wanted) || wanted.contains(lower));
            if (distance <= allowed || substring) {
                matches.add(new Match(candidate, distance, i));
            }
        }
        matches.sort(Comparator.comparingInt(Match::distance).thenComparingInt(Match::order));
        return matches.stream().limit(max).map(Match::name).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
    static String quotedAlternatives(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(i == names.size() - 1 ? " or " : ", ");
            }
            text.append('\'').append(names.get(i)).append('\'');
        }
        return text.toString();
    }
}
