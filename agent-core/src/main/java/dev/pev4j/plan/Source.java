package dev.pev4j.plan;

/**
 * The model's text being parsed, with the helpers every reader needs to point at a place in it: line and column of an
 * offset, the line holding an offset, a short quotation. Immutable and thread-safe.
 */
final class Source {

    /** How much of the model's text an error message quotes. */
    static final int QUOTE_LIMIT = 80;

    final String text;

    Source(String text) {
        this.text = text;
    }

    int length() {
        return text.length();
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    /** {@code 3:14}: the 1-based line and column of an offset. */
    String lineColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (end - lineStart + 1);
    }

    /** The offset where the line holding {@code offset} starts. */
    int lineStart(int offset) {
        int start = Math.min(offset, text.length());
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return start;
    }

    /** The offset of the end of the line holding {@code offset} (its '\n' or the end of the text). */
    int lineEnd(int offset) {
        int end = text.indexOf('\n', offset);
        return end < 0 ? text.length() : end;
    }

    /** The line holding {@code offset}, stripped and shortened to {@link #QUOTE_LIMIT} characters. */
    String lineAt(int offset) {
        return shorten(text.substring(lineStart(offset), lineEnd(offset)).strip());
    }

    /** The text shortened to {@link #QUOTE_LIMIT} characters, line breaks shown as {@code \n}. */
    static String shorten(String text) {
        String oneLine = text.replace("\r", "").replace("\n", "\\n");
        if (oneLine.length() <= QUOTE_LIMIT) {
            return oneLine;
        }
        int cut = QUOTE_LIMIT;
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--;
        }
        return oneLine.substring(0, cut) + "...";
    }
}
