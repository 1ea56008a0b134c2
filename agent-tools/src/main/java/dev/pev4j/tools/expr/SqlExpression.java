package dev.pev4j.tools.expr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;

/**
 * An {@link Expression} translated to a SQL expression for DataOps' SQL engines (DuckDB's dialect), built from the
 * parsed tree, never by pasting the user's text: column names become quoted identifiers, every constant becomes a
 * {@code ?} parameter bound in {@link #parameters()} order, and only the whitelisted functions map to SQL functions.
 * Types are checked first by evaluating the expression on an empty table of the same columns, so errors read word for
 * word as on Tablesaw. Immutable; the parameter list is a copy.
 *
 * <p>pandas' semantics carried into SQL: a comparison with a missing value is false ({@code !=} true), {@code int /
 * int} is a float, {@code %} takes the divisor's sign and {@code n % 0} is missing, {@code round} rounds half to
 * even, {@code contains} looks for plain text and a missing text matches nothing.
 *
 * @param sql the SQL expression, with {@code ?} where a parameter goes
 * @param parameters the values of the {@code ?}s, in order: {@link Long}, {@link Double}, {@link String} or
 *     {@link Boolean}
 * @param type the SQL type of the value: {@code BIGINT}, {@code DOUBLE}, {@code BOOLEAN}, {@code VARCHAR},
 *     {@code DATE} or {@code TIMESTAMP}
 */
public record SqlExpression(String sql, List<Object> parameters, String type) {

    public SqlExpression {
        Objects.requireNonNull(sql, "sql == null");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(type, "type == null");
    }

    /**
     * {@code expression} over the columns of {@code schema} (an empty table with the relation's columns and types).
     *
     * @throws ExpressionException for an unknown column or operands that do not go together, as on Tablesaw
     */
    public static SqlExpression of(Expression expression, Table schema) {
        return of(expression, schema, Dialect.DUCKDB);
    }

    /**
     * {@code expression} over the columns of {@code schema}, spelled in {@code dialect}.
     *
     * @throws ExpressionException for an unknown column or operands that do not go together, as on Tablesaw
     */
    public static SqlExpression of(Expression expression, Table schema, Dialect dialect) {
        return translate(expression, schema, dialect, false);
    }

    private static SqlExpression translate(Expression expression, Table schema, Dialect dialect, boolean asCondition) {
        Objects.requireNonNull(expression, "expression == null");
        Objects.requireNonNull(dialect, "dialect == null");
        Objects.requireNonNull(schema, "schema == null");
        Evaluator types = new Evaluator(expression.text(), schema.emptyCopy());
        Vec whole = types.eval(expression.root()); // throws the type errors Tablesaw would
        Translator translator = new Translator(types, dialect);
        String sql = asCondition ? translator.condition(expression.root()) : translator.sql(expression.root());
        return new SqlExpression(sql, translator.parameters, typeOf(whole));
    }

    /**
     * {@code expression} as a filter's condition: true keeps a row, false or unknown drops it.
     *
     * @throws ExpressionException as {@link Expression#select} does
     */
    public static SqlExpression condition(Expression expression, Table schema) {
        return condition(expression, schema, Dialect.DUCKDB);
    }

    /**
     * {@code expression} as a filter's condition, spelled in {@code dialect}.
     *
     * @throws ExpressionException as {@link Expression#select} does
     */
    public static SqlExpression condition(Expression expression, Table schema, Dialect dialect) {
        Objects.requireNonNull(expression, "expression == null");
        Table empty = schema.emptyCopy();
        expression.select(empty); // the same checks and messages as on Tablesaw
        SqlExpression value = translate(expression, empty, dialect, true);
        if (value.type.equals("NULL")) {
            return new SqlExpression("FALSE", List.of(), "BOOLEAN");
        }
        return value;
    }

