package dev.pev4j.internal;

/**
 * The sizes pev4j accepts for text it did not write: model replies, plan files, names and arguments in plans, and how
 * much of such text a message quotes. Every text from a model or a plan file is bounded where it enters, so that a
 * runaway model or a hostile file costs at most these sizes, never memory or time in proportion to its length.
 * Stateless and thread-safe.
 */
public final class Bounds {

    /**
     * A reply may hold at most this many characters per token of the request's {@code maxTokens}: well above what
     * any tokenizer puts in a token on average, so only a backend that ignores {@code maxTokens} is cut.
     */
    public static final int REPLY_CHARS_PER_TOKEN = 32;

    /**
     * The longest plan text read, in characters: a 40-step plan is about 4 000, and the parser is linear, so this
     * only stops a file or a reply of megabytes.
     */
    public static final int PLAN_CHARS = 2_000_000;

    /** The longest text argument of a plan step (an expression, a file name, a question for a tool). */
    public static final int ARGUMENT_CHARS = 10_000;

    /** The longest tool name, step criterion or other name a plan may give. */
    public static final int NAME_CHARS = 200;

    /** The longest criterion a plan may state. */
    public static final int CRITERION_CHARS = 2_000;

    /** Messages quote at most this many characters of an input; the rest is replaced by a count. */
    public static final int QUOTE_CHARS = 120;

    private Bounds() {}

    /** {@code text} itself when short, else its first {@link #QUOTE_CHARS} characters and how many more there are. */
    public static String quote(String text) {
        return cut(text, QUOTE_CHARS);
    }

    /** {@code text} itself when at most {@code max} characters, else its beginning and how many characters follow. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
    }
}
