package dev.pev4j.plan;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the arguments between a step's brackets, {@code "a.csv", n=5, [#E1, $2]}, and turns strings into arguments
 * ({@code "#E1"} is a reference, {@code "size of #E1"} text with one). A recursive descent over one range of the
 * source: every piece must be a well-formed token or the whole range is not a token list. Not thread-safe: one
 * instance reads one range.
 */
final class ArgReader {

    /** Deeper lists and maps are not arguments a model means; the limit also bounds the recursion. */
    static final int MAX_DEPTH = 64;

    /** Step numbers have at most this many digits ({@link StepId} holds an {@code int}). */
    private static final int MAX_REF_DIGITS = 9;

    /** The positional and named arguments of one call. */
    record Args(List<Arg> positional, Map<String, Arg> named) {
        static final Args NONE = new Args(List.of(), Map.of());
    }

    private final Source source;
    private final int end;
    private final RefSyntax syntax;
    private final ErrorSink errors;
    private int pos;

    private ArgReader(Source source, int from, int to, RefSyntax syntax, ErrorSink errors) {
        this.source = source;
        this.pos = from;
        this.end = to;
        this.syntax = syntax;
        this.errors = errors;
    }

    /**
     * The arguments written between {@code from} and {@code to}: a token list when every comma-separated piece is a
     * token ({@code "x"}, {@code 5}, {@code true}, {@code #E1}, {@code [..]}, {@code {..}}, {@code name=token}),
     * otherwise one string argument holding the whole trimmed range.
     */
    static Args read(Source source, int from, int to, RefSyntax syntax, ErrorSink errors) {
        Args tokens = new ArgReader(source, from, to, syntax, errors).tokens();
        if (tokens != null) {
            return tokens;
        }
        int start = from;
        int stop = to;
        while (start < stop && Character.isWhitespace(source.charAt(start))) {
            start++;
        }
        while (stop > start && Character.isWhitespace(source.charAt(stop - 1))) {
            stop--;
        }
        if (stop - start >= 2) {
            char first = source.charAt(start);
            if ((first == '"' || first == '\'') && source.charAt(stop - 1) == first) {
                start++;
                stop--;
            }
        }
        return new Args(List.of(fromString(source.text.substring(start, stop), syntax, errors, start)), Map.of());
    }

