package dev.pev4j.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" hints: the names nearest to a misspelt one, for error messages that name the nearest valid values
 * ({@code unknown column 'revenu'; did you mean 'revenue'?}). Stateless and thread-safe.
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * Up to {@code max} of {@code candidates} close to {@code wanted}, nearest first (ties in the candidates' order):
     * equal ignoring case, within an edit distance of a third of the name's length (at least 1; a swap of neighbours
     * counts 1), or containing it or contained in it when both have three or more characters. Names longer than
     * {@link Bounds#NAME_CHARS} get no suggestions and are never suggested.
     */
    public static List<String> closest(String wanted, List<String> candidates, int max) {
        Checks.atLeast("max", max, 0);
        if (wanted.length() > Bounds.NAME_CHARS) {
            // Nobody misspells a name this long; the distance would cost time and memory in proportion to it.
            return List.of();
        }
        int[] w = wanted.toLowerCase(Locale.ROOT).codePoints().toArray();
        String wLower = wanted.toLowerCase(Locale.ROOT);
        record Scored(String name, int distance, int order) {}
        List<Scored> close = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            if (candidate.length() > Bounds.NAME_CHARS) {
                continue;
            }
            String cLower = candidate.toLowerCase(Locale.ROOT);
            int[] c = cLower.codePoints().toArray();
            int distance = distance(w, c);
            boolean near = distance <= Math.max(1, w.length / 3);
            boolean contains =
                    Math.min(w.length, c.length) >= 3 && (cLower.contains(wLower) || wLower.contains(cLower));
            if (near || contains) {
                close.add(new Scored(candidate, distance, i));
            }
        }
        close.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        return close.stream().limit(max).map(Scored::name).toList();
    }

    /** {@code did you mean 'a'?}, {@code did you mean 'a' or 'b'?}; empty text for no names. */
    public static String didYouMean(List<String> names) {
        return names.isEmpty() ? "" : "did you mean " + quotedAlternatives(names) + "?";
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
    public static String quotedAlternatives(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(i == names.size() - 1 ? " or " : ", ");
            }
            text.append('\'').append(names.get(i)).append('\'');
        }
        return text.toString();
    }

    /** Optimal string alignment distance over code points: insertions, deletions, substitutions and swaps cost 1. */
    static int distance(int[] a, int[] b) {
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length][b.length];
    }
}
