package dev.pev4j.tools.eval;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Whether a plan's result is the expected answer: the evidence of the plan's last step, compared with an {@link
 * Expected}. Cells are compared as plain values: numbers as doubles (within the tolerance), dates as ISO text
 * ({@code 2024-01-31}, with {@code HH:mm:ss} when not midnight), booleans, text as written. Stateless.
 *
 * @param correct whether the answer matched
 * @param detail why not (or what matched), for the report
 */
record AnswerCheck(boolean correct, String detail) {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int MAX_DETAIL = 300;

    static AnswerCheck pass(String detail) {
        return new AnswerCheck(true, detail);
    }

    static AnswerCheck fail(String detail) {
        return new AnswerCheck(false, detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…");
    }

    /** Checks the evidence of {@code plan}'s last step in {@code result} (run in {@code workspace}). */
    static AnswerCheck of(Expected expected, Plan plan, ExecutionResult result, Path workspace, ToolRegistry tools) {
        if (plan.steps().isEmpty()) {
            return fail("the plan has no steps");
        }
        Step last = plan.steps().get(plan.steps().size() - 1);
        if (!result.succeeded()) {
            return fail("the plan did not run through when run again: " + result.failures());
        }
        Object evidence = result.evidence(last.id()).orElse(null);
        if (expected instanceof Expected.Number number) {
            return number(number, evidence);
        }
        if (expected instanceof Expected.ValueSet set) {
            return set(set, evidence);
        }
        if (expected instanceof Expected.TableContents table) {
            return table(table, evidence);
        }
        if (expected instanceof Expected.Chart chart) {
            return chart(chart, last, result, workspace, tools);
        }
        throw new IllegalStateException("unknown expected answer kind: " + expected.kind());
    }

    private static AnswerCheck number(Expected.Number expected, @Nullable Object evidence) {
        List<Double> candidates = new ArrayList<>();
        if (evidence instanceof java.lang.Number n) {
            candidates.add(n.doubleValue());
        } else if (evidence instanceof List<?> list) {
            Integer index = expected.index();
            if (index != null && index >= 0 && index < list.size()) {
                addNumber(list.get(index), candidates);
            } else if (list.size() == 1) {
                addNumber(list.get(0), candidates);
            }
        } else if (evidence instanceof Map<?, ?> map) {
            String key = expected.key();
            if (key != null && map.containsKey(key)) {
                addNumber(map.get(key), candidates);
            } else if (map.size() == 1) {
                addNumber(map.values().iterator().next(), candidates);
            }
        } else if (evidence instanceof Table table) {
            if (table.rowCount() != 1) {
                return fail("expected one number, got a table of " + table.rowCount() + " rows");
            }
            String column = expected.column();
            if (column != null && table.columnNames().contains(column)) {
                addNumber(cell(table.column(column), 0), candidates);
            } else {
                for (Column<?> c : table.columns()) {
                    addNumber(cell(c, 0), candidates);
                }
            }
        }
        for (double candidate : candidates) {
            if (close(candidate, expected.value(), expected.tolerance())) {
                return pass("found " + candidate);
            }
        }
        return fail("expected " + expected.value() + " but found "
                + (candidates.isEmpty() ? "no number in " + describe(evidence) : candidates));
    }

    private static AnswerCheck set(Expected.ValueSet expected, @Nullable Object evidence) {
        List<List<@Nullable Object>> candidates = new ArrayList<>();
        if (evidence instanceof Collection<?> values) {
            candidates.add(plain(values));
        } else if (evidence instanceof Map<?, ?> map) {
            candidates.add(plain(map.keySet()));
        } else if (evidence instanceof Table table) {
            String column = expected.column();
            if (column != null && table.columnNames().contains(column)) {
                candidates.add(values(table.column(column)));
            } else {
                for (Column<?> c : table.columns()) {
                    candidates.add(values(c));
                }
            }
        } else if (evidence != null) {
            candidates.add(plain(List.of(evidence)));
        }
        for (List<@Nullable Object> candidate : candidates) {
            if (sameSet(candidate, expected.values())) {
                return pass("found " + candidate);
            }
        }
        return fail("expected the values " + expected.values() + " but found "
                + (candidates.isEmpty()
                        ? describe(evidence)
                        : candidates.size() == 1 ? candidates.get(0) : candidates));
    }

    private static AnswerCheck table(Expected.TableContents expected, @Nullable Object evidence) {
        if (!(evidence instanceof Table table)) {
            return fail("expected a table, got " + describe(evidence));
        }
        List<Column<?>> columns = new ArrayList<>();
        if (table.columnNames().containsAll(expected.columns())) {
            for (String name : expected.columns()) {
                columns.add(table.column(name));
            }
        } else if (table.columnCount() == expected.columns().size()) {
            columns.addAll(table.columns());
        } else {
            return fail("expected columns " + expected.columns() + " but the table has " + table.columnNames());
        }
        if (table.rowCount() != expected.rows().size()) {
            return fail("expected " + expected.rows().size() + " rows but the table has " + table.rowCount());
        }
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<@Nullable Object> row = new ArrayList<>();
            for (Column<?> column : columns) {
                row.add(cell(column, r));
            }
            rows.add(row);
        }
        List<List<@Nullable Object>> wanted = new ArrayList<>(expected.rows());
        if (expected.ordered()) {
            for (int r = 0; r < rows.size(); r++) {
                if (!sameRow(rows.get(r), wanted.get(r), expected.tolerance())) {
                    return fail("row " + r + ": expected " + wanted.get(r) + " but found " + rows.get(r));
                }
            }
            return pass(rows.size() + " rows match in order");
        }
        for (List<@Nullable Object> row : rows) {
            int match = -1;
            for (int w = 0; w < wanted.size(); w++) {
                if (sameRow(row, wanted.get(w), expected.tolerance())) {
                    match = w;
                    break;
                }
            }
            if (match < 0) {
                return fail("row " + row + " is not expected; expected rows: " + expected.rows());
            }
            wanted.remove(match);
        }
        return pass(rows.size() + " rows match");
    }