    private static String typeOf(Vec vec) {
        if (vec instanceof Vec.Longs) {
            return "BIGINT";
        } else if (vec instanceof Vec.Doubles) {
            return "DOUBLE";
        } else if (vec instanceof Vec.Bools) {
            return "BOOLEAN";
        } else if (vec instanceof Vec.Strings) {
            return "VARCHAR";
        } else if (vec instanceof Vec.Times times) {
            return times.withTime() ? "TIMESTAMP" : "DATE";
        } else if (vec instanceof Vec.Nulls) {
            return "NULL";
        }
        throw new AssertionError("unknown vector " + vec.getClass().getName());
    }

    /** Quotes a column name as a SQL identifier: {@code "unit ""price"""}. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * The SQL engines' spellings where they differ. Both read double-quoted identifiers (Spark with ANSI mode and
     * {@code spark.sql.ansi.doubleQuotedIdentifiers}) and {@code STRING} as the text type.
     */
    public enum Dialect {
        DUCKDB,
        SPARK;

        String startsWith() {
            return this == DUCKDB ? "starts_with" : "startswith";
        }

        String endsWith() {
            return this == DUCKDB ? "ends_with" : "endswith";
        }

        /** Rounds half to even, as pandas (numpy) does. */
        String roundHalfEven() {
            return this == DUCKDB ? "round_even" : "bround";
        }

        /** Division of two doubles where a zero divisor gives a missing value (ANSI Spark would throw). */
        String divide(String left, String right) {
            return this == DUCKDB ? "(" + left + " / " + right + ")" : "try_divide(" + left + ", " + right + ")";
        }
    }

    /** The SQL type of each kind of literal the parser makes. */
    private static final Map<Class<?>, String> LITERAL_TYPES = Map.of(
            Long.class, "BIGINT",
            Double.class, "DOUBLE",
            Boolean.class, "BOOLEAN",
            String.class, "STRING",
            LocalDate.class, "DATE",
            LocalDateTime.class, "TIMESTAMP");

    /** Walks the tree once, writing SQL and collecting parameters in the order their {@code ?}s appear. */
    private static final class Translator implements Node.Visitor<String> {
        private final Evaluator types;
        private final Dialect dialect;
        private final List<Object> parameters = new ArrayList<>();

        Translator(Evaluator types, Dialect dialect) {
            this.types = types;
            this.dialect = dialect;
        }

        String type(Node node) {
            return typeOf(types.eval(node));
        }

        String sql(Node node) {
            return node.accept(this);
        }

        @Override
        public String literal(Node.Literal literal) {
            return literal(literal.value());
        }

        @Override
        public String name(Node.Name name) {
            return identifier(name.name());
        }

        /** {@code value} as a typed query parameter; dates and times go as ISO text. */
        private String literal(@Nullable Object value) {
            if (value == null) {
                return "NULL";
            }
            String type = LITERAL_TYPES.get(value.getClass());
            if (type == null) {
                throw new AssertionError("unknown literal " + value.getClass().getName());
            }
            parameters.add(value instanceof LocalDate || value instanceof LocalDateTime ? value.toString() : value);
            return "CAST(? AS " + type + ")";
        }

        /** A numeric operand: true/false count as 1/0, as in pandas. */
        private String number(Node node) {
            String sql = sql(node);
            return type(node).equals("BOOLEAN") ? "CAST(" + sql + " AS BIGINT)" : sql;
        }

        @Override
        public String unary(Node.Unary unary) {
            return switch (unary.op()) {
                case NOT -> "(NOT " + sql(unary.operand()) + ")";
                case NEG -> "(-" + number(unary.operand()) + ")";
                case POS -> "(+" + number(unary.operand()) + ")";
                default -> throw new AssertionError(unary.op());
            };
        }

        /**
         * {@code node} as a filter's condition, where unknown drops a row as false does. Comparisons joined by AND and
         * OR need no COALESCE there: Kleene's AND and OR keep a true result whatever an unknown operand turns out to
         * be, and a false or unknown one drops the row either way, so the engine gets plain comparisons it can push
         * into its scan. {@code !=} keeps its COALESCE (pandas counts a missing value as unequal, so it keeps the row).
         */
        String condition(Node node) {
            if (node instanceof Node.Binary binary) {
                Node.Op op = binary.op();
                if (op == Node.Op.AND || op == Node.Op.OR) {
                    return "(" + condition(binary.left()) + " " + op.name() + " " + condition(binary.right()) + ")";
                }
                if (op.isComparison() && op != Node.Op.NE) {
                    return comparison(binary, false);
                }
            }
            return sql(node);
        }

