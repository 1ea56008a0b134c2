package dev.pev4j.plan;

/**
 * Finds the bracket that closes a step's input, across lines, skipping brackets inside quoted strings. Models write
 * prose in inputs ({@code LLM[What's new? :)]}), so only what cannot be read is an error: an input never closed, a
 * quote not closed on its line, nesting deeper than {@link ArgReader#MAX_DEPTH}. A closing bracket that matches no
 * open one is text; one that matches an outer bracket also closes the inner ones left open.
 */
final class Brackets {

    private Brackets() {}

    /** The offset of the bracket closing the one at {@code open}; errors go to {@code errors}. */
    static int close(Source source, int open, ErrorSink errors) {
        char[] openers = new char[ArgReader.MAX_DEPTH];
        int[] openedAt = new int[ArgReader.MAX_DEPTH];
        int depth = 0;
        int n = source.length();
        int i = open;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                if (depth == ArgReader.MAX_DEPTH) {
                    throw errors.error("brackets are nested deeper than " + ArgReader.MAX_DEPTH + " levels", i);
                }
                openers[depth] = c;
                openedAt[depth] = i;
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                char opener = c == ']' ? '[' : c == ')' ? '(' : '{';
                int match = depth - 1;
                while (match >= 0 && openers[match] != opener) {
                    match--;
                }
                if (match >= 0) {
                    depth = match;
                    if (depth == 0) {
                        return i;
                    }
                }
            } else if (opensQuote(source, open, i, c)) {
                int closeQuote = closeQuote(source, i, c);
                if (closeQuote < 0) {
                    throw errors.error("the quote " + c + " is not closed on its line", i);
                }
                i = closeQuote;
            }
            i++;
        }
        char expected = source.charAt(open) == '[' ? ']' : source.charAt(open) == '(' ? ')' : '}';
        throw errors.error("'" + source.charAt(open) + "' is never closed (expected '" + expected + "')", open);
    }

    /**
     * A double quote opens a string unless it follows a letter or digit ({@code 12" pipe}); a single quote only
     * where a value starts, after a bracket, comma, '=' or ':' ({@code 'a', 'b'} but not {@code What's}).
     */
    private static boolean opensQuote(Source source, int open, int at, char c) {
        if (c == '"') {
            return at == open || !Character.isLetterOrDigit(source.charAt(at - 1));
        }
        if (c != '\'') {
            return false;
        }
        int before = at - 1;
        while (before > open && Character.isWhitespace(source.charAt(before))) {
            before--;
        }
        char prev = source.charAt(before);
        return prev == '[' || prev == '(' || prev == '{' || prev == ',' || prev == '=' || prev == ':';
    }

    /** The offset of the quote closing the one at {@code at} on the same line, or -1. */
    private static int closeQuote(Source source, int at, char quote) {
        int n = source.length();
        int i = at + 1;
        while (i < n) {
            char c = source.charAt(i);
            if (c == quote) {
                return i;
            }
            if (c == '\n') {
                return -1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }
}
