package dev.pev4j.tools.expr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The syntax tree of an expression: a closed set of nodes, each remembering where in the text it came from
 * ({@code start} inclusive, {@code end} exclusive, 0-based) for error messages. Immutable.
 */
sealed interface Node permits Node.Literal, Node.Name, Node.Unary, Node.Binary, Node.In, Node.Call {

    int start();

    int end();

    /** The number of nodes on the longest path from this one down to a leaf; evaluation recurses this deep. */
    int height();

    /** The tree fully parenthesised in prefix form, e.g. {@code (and (> a 1) (== b 'x'))}; for tests and logs. */
    String tree();

    /** Calls the method of {@code visitor} for this kind of node: the one walk over the closed set. */
    default <R> R accept(Visitor<R> visitor) {
        if (this instanceof Literal literal) {
            return visitor.literal(literal);
        } else if (this instanceof Name name) {
            return visitor.name(name);
        } else if (this instanceof Unary unary) {
            return visitor.unary(unary);
        } else if (this instanceof Binary binary) {
            return visitor.binary(binary);
        } else if (this instanceof In in) {
            return visitor.in(in);
        } else if (this instanceof Call call) {
            return visitor.call(call);
        }
        throw new AssertionError("unknown node " + this);
    }

    /** What to do with each kind of node ({@link #accept}): evaluation on a table, translation to SQL. */
    interface Visitor<R> {
        R literal(Literal literal);

        R name(Name name);

        R unary(Unary unary);

        R binary(Binary binary);

        R in(In in);

        R call(Call call);
    }

    /**
     * A constant: {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@link LocalDate},
     * {@link LocalDateTime}, or {@code null}.
     */
    record Literal(@Nullable Object value, int start, int end) implements Node {
        @Override
        public int height() {
            return 1;
        }

        @Override
        public String tree() {
            return Literal.repr(value);
        }

        static String repr(@Nullable Object value) {
            if (value == null) {
                return "None";
            } else if (value instanceof Boolean b) {
                return b ? "True" : "False";
            } else if (value instanceof String s) {
                return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
            } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
                return "date('" + value + "')";
            }
            return String.valueOf(value);
        }
    }

    /** A column of the table. */
    record Name(String name, int start, int end) implements Node {
        public Name {
            Objects.requireNonNull(name, "name == null");
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public String tree() {
            return Lexer.isPlainName(name) ? name : "`" + name + "`";
        }
    }

    /** {@code -x}, {@code +x}, {@code not x}. */
    record Unary(Op op, Node operand, int start, int end, int height) implements Node {
        @Override
        public String tree() {
            return "(" + op.symbol() + " " + operand.tree() + ")";
        }
    }

    /** Arithmetic, a comparison, {@code and} or {@code or}. */
    record Binary(Op op, Node left, Node right, int start, int end, int height) implements Node {
        @Override
        public String tree() {
            return "(" + op.symbol() + " " + left.tree() + " " + right.tree() + ")";
        }
    }

    /** {@code x in (1, 2)} or {@code x not in (1, 2)}; the list holds constants only. */
    record In(Node value, List<Literal> values, boolean negated, int start, int end, int height) implements Node {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public String tree() {
            StringBuilder text =
                    new StringBuilder("(").append(negated ? "not in " : "in ").append(value.tree());
            text.append(" [");
            for (int i = 0; i < values.size(); i++) {
                text.append(i > 0 ? ", " : "").append(values.get(i).tree());
            }
            return text.append("])").toString();
        }
    }

    /** A call of a whitelisted function. */
    record Call(Function function, List<Node> arguments, int start, int end, int height) implements Node {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String tree() {
            StringBuilder text = new StringBuilder("(").append(function.spelling());
            for (Node argument : arguments) {
                text.append(' ').append(argument.tree());
            }
            return text.append(')').toString();
        }
    }

    /** The operators. */
    enum Op {
        OR("or"),
        AND("and"),
        NOT("not"),
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        MOD("%"),
        NEG("-"),
        POS("+");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean isComparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }
    }
}