        /** A comparison; {@code coalesce} gives pandas' value for a missing operand (false, but true for !=). */
        private String comparison(Node.Binary binary, boolean coalesce) {
            Node.Op op = binary.op();
            String left = comparable(binary.left(), binary.right());
            String right = comparable(binary.right(), binary.left());
            String symbol = switch (op) {
                case EQ -> "=";
                case NE -> "<>";
                default -> op.symbol();
            };
            String compared = "(" + left + " " + symbol + " " + right + ")";
            return coalesce ? "COALESCE(" + compared + ", " + (op == Node.Op.NE) + ")" : compared;
        }

        @Override
        public String binary(Node.Binary binary) {
            Node.Op op = binary.op();
            if (op == Node.Op.AND || op == Node.Op.OR) {
                return "(" + sql(binary.left()) + " " + op.name() + " " + sql(binary.right()) + ")";
            }
            if (op.isComparison()) {
                return comparison(binary, true);
            }
            if (type(binary).equals("VARCHAR")) {
                return "(" + sql(binary.left()) + " || " + sql(binary.right()) + ")";
            }
            if (type(binary).equals("NULL")) {
                return "NULL";
            }
            if (op == Node.Op.MOD) {
                return modulo(binary, type(binary).equals("BIGINT"));
            }
            if (op == Node.Op.DIV && dialect == Dialect.SPARK) {
                return sparkDivision(binary);
            }
            String left = number(binary.left());
            String right = number(binary.right());
            return switch (op) {
                case ADD -> "(" + left + " + " + right + ")";
                case SUB -> "(" + left + " - " + right + ")";
                case MUL -> "(" + left + " * " + right + ")";
                // 0 / 0 is NaN, which DuckDB keeps as a value; pandas (and Tablesaw) read it as missing
                case DIV ->
                    "NULLIF(" + dialect.divide("CAST(" + left + " AS DOUBLE)", "CAST(" + right + " AS DOUBLE)")
                            + ", CAST('NaN' AS DOUBLE))";
                default -> throw new AssertionError(op);
            };
        }

        /**
         * Python's modulo: the divisor's sign; {@code n % 0} is missing for whole numbers, as pandas has it. The
         * operands appear several times in the SQL, so their parameters are repeated in the same order.
         */
        private String modulo(Node.Binary binary, boolean whole) {
            Fragment l = capture(binary.left());
            Fragment r = capture(binary.right());
            if (whole) {
                add(r, l, r, r, r);
                return "(CASE WHEN " + r.sql + " = 0 THEN NULL ELSE ((" + l.sql + " % " + r.sql + ") + " + r.sql
                        + ") % " + r.sql + " END)";
            }
            add(l, r, l, r);
            return "(CAST(" + l.sql + " AS DOUBLE) - CAST(" + r.sql + " AS DOUBLE) * floor("
                    + dialect.divide("CAST(" + l.sql + " AS DOUBLE)", "CAST(" + r.sql + " AS DOUBLE)") + "))";
        }

        /**
         * Division as pandas has it on Spark, whose ANSI mode throws on a zero divisor: {@code x / 0} is infinite with
         * {@code x}'s sign, {@code 0 / 0} missing.
         */
        private String sparkDivision(Node.Binary binary) {
            Fragment l = capture(binary.left());
            Fragment r = capture(binary.right());
            add(r, l, l, r);
            String left = "CAST(" + l.sql + " AS DOUBLE)";
            String right = "CAST(" + r.sql + " AS DOUBLE)";
            return "(CASE WHEN " + right + " = 0 THEN NULLIF(sign(" + left + ") * CAST('Infinity' AS DOUBLE), "
                    + "CAST('NaN' AS DOUBLE)) ELSE NULLIF(" + left + " / " + right + ", CAST('NaN' AS DOUBLE)) END)";
        }