    private static AnswerCheck chart(
            Expected.Chart expected, Step last, ExecutionResult result, Path workspace, ToolRegistry tools) {
        if (!last.tool().equals("plot")) {
            return fail("expected a plot step last, got " + last.tool());
        }
        Map<String, Arg> args = argsByName(last, tools);
        String kind = literal(args.get("kind"));
        String x = literal(args.get("x"));
        String y = literal(args.get("y"));
        if (!expected.chart().equals(kind)) {
            return fail("expected a " + expected.chart() + " chart, got kind " + kind);
        }
        if (!expected.x().equals(x) || (expected.y() != null && !expected.y().equals(y))) {
            return fail("expected x=" + expected.x() + (expected.y() == null ? "" : ", y=" + expected.y())
                    + " but the plot has x=" + x + ", y=" + y);
        }
        Object written = result.evidence(last.id()).orElse(null);
        if (!(written instanceof String path) || !Files.isRegularFile(workspace.resolve(path))) {
            return fail("the plot wrote no file: " + describe(written));
        }
        Arg tableArg = args.get("table");
        if (!(tableArg instanceof Arg.Ref ref)) {
            return fail("the plot's table is not an earlier step's evidence: " + tableArg);
        }
        AnswerCheck data = table(expected.data(), result.evidence(ref.step()).orElse(null));
        return data.correct() ? pass("chart " + path + ": " + data.detail()) : fail("plotted data: " + data.detail());
    }

    /** The step's arguments by parameter name (positional ones named after the tool's parameters). */
    static Map<String, Arg> argsByName(Step step, ToolRegistry tools) {
        Map<String, Arg> args = new java.util.LinkedHashMap<>();
        Optional<ToolDescriptor> tool = tools.find(step.tool());
        List<ToolParameter> parameters = tool.map(ToolDescriptor::parameters).orElse(List.of());
        for (int i = 0; i < step.args().size(); i++) {
            args.put(
                    i < parameters.size() ? parameters.get(i).name() : "#" + i,
                    step.args().get(i));
        }
        args.putAll(step.namedArgs());
        return args;
    }

    private static @Nullable String literal(@Nullable Arg arg) {
        return arg instanceof Arg.Value value && value.value() != null
                ? value.value().toString()
                : null;
    }

    private static void addNumber(@Nullable Object value, List<Double> into) {
        Object plain = plain(value);
        if (plain instanceof Double d) {
            into.add(d);
        }
    }

    private static @Nullable Object cell(Column<?> column, int row) {
        return column.isMissing(row) ? null : plain(column.get(row));
    }

    private static List<@Nullable Object> values(Column<?> column) {
        List<@Nullable Object> values = new ArrayList<>();
        for (int r = 0; r < column.size(); r++) {
            values.add(cell(column, r));
        }
        return values;
    }

    private static List<@Nullable Object> plain(Collection<?> values) {
        List<@Nullable Object> out = new ArrayList<>();
        for (Object value : values) {
            out.add(plain(value));
        }
        return out;
    }

    /** Numbers as Double, dates as ISO text, the rest as it is; NaN is missing. */
    static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof java.lang.Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? null : d;
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? time.toLocalDate().toString()
                    : DATE_TIME.format(time);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value;
    }

    private static boolean sameSet(List<@Nullable Object> found, List<Object> expected) {
        List<@Nullable Object> distinct = new ArrayList<>();
        for (Object value : found) {
            if (distinct.stream().noneMatch(v -> same(v, value, 1e-9))) {
                distinct.add(value);
            }
        }
        if (distinct.size() != expected.size()) {
            return false;
        }
        for (Object want : expected) {
            if (distinct.stream().noneMatch(v -> same(v, plain(want), 1e-9))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameRow(List<@Nullable Object> found, List<@Nullable Object> expected, double tolerance) {
        for (int i = 0; i < found.size(); i++) {
            if (!same(found.get(i), plain(expected.get(i)), tolerance)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(@Nullable Object a, @Nullable Object b, double tolerance) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return close(x, y, tolerance);
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return a.toString().equalsIgnoreCase(b.toString());
        }
        return a.equals(b);
    }

    static boolean close(double found, double expected, double tolerance) {
        double scale = Math.max(1.0, Math.abs(expected));
        return Math.abs(found - expected) <= tolerance * scale;
    }

    private static String describe(@Nullable Object evidence) {
        if (evidence == null) {
            return "nothing";
        }
        if (evidence instanceof Table table) {
            return "a table of " + table.rowCount() + " rows and columns " + table.columnNames();
        }
        String text = evidence.toString();
        return evidence.getClass().getSimpleName() + " "
                + (text.length() > 120 ? text.substring(0, 117) + "..." : text);
    }
}
