package dev.pev4j.llm.llamacpp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The longest text, in UTF-8 bytes, that a llama.cpp grammar (GBNF) accepts. Under a grammar, llama.cpp samples only
 * tokens whose text is not empty (an end-of-generation token aside), so this length plus one bounds the tokens of any
 * constrained reply, whatever the vocabulary: a string of at most n characters under llama.cpp's JSON-schema
 * conversion is at most 6n + 2 bytes (a {@code \}{@code uXXXX} escape is one character of six bytes, a code point is at
 * most four). Stateless and thread-safe.
 *
 * <p>Reads the grammar syntax of llama.cpp's {@code grammars/README.md}: rules {@code name ::= ...}, literals, character
 * classes, {@code .}, groups, alternatives and the repetitions {@code * + ? {m} {m,} {m,n}}. A grammar with an
 * unbounded repetition or a recursive rule has no longest text.
 */
final class GrammarBound {

    private static final long UNBOUNDED = Long.MAX_VALUE;

    private final String text;
    private final Map<String, Integer> bodies = new HashMap<>();
    private final Map<String, Long> known = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();
    private int pos;
    private boolean indexing;

    private GrammarBound(String text) {
        this.text = text;
    }

    /**
     * The most UTF-8 bytes a text accepted by {@code grammar} (from its rule {@code root}) can have, or empty when
     * there is no bound.
     *
     * @throws IllegalArgumentException when the grammar does not parse or has no rule {@code root}
     */
    static OptionalLong maxBytes(String grammar) {
        GrammarBound bound = new GrammarBound(grammar);
        bound.indexRules();
        long bytes = bound.rule("root");
        return bytes == UNBOUNDED ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** Finds each rule's body without evaluating it: rule name to the offset after its {@code ::=}. */
    private void indexRules() {
        indexing = true;
        pos = 0;
        skipSpace(true);
        while (pos < text.length()) {
            String name = name();
            skipSpace(false);
            if (!text.startsWith("::=", pos)) {
                throw fail("expected '::=' after rule name '" + name + "'");
            }
            pos += 3;
            skipSpace(false);
            bodies.put(name, pos);
            alternatives(false); // skips the body, checking its syntax
            skipSpace(true);
        }
        indexing = false;
    }

    private long rule(String name) {
        Long cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        Integer body = bodies.get(name);
        if (body == null) {
            throw new IllegalArgumentException("the grammar has no rule '" + name + "'");
        }
        if (!visiting.add(name)) {
            return UNBOUNDED; // recursion: no longest text (its other alternatives may still be finite, but not all)
        }
        int saved = pos;
        pos = body;
        long bytes = alternatives(false);
        pos = saved;
        visiting.remove(name);
        known.put(name, bytes);
        return bytes;
    }

    private long alternatives(boolean nested) {
        long most = sequence(nested);
        while (pos < text.length() && text.charAt(pos) == '|') {
            pos++;
            skipSpace(nested);
            most = Math.max(most, sequence(nested));
        }
        return most;
    }

    private long sequence(boolean nested) {
        long total = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            long item;
            if (c == '"') {
                pos++;
                item = literal();
            } else if (c == '[') {
                pos++;
                item = charClass();
            } else if (c == '.') {
                pos++;
                item = 4;
            } else if (c == '(') {
                pos++;
                skipSpace(true);
                item = alternatives(true);
                expect(')');
            } else if (isNameChar(c)) {
                String name = name();
                item = indexing ? 0 : rule(name);
            } else {
                break;
            }
            skipSpace(nested);
            item = repeated(item, nested);
            total = add(total, item);
        }
        return total;
    }

    /** Applies any repetition operators after an item of at most {@code item} bytes. */
    private long repeated(long item, boolean nested) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '?') {
                pos++;
            } else if (c == '*' || c == '+') {
                pos++;
                item = item == 0 ? 0 : UNBOUNDED;
            } else if (c == '{') {
                pos++;
                skipSpace(true);
                long most = number(); // {m}: exactly m; {m,n} and {m,} read on

                skipSpace(true);
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    skipSpace(true);
                    most = pos < text.length() && text.charAt(pos) == '}' ? UNBOUNDED : number();
                    skipSpace(true);
                }
                expect('}');
                item = times(item, most);
            } else {
                break;
            }
            skipSpace(nested);
        }
        return item;
    }

    private long literal() {
        long bytes = 0;
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated literal");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return bytes;
            }
            bytes += utf8Length(character());
        }
    }

    private long charClass() {
        boolean negated = pos < text.length() && text.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        int most = 0;
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated character class");
            }
            if (text.charAt(pos) == ']') {
                pos++;
                // A negated class admits code points above every range it excludes: up to four bytes.
                return negated ? 4 : most;
            }
            int last = character();
            if (pos + 1 < text.length() && text.charAt(pos) == '-' && text.charAt(pos + 1) != ']') {
                pos++;
                last = character();
            }
            most = Math.max(most, utf8Length(last));
        }
    }

    /** One character of a literal or class, escapes decoded. */
    private int character() {
        char c = text.charAt(pos);
        if (c != '\\') {
            int cp = text.codePointAt(pos);
            pos += Character.charCount(cp);
            return cp;
        }
        pos++;
        char e = text.charAt(pos++);
        switch (e) {
            case 'x':
                return hex(2);
            case 'u':
                return hex(4);
            case 'U':
                return hex(8);
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'n':
                return '\n';
            default:
                return e; // \\ \" \[ \] and the like stand for themselves
        }
    }

    private int hex(int digits) {
        int value = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        return value;
    }

    private long number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("expected a number");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("expected a rule name");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    /** Skips blanks and comments; newlines too when {@code newlines} (inside a group, or between rules). */
    private void skipSpace(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                pos++;
            } else {
                return;
            }
        }
    }

    private IllegalArgumentException fail(String problem) {
        int from = Math.max(0, pos - 30);
        int to = Math.min(text.length(), pos + 30);
        return new IllegalArgumentException("not a grammar llama.cpp reads: " + problem + " at offset " + pos
                + " near '" + text.substring(from, to) + "'");
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    private static long add(long a, long b) {
        return a == UNBOUNDED || b == UNBOUNDED || a > UNBOUNDED - b ? UNBOUNDED : a + b;
    }

    private static long times(long item, long count) {
        if (item == 0 || count == 0) {
            return 0;
        }
        if (item == UNBOUNDED || count == UNBOUNDED || item > UNBOUNDED / count) {
            return UNBOUNDED;
        }
        return item * count;
    }
}
