package dev.pev4j.tester;

import dev.pev4j.plan.StepId;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed criterion of the check language, which evaluates itself against a run's evidence. Terms evaluate to a
 * {@code BigDecimal}, a {@code String}, a {@code Boolean}, {@code null}, or an evidence value that is none of those (a
 * list, a map, a table). Immutable and thread-safe; evaluation state lives in the {@link CheckContext}.
 */
interface Check {

    /** The criterion as written. */
    String text();

    /**
     * Whether the criterion holds, and why.
     *
     * @throws CheckContext.CannotCheck when it cannot be evaluated (a step that did not run, an unknown column, a type
     *     mismatch)
     */
    Outcome evaluate(CheckContext context);

    /** The result of a check that could be evaluated. */
    record Outcome(boolean holds, String reason) {}

    /** Part of a criterion with a value. */
    interface Term {
        /** The term as written. */
        String text();

        @Nullable
        Object eval(CheckContext context);
    }

    /** {@code term op term}. */
    record Comparison(String text, String op, Term left, Term right) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            Object l = context.side(left, left.eval(context));
            Object r = context.side(right, right.eval(context));
            int order = context.compare(left, l, right, r, !(op.equals("==") || op.equals("!=")));
            boolean holds = switch (op) {
                case "==" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0; // ">="
            };
            return context.outcome(text, holds);
        }
    }

    /** {@code has_column(#En, "col")}. */
    record HasColumn(String text, Ref table, String column) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            TabularView view = context.table(table, text);
            if (view.columns().contains(column)) {
                return new Outcome(true, text + " holds");
            }
            return new Outcome(false, text + " is false: " + table.text() + " has columns " + context.names(view));
        }
    }

    /** {@code sorted(#En, "col", "asc"|"desc")}; missing cells are not looked at, equal neighbours are in order. */
    record Sorted(String text, Ref table, String column, boolean descending) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            List<@Nullable Object> cells = context.column(table, column, text);
            Object previous = null;
            int previousRow = -1;
            for (int row = 0; row < cells.size(); row++) {
                Object cell = context.cell(cells.get(row), table, column);
                if (cell == null) {
                    continue;
                }
                if (previous != null) {
                    int order = context.order(previous, cell, table, column);
                    if (descending ? order < 0 : order > 0) {
                        return new Outcome(
                                false,
                                text + " is false: " + context.describe(previous) + " (row " + previousRow
                                        + ") comes before " + context.describe(cell) + " (row " + row + ")");
                    }
                }
                previous = cell;
                previousRow = row;
            }
            return new Outcome(true, text + " holds");
        }
    }

    /** {@code unique(#En, "col")}: no value twice; missing cells are not looked at. */
    record Unique(String text, Ref table, String column) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            List<@Nullable Object> cells = context.column(table, column, text);
            Map<Object, List<Integer>> rows = new LinkedHashMap<>();
            Object duplicate = null;
            for (int row = 0; row < cells.size(); row++) {
                Object cell = context.cell(cells.get(row), table, column);
                if (cell == null) {
                    continue;
                }
                Object key = cell instanceof BigDecimal number ? number.stripTrailingZeros() : cell;
                List<Integer> at = rows.computeIfAbsent(key, k -> new ArrayList<>());
                at.add(row);
                if (at.size() == 2 && duplicate == null) {
                    duplicate = key;
                }
            }
            if (duplicate == null) {
                return new Outcome(true, text + " holds");
            }
            return new Outcome(
                    false,
                    text + " is false: " + context.describe(duplicate) + " is in rows "
                            + context.and(Objects.requireNonNull(rows.get(duplicate))));
        }
    }

    /** {@code not_empty(#En)}. */
    record NotEmpty(String text, Ref ref) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            Object value = context.value(ref);
            if (value == null) {
                return new Outcome(false, text + " is false: " + ref.text() + " is null");
            }
            int size = context.size(ref, value, text);
            if (size > 0) {
                return new Outcome(true, text + " holds");
            }
            return new Outcome(false, text + " is false: " + ref.text() + " is " + context.emptyKind(value));
        }
    }

    /** {@code contains(#En, term)}: text contains text, a list an item, a map a key or value, a table a cell. */
    record Contains(String text, Ref container, Term needle) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            Object value = context.value(container);
            Object wanted = context.record(needle, needle.eval(context));
            if (wanted != null && !context.isScalar(wanted)) {
                throw new CheckContext.CannotCheck(text + " needs text, a number or a boolean to look for but "
                        + needle.text() + " is " + context.kindAndValue(wanted));
            }
            return context.contains(this, value, wanted);
        }
    }

    /** {@code between(term, low, high)}, both ends included. */
    record Between(String text, Term value, Term low, Term high) implements Check {
        @Override
        public Outcome evaluate(CheckContext context) {
            Object v = context.side(value, value.eval(context));
            Object lo = context.side(low, low.eval(context));
            Object hi = context.side(high, high.eval(context));
            boolean holds =
                    context.compare(low, lo, value, v, true) <= 0 && context.compare(value, v, high, hi, true) <= 0;
            return context.outcome(text, holds);
        }
    }

    /** A number, a string, {@code true} or {@code false} as written. */
    record Literal(String text, Object value) implements Term {
        @Override
        public Object eval(CheckContext context) {
            return value;
        }
    }

    /** {@code #En}: the step's evidence. */
    record Ref(String text, StepId step) implements Term {
        @Override
        public @Nullable Object eval(CheckContext context) {
            return context.scalarOrValue(this, context.value(this));
        }
    }

    /** {@code #En.column}: a map's entry, or a one-row table's cell. */
    record Field(String text, Ref ref, String name) implements Term {
        @Override
        public @Nullable Object eval(CheckContext context) {
            return context.field(this);
        }
    }

    /** {@code rows(#En)}, {@code cols(#En)}, {@code count(#En)}. */
    record Size(String text, String function, Ref ref) implements Term {
        @Override
        public Object eval(CheckContext context) {
            return BigDecimal.valueOf(context.size(this));
        }
    }

    /** {@code nulls|min|max|sum|mean(#En, "col")}. */
    record ColumnStat(String text, String function, Ref ref, String column) implements Term {
        @Override
        public Object eval(CheckContext context) {
            return context.columnStat(this);
        }
    }

    /** {@code abs(term)}, {@code len(term)}. */
    record Unary(String text, String function, Term argument) implements Term {
        @Override
        public Object eval(CheckContext context) {
            Object value = context.record(argument, argument.eval(context));
            if (function.equals("abs")) {
                return context.number(this, argument, value).abs();
            }
            return BigDecimal.valueOf(context.length(this, argument, value));
        }
    }

    /** {@code -term}. */
    record Negation(String text, Term operand) implements Term {
        @Override
        public Object eval(CheckContext context) {
            return context.number(this, operand, context.record(operand, operand.eval(context)))
                    .negate();
        }
    }

    /** {@code (term)}. */
    record Group(String text, Term inner) implements Term {
        @Override
        public @Nullable Object eval(CheckContext context) {
            return inner.eval(context);
        }
    }

    /** {@code term + term} and so on. Division rounds to 16 significant digits. */
    record Arithmetic(String text, char op, Term left, Term right) implements Term {
        @Override
        public Object eval(CheckContext context) {
            BigDecimal l = context.number(this, left, context.record(left, left.eval(context)));
            BigDecimal r = context.number(this, right, context.record(right, right.eval(context)));
            try {
                return switch (op) {
                    case '+' -> l.add(r);
                    case '-' -> l.subtract(r);
                    case '*' -> l.multiply(r);
                    default -> {
                        if (r.signum() == 0) {
                            throw new CheckContext.CannotCheck("cannot compute " + text + ": division by zero");
                        }
                        yield l.divide(r, MathContext.DECIMAL64);
                    }
                };
            } catch (ArithmeticException e) {
                throw new CheckContext.CannotCheck("cannot compute " + text + ": " + e.getMessage());
            }
        }
    }
}
