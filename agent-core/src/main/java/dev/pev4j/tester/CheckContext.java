package dev.pev4j.tester;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one check is evaluated against: the run's evidence, the inspectors that show values as tables, and the values
 * seen so far (for the reason). Also the value semantics of the check language: numbers compare as decimals (a
 * {@code Double} as its shortest decimal form, so {@code 0.1 + 0.2 == 0.3} is false and {@code abs(x - 0.3) < 1e-9} is
 * the way to allow for rounding), text by UTF-16 order, booleans only for (in)equality. Not thread-safe: one a check.
 */
final class CheckContext {

    private static final Logger log = LoggerFactory.getLogger(CheckContext.class);

    private static final int SHOWN_CHARS = 80;
    private static final int SHOWN_TEXT = 60;

    private final ExecutionResult result;
    private final List<EvidenceInspector> inspectors;
    private final Map<String, @Nullable Object> sides = new LinkedHashMap<>();
    private final Map<String, @Nullable Object> leaves = new LinkedHashMap<>();
    private final Map<StepId, Optional<TabularView>> tables = new HashMap<>();

    CheckContext(ExecutionResult result, List<EvidenceInspector> inspectors) {
        this.result = result;
        this.inspectors = inspectors;
    }

    /** The criterion cannot be evaluated; the message says why. Thrown inside the tester only. */
    static final class CannotCheck extends RuntimeException {
        CannotCheck(String message) {
            super(message, null, false, false);
        }
    }

    // Values seen, for the reason.

    /** Notes a top-level operand's value (unless it is a literal); returns the value. */
    @Nullable
    Object side(Check.Term term, @Nullable Object value) {
        if (!(term instanceof Check.Literal)) {
            sides.putIfAbsent(term.text(), value);
        }
        return value;
    }

    /** Notes the value of a term that reads evidence; returns the value. */
    @Nullable
    Object record(Check.Term term, @Nullable Object value) {
        if (term instanceof Check.Ref
                || term instanceof Check.Field
                || term instanceof Check.Size
                || term instanceof Check.ColumnStat) {
            leaves.putIfAbsent(term.text(), value);
        }
        return value;
    }

    /** {@code rows(#E4) <= 3 is false: rows(#E4) is 5}: the operands, then the evidence read inside them. */
    Check.Outcome outcome(String text, boolean holds) {
        Map<String, @Nullable Object> seen = new LinkedHashMap<>(sides);
        leaves.forEach(seen::putIfAbsent);
        StringJoiner values = new StringJoiner(", ");
        seen.forEach((term, value) -> values.add(term + " is " + describe(value)));
        String verdict = holds ? " holds" : " is false";
        return new Check.Outcome(holds, seen.isEmpty() ? text + verdict : text + verdict + ": " + values);
    }

    // Evidence.

    /** The evidence of {@code ref}, null when its tool returned nothing. */
    @Nullable
    Object value(Check.Ref ref) {
        Optional<StepOutcome> outcome = result.outcome(ref.step());
        if (outcome.isEmpty()) {
            StringJoiner steps = new StringJoiner(", ");
            result.outcomes().keySet().forEach(id -> steps.add("#" + id));
            throw new CannotCheck(ref.text() + " is not a step of the plan; "
                    + (steps.length() == 0 ? "the plan has no steps" : "steps: " + steps));
        }
        StepOutcome found = outcome.get();
        if (found instanceof StepOutcome.Failed failed) {
            throw new CannotCheck(ref.text() + " did not run: tool '" + failed.tool() + "' failed: " + failed.reason());
        }
        if (found instanceof StepOutcome.Skipped skipped) {
            throw new CannotCheck(ref.text() + " did not run: " + skipped.why());
        }
        return ((StepOutcome.Done) found).value();
    }

