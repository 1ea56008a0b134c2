package dev.pev4j.tools.expr;

import dev.pev4j.internal.Suggestions;
import dev.pev4j.tools.expr.Lexer.Kind;
import dev.pev4j.tools.expr.Lexer.Token;
import dev.pev4j.tools.expr.Node.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser over {@link Lexer} tokens, with pandas' {@code query} precedence (lowest first):
 * {@code or |}, {@code and &}, {@code not ~}, comparisons and {@code in} (chainable: {@code 1 < a < 5}),
 * {@code + -}, {@code * / %}, unary {@code - +}. Nesting is limited to {@value #MAX_DEPTH} levels so that no input
 * can exhaust the stack. One instance per text; not thread-safe.
 */
final class Parser {

    static final int MAX_LENGTH = 10_000;
    static final int MAX_DEPTH = 100;
    static final String OPERATORS = "== != < <= > >= + - * / % and or not in & | ~";

    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "not", "in", "True", "False", "true", "false", "None", "null");

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private Parser(String text) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
    }

    /** The tree of {@code text}; throws {@link ExpressionException} naming the first problem. */
    static Node parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException(
                    "expression is " + text.length() + " characters long; the limit is " + MAX_LENGTH,
                    text,
                    0,
                    null,
                    null);
        }
        if (text.isBlank()) {
            throw new ExpressionException(
                    "expression is empty; write e.g. amount > 100 and region == \"North\"", text, 0, null, null);
        }
        Parser parser = new Parser(text);
        Node node = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.trailing(rest);
        }
        return node;
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    /** {@code <what> at column <n> in: <text><hint>}, with the column 1-based. */
    static ExpressionException error(String text, String what, int offset, @Nullable String token, String hint) {
        int column = text.codePointCount(0, Math.min(offset, text.length())) + 1;
        return new ExpressionException(
                what + " at column " + column + " in: " + text + hint, text, column, token, null);
    }

    private Node or() {
        return chain(Op.OR, "or", "|", this::and);
    }

    private Node and() {
        return chain(Op.AND, "and", "&", this::not);
    }

    /** {@code operand (word|symbol operand)*}, grouped from the left. */
    private Node chain(Op op, String word, String symbol, Supplier<Node> operand) {
        Node left = operand.get();
        while (isWord(word) || isSymbol(symbol)) {
            next++;
            left = binary(op, left, operand.get());
        }
        return left;
    }

    private Node not() {
        if (isWord("not") || isSymbol("~")) {
            Token op = take();
            Node operand = nested(op, this::not);
            return new Node.Unary(Op.NOT, operand, op.start(), operand.end(), operand.height() + 1);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = sum();
        if (isWord("in")
                || (isWord("not")
                        && peekAt(1).kind() == Kind.WORD
                        && peekAt(1).text().equals("in"))) {
            boolean negated = isWord("not");
            take();
            if (negated) {
                take();
            }
            List<Node.Literal> values = list(negated ? "not in" : "in");
            Token last = tokens.get(next - 1);
            return new Node.In(left, values, negated, left.start(), last.end(), left.height() + 1);
        }
        Node result = left;
        Node previous = left;
        boolean chained = false;
        while (peek().kind() == Kind.SYMBOL && comparisonOp(peek().text()) != null) {
            Op op = Objects.requireNonNull(comparisonOp(take().text()));
            Node right = sum();
            Node comparison = binary(op, previous, right);
            result = chained ? binary(Op.AND, result, comparison) : comparison;
            chained = true;
            previous = right;
        }
        return result;
    }

    private List<Node.Literal> list(String in) {
        Token open = peek();
        if (!isSymbol("(") && !isSymbol("[")) {
            throw error(
                    text,
                    "unexpected " + open.quoted(),
                    open.start(),
                    tokenText(open),
                    "; write a list after '" + in + "', e.g. (1, 2) or [\"a\", \"b\"]");
        }
        take();
        String close = open.text().equals("(") ? ")" : "]";
        List<Node.Literal> values = new ArrayList<>();
        while (!isSymbol(close)) {
            Node value = nested(open, this::sum);
            if (!(value instanceof Node.Literal literal)) {
                String written = text.substring(value.start(), value.end());
                throw error(
                        text,
                        "the list after '" + in + "' may hold only values such as 1, \"x\" or "
                                + "date(\"2024-01-31\"), not '" + written + "'",
                        value.start(),
                        written,
                        "");
            }
            values.add(literal);
            if (isSymbol(",")) {
                take();
            } else if (!isSymbol(close)) {
                throw unclosed(open, "',' or '" + close + "'");
            }
        }
        take();
        return values;
    }

    private Node sum() {
        Node left = product();
        while (isSymbol("+") || isSymbol("-")) {
            Op op = take().text().equals("+") ? Op.ADD : Op.SUB;
            left = binary(op, left, product());
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (isSymbol("*") || isSymbol("/") || isSymbol("%")) {
            String symbol = take().text();
            Op op = symbol.equals("*") ? Op.MUL : symbol.equals("/") ? Op.DIV : Op.MOD;
            left = binary(op, left, unary());
        }
        return left;
    }

    private Node unary() {
        if (isSymbol("-") || isSymbol("+")) {
            Token op = take();
            Node operand = nested(op, this::unary);
            boolean minus = op.text().equals("-");
            if (operand instanceof Node.Literal literal && literal.value() instanceof Long value) {
                return new Node.Literal(minus ? -value : value, op.start(), operand.end());
            } else if (operand instanceof Node.Literal literal && literal.value() instanceof Double value) {
                return new Node.Literal(minus ? -value : value, op.start(), operand.end());
            }
            return new Node.Unary(minus ? Op.NEG : Op.POS, operand, op.start(), operand.end(), operand.height() + 1);
        }
        return primary();
    }

    private Node primary() {
        Token token = peek();
        switch (token.kind()) {
            case INTEGER -> {
                take();
                try {
                    return new Node.Literal(Long.parseLong(token.text()), token.start(), token.end());
                } catch (NumberFormatException e) {
                    throw error(
                            text,
                            "number " + token.text() + " is too large",
                            token.start(),
                            token.text(),
                            "; whole numbers go up to " + Long.MAX_VALUE + ", write 1e20 for a float");
                }
            }
            case DECIMAL -> {
                take();
                return new Node.Literal(Double.parseDouble(token.text()), token.start(), token.end());
            }
            case STRING -> {
                take();
                return new Node.Literal(token.value(), token.start(), token.end());
            }
            case QUOTED_NAME -> {
                take();
                return new Node.Name(token.value(), token.start(), token.end());
            }
            case WORD -> {
                return word(token);
            }
            case SYMBOL -> {
                if (token.text().equals("(")) {
                    take();
                    Node inner = nested(token, this::or);
                    expectClose(token, ")");
                    return inner;
                }
                throw error(
                        text,
                        "unexpected " + token.quoted(),
                        token.start(),
                        token.text(),
                        "; expected a column, a value or '('");
            }
            case END ->
                throw error(
                        text,
                        "unexpected end of expression",
                        token.start(),
                        null,
                        "; expected a column, a value or '('");
        }
        throw new AssertionError(token.kind());
    }

    private Node word(Token token) {
        take();
        switch (token.text()) {
            case "True", "true" -> {
                return new Node.Literal(true, token.start(), token.end());
            }
            case "False", "false" -> {
                return new Node.Literal(false, token.start(), token.end());
            }
            case "None", "null" -> {
                return new Node.Literal(null, token.start(), token.end());
            }
            case "and", "or", "not", "in" ->
                throw error(
                        text,
                        "unexpected " + token.quoted(),
                        token.start(),
                        token.text(),
                        "; expected a column, a value or '(' (a column named " + token.text() + " is written `"
                                + token.text() + "`)");
            default -> {}
        }
        if (isSymbol("(")) {
            return call(token);
        }
        return new Node.Name(token.text(), token.start(), token.end());
    }

    private Node call(Token name) {
        Optional<Function> known = Function.named(name.text());
        if (known.isEmpty()) {
            List<String> nearest = Suggestions.closest(name.text(), Function.names(), 3);
            String hint = nearest.isEmpty() ? "" : "; " + Suggestions.didYouMean(nearest);
            throw error(
                    text,
                    "unknown function '" + name.text() + "'",
                    name.start(),
                    name.text(),
                    hint + (hint.isEmpty() ? "; functions: " : " functions: ") + String.join(", ", Function.names()));
        }
        Function function = known.get();
        Token open = take();
        List<Node> arguments = new ArrayList<>();
        while (!isSymbol(")")) {
            arguments.add(nested(open, this::or));
            if (isSymbol(",")) {
                take();
            } else if (!isSymbol(")")) {
                expectClose(open, ")");
            }
        }
        Token close = take();
        int count = arguments.size();
        if (count < function.minArguments() || count > function.maxArguments()) {
            String wanted = function.minArguments() == function.maxArguments()
                    ? String.valueOf(function.minArguments())
                    : function.minArguments() + " or " + function.maxArguments();
            boolean one = function.maxArguments() == 1;
            throw error(
                    text,
                    function.spelling() + " takes " + wanted + (one ? " argument" : " arguments") + " but got " + count,
                    name.start(),
                    name.text(),
                    "; e.g. " + function.example());
        }
        int height = 1;
        for (Node argument : arguments) {
            height = Math.max(height, argument.height() + 1);
        }
        if (function == Function.ROUND
                && count == 2
                && !(arguments.get(1) instanceof Node.Literal digits && digits.value() instanceof Long)) {
            Node digits = arguments.get(1);
            String written = text.substring(digits.start(), digits.end());
            throw error(
                    text,
                    "round takes a whole number of digits, not '" + written + "'",
                    digits.start(),
                    written,
                    "; e.g. " + function.example());
        }
        if (function == Function.DATE
                && arguments.get(0) instanceof Node.Literal literal
                && literal.value() instanceof String value) {
            Object date = Dates.parse(value);
            if (date == null) {
                throw error(
                        text,
                        "'" + value + "' is not a date",
                        literal.start(),
                        text.substring(literal.start(), literal.end()),
                        "; write yyyy-mm-dd or yyyy-mm-dd hh:mm:ss, e.g. date(\"2024-01-31\")");
            }
            return new Node.Literal(date, name.start(), close.end());
        }
        return new Node.Call(function, arguments, name.start(), close.end(), height);
    }

    private void expectClose(Token open, String close) {
        if (isSymbol(close)) {
            take();
            return;
        }
        throw unclosed(open, "'" + close + "'");
    }

    /** The next token, unexpected where {@code expected} (e.g. {@code ')'}) should close {@code open}. */
    private ExpressionException unclosed(Token open, String expected) {
        Token bad = peek();
        return error(
                text,
                "unexpected " + bad.quoted(),
                bad.start(),
                tokenText(bad),
                "; expected " + expected + " to close the '" + open.text() + "' at column " + column(open.start()));
    }

    private ExpressionException trailing(Token rest) {
        if (rest.text().equals(")") || rest.text().equals("]")) {
            return error(text, "unexpected " + rest.quoted(), rest.start(), rest.text(), "");
        }
        if ((rest.kind() == Kind.WORD && !isKeyword(rest.text()))
                || rest.kind() == Kind.INTEGER
                || rest.kind() == Kind.DECIMAL) {
            return error(
                    text,
                    "unexpected " + rest.quoted(),
                    rest.start(),
                    rest.text(),
                    "; quote text that has spaces, e.g. \"North America\", and backquote column names that have "
                            + "spaces, e.g. `unit price`");
        }
        return error(
                text,
                "unexpected " + rest.quoted(),
                rest.start(),
                rest.text(),
                "; expected an operator (" + OPERATORS + ") or the end");
    }

    private Node binary(Op op, Node left, Node right) {
        int height = Math.max(left.height(), right.height()) + 1;
        if (height > MAX_DEPTH) {
            throw error(
                    text,
                    "expression nests more than " + MAX_DEPTH + " levels deep",
                    left.start(),
                    null,
                    "; split it into steps");
        }
        return new Node.Binary(op, left, right, left.start(), right.end(), height);
    }

    /** {@code parse} one level deeper than {@code token}, which is named when that is too deep. */
    private Node nested(Token token, Supplier<Node> parse) {
        enter(token);
        Node node = parse.get();
        depth--;
        return node;
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw error(
                    text,
                    "expression nests more than " + MAX_DEPTH + " levels deep",
                    token.start(),
                    token.text(),
                    "; split it into steps");
        }
    }

    private static @Nullable Op comparisonOp(String symbol) {
        return switch (symbol) {
            case "==" -> Op.EQ;
            case "!=" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> null;
        };
    }

    private int column(int offset) {
        return text.codePointCount(0, offset) + 1;
    }

    private static @Nullable String tokenText(Token token) {
        return token.kind() == Kind.END ? null : token.text();
    }

    private boolean isWord(String word) {
        Token token = peek();
        return token.kind() == Kind.WORD && token.text().equals(word);
    }

    private boolean isSymbol(String symbol) {
        Token token = peek();
        return token.kind() == Kind.SYMBOL && token.text().equals(symbol);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }
}
