package dev.pev4j.tools.expr;

import dev.pev4j.internal.Suggestions;
import dev.pev4j.internal.Texts;
import dev.pev4j.tools.expr.Node.Op;
import dev.pev4j.tools.expr.Vec.Bools;
import dev.pev4j.tools.expr.Vec.Doubles;
import dev.pev4j.tools.expr.Vec.Longs;
import dev.pev4j.tools.expr.Vec.Nulls;
import dev.pev4j.tools.expr.Vec.Strings;
import dev.pev4j.tools.expr.Vec.Times;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * Evaluates a syntax tree over a table, column at a time, with pandas' semantics: comparisons with a missing value
 * are false ({@code !=} true), arithmetic with one is missing, {@code /} gives floats, {@code %} follows the divisor's
 * sign. One instance per evaluation; not thread-safe.
 */
final class Evaluator implements Node.Visitor<Vec> {

    private final String text;
    private final Table table;
    private final int rows;
    private final Map<String, Vec> columns = new HashMap<>();

    Evaluator(String text, Table table) {
        this.text = text;
        this.table = table;
        this.rows = table.rowCount();
    }

    Vec eval(Node node) {
        return node.accept(this);
    }

    @Override
    public Vec literal(Node.Literal literal) {
        return constant(literal.value());
    }

    @Override
    public Vec name(Node.Name name) {
        return column(name);
    }

    @Override
    public Vec call(Node.Call call) {
        return Functions.call(this, call);
    }

    int rows() {
        return rows;
    }

    // ---------------------------------------------------------------------------------------------- leaves

    Vec constant(@Nullable Object value) {
        if (value == null) {
            return new Nulls(rows);
        } else if (value instanceof Long l) {
            long[] values = new long[rows];
            Arrays.fill(values, l);
            return new Longs(values, null);
        } else if (value instanceof Double d) {
            double[] values = new double[rows];
            Arrays.fill(values, d);
            return new Doubles(values);
        } else if (value instanceof Boolean b) {
            return new Bools(Vec.filled(rows, b), null);
        } else if (value instanceof String s) {
            String[] values = new String[rows];
            Arrays.fill(values, s);
            return new Strings(values);
        }
        long[] millis = new long[rows];
        Arrays.fill(millis, Dates.millis(value));
        return new Times(millis, null, value instanceof LocalDateTime);
    }

    private Vec column(Node.Name name) {
        Vec cached = columns.get(name.name());
        if (cached == null) {
            cached = read(name);
            columns.put(name.name(), cached);
        }
        return cached;
    }

