package dev.pev4j.tools.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits expression text into tokens. Stateless; one call per text. */
final class Lexer {

    /** What a token is. */
    enum Kind {
        /** A whole number, e.g. {@code 42}. */
        INTEGER,
        /** A decimal or exponent number, e.g. {@code 1.5}, {@code 2e3}. */
        DECIMAL,
        /** A quoted string; {@link Token#value()} holds it unescaped. */
        STRING,
        /** A bare word: a column, a function or a keyword such as {@code and}. */
        WORD,
        /** A backquoted column name; {@link Token#value()} holds it without the backquotes. */
        QUOTED_NAME,
        /** An operator or punctuation: {@code == != < <= > >= + - * / % ( ) [ ] , & | ~}. */
        SYMBOL,
        /** The end of the text. */
        END
    }

    /** One token: {@code text} as written, {@code value} its meaning, {@code start}/{@code end} 0-based offsets. */
    record Token(Kind kind, String text, String value, int start, int end) {
        /** The token as messages quote it. */
        String quoted() {
            return kind == Kind.END ? "end of expression" : "'" + text + "'";
        }
    }

    private static final Set<String> TWO_CHAR_SYMBOLS = Set.of("==", "!=", "<=", ">=");
    private static final String ONE_CHAR_SYMBOLS = "<>+-*/%()[],&|~";

    private final String text;
    private int at;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    /** Whether {@code name} can be written without backquotes: a word that is not a keyword. */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || !isWordStart(name.codePointAt(0)) || Parser.isKeyword(name)) {
            return false;
        }
        return name.codePoints().allMatch(Lexer::isWordPart);
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                tokens.add(new Token(Kind.END, "", "", at, at));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private Token next() {
        int start = at;
        int c = text.codePointAt(at);
        if (c == '\'' || c == '"') {
            return string(start, c);
        } else if (c == '`') {
            return quotedName(start);
        } else if (isDigit(c) || (c == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)))) {
            return number(start);
        } else if (isWordStart(c)) {
            while (at < text.length() && isWordPart(text.codePointAt(at))) {
                at += Character.charCount(text.codePointAt(at));
            }
            String word = text.substring(start, at);
            return new Token(Kind.WORD, word, word, start, at);
        }
        String two = at + 1 < text.length() ? text.substring(at, at + 2) : "";
        if (TWO_CHAR_SYMBOLS.contains(two)) {
            at += 2;
            return new Token(Kind.SYMBOL, two, two, start, at);
        }
        switch (two) {
            case "&&" -> throw unsupported(start, two, "write 'and' (or '&')");
            case "||" -> throw unsupported(start, two, "write 'or' (or '|')");
            case "**" -> throw unsupported(start, two, "operators: " + Parser.OPERATORS);
            case "//" -> throw unsupported(start, two, "operators: " + Parser.OPERATORS);
            default -> {}
        }
        if (ONE_CHAR_SYMBOLS.indexOf(c) >= 0) {
            at++;
            String symbol = String.valueOf((char) c);
            return new Token(Kind.SYMBOL, symbol, symbol, start, at);
        }
        String character = new String(Character.toChars(c));
        String hint = switch (c) {
            case '=' -> "; did you mean '=='?";
            case '!' -> "; did you mean '!=' or 'not'?";
            case '.' ->
                "; methods cannot be called, use a function instead, e.g. contains(name, \"x\"); functions: "
                        + String.join(", ", Function.names());
            case '@' -> "; variables are not supported, write the value itself";
            default -> "";
        };
        throw Parser.error(text, "unexpected character '" + character + "'", start, character, hint);
    }

    private ExpressionException unsupported(int start, String symbol, String hint) {
        return Parser.error(text, "operator '" + symbol + "' is not supported", start, symbol, "; " + hint);
    }

    private Token string(int start, int quote) {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == quote) {
                at++;
                return new Token(Kind.STRING, text.substring(start, at), value.toString(), start, at);
            } else if (c == '\\' && at + 1 < text.length()) {
                char escaped = text.charAt(at + 1);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\\', '\'', '"' -> value.append(escaped);
                    default -> value.append('\\').append(escaped); // as Python keeps unknown escapes
                }
                at += 2;
            } else {
                value.append(c);
                at++;
            }
        }
        throw Parser.error(
                text, "unterminated string", start, text.substring(start), "; close it with " + (char) quote);
    }

    private Token quotedName(int start) {
        int close = text.indexOf('`', start + 1);
        if (close < 0) {
            throw Parser.error(text, "unterminated column name", start, text.substring(start), "; close it with `");
        }
        at = close + 1;
        String name = text.substring(start + 1, close);
        if (name.isEmpty()) {
            throw Parser.error(text, "empty column name ``", start, "``", "");
        }
        return new Token(Kind.QUOTED_NAME, text.substring(start, at), name, start, at);
    }

    private Token number(int start) {
        boolean decimal = false;
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            decimal = true;
            at++;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at;
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (at < text.length() && isDigit(text.charAt(at))) {
                decimal = true;
                while (at < text.length() && isDigit(text.charAt(at))) {
                    at++;
                }
            } else {
                at = mark; // "2e" is the number 2 followed by a word, which the parser rejects
            }
        }
        if (at < text.length() && isWordStart(text.codePointAt(at))) {
            int end = at;
            while (end < text.length() && isWordPart(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            String bad = text.substring(start, end);
            throw Parser.error(
                    text,
                    "unexpected '" + bad + "'",
                    start,
                    bad,
                    "; a column name cannot start with a digit unless backquoted, e.g. `" + bad + "`");
        }
        String number = text.substring(start, at);
        return new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, number, number, start, at);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(int c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isWordPart(int c) {
        return c == '_'
                || Character.isLetterOrDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }
}
