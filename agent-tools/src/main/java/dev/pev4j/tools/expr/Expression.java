package dev.pev4j.tools.expr;

import dev.pev4j.tools.expr.Vec.Bools;
import dev.pev4j.tools.expr.Vec.Doubles;
import dev.pev4j.tools.expr.Vec.Longs;
import dev.pev4j.tools.expr.Vec.Nulls;
import dev.pev4j.tools.expr.Vec.Strings;
import dev.pev4j.tools.expr.Vec.Times;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * A parsed filter or column formula, read as pandas' {@code DataFrame.query} / {@code eval} read theirs, evaluated
 * column at a time over Tablesaw tables. Immutable and thread-safe.
 *
 * <pre>{@code
 * Expression big = Expression.parse("amount > 100 and region in (\"N\", \"S\")");
 * Selection rows = big.select(sales);                              // rows where it is true
 * Column<?> net = Expression.parse("amount * (1 - discount)").evaluate(sales, "net");
 * }</pre>
 *
 * <p>The language, lowest precedence first:
 *
 * <ul>
 *   <li>{@code or} / {@code |}, then {@code and} / {@code &}, then {@code not} / {@code ~} (as in pandas' query,
 *       {@code & |} bind like {@code and or}, so {@code a > 1 & b < 2} needs no parentheses);
 *   <li>comparisons {@code == != < <= > >=}, chainable ({@code 1 < a < 5} is {@code 1 < a and a < 5}), and
 *       {@code x in (1, 2)}, {@code x not in ["a", "b"]} over a list of values;
 *   <li>{@code + -}, then {@code * / %}, then unary {@code - +}, then parentheses.
 * </ul>
 *
 * <p>Values: numbers ({@code 42}, {@code 1.5}, {@code .5}, {@code 2e-3}), strings in single or double quotes with
 * backslash escapes ({@code 'N'}, {@code "it's"}), {@code True False true false}, {@code None null}, dates as
 * {@code date("2024-01-31")} or {@code date("2024-01-31 13:45")}. Columns are bare names of letters (any script),
 * digits and {@code _} not starting with a digit ({@code revenue}, {@code prix_unitaire}, {@code 売上}); other names,
 * and names that are keywords, go in backquotes as in pandas ({@code `unit price`}, {@code `and`}). Functions, and
 * no others: {@code isnull isna notnull notna contains startswith endswith lower upper len abs round date where}.
 *
 * <p>Semantics follow pandas: a comparison with a missing value is false ({@code !=} is true); arithmetic with one
 * is missing; {@code int / int} is a float; {@code %} takes the divisor's sign and {@code n % 0} is missing; {@code
 * round} rounds half to even; {@code len} counts code points; text compares by code point. Where this differs from
 * pandas, on purpose: comparing text with a number is an error rather than silently false; {@code contains} looks for
 * plain text, not a regular expression; {@code ~} means {@code not}; a text cell compared with a date is read as an
 * ISO date (an error when it is not one); a missing true/false cell is unknown in {@code and}/{@code or}/{@code not}
 * (Kleene logic) and a filter drops the rows where its value is unknown.
 */
public final class Expression {

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text}.
     *
     * @throws ExpressionException naming the offending token and its 1-based column, e.g. {@code unexpected ')' at
     *     column 13 in: amount > 100)}
     */
    public static Expression parse(String text) {
        Objects.requireNonNull(text, "text == null");
        return new Expression(text, Parser.parse(text));
    }

    /** The text this was parsed from. */
    public String text() {
        return text;
    }

    /** The names of the columns the expression reads, in order of first use. */
    public List<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Node.Name name) {
                names.add(name.name());
            } else if (node instanceof Node.Unary unary) {
                pending.push(unary.operand());
            } else if (node instanceof Node.Binary binary) {
                pending.push(binary.right());
                pending.push(binary.left());
            } else if (node instanceof Node.In in) {
                pending.push(in.value());
            } else if (node instanceof Node.Call call) {
                for (int i = call.arguments().size() - 1; i >= 0; i--) {
                    pending.push(call.arguments().get(i));
                }
            }
        }
        return List.copyOf(new ArrayList<>(names));
    }

    /**
     * The rows of {@code table} where the expression is true, in order; rows where it is false or unknown are left
     * out. The table is not changed.
     *
     * @throws ExpressionException for an unknown column, operands that do not go together, or an expression that is
     *     not true/false
     */
    public Selection select(Table table) {
        Objects.requireNonNull(table, "table == null");
        Evaluator evaluator = new Evaluator(text, table);
        Vec value = evaluator.eval(root);
        if (value instanceof Nulls) {
            return Selection.with();
        }
        Bools truth = evaluator.truth(value, root, root, "a filter");
        boolean[] values = truth.values();
        boolean[] missing = truth.missing();
        int count = 0;
        int[] rows = new int[values.length];
        for (int i = 0; i < values.length; i++) { // branch-free: the values are often random
            rows[count] = i;
            count += values[i] & (missing == null || !missing[i]) ? 1 : 0;
        }
        return Selection.with(java.util.Arrays.copyOf(rows, count));
    }

    /**
     * The expression's value on every row of {@code table}, as a new column named {@code name}: {@code int64}
     * ({@link LongColumn}), {@code float64} ({@link DoubleColumn}), {@code bool}, text ({@link StringColumn}), dates
     * ({@link DateColumn}) or date-times ({@link DateTimeColumn}); a constant is repeated on every row, {@code None}
     * gives a float column of missing values. The table is not changed.
     *
     * @throws ExpressionException for an unknown column or operands that do not go together
     */
    public Column<?> evaluate(Table table, String name) {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(name, "name == null");
        Vec value = new Evaluator(text, table).eval(root);
        int rows = value.size();
        if (value instanceof Longs longs) {
            LongColumn column = LongColumn.create(name, longs.values().clone());
            for (int i = 0; i < rows; i++) {
                if (longs.isMissing(i)) {
                    column.setMissing(i);
                }
            }
            return column;
        } else if (value instanceof Doubles doubles) {
            return DoubleColumn.create(name, doubles.values().clone());
        } else if (value instanceof Bools bools) {
            BooleanColumn column = BooleanColumn.create(name, bools.values().clone());
            for (int i = 0; i < rows; i++) {
                if (bools.isMissing(i)) {
                    column.setMissing(i);
                }
            }
            return column;
        } else if (value instanceof Strings strings) {
            StringColumn column = StringColumn.create(name, rows);
            for (int i = 0; i < rows; i++) {
                String cell = strings.values()[i];
                if (cell != null) {
                    column.set(i, cell);
                }
            }
            return column;
        } else if (value instanceof Times times) {
            Column<?> column = times.withTime() ? DateTimeColumn.create(name, rows) : DateColumn.create(name, rows);
            for (int i = 0; i < rows; i++) {
                if (times.isMissing(i)) {
                    continue;
                }
                long millis = times.millis()[i];
                if (column instanceof DateColumn dates) {
                    dates.set(i, Dates.date(millis));
                } else {
                    ((DateTimeColumn) column).set(i, Dates.dateTime(millis));
                }
            }
            return column;
        }
        double[] missing = new double[rows];
        java.util.Arrays.fill(missing, Double.NaN);
        return DoubleColumn.create(name, missing);
    }

    /** The parsed tree, for translations such as {@link SqlExpression}. */
    Node root() {
        return root;
    }

    /** The tree fully parenthesised in prefix form, e.g. {@code (and (> a 1) (== b 'x'))}. */
    String tree() {
        return root.tree();
    }

    /** The text this was parsed from. */
    @Override
    public String toString() {
        return text;
    }
}
