package dev.pev4j.tools.expr;

import dev.pev4j.tools.expr.Vec.Bools;
import dev.pev4j.tools.expr.Vec.Doubles;
import dev.pev4j.tools.expr.Vec.Longs;
import dev.pev4j.tools.expr.Vec.Nulls;
import dev.pev4j.tools.expr.Vec.Strings;
import dev.pev4j.tools.expr.Vec.Times;
import java.util.Objects;

/** The whitelisted functions, over whole columns. Stateless. */
final class Functions {

    private Functions() {}

    static Vec call(Evaluator evaluator, Node.Call call) {
        int rows = evaluator.rows();
        Node first = call.arguments().get(0);
        Vec x = evaluator.eval(first);
        switch (call.function()) {
            case ISNULL, ISNA, NOTNULL, NOTNA -> {
                boolean wanted = call.function() == Function.ISNULL || call.function() == Function.ISNA;
                boolean[] values = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = x.isMissing(i) == wanted;
                }
                return new Bools(values, null);
            }
            case CONTAINS, STARTSWITH, ENDSWITH -> {
                Node second = call.arguments().get(1);
                Vec part = evaluator.eval(second);
                String[] texts = texts(evaluator, call, first, x);
                String[] parts = texts(evaluator, call, second, part);
                boolean[] values = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    String text = texts[i];
                    String p = parts[i];
                    if (text != null && p != null) { // pandas' na=False: a missing text matches nothing
                        values[i] = switch (call.function()) {
                            case CONTAINS -> text.contains(p);
                            case STARTSWITH -> text.startsWith(p);
                            default -> text.endsWith(p);
                        };
                    }
                }
                return new Bools(values, null);
            }
            case LOWER, UPPER -> {
                String[] texts = texts(evaluator, call, first, x);
                String[] values = new String[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = texts[i] == null ? null : Evaluator.caseOf(texts[i], call.function() == Function.UPPER);
                }
                return new Strings(values);
            }
            case LEN -> {
                String[] texts = texts(evaluator, call, first, x);
                long[] values = new long[rows];
                boolean[] missing = null;
                for (int i = 0; i < rows; i++) {
                    if (texts[i] == null) {
                        missing = missing == null ? new boolean[rows] : missing;
                        missing[i] = true;
                    } else {
                        values[i] = texts[i].codePointCount(0, texts[i].length()); // Python counts code points
                    }
                }
                return new Longs(values, missing);
            }
            case ABS -> {
                Vec number = numbers(evaluator, call, first, x);
                if (number instanceof Longs longs) {
                    long[] values = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        values[i] = Math.abs(longs.values()[i]);
                    }
                    return new Longs(values, longs.missing());
                } else if (number instanceof Doubles doubles) {
                    double[] values = new double[rows];
                    for (int i = 0; i < rows; i++) {
                        values[i] = Math.abs(doubles.values()[i]);
                    }
                    return new Doubles(values);
                }
                return number;
            }
            case ROUND -> {
                long digits = call.arguments().size() < 2
                        ? 0
                        : (Long) Objects.requireNonNull(
                                ((Node.Literal) call.arguments().get(1)).value());
                return round(numbers(evaluator, call, first, x), (int) Math.max(-20, Math.min(20, digits)));
            }
            case DATE -> {
                if (x instanceof Times || x instanceof Nulls) {
                    return x;
                } else if (x instanceof Strings strings) {
                    return Functions.dates(evaluator, call, first, strings);
                }
                throw evaluator.typeError(
                        "date needs text such as \"2024-01-31\" but " + evaluator.describe(first, x) + " is not",
                        call,
                        first,
                        "; e.g. " + Function.DATE.example());
            }
            case WHERE -> {
                return where(evaluator, call, x);
            }
        }
        throw new AssertionError(call.function());
    }

    /**
     * {@code where(cond, a, b)}, numpy's {@code np.where}: {@code a} where the condition is true, {@code b} where
     * it is false, missing where it is unknown; whole and decimal numbers mix into decimals, {@code null} fits any
     * type.
     */
    private static Vec where(Evaluator evaluator, Node.Call call, Vec condition) {
        Node first = call.arguments().get(0);
        if (!(condition instanceof Bools) && !(condition instanceof Nulls)) {
            throw evaluator.typeError(
                    "where needs a condition (True/False) first but " + evaluator.describe(first, condition)
                            + " is not",
                    call,
                    first,
                    "; e.g. " + Function.WHERE.example());
        }
        int rows = evaluator.rows();
        boolean[] test = new boolean[rows];
        boolean[] unknown = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            unknown[i] = condition.isMissing(i);
            test[i] = !unknown[i] && ((Bools) condition).values()[i];
        }
        Node second = call.arguments().get(1);
        Node third = call.arguments().get(2);
        Vec a = evaluator.eval(second);
        Vec b = evaluator.eval(third);
        if (a instanceof Nulls && b instanceof Nulls) {
            return a;
        }
        Vec kind = a instanceof Nulls ? b : a;
        Vec other = a instanceof Nulls ? a : b;
        if (kind instanceof Strings && (other instanceof Strings || other instanceof Nulls)) {
            String[] x = texts(evaluator, call, second, a);
            String[] y = texts(evaluator, call, third, b);
            String[] values = new String[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = unknown[i] ? null : test[i] ? x[i] : y[i];
            }
            return new Strings(values);
        }
        if (kind instanceof Times t && (other instanceof Times || other instanceof Nulls)) {
            long[] millis = new long[rows];
            boolean[] missing = new boolean[rows];
            boolean withTime = t.withTime() || (other instanceof Times u && u.withTime());
            for (int i = 0; i < rows; i++) {
                Vec from = test[i] ? a : b;
                missing[i] = unknown[i] || from.isMissing(i);
                millis[i] = missing[i] ? 0 : ((Times) from).millis()[i];
            }
            return new Times(millis, missing, withTime);
        }
        boolean numbers =
                (Evaluator.isNumeric(a) || a instanceof Nulls) && (Evaluator.isNumeric(b) || b instanceof Nulls);
        if (!numbers) {
            throw evaluator.typeError(
                    "where needs both values of one kind but " + evaluator.describe(second, a) + " and "
                            + evaluator.describe(third, b) + " differ",
                    call,
                    second,
                    "; e.g. " + Function.WHERE.example());
        }
        if ((a instanceof Bools || a instanceof Nulls) && (b instanceof Bools || b instanceof Nulls)) {
            boolean[] values = new boolean[rows];
            boolean[] missing = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                Vec from = test[i] ? a : b;
                missing[i] = unknown[i] || from.isMissing(i);
                values[i] = !missing[i] && ((Bools) from).values()[i];
            }
            return new Bools(values, missing);
        }
        if (a instanceof Doubles || b instanceof Doubles) {
            double[] x = Evaluator.doubles(a instanceof Nulls ? new Doubles(nan(rows)) : a);
            double[] y = Evaluator.doubles(b instanceof Nulls ? new Doubles(nan(rows)) : b);
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = unknown[i] ? Double.NaN : test[i] ? x[i] : y[i];
            }
            return new Doubles(values);
        }
        Vec x = a instanceof Nulls ? a : Evaluator.numeric(a);
        Vec y = b instanceof Nulls ? b : Evaluator.numeric(b);
        long[] values = new long[rows];
        boolean[] missing = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            Vec from = test[i] ? x : y;
            missing[i] = unknown[i] || from.isMissing(i);
            values[i] = missing[i] ? 0 : ((Longs) from).values()[i];
        }
        return new Longs(values, missing);
    }

    private static double[] nan(int rows) {
        double[] values = new double[rows];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    /** numpy's rounding: half to even, at {@code digits} decimals (negative: tens, hundreds …). */
    private static Vec round(Vec number, int digits) {
        if (number instanceof Longs longs) {
            if (digits >= 0) {
                return longs;
            }
            double scale = Math.pow(10, -digits);
            long[] values = new long[longs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (long) (Math.rint(longs.values()[i] / scale) * scale);
            }
            return new Longs(values, longs.missing());
        } else if (number instanceof Doubles doubles) {
            double scale = Math.pow(10, Math.abs(digits));
            double[] values = new double[doubles.size()];
            for (int i = 0; i < values.length; i++) {
                double v = doubles.values()[i];
                double rounded = digits >= 0 ? Math.rint(v * scale) / scale : Math.rint(v / scale) * scale;
                values[i] = Double.isInfinite(rounded) && !Double.isInfinite(v) ? v : rounded;
            }
            return new Doubles(values);
        }
        return number;
    }

    private static Times dates(Evaluator evaluator, Node.Call call, Node argument, Strings strings) {
        int rows = strings.size();
        long[] millis = new long[rows];
        boolean[] missing = null;
        boolean withTime = false;
        for (int i = 0; i < rows; i++) {
            String value = strings.values()[i];
            Object parsed = value == null ? null : Dates.parse(value);
            if (parsed == null) {
                if (value != null) {
                    throw evaluator.typeError(
                            "date cannot read '" + value + "' in row " + i + " of "
                                    + evaluator.describe(argument, strings),
                            call,
                            argument,
                            "; write yyyy-mm-dd or yyyy-mm-dd hh:mm:ss, e.g. \"2024-01-31\"");
                }
                missing = missing == null ? new boolean[rows] : missing;
                missing[i] = true;
            } else {
                withTime |= !(parsed instanceof java.time.LocalDate);
                millis[i] = Dates.millis(parsed);
            }
        }
        return new Times(millis, missing, withTime);
    }

    /** Text cells ({@code null} for missing); a {@code null} literal counts as all missing. */
    private static String[] texts(Evaluator evaluator, Node.Call call, Node argument, Vec vec) {
        if (vec instanceof Strings strings) {
            return strings.values();
        } else if (vec instanceof Nulls nulls) {
            return new String[nulls.size()];
        }
        throw evaluator.typeError(
                call.function().spelling() + " needs text but " + evaluator.describe(argument, vec) + " is not",
                call,
                argument,
                "; e.g. " + call.function().example());
    }

    private static Vec numbers(Evaluator evaluator, Node.Call call, Node argument, Vec vec) {
        if (Evaluator.isNumeric(vec) || vec instanceof Nulls) {
            return Evaluator.numeric(vec);
        }
        throw evaluator.typeError(
                call.function().spelling() + " needs a number but " + evaluator.describe(argument, vec) + " is not",
                call,
                argument,
                "; e.g. " + call.function().example());
    }
}