    private Vec read(Node.Name name) {
        int index = table.columnNames().indexOf(name.name()); // exact: Tablesaw's lookup ignores case, pandas' not
        if (index < 0) {
            throw unknownColumn(name);
        }
        Column<?> column = table.column(index);
        if (column instanceof DoubleColumn doubles) {
            return new Doubles(doubles.asDoubleArray());
        } else if (column instanceof FloatColumn floats) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = floats.isMissing(i) ? Double.NaN : floats.getDouble(i);
            }
            return new Doubles(values);
        } else if (column instanceof LongColumn || column instanceof IntColumn || column instanceof ShortColumn) {
            long[] values = new long[rows];
            boolean[] missing = null;
            for (int i = 0; i < rows; i++) {
                if (column.isMissing(i)) {
                    missing = missing == null ? new boolean[rows] : missing;
                    missing[i] = true;
                } else if (column instanceof LongColumn longs) {
                    values[i] = longs.getLong(i);
                } else if (column instanceof IntColumn ints) {
                    values[i] = ints.getInt(i);
                } else {
                    values[i] = ((ShortColumn) column).getShort(i);
                }
            }
            return new Longs(values, missing);
        } else if (column instanceof BooleanColumn booleans) {
            boolean[] values = new boolean[rows];
            boolean[] missing = null;
            for (int i = 0; i < rows; i++) {
                if (booleans.isMissing(i)) {
                    missing = missing == null ? new boolean[rows] : missing;
                    missing[i] = true;
                } else {
                    values[i] = booleans.get(i);
                }
            }
            return new Bools(values, missing);
        } else if (column instanceof StringColumn strings) {
            String[] values = new String[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = strings.isMissing(i) ? null : strings.get(i);
            }
            return new Strings(values);
        } else if (column instanceof DateColumn
                || column instanceof DateTimeColumn
                || column instanceof InstantColumn) {
            long[] millis = new long[rows];
            boolean[] missing = null;
            for (int i = 0; i < rows; i++) {
                if (column.isMissing(i)) {
                    missing = missing == null ? new boolean[rows] : missing;
                    missing[i] = true;
                } else {
                    Object value = column.get(i);
                    millis[i] = value instanceof Instant instant ? instant.toEpochMilli() : Dates.millis(value);
                }
            }
            return new Times(millis, missing, !(column instanceof DateColumn));
        }
        throw new ExpressionException(
                "column '" + name.name() + "' is " + column.type().name()
                        + ", which expressions cannot use; they work on numbers, text, true/false and dates",
                text,
                position(name),
                name.name(),
                name.name());
    }

    private ExpressionException unknownColumn(Node.Name name) {
        List<String> names = table.columnNames();
        StringBuilder message =
                new StringBuilder("unknown column '").append(name.name()).append('\'');
        if (names.isEmpty()) {
            message.append("; the table has no columns");
        } else {
            List<String> nearest = Suggestions.closest(name.name(), names, 3);
            if (!nearest.isEmpty()) {
                message.append("; ").append(Suggestions.didYouMean(nearest));
            }
            message.append(nearest.isEmpty() ? "; columns: " : " columns: ").append(String.join(", ", names));
            if (nearest.isEmpty()) {
                message.append("; to mean the text, quote it: \"")
                        .append(name.name())
                        .append('"');
            }
        }
        return new ExpressionException(message.toString(), text, position(name), name.name(), name.name());
    }

    // ---------------------------------------------------------------------------------------------- operators

    @Override
    public Vec unary(Node.Unary unary) {
        Vec operand = eval(unary.operand());
        if (unary.op() == Op.NOT) {
            if (operand instanceof Nulls) {
                return operand;
            }
            Bools b = truth(operand, unary.operand(), unary, "'not'");
            boolean[] values = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = !b.values()[i];
            }
            return new Bools(values, b.missing());
        }
        Vec number = numeric(operand);
        if (unary.op() == Op.POS && (number instanceof Longs || number instanceof Doubles)) {
            return number;
        } else if (number instanceof Longs longs) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = -longs.values()[i];
            }
            return new Longs(values, longs.missing());
        } else if (number instanceof Doubles doubles) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = -doubles.values()[i];
            }
            return new Doubles(values);
        } else if (number instanceof Nulls) {
            return number;
        }
        throw typeError(
                "cannot apply '" + unary.op().symbol() + "' to " + describe(unary.operand(), operand),
                unary,
                unary.operand(),
                "; it works on numbers");
    }

    @Override
    public Vec binary(Node.Binary binary) {
        Op op = binary.op();
        if (op.isComparison()) {
            Bools fast = textWithLiteral(op, binary.left(), binary.right());
            if (fast == null) {
                fast = longsWithLiteral(op, binary.left(), binary.right());
            }
            if (fast != null) {
                return fast;
            }
        }
        Vec left = eval(binary.left());
        Vec right = eval(binary.right());
        if (op == Op.AND || op == Op.OR) {
            return logical(binary, left, right);
        } else if (op.isComparison()) {
            return compare(op, binary.left(), left, binary.right(), right, binary);
        }
        return arithmetic(binary, left, right);
    }

    private Vec logical(Node.Binary binary, Vec leftVec, Vec rightVec) {
        String word = "'" + binary.op().symbol() + "'";
        Bools left = truth(leftVec, binary.left(), binary, word);
        Bools right = truth(rightVec, binary.right(), binary, word);
        boolean and = binary.op() == Op.AND;
        boolean[] values = new boolean[rows];
        boolean[] missing = null;
        boolean[] a = left.values();
        boolean[] b = right.values();
        boolean[] am = left.missing();
        boolean[] bm = right.missing();
        if (am == null && bm == null) { // no unknowns: plain logic, without branches on the (random) values
            for (int i = 0; i < rows; i++) {
                values[i] = and ? a[i] & b[i] : a[i] | b[i];
            }
            return new Bools(values, null);
        }
        for (int i = 0; i < rows; i++) {
            boolean aMissing = am != null && am[i];
            boolean bMissing = bm != null && bm[i];
            if (!aMissing && !bMissing) {
                values[i] = and ? a[i] && b[i] : a[i] || b[i];
            } else {
                // Kleene logic: a known false decides 'and', a known true decides 'or'; otherwise unknown
                boolean decisive =
                        and ? (!aMissing && !a[i]) || (!bMissing && !b[i]) : (!aMissing && a[i]) || (!bMissing && b[i]);
                if (decisive) {
                    values[i] = !and;
                } else {
                    missing = missing == null ? new boolean[rows] : missing;
                    missing[i] = true;
                }
            }
        }
        return new Bools(values, missing);
    }

    /** {@code vec} as true/false; {@code null} counts as unknown. */
    Bools truth(Vec vec, Node operand, Node whole, String word) {
        if (vec instanceof Bools bools) {
            return bools;
        } else if (vec instanceof Nulls) {
            return new Bools(new boolean[rows], Vec.filled(rows, true));
        }
        String written = text.substring(operand.start(), operand.end());
        throw typeError(
                word + " needs true/false but " + describe(operand, vec) + " is not",
                whole,
                operand,
                "; compare it, e.g. " + written + (vec instanceof Strings ? " == \"x\"" : " > 0"));
    }

    Bools compare(Op op, Node leftNode, Vec left, Node rightNode, Vec right, Node whole) {
        if (left instanceof Nulls || right instanceof Nulls) {
            return new Bools(Vec.filled(rows, op == Op.NE), null);
        }
        if (left instanceof Times && right instanceof Strings strings) {
            right = times(strings, rightNode, left, leftNode, whole);
        } else if (right instanceof Times && left instanceof Strings strings) {
            left = times(strings, leftNode, right, rightNode, whole);
        }
        boolean[] result = new boolean[rows];
        if (left instanceof Strings a && right instanceof Strings b) {
            String[] x = a.values();
            String[] y = b.values();
            for (int i = 0; i < rows; i++) {
                result[i] =
                        (x[i] == null || y[i] == null) ? op == Op.NE : test(op, Texts.compareCodePoints(x[i], y[i]));
            }
        } else if (left instanceof Times a && right instanceof Times b) {
            compareLongs(op, a.millis(), a.missing(), b.millis(), b.missing(), result);
        } else if (isNumeric(left) && isNumeric(right)) {
            Vec a = numeric(left);
            Vec b = numeric(right);
            if (a instanceof Longs x && b instanceof Longs y) {
                compareLongs(op, x.values(), x.missing(), y.values(), y.missing(), result);
            } else {
                double[] x = doubles(a);
                double[] y = doubles(b);
                for (int i = 0; i < rows; i++) {
                    double p = x[i];
                    double q = y[i];
                    result[i] =
                            (Double.isNaN(p) || Double.isNaN(q)) ? op == Op.NE : test(op, p < q ? -1 : p > q ? 1 : 0);
                }
            }
        } else {
            throw typeError(
                    "cannot compare " + describe(leftNode, left) + " with " + describe(rightNode, right),
                    whole,
                    leftNode instanceof Node.Name ? leftNode : rightNode,
                    "; " + kindWord(left) + " compares only with " + kindWord(left));
        }
        return new Bools(result, null);
    }

    private void compareLongs(
            Op op, long[] x, boolean @Nullable [] xm, long[] y, boolean @Nullable [] ym, boolean[] result) {
        for (int i = 0; i < rows; i++) {
            boolean missing = (xm != null && xm[i]) || (ym != null && ym[i]);
            result[i] = missing ? op == Op.NE : test(op, Long.compare(x[i], y[i]));
        }
    }

    private Times times(Strings strings, Node node, Vec other, Node otherNode, Node whole) {
        long[] millis = new long[rows];
        boolean[] missing = null;
        String[] values = strings.values();
        for (int i = 0; i < rows; i++) {
            String value = values[i];
            long parsed = value == null ? Long.MIN_VALUE : Dates.parseMillis(value);
            if (parsed == Long.MIN_VALUE) {
                if (value != null) {
                    String where = node instanceof Node.Literal ? "" : " in row " + i;
                    throw typeError(
                            "cannot compare " + describe(otherNode, other) + " with " + describe(node, strings),
                            whole,
                            otherNode instanceof Node.Name ? otherNode : node,
                            "; '" + value + "'" + where + " is not a date, write yyyy-mm-dd, e.g. \"2024-01-31\"");
                }
                missing = missing == null ? new boolean[rows] : missing;
                missing[i] = true;
            } else {
                millis[i] = parsed;
            }
        }
        return new Times(millis, missing, true);
    }

    private static boolean test(Op op, int comparison) {
        return switch (op) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            default -> throw new AssertionError(op);
        };
    }

    private Vec arithmetic(Node.Binary binary, Vec left, Vec right) {
        Op op = binary.op();
        if (op == Op.ADD && left instanceof Strings a && right instanceof Strings b) {
            String[] values = new String[rows];
            for (int i = 0; i < rows; i++) {
                String x = a.values()[i];
                String y = b.values()[i];
                values[i] = x == null || y == null ? null : x + y;
            }
            return new Strings(values);
        }
        boolean fits = (isNumeric(left) || left instanceof Nulls) && (isNumeric(right) || right instanceof Nulls);
        if (op == Op.ADD) {
            fits |= (left instanceof Strings && right instanceof Nulls)
                    || (left instanceof Nulls && right instanceof Strings);
        }
        if (!fits) {
            throw typeError(
                    "cannot apply '" + op.symbol() + "' to " + describe(binary.left(), left) + " and "
                            + describe(binary.right(), right),
                    binary,
                    binary.left() instanceof Node.Name ? binary.left() : binary.right(),
                    op == Op.ADD ? "; '+' adds numbers or joins two texts" : "; it works on numbers");
        }
        if (left instanceof Nulls || right instanceof Nulls) {
            return new Nulls(rows);
        }
        Vec a = numeric(left);
        Vec b = numeric(right);
        if (a instanceof Longs x && b instanceof Longs y && op != Op.DIV) {
            return longArithmetic(op, x, y);
        }
        double[] x = doubles(a);
        double[] y = doubles(b);
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            double p = x[i];
            double q = y[i];
            values[i] = switch (op) {
                case ADD -> p + q;
                case SUB -> p - q;
                case MUL -> p * q;
                case DIV -> p / q;
                case MOD -> floorMod(p, q);
                default -> throw new AssertionError(op);
            };
        }
        return new Doubles(values);
    }

    private Longs longArithmetic(Op op, Longs left, Longs right) {
        long[] x = left.values();
        long[] y = right.values();
        long[] values = new long[rows];
        boolean[] missing = Vec.eitherMissing(left.missing(), right.missing());
        if (op == Op.MOD && missing != null) {
            missing = missing.clone(); // the inputs' masks are shared and never changed
        }
        for (int i = 0; i < rows; i++) {
            switch (op) {
                case ADD -> values[i] = x[i] + y[i];
                case SUB -> values[i] = x[i] - y[i];
                case MUL -> values[i] = x[i] * y[i];
                case MOD -> {
                    if (y[i] == 0) { // pandas gives NaN for n % 0
                        missing = missing == null ? new boolean[rows] : missing;
                        missing[i] = true;
                    } else {
                        values[i] = Math.floorMod(x[i], y[i]);
                    }
                }
                default -> throw new AssertionError(op);
            }
        }
        return new Longs(values, missing);
    }

    /** Python's float modulo: the result has the divisor's sign. */
    private static double floorMod(double p, double q) {
        double r = p % q;
        if (r != 0 && (r < 0) != (q < 0)) {
            r += q;
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------- in

    @Override
    public Vec in(Node.In in) {
        Bools fast = textIn(in);
        if (fast != null) {
            return fast;
        }
        Vec value = eval(in.value());
        boolean[] result = new boolean[rows];
        for (Node.Literal literal : in.values()) {
            if (literal.value() == null) {
                continue; // missing never equals anything, as in pandas' isin on numbers; use isnull(x)
            }
            Bools equal = compare(Op.EQ, in.value(), value, literal, constant(literal.value()), in);
            for (int i = 0; i < rows; i++) {
                result[i] |= equal.values()[i];
            }
        }
        if (in.negated()) {
            for (int i = 0; i < rows; i++) {
                result[i] = !result[i];
            }
        }
        return new Bools(result, null);
    }

    // ---------------------------------------------------------------------------------------------- text keys

    /** A test of one text cell; {@code null} is a missing cell. */
    private interface TextTest {
        boolean test(@Nullable String value);
    }

    /**
     * A text column compared with a text literal, through the column's dictionary: each distinct text is compared
     * once, each row only looks up its key's answer. The same answers as {@link #compare} on the two; null when the
     * operands have another shape (that path then reports any type error).
     */
    private @Nullable Bools textWithLiteral(Op op, Node leftNode, Node rightNode) {
        NameAndLiteral operands = NameAndLiteral.of(leftNode, rightNode);
        if (operands == null || !(operands.value() instanceof String constant)) {
            return null;
        }
        boolean flipped = operands.flipped();
        StringColumn column = textColumn(operands.name());
        return column == null
                ? null
                : byDictionary(
                        column,
                        value -> value == null
                                ? op == Op.NE
                                : test(
                                        op,
                                        flipped
                                                ? Texts.compareCodePoints(constant, value)
                                                : Texts.compareCodePoints(value, constant)));
    }

    /** A column name and a literal on either side of a comparison; {@code flipped} when the literal comes first. */
    private record NameAndLiteral(Node.Name name, @Nullable Object value, boolean flipped) {
        static @Nullable NameAndLiteral of(Node left, Node right) {
            if (left instanceof Node.Name name && right instanceof Node.Literal literal) {
                return new NameAndLiteral(name, literal.value(), false);
            } else if (right instanceof Node.Name name && left instanceof Node.Literal literal) {
                return new NameAndLiteral(name, literal.value(), true);
            }
            return null;
        }
    }

    /**
     * An int64 column compared with a whole-number literal straight from the column's values (missing: the
     * {@code Long.MIN_VALUE} sentinel), as {@link #compare} gives it; null for other operands.
     */
    private @Nullable Bools longsWithLiteral(Op op, Node leftNode, Node rightNode) {
        NameAndLiteral operands = NameAndLiteral.of(leftNode, rightNode);
        if (operands == null || !(operands.value() instanceof Long constant)) {
            return null;
        }
        boolean flipped = operands.flipped();
        int index = table.columnNames().indexOf(operands.name().name());
        if (index < 0 || !(table.column(index) instanceof LongColumn column)) {
            return null;
        }
        long c = constant;
        long[] values = column.asLongArray();
        boolean[] result = new boolean[rows];
        Op asked = flipped ? mirrored(op) : op; // c < x is x > c
        long missing = Long.MIN_VALUE;
        switch (asked) {
            case EQ -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] == c & values[i] != missing;
                }
            }
            case NE -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] != c | values[i] == missing;
                }
            }
            case LT -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] < c & values[i] != missing;
                }
            }
            case LE -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] <= c & values[i] != missing;
                }
            }
            case GT -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] > c & values[i] != missing;
                }
            }
            case GE -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] >= c & values[i] != missing;
                }
            }
            default -> {
                return null;
            }
        }
        return new Bools(result, null);
    }

    /** The comparison with its operands swapped: {@code a < b} is {@code b > a}. */
    private static Op mirrored(Op op) {
        return switch (op) {
            case LT -> Op.GT;
            case LE -> Op.GE;
            case GT -> Op.LT;
            case GE -> Op.LE;
            default -> op;
        };
    }

    /** {@code column in ("a", "b")} over a text column through its dictionary, as {@link #in} computes it. */
    private @Nullable Bools textIn(Node.In in) {
        if (!(in.value() instanceof Node.Name name)) {
            return null;
        }
        Set<String> texts = new HashSet<>();
        for (Node.Literal literal : in.values()) {
            if (literal.value() instanceof String text) {
                texts.add(text);
            } else if (literal.value() != null) {
                return null;
            }
        }
        StringColumn column = textColumn(name);
        boolean negated = in.negated();
        return column == null
                ? null
                : byDictionary(column, value -> (value != null && texts.contains(value)) != negated);
    }

    private @Nullable StringColumn textColumn(Node.Name name) {
        int index = table.columnNames().indexOf(name.name());
        return index >= 0 && table.column(index) instanceof StringColumn strings ? strings : null;
    }

    /** {@code test} on every row of {@code column}, run once per dictionary key; null for int-keyed dictionaries. */
    private @Nullable Bools byDictionary(StringColumn column, TextTest test) {
        DictionaryMap dictionary = column.getDictionary();
        int offset;
        if (dictionary instanceof ByteDictionaryMap) {
            offset = -Byte.MIN_VALUE;
        } else if (dictionary instanceof ShortDictionaryMap) {
            offset = -Short.MIN_VALUE;
        } else {
            return null;
        }
        byte[] answers = new byte[2 * offset]; // 0: not asked yet, 1: true, 2: false
        boolean[] result = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            int key = dictionary.getKeyForIndex(i);
            byte answer = answers[key + offset];
            if (answer == 0) {
                String value = dictionary.isMissing(i) ? null : dictionary.getValueForKey(key);
                answer = test.test(value) ? (byte) 1 : (byte) 2;
                answers[key + offset] = answer;
            }
            result[i] = answer == 1;
        }
        return new Bools(result, null);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static boolean isNumeric(Vec vec) {
        return vec instanceof Longs || vec instanceof Doubles || vec instanceof Bools;
    }

    /** Booleans as 1/0 whole numbers, as numpy counts them; other values unchanged. */
    static Vec numeric(Vec vec) {
        if (vec instanceof Bools bools) {
            long[] values = new long[bools.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = bools.values()[i] ? 1 : 0;
            }
            return new Longs(values, bools.missing());
        }
        return vec;
    }

    /** Numbers as doubles, NaN for missing. */
    static double[] doubles(Vec vec) {
        if (vec instanceof Doubles d) {
            return d.values();
        }
        Longs longs = (Longs) numeric(vec);
        double[] values = new double[longs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = longs.isMissing(i) ? Double.NaN : longs.values()[i];
        }
        return values;
    }

    private static String kindWord(Vec vec) {
        if (vec instanceof Strings) {
            return "text";
        } else if (vec instanceof Times) {
            return "a date";
        }
        return "a number";
    }

    /** {@code column 'region' (object)}, {@code 100 (int64)} or {@code 'price * 2' (float64)}. */
    String describe(Node node, Vec vec) {
        String dtype = vec.dtype();
        if (node instanceof Node.Name name) {
            return "column '" + name.name() + "' (" + dtype + ")";
        }
        String written = text.substring(node.start(), node.end());
        if (node instanceof Node.Literal) {
            return written + " (" + dtype + ")";
        }
        return "'" + written + "' (" + dtype + ")";
    }

    /** {@code <what> at column <n> in: <text><hint>}, about {@code whole}, naming the column of {@code subject}. */
    ExpressionException typeError(String what, Node whole, Node subject, String hint) {
        int column = position(whole);
        String columnName = subject instanceof Node.Name name ? name.name() : null;
        return new ExpressionException(
                what + " at column " + column + " in: " + text + hint,
                text,
                column,
                text.substring(whole.start(), whole.end()),
                columnName);
    }

    private int position(Node node) {
        return text.codePointCount(0, node.start()) + 1;
    }

    /** The text as {@code lower}/{@code upper} see it, shared with {@link Functions}. */
    static String caseOf(String value, boolean upper) {
        return upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    }
}