    /**
     * A string as an argument: exactly one reference ({@code "#E1"}, {@code "$1"}) is a {@link Arg.Ref}; references
     * inside text make an {@link Arg.Text}; anything else is a {@link Arg.Value}.
     */
    static Arg fromString(String text, RefSyntax syntax, ErrorSink errors, int offset) {
        List<Object> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int digitsFrom = -1;
            int next = -1;
            char c = text.charAt(i);
            if (c == '#' && i + 2 < n && text.charAt(i + 1) == 'E' && isDigit(text.charAt(i + 2))) {
                digitsFrom = i + 2;
                next = skipDigits(text, digitsFrom);
            } else if (c == '$' && syntax == RefSyntax.ANY && i + 1 < n) {
                if (isDigit(text.charAt(i + 1))) {
                    digitsFrom = i + 1;
                    next = skipDigits(text, digitsFrom);
                } else if (text.charAt(i + 1) == '{' && i + 2 < n && isDigit(text.charAt(i + 2))) {
                    int close = skipDigits(text, i + 2);
                    if (close < n && text.charAt(close) == '}') {
                        digitsFrom = i + 2;
                        next = close + 1;
                    }
                }
            }
            if (digitsFrom < 0) {
                plain.append(c);
                i++;
                continue;
            }
            int digitsTo = skipDigits(text, digitsFrom);
            StepId step = stepNumber(text, digitsFrom, digitsTo);
            if (step == null) {
                throw errors.error(badReference(text.substring(i, next)), offset);
            }
            if (plain.length() > 0) {
                parts.add(plain.toString());
                plain.setLength(0);
            }
            parts.add(new Arg.Ref(step));
            i = next;
        }
        if (parts.isEmpty()) {
            return Arg.of(text);
        }
        if (plain.length() > 0) {
            parts.add(plain.toString());
        }
        if (parts.size() == 1 && parts.get(0) instanceof Arg.Ref ref) {
            return ref;
        }
        return new Arg.Text(parts);
    }

    /** The problem with a reference whose number is no step number. */
    static String badReference(String written) {
        return "'" + Source.shorten(written) + "' does not name a step: step numbers run from 1 to 999999999";
    }

    /** The step a run of digits names, or null when it names none (0, or too many digits). */
    static @Nullable StepId stepNumber(CharSequence text, int from, int to) {
        int first = from;
        while (first < to - 1 && text.charAt(first) == '0') {
            first++;
        }
        if (to - first > MAX_REF_DIGITS) {
            return null;
        }
        int number = Integer.parseInt(text.subSequence(first, to).toString());
        return number < 1 ? null : StepId.of(number);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int skipDigits(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    // ---- the token list grammar; every method returns null when the range is not a token list ----

    private @Nullable Args tokens() {
        skipSpace();
        if (pos == end) {
            return Args.NONE;
        }
        List<Arg> positional = new ArrayList<>();
        Map<String, Arg> named = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            int nameAt = pos;
            String name = argumentName();
            Arg value = value(1);
            if (value == null) {
                return null;
            }
            if (name == null) {
                positional.add(value);
            } else if (named.put(name, value) != null) {
                throw errors.error("argument '" + name + "' is given twice", nameAt);
            }
            skipSpace();
            if (pos == end) {
                return new Args(positional, named);
            }
            if (source.charAt(pos) != ',') {
                return null;
            }
            pos++;
            skipSpace();
            if (pos == end) {
                return new Args(positional, named);
            }
        }
    }

    /** {@code name=} before a value (not {@code name==}); leaves the position unchanged when there is none. */
    private @Nullable String argumentName() {
        int start = pos;
        if (pos == end || !isIdentifierStart(source.charAt(pos))) {
            return null;
        }
        int i = pos;
        while (i < end && isIdentifierPart(source.charAt(i))) {
            i++;
        }
        String name = source.text.substring(start, i);
        while (i < end && isSpace(source.charAt(i))) {
            i++;
        }
        if (i < end && source.charAt(i) == '=' && (i + 1 == end || source.charAt(i + 1) != '=')) {
            pos = i + 1;
            skipSpace();
            return name;
        }
        return null;
    }

    private @Nullable Arg value(int depth) {
        if (pos == end || depth > MAX_DEPTH) {
            return null;
        }
        char c = source.charAt(pos);
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (c == '[') {
            return list(depth);
        }
        if (c == '{') {
            return map(depth);
        }
        if (c == '#' || c == '$') {
            return reference();
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (isIdentifierStart(c)) {
            return keyword();
        }
        return null;
    }

    private @Nullable Arg string(char quote) {
        int start = pos;
        String text = quoted(quote);
        return text == null ? null : fromString(text, syntax, errors, start);
    }

    /** A quoted string with its escapes resolved, or null when it is not closed before the end of the range. */
    private @Nullable String quoted(char quote) {
        StringBuilder text = new StringBuilder();
        int i = pos + 1;
        while (i < end) {
            char c = source.charAt(i);
            if (c == quote) {
                pos = i + 1;
                return text.toString();
            }
            if (c == '\\' && i + 1 < end) {
                i = escape(i + 1, text);
            } else {
                text.append(c);
                i++;
            }
        }
        return null;
    }

    /** Appends the escape at {@code i} (just after the backslash) and returns the offset after it. */
    private int escape(int i, StringBuilder into) {
        char c = source.charAt(i);
        switch (c) {
            case 'n' -> into.append('\n');
            case 't' -> into.append('\t');
            case 'r' -> into.append('\r');
            case 'b' -> into.append('\b');
            case 'f' -> into.append('\f');
            case 'u' -> {
                if (i + 4 < end) {
                    int code = 0;
                    for (int k = i + 1; k <= i + 4; k++) {
                        int digit = Character.digit(source.charAt(k), 16);
                        if (digit < 0) {
                            into.append('u');
                            return i + 1;
                        }
                        code = code * 16 + digit;
                    }
                    into.append((char) code);
                    return i + 5;
                }
                into.append('u');
            }
            default -> into.append(c);
        }
        return i + 1;
    }

    private @Nullable Arg list(int depth) {
        pos++;
        List<Arg> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos == end) {
                return null;
            }
            if (source.charAt(pos) == ']') {
                pos++;
                return new Arg.ListOf(items);
            }
            Arg item = value(depth + 1);
            if (item == null) {
                return null;
            }
            items.add(item);
            skipSpace();
            if (pos < end && source.charAt(pos) == ',') {
                pos++;
            } else if (pos == end || source.charAt(pos) != ']') {
                return null;
            }
        }
    }

    private @Nullable Arg map(int depth) {
        pos++;
        Map<String, Arg> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (pos == end) {
                return null;
            }
            char c = source.charAt(pos);
            if (c == '}') {
                pos++;
                return new Arg.MapOf(entries);
            }
            String key;
            if (c == '"' || c == '\'') {
                key = quoted(c);
            } else if (isIdentifierStart(c)) {
                int start = pos;
                while (pos < end && isIdentifierPart(source.charAt(pos))) {
                    pos++;
                }
                key = source.text.substring(start, pos);
            } else {
                return null;
            }
            skipSpace();
            if (key == null || pos == end || source.charAt(pos) != ':') {
                return null;
            }
            pos++;
            skipSpace();
            Arg value = value(depth + 1);
            if (value == null) {
                return null;
            }
            entries.put(key, value);
            skipSpace();
            if (pos < end && source.charAt(pos) == ',') {
                pos++;
            } else if (pos == end || source.charAt(pos) != '}') {
                return null;
            }
        }
    }

    /** {@code #E1}; with {@link RefSyntax#ANY} also {@code $1} and {@code ${1}}. */
    private @Nullable Arg reference() {
        int start = pos;
        int digitsFrom;
        if (source.charAt(pos) == '#') {
            if (pos + 1 >= end || source.charAt(pos + 1) != 'E') {
                return null;
            }
            digitsFrom = pos + 2;
        } else if (syntax == RefSyntax.ANY) {
            digitsFrom = pos + 1;
            if (digitsFrom < end && source.charAt(digitsFrom) == '{') {
                digitsFrom++;
            }
        } else {
            return null;
        }
        int digitsTo = digitsFrom;
        while (digitsTo < end && isDigit(source.charAt(digitsTo))) {
            digitsTo++;
        }
        if (digitsTo == digitsFrom) {
            return null;
        }
        int after = digitsTo;
        if (source.charAt(digitsFrom - 1) == '{') {
            if (after == end || source.charAt(after) != '}') {
                return null;
            }
            after++;
        }
        StepId step = stepNumber(source.text, digitsFrom, digitsTo);
        if (step == null) {
            throw errors.error(badReference(source.text.substring(start, after)), start);
        }
        pos = after;
        return new Arg.Ref(step);
    }

    private @Nullable Arg number() {
        int start = pos;
        int i = pos;
        if (source.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigitsTo(i);
        if (digits == i) {
            return null;
        }
        boolean decimal = false;
        i = digits;
        if (i + 1 < end && source.charAt(i) == '.' && isDigit(source.charAt(i + 1))) {
            i = skipDigitsTo(i + 1);
            decimal = true;
        }
        if (i < end && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (source.charAt(j) == '+' || source.charAt(j) == '-')) {
                j++;
            }
            int expEnd = skipDigitsTo(j);
            if (expEnd > j) {
                i = expEnd;
                decimal = true;
            }
        }
        pos = i;
        String literal = source.text.substring(start, i);
        if (decimal) {
            return Arg.of(Double.parseDouble(literal));
        }
        if (literal.length() <= 18) {
            return Arg.of(Long.parseLong(literal));
        }
        if (literal.length() <= 40) {
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < Long.SIZE ? Arg.of(big.longValue()) : Arg.of(big.doubleValue());
        }
        return Arg.of(Double.parseDouble(literal));
    }

    private int skipDigitsTo(int from) {
        int i = from;
        while (i < end && isDigit(source.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code true}, {@code false}, {@code null}, and Python's {@code True}, {@code False}, {@code None}. */
    private @Nullable Arg keyword() {
        int start = pos;
        int i = pos;
        while (i < end && isIdentifierPart(source.charAt(i))) {
            i++;
        }
        Arg literal;
        switch (source.text.substring(start, i)) {
            case "true", "True" -> literal = Arg.of(true);
            case "false", "False" -> literal = Arg.of(false);
            case "null", "None" -> literal = Arg.of(null);
            default -> {
                return null;
            }
        }
        pos = i;
        return literal;
    }

    private void skipSpace() {
        while (pos < end && isSpace(source.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }
}
