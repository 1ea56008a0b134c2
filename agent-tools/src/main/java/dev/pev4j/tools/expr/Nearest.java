package dev.pev4j.tools.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the names nearest to a misspelled one, for "did you mean" hints. Stateless. (A twin of the data
 * package's, so that neither package exports it.)
 */
final class Nearest {

    private static final int MAX_SUGGESTIONS = 3;

    private Nearest() {}

    /**
     * The candidates close to {@code wanted}, nearest first (ties in the candidates' order): equal ignoring case,
     * within an edit distance of a third of the name's length (at least 1, less than the whole name), or containing
     * it or contained in it when it has at least three characters.
     */
    static List<String> to(String wanted, List<String> candidates) {
        String w = wanted.toLowerCase(Locale.ROOT);
        record Scored(String name, int score, int order) {}
        List<Scored> close = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            String c = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(w, c);
            int longest = Math.max(length(w), length(c));
            boolean near = distance <= Math.max(1, length(w) / 3) && distance < longest;
            boolean contains = length(w) >= 3 && (c.contains(w) || w.contains(c));
            if (near || contains) {
                close.add(new Scored(candidate, distance, i));
            }
        }
        close.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
        return close.stream().limit(MAX_SUGGESTIONS).map(Scored::name).toList();
    }

    /** {@code "did you mean 'a'?"}, {@code "did you mean 'a' or 'b'?"}; empty text for no names. */
    static String didYouMean(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("did you mean ");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(i == names.size() - 1 ? " or " : ", ");
            }
            text.append('\'').append(names.get(i)).append('\'');
        }
        return text.append('?').toString();
    }

    /** Levenshtein distance over code points. */
    static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
