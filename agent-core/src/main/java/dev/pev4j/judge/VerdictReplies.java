package dev.pev4j.judge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an option letter ({@code A} or {@code B}) from a model's reply, leniently: models add prose, markdown and
 * punctuation around the one letter they were asked for. Stateless and thread-safe.
 */
final class VerdictReplies {

    private static final String DECORATION = "*_\"'`()[]:.,! \t\r\n";
    private static final Pattern ANSWER_IS =
            Pattern.compile("(?i)\\b(?:answer|option)\\s*(?:is|:)?\\s*[*_\"'`(\\[]*([AB])(?![A-Za-z])");
    // "B. Because ..." or "(A)": the letter first, then punctuation or the end, not "A criterion ...".
    private static final Pattern LEADING_LETTER = Pattern.compile("^[*_\"'`(\\[\\s]*([AB])(?:$|[).:,*\\]\"'`\\n])");

    private VerdictReplies() {}

    /** The option letter the reply gives, upper case, or empty when it gives none or is ambiguous. */
    static Optional<Character> letter(String reply) {
        String bare = strip(reply);
        if (bare.equalsIgnoreCase("A") || bare.equalsIgnoreCase("B")) {
            return Optional.of(Character.toUpperCase(bare.charAt(0)));
        }
        Matcher m = ANSWER_IS.matcher(reply);
        if (m.find()) {
            return Optional.of(Character.toUpperCase(m.group(1).charAt(0)));
        }
        m = LEADING_LETTER.matcher(reply.strip());
        if (m.find()) {
            return Optional.of(m.group(1).charAt(0));
        }
        return Optional.empty();
    }

    /** A token's text without surrounding whitespace, markdown and punctuation. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && DECORATION.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && DECORATION.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