        private record Fragment(String sql, List<Object> parameters) {}

        /** The numeric SQL of {@code node} with the parameters it needs, kept apart from the ones collected so far. */
        private Fragment capture(Node node) {
            int from = parameters.size();
            String sql = number(node);
            List<Object> added = new ArrayList<>(parameters.subList(from, parameters.size()));
            parameters.subList(from, parameters.size()).clear();
            return new Fragment(sql, added);
        }

        private void add(Fragment... inTextOrder) {
            for (Fragment fragment : inTextOrder) {
                parameters.addAll(fragment.parameters);
            }
        }

        /** A side of a comparison; text compared with a date is read as a date, as on Tablesaw. */
        private String comparable(Node side, Node other) {
            String mine = type(side);
            String theirs = type(other);
            if (mine.equals("VARCHAR") && (theirs.equals("DATE") || theirs.equals("TIMESTAMP"))) {
                return "CAST(" + sql(side) + " AS " + theirs + ")";
            }
            return mine.equals("BOOLEAN") && !theirs.equals("BOOLEAN") ? number(side) : sql(side);
        }

        /** {@code x in (…)}: a missing {@code x} is in no list, not even one holding None (pandas' query). */
        @Override
        public String in(Node.In in) {
            String subject = sql(in.value()); // first: its parameters come first in the text
            StringJoiner list = new StringJoiner(", ");
            for (Node.Literal value : in.values()) {
                if (value.value() != null) {
                    list.add(comparable(value, in.value()));
                }
            }
            if (list.length() == 0) {
                return in.negated() ? "TRUE" : "FALSE";
            }
            String member = "COALESCE(" + subject + " IN (" + list + "), FALSE)";
            return in.negated() ? "(NOT " + member + ")" : member;
        }

        @Override
        public String call(Node.Call call) {
            List<Node> arguments = call.arguments();
            Node first = arguments.get(0);
            return switch (call.function()) {
                case ISNULL, ISNA -> "(" + sql(first) + " IS NULL)";
                case NOTNULL, NOTNA -> "(" + sql(first) + " IS NOT NULL)";
                case CONTAINS -> "COALESCE(contains(" + text(first) + ", " + text(arguments.get(1)) + "), FALSE)";
                case STARTSWITH ->
                    "COALESCE(" + dialect.startsWith() + "(" + text(first) + ", " + text(arguments.get(1))
                            + "), FALSE)";
                case ENDSWITH ->
                    "COALESCE(" + dialect.endsWith() + "(" + text(first) + ", " + text(arguments.get(1)) + "), FALSE)";
                case LOWER -> "lower(" + text(first) + ")";
                case UPPER -> "upper(" + text(first) + ")";
                case LEN -> "CAST(length(" + text(first) + ") AS BIGINT)";
                case ABS -> "abs(" + number(first) + ")";
                case ROUND ->
                    arguments.size() == 1
                            ? dialect.roundHalfEven() + "(" + number(first) + ", 0)"
                            : dialect.roundHalfEven() + "(" + number(first) + ", CAST(" + number(arguments.get(1))
                                    + " AS INTEGER))";
                case DATE ->
                    type(first).equals("VARCHAR") ? "CAST(" + sql(first) + " AS " + type(call) + ")" : sql(first);
                // An unknown condition matches neither branch, so the cell is missing, as in the in-memory engine.
                case WHERE ->
                    "CAST(CASE WHEN " + sql(first) + " THEN " + sql(arguments.get(1)) + " WHEN NOT (" + sql(first)
                            + ") THEN " + sql(arguments.get(2)) + " END AS " + spelled(type(call)) + ")";
            };
        }

        /** A type as SQL spells it in a cast: text is {@code STRING}, which both engines read. */
        private static String spelled(String type) {
            return type.equals("VARCHAR") ? "STRING" : type;
        }

        private String text(Node node) {
            String sql = sql(node);
            return type(node).equals("VARCHAR") ? sql : "CAST(" + sql + " AS STRING)";
        }
    }
}
