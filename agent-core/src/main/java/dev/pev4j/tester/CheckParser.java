package dev.pev4j.tester;

import dev.pev4j.plan.StepId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a criterion written in the check language (see {@code criteria-spec.md}): a hand-written tokenizer and a
 * recursive-descent parser. Any text either parses to a {@link Check} or is not a check; nothing else can happen, and
 * nesting is limited so that no input can exhaust the stack. Stateless and thread-safe.
 */
final class CheckParser {

    /** Nesting of parentheses, calls and unary minus; a real criterion needs a handful. */
    static final int MAX_DEPTH = 32;

    /** Longer texts are not checks (and would cost a judge more than a parse anyway). */
    static final int MAX_LENGTH = 1000;

    /** Number literals with larger exponents are not checks: arithmetic on them would be slow for no use. */
    private static final int MAX_EXPONENT = 400;

    static final Set<String> TERM_FUNCTIONS =
            Set.of("rows", "cols", "nulls", "min", "max", "sum", "mean", "count", "abs", "len");
    static final Set<String> PREDICATES = Set.of("has_column", "sorted", "unique", "not_empty", "contains", "between");

    private CheckParser() {}

    /** The check {@code criterion} is written in, or empty when it is not written in the check language. */
    static Optional<Check> parse(String criterion) {
        String text = unwrap(criterion);
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            List<Token> tokens = tokenize(text);
            return Optional.of(new Parser(text, tokens).criterion());
        } catch (NotACheck e) {
            return Optional.empty();
        }
    }

    /** Models like to write code in backticks: {@code `rows(#E4) <= 3`} is the check inside. */
    private static String unwrap(String criterion) {
        String text = criterion.strip();
        if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    enum Kind {
        NUMBER,
        STRING,
        NAME,
        REF,
        LPAREN,
        RPAREN,
        COMMA,
        DOT,
        COMPARE,
        PLUS,
        MINUS,
        STAR,
        SLASH,
        END
    }

    /** A token: its kind, where it is in the text, and its value (number, string, name, step id or operator). */
    record Token(Kind kind, int start, int end, Object value) {}

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c >= '0' && c <= '9') {
                i = number(text, i, tokens);
            } else if (c == '"' || c == '\'') {
                i = string(text, i, tokens);
            } else if (isNameStart(c)) {
                int start = i;
                while (i < n && isNamePart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, start, i, text.substring(start, i)));
            } else if (c == '#') {
                i = ref(text, i, tokens);
            } else {
                i = symbol(text, i, tokens);
            }
        }
        tokens.add(new Token(Kind.END, n, n, ""));
        return tokens;
    }

    private static int number(String text, int start, List<Token> tokens) {
        int i = digits(text, start);
        if (i < text.length() && text.charAt(i) == '.') {
            int after = digits(text, i + 1);
            if (after == i + 1) {
                throw new NotACheck();
            }
            i = after;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            int after = digits(text, j);
            if (after == j || after - j > 3) {
                throw new NotACheck();
            }
            i = after;
        }
        if (i < text.length() && isNamePart(text.charAt(i))) {
            throw new NotACheck(); // 3rd, 10x
        }
        BigDecimal value = new BigDecimal(text.substring(start, i));
        if (Math.abs((long) value.precision() - value.scale()) > MAX_EXPONENT
                || Math.abs((long) value.scale()) > MAX_EXPONENT) {
            throw new NotACheck();
        }
        tokens.add(new Token(Kind.NUMBER, start, i, value));
        return i;
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int string(String text, int start, List<Token> tokens) {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                tokens.add(new Token(Kind.STRING, start, i + 1, value.toString()));
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw new NotACheck();
    }

    private static int ref(String text, int start, List<Token> tokens) {
        int i = start + 1;
        if (i >= text.length() || (text.charAt(i) != 'E' && text.charAt(i) != 'e')) {
            throw new NotACheck();
        }
        int end = digits(text, i + 1);
        if (end == i + 1 || end - (i + 1) > 9 || (end < text.length() && isNamePart(text.charAt(end)))) {
            throw new NotACheck();
        }
        int number = Integer.parseInt(text.substring(i + 1, end));
        if (number < 1) {
            throw new NotACheck();
        }
        tokens.add(new Token(Kind.REF, start, end, StepId.of(number)));
        return end;
    }

    private static int symbol(String text, int i, List<Token> tokens) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        switch (c) {
            case '(' -> tokens.add(new Token(Kind.LPAREN, i, i + 1, "("));
            case ')' -> tokens.add(new Token(Kind.RPAREN, i, i + 1, ")"));
            case ',' -> tokens.add(new Token(Kind.COMMA, i, i + 1, ","));
            case '.' -> tokens.add(new Token(Kind.DOT, i, i + 1, "."));
            case '+' -> tokens.add(new Token(Kind.PLUS, i, i + 1, "+"));
            case '-' -> tokens.add(new Token(Kind.MINUS, i, i + 1, "-"));
            case '*' -> tokens.add(new Token(Kind.STAR, i, i + 1, "*"));
            case '/' -> tokens.add(new Token(Kind.SLASH, i, i + 1, "/"));
            case '<', '>' -> {
                if (next == '=') {
                    tokens.add(new Token(Kind.COMPARE, i, i + 2, c + "="));
                    return i + 2;
                }
                tokens.add(new Token(Kind.COMPARE, i, i + 1, String.valueOf(c)));
            }
            case '=', '!' -> {
                if (next != '=') {
                    throw new NotACheck();
                }
                tokens.add(new Token(Kind.COMPARE, i, i + 2, c + "="));
                return i + 2;
            }
            default -> throw new NotACheck();
        }
        return i + 1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** The parser over one criterion's tokens. Not thread-safe; one per parse. */
    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private int next;
        private int depth;

        Parser(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        Check criterion() {
            Token first = peek();
            Check check;
            if (first.kind() == Kind.NAME
                    && PREDICATES.contains((String) first.value())
                    && tokens.get(next + 1).kind() == Kind.LPAREN) {
                check = predicate();
            } else {
                Check.Term left = term();
                Token op = expect(Kind.COMPARE);
                Check.Term right = term();
                check = new Check.Comparison(text, (String) op.value(), left, right);
            }
            expect(Kind.END);
            return check;
        }

        private Check predicate() {
            Token name = expect(Kind.NAME);
            expect(Kind.LPAREN);
            String fn = (String) name.value();
            Check check;
            switch (fn) {
                case "has_column" -> {
                    Check.Ref table = ref();
                    expect(Kind.COMMA);
                    check = new Check.HasColumn(text, table, string());
                }
                case "sorted" -> {
                    Check.Ref table = ref();
                    expect(Kind.COMMA);
                    String column = string();
                    expect(Kind.COMMA);
                    String direction = string().toLowerCase(Locale.ROOT);
                    boolean descending;
                    if (direction.equals("asc") || direction.equals("ascending")) {
                        descending = false;
                    } else if (direction.equals("desc") || direction.equals("descending")) {
                        descending = true;
                    } else {
                        throw new NotACheck();
                    }
                    check = new Check.Sorted(text, table, column, descending);
                }
                case "unique" -> {
                    Check.Ref table = ref();
                    expect(Kind.COMMA);
                    check = new Check.Unique(text, table, string());
                }
                case "not_empty" -> check = new Check.NotEmpty(text, ref());
                case "contains" -> {
                    Check.Ref container = ref();
                    expect(Kind.COMMA);
                    check = new Check.Contains(text, container, term());
                }
                case "between" -> {
                    Check.Term value = term();
                    expect(Kind.COMMA);
                    Check.Term low = term();
                    expect(Kind.COMMA);
                    check = new Check.Between(text, value, low, term());
                }
                default -> throw new NotACheck();
            }
            expect(Kind.RPAREN);
            return check;
        }

        private Check.Term term() {
            enter();
            int start = peek().start();
            Check.Term left = product();
            while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
                char op = ((String) advance().value()).charAt(0);
                Check.Term right = product();
                left = new Check.Arithmetic(slice(start), op, left, right);
            }
            depth--;
            return left;
        }

        private Check.Term product() {
            int start = peek().start();
            Check.Term left = unary();
            while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
                char op = ((String) advance().value()).charAt(0);
                Check.Term right = unary();
                left = new Check.Arithmetic(slice(start), op, left, right);
            }
            return left;
        }

        private Check.Term unary() {
            if (peek().kind() == Kind.MINUS) {
                enter();
                int start = advance().start();
                Check.Term operand = unary();
                depth--;
                if (operand instanceof Check.Literal literal && literal.value() instanceof BigDecimal number) {
                    return new Check.Literal(slice(start), number.negate());
                }
                return new Check.Negation(slice(start), operand);
            }
            return primary();
        }

        private Check.Term primary() {
            Token token = advance();
            switch (token.kind()) {
                case NUMBER, STRING -> {
                    return new Check.Literal(slice(token.start()), token.value());
                }
                case REF -> {
                    next--;
                    Check.Ref ref = ref();
                    if (peek().kind() == Kind.DOT) {
                        advance();
                        Token column = advance();
                        if (column.kind() != Kind.NAME && column.kind() != Kind.STRING) {
                            throw new NotACheck();
                        }
                        return new Check.Field(slice(token.start()), ref, (String) column.value());
                    }
                    return ref;
                }
                case LPAREN -> {
                    Check.Term inner = term();
                    expect(Kind.RPAREN);
                    return new Check.Group(slice(token.start()), inner);
                }
                case NAME -> {
                    return name(token);
                }
                default -> throw new NotACheck();
            }
        }

        private Check.Term name(Token token) {
            String name = (String) token.value();
            if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                return new Check.Literal(slice(token.start()), Boolean.valueOf(name.equalsIgnoreCase("true")));
            }
            if (!TERM_FUNCTIONS.contains(name)) {
                throw new NotACheck();
            }
            expect(Kind.LPAREN);
            enter();
            Check.Term call;
            switch (name) {
                case "abs", "len" -> {
                    Check.Term argument = term();
                    expect(Kind.RPAREN);
                    call = new Check.Unary(slice(token.start()), name, argument);
                }
                case "rows", "cols", "count" -> {
                    Check.Ref ref = ref();
                    expect(Kind.RPAREN);
                    call = new Check.Size(slice(token.start()), name, ref);
                }
                default -> { // nulls, min, max, sum, mean
                    Check.Ref ref = ref();
                    expect(Kind.COMMA);
                    String column = string();
                    expect(Kind.RPAREN);
                    call = new Check.ColumnStat(slice(token.start()), name, ref, column);
                }
            }
            depth--;
            return call;
        }

        private Check.Ref ref() {
            Token token = expect(Kind.REF);
            return new Check.Ref(slice(token.start()), (StepId) token.value());
        }

        private String string() {
            return (String) expect(Kind.STRING).value();
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new NotACheck();
            }
        }

        /** The text from {@code start} to the end of the last token read. */
        private String slice(int start) {
            return text.substring(start, tokens.get(next - 1).end());
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token advance() {
            Token token = tokens.get(next);
            if (token.kind() != Kind.END) {
                next++;
            }
            return token;
        }

        private Token expect(Kind kind) {
            Token token = peek();
            if (token.kind() != kind) {
                throw new NotACheck();
            }
            return advance();
        }
    }

    /** The text is not written in the check language; thrown inside the parser only, without a stack trace. */
    private static final class NotACheck extends RuntimeException {
        NotACheck() {
            super("not a check", null, false, false);
        }
    }
}