    /** The evidence of {@code ref} as a check value: numbers as decimals, text as strings, the rest as it is. */
    @Nullable
    Object scalarOrValue(Check.Ref ref, @Nullable Object raw) {
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                throw new CannotCheck(ref.text() + " is " + raw + ", which a check cannot compare");
            }
        }
        return normalize(raw);
    }

    /** {@code ref}'s evidence as a table. */
    TabularView table(Check.Ref ref, String usage) {
        Object value = value(ref);
        Optional<TabularView> view = tables.computeIfAbsent(ref.step(), id -> view(value));
        if (view.isEmpty() && value instanceof Collection<?> items && items.isEmpty()) {
            return RecordsView.EMPTY;
        }
        if (view.isEmpty()) {
            throw new CannotCheck(usage + " needs a table but " + ref.text() + " is " + kindAndValue(value));
        }
        return view.get();
    }

    /** The cells of {@code column} of {@code ref}'s table. */
    List<@Nullable Object> column(Check.Ref ref, String column, String usage) {
        TabularView view = table(ref, usage);
        if (!view.columns().contains(column)) {
            throw new CannotCheck("unknown column '" + column + "' in " + ref.text() + "; columns: " + names(view));
        }
        return view.values(column);
    }

    Optional<TabularView> view(@Nullable Object value) {
        if (value == null) {
            return Optional.empty();
        }
        for (EvidenceInspector inspector : inspectors) {
            try {
                Optional<TabularView> view = inspector.inspect(value);
                if (view.isPresent()) {
                    return view;
                }
            } catch (RuntimeException e) {
                log.debug(
                        "inspector {} threw on a {}; trying the next",
                        inspector,
                        value.getClass().getName(),
                        e);
            }
        }
        return RecordsView.of(value);
    }

    // Functions.

    long size(Check.Size term) {
        return switch (term.function()) {
            case "rows" -> table(term.ref(), term.text()).rows();
            case "cols" -> table(term.ref(), term.text()).columns().size();
            default -> size(term.ref(), value(term.ref()), term.text()); // count
        };
    }

    /** Items of a list, entries of a map, rows of a table, characters of a text. */
    int size(Check.Term subject, @Nullable Object value, String usage) {
        if (value instanceof CharSequence text) {
            return text.toString().codePointCount(0, text.length());
        }
        if (value != null && !(value instanceof BigDecimal) && !(value instanceof Boolean)) {
            Optional<TabularView> view = subject instanceof Check.Ref ref
                    ? tables.computeIfAbsent(ref.step(), id -> view(value))
                    : view(value);
            if (view.isPresent()) {
                return view.get().rows();
            }
            if (value instanceof Collection<?> items) {
                return items.size();
            }
            if (value instanceof Map<?, ?> map) {
                return map.size();
            }
            if (value.getClass().isArray()) {
                return Array.getLength(value);
            }
        }
        throw new CannotCheck(usage + " needs text, a list, a map or a table but " + subject.text() + " is "
                + kindAndValue(normalize(value)));
    }

    /** {@code len(term)}. */
    int length(Check.Unary len, Check.Term argument, @Nullable Object value) {
        return size(argument, value, len.text());
    }

    /** {@code an empty list}, for a value whose size is 0. */
    String emptyKind(Object value) {
        if (value instanceof CharSequence) {
            return "empty text";
        }
        Optional<TabularView> view = view(value);
        if (view.isPresent()) {
            return "a table with 0 rows (columns: " + names(view.get()) + ")";
        }
        return value instanceof Map<?, ?> ? "an empty map" : "an empty list";
    }

    /** {@code #En.name}: the cell of a one-row table, or a map's entry. */
    @Nullable
    Object field(Check.Field field) {
        Check.Ref ref = field.ref();
        Object value = value(ref);
        Optional<TabularView> view = tables.computeIfAbsent(ref.step(), id -> view(value));
        Object found;
        if (view.isPresent()) {
            List<@Nullable Object> cells = column(ref, field.name(), field.text());
            if (cells.size() != 1) {
                throw new CannotCheck(
                        field.text() + " needs a table of 1 row but " + ref.text() + " has " + cells.size() + " rows");
            }
            found = cell(cells.get(0), ref, field.name());
        } else if (value instanceof Map<?, ?> map) {
            Object key = null;
            boolean present = false;
            StringJoiner keys = new StringJoiner(", ");
            for (Object k : map.keySet()) {
                keys.add(String.valueOf(k));
                if (!present && String.valueOf(k).equals(field.name())) {
                    key = k;
                    present = true;
                }
            }
            if (!present) {
                throw new CannotCheck(ref.text() + " has no key '" + field.name() + "'; keys: "
                        + (keys.length() == 0 ? "(none)" : keys));
            }
            Object entry = map.get(key);
            if (entry instanceof Double d && !Double.isFinite(d)) {
                throw new CannotCheck(field.text() + " is " + d + ", which a check cannot compare");
            }
            found = normalize(entry);
        } else {
            throw new CannotCheck(field.text() + " needs a table or a map but " + ref.text() + " is "
                    + kindAndValue(normalize(value)));
        }
        return record(field, found);
    }

    /** {@code nulls|min|max|sum|mean(#En, "col")}; min and max also of text, by UTF-16 order. */
    Object columnStat(Check.ColumnStat stat) {
        List<@Nullable Object> cells = column(stat.ref(), stat.column(), stat.text());
        List<Object> present = new ArrayList<>();
        for (Object raw : cells) {
            Object cell = cell(raw, stat.ref(), stat.column());
            if (cell != null) {
                present.add(cell);
            }
        }
        String where = "column '" + stat.column() + "' of " + stat.ref().text();
        if (stat.function().equals("nulls")) {
            return BigDecimal.valueOf(cells.size() - present.size());
        }
        boolean extreme = stat.function().equals("min") || stat.function().equals("max");
        if (extreme && !present.isEmpty() && present.stream().allMatch(String.class::isInstance)) {
            String found = (String) present.get(0);
            for (Object cell : present) {
                int order = ((String) cell).compareTo(found);
                if (stat.function().equals("min") ? order < 0 : order > 0) {
                    found = (String) cell;
                }
            }
            return found;
        }
        for (Object cell : present) {
            if (!(cell instanceof BigDecimal)) {
                throw new CannotCheck(stat.text() + " needs numbers but " + where + " holds " + kindAndValue(cell));
            }
        }
        if (stat.function().equals("sum")) {
            return present.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        if (present.isEmpty()) {
            throw new CannotCheck(stat.text() + " cannot be computed: " + where + " has no values");
        }
        BigDecimal found = (BigDecimal) present.get(0);
        BigDecimal sum = BigDecimal.ZERO;
        for (Object cell : present) {
            BigDecimal number = (BigDecimal) cell;
            sum = sum.add(number);
            if (stat.function().equals("min") ? number.compareTo(found) < 0 : number.compareTo(found) > 0) {
                found = number;
            }
        }
        return stat.function().equals("mean")
                ? sum.divide(BigDecimal.valueOf(present.size()), MathContext.DECIMAL64)
                : found;
    }

    /** {@code contains(#En, x)}. */
    Check.Outcome contains(Check.Contains check, @Nullable Object container, @Nullable Object wanted) {
        Check.Ref ref = check.container();
        if (container == null) {
            return new Check.Outcome(false, check.text() + " is false: " + ref.text() + " is null");
        }
        if (container instanceof CharSequence text) {
            String needle = wanted instanceof BigDecimal number ? format(number) : String.valueOf(wanted);
            boolean holds = text.toString().contains(needle);
            return found(check, holds, ref.text() + " is " + describe(text.toString()));
        }
        Optional<TabularView> view = tables.computeIfAbsent(ref.step(), id -> view(container));
        if (view.isPresent()) {
            for (String column : view.get().columns()) {
                for (Object cell : view.get().values(column)) {
                    if (same(normalizeCell(cell), wanted)) {
                        return found(check, true, "");
                    }
                }
            }
            return found(check, false, "no cell of " + ref.text() + " is " + describe(wanted));
        }
        List<@Nullable Object> items = new ArrayList<>();
        if (container instanceof Collection<?> collection) {
            items.addAll(collection);
        } else if (container instanceof Map<?, ?> map) {
            items.addAll(map.keySet());
            items.addAll(map.values());
        } else if (container.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(container); i++) {
                items.add(Array.get(container, i));
            }
        } else {
            throw new CannotCheck(check.text() + " needs text, a list, a map or a table but " + ref.text() + " is "
                    + kindAndValue(normalize(container)));
        }
        for (Object item : items) {
            if (same(normalizeCell(item), wanted)) {
                return found(check, true, "");
            }
        }
        return found(check, false, ref.text() + " is " + describe(container));
    }

    private Check.Outcome found(Check.Contains check, boolean holds, String why) {
        return holds
                ? new Check.Outcome(true, check.text() + " holds")
                : new Check.Outcome(false, check.text() + " is false: " + why);
    }

    // Value semantics.

    /**
     * Compares two values: negative, zero or positive. For {@code ==}/{@code !=} ({@code ordering} false) only zero
     * or not matters.
     */
    int compare(
            Check.Term leftTerm,
            @Nullable Object left,
            Check.Term rightTerm,
            @Nullable Object right,
            boolean ordering) {
        if (left instanceof BigDecimal l && right instanceof BigDecimal r) {
            return l.compareTo(r);
        }
        if (left instanceof String l && right instanceof String r) {
            return ordering ? l.compareTo(r) : l.equals(r) ? 0 : 1;
        }
        if (left instanceof Boolean l && right instanceof Boolean r) {
            if (ordering) {
                throw new CannotCheck("cannot order " + leftTerm.text() + " and " + rightTerm.text()
                        + ": true and false have no order");
            }
            return l.equals(r) ? 0 : 1;
        }
        if (!ordering && left != null && right != null && !isScalar(left) && !isScalar(right)) {
            return Objects.equals(left, right) ? 0 : 1;
        }
        // Blame the side that is null, else the side read from evidence rather than written in the criterion.
        boolean blameLeft = left == null || (right != null && !(leftTerm instanceof Check.Literal));
        Check.Term wrong = blameLeft ? leftTerm : rightTerm;
        Object value = blameLeft ? left : right;
        Object other = blameLeft ? right : left;
        throw new CannotCheck("cannot compare " + leftTerm.text() + " with " + rightTerm.text() + ": " + wrong.text()
                + " is " + kindAndValue(value) + (other == null ? "" : ", not " + kind(other)));
    }

    /** The value of {@code operand} of {@code term} as a number. */
    BigDecimal number(Check.Term term, Check.Term operand, @Nullable Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        throw new CannotCheck("cannot compute " + term.text() + ": " + operand.text() + " is " + kindAndValue(value)
                + ", not a number");
    }

    /** A table cell as a check value: {@code null} for missing and {@code NaN}. */
    @Nullable
    Object cell(@Nullable Object raw, Check.Ref ref, String column) {
        if ((raw instanceof Double || raw instanceof Float) && Double.isInfinite(((Number) raw).doubleValue())) {
            throw new CannotCheck(
                    "column '" + column + "' of " + ref.text() + " holds " + raw + ", which a check cannot use");
        }
        return normalizeCell(raw);
    }

    /** The order of two cells of one column. */
    int order(Object a, Object b, Check.Ref ref, String column) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new CannotCheck("cannot order column '" + column + "' of " + ref.text() + ": it holds " + kindAndValue(a)
                + " and " + kindAndValue(b));
    }

    boolean isScalar(@Nullable Object value) {
        return value instanceof BigDecimal || value instanceof String || value instanceof Boolean;
    }

    String names(TabularView view) {
        return view.columns().isEmpty() ? "(none)" : String.join(", ", view.columns());
    }

    /** {@code 0 and 2}, {@code 0, 2 and 5}. */
    String and(List<Integer> rows) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            text.append(i == 0 ? "" : i == rows.size() - 1 ? " and " : ", ").append(rows.get(i));
        }
        return text.toString();
    }

    /** A value for a reason: {@code 5}, {@code "North"}, {@code true}, {@code [1, 2]}. */
    String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal number) {
            return format(number);
        }
        if (value instanceof String text) {
            String shown = text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT - 3) + "...";
            return '"' + shown.replace("\n", "\\n") + '"';
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        Optional<TabularView> view = view(value);
        if (view.isPresent()) {
            return "a table of " + view.get().rows() + " rows and "
                    + view.get().columns().size() + " columns";
        }
        return Previews.defaults().preview(value, SHOWN_CHARS);
    }

    /** {@code a number (5)}, {@code text ("North")}, {@code a list ([1, 2])}. */
    String kindAndValue(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (view(value).isPresent()) {
            return describe(value);
        }
        return kind(value) + " (" + describe(value) + ")";
    }

    private String kind(Object value) {
        if (value instanceof BigDecimal) {
            return "a number";
        } else if (value instanceof String) {
            return "text";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (view(value).isPresent()) {
            return "a table";
        } else if (value instanceof Collection<?> || value.getClass().isArray()) {
            return "a list";
        } else if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return "a " + value.getClass().getSimpleName();
    }

    static String format(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return exponent >= -20 && exponent <= 30 ? stripped.toPlainString() : stripped.toString();
    }

    private static boolean same(@Nullable Object a, @Nullable Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Numbers as decimals, characters and enums as text; everything else as it is. */
    private static @Nullable Object normalize(@Nullable Object raw) {
        if (raw instanceof Number number) {
            BigDecimal decimal = decimal(number);
            return decimal == null ? raw : decimal;
        }
        if (raw instanceof CharSequence || raw instanceof Character) {
            return raw.toString();
        }
        if (raw instanceof Enum<?> constant) {
            return constant.name();
        }
        return raw;
    }

    /** As {@link #normalize}, with {@code NaN} as missing, and anything else that is not a container as text. */
    private static @Nullable Object normalizeCell(@Nullable Object raw) {
        if ((raw instanceof Double d && d.isNaN()) || (raw instanceof Float f && f.isNaN())) {
            return null;
        }
        Object value = normalize(raw);
        if (value == null
                || value instanceof BigDecimal
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Number
                || value instanceof Collection<?>
                || value instanceof Map<?, ?>
                || value.getClass().isArray()) {
            return value;
        }
        return value.toString(); // dates and the like, as ISO text
    }

    private static @Nullable BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        } else if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                return null;
            }
            return number instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
        } else if (number instanceof Long
                || number instanceof Integer
                || number instanceof Short
                || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        try {
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
    }
}
