package dev.pev4j.tools.data;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;

/**
 * {@code df.resample(rule, on=column).agg(aggregations)}: rows bucketed into calendar periods from the first to the
 * last date, every period present (an empty one sums and counts to 0 and has missing means, minimums …), each
 * labelled as pandas labels it. Stateless.
 */
final class Resampling {

    static final List<String> RULES = List.of("D", "W", "MS", "M", "QS", "Q", "YS", "Y", "AS", "A");

    private Resampling() {}

    static Table resample(Table table, String on, String rule, Map<String, List<String>> aggregations, String name) {
        Column<?> dates = Columns.named(table, on);
        String r = rule.strip().toUpperCase(Locale.ROOT);
        if (r.equals("W-SUN")) {
            r = "W";
        }
        if (!RULES.contains(r)) {
            throw Columns.unknownChoice("resample rule", rule, RULES, RULES);
        }
        ColumnType type = dates.type();
        if (type != ColumnType.LOCAL_DATE_TIME && type != ColumnType.LOCAL_DATE) {
            throw new DataOpsException(
                    "column '" + on + "' is " + Dtypes.described(dates) + ", not datetime64[ns]; "
                            + "convert it first with to_datetime",
                    on,
                    null);
        }
        if (aggregations.isEmpty()) {
            throw new DataOpsException("resample needs at least one aggregation, e.g. {\"amount\": [\"sum\"]}; "
                    + "columns: " + Columns.list(table));
        }
        int rows = table.rowCount();
        long[] period = new long[rows];
        boolean[] missing = new boolean[rows];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int row = 0; row < rows; row++) {
            int date;
            if (dates instanceof DateTimeColumn times) {
                long packed = times.getLongInternal(row);
                if (DateTimeColumn.valueIsMissing(packed)) {
                    missing[row] = true;
                    continue;
                }
                date = PackedLocalDateTime.date(packed);
            } else {
                if (dates.isMissing(row)) {
                    missing[row] = true;
                    continue;
                }
                date = ((DateColumn) dates).getIntInternal(row);
            }
            long p = periodOf(date, r);
            period[row] = p;
            first = Math.min(first, p);
            last = Math.max(last, p);
        }
        int count = first > last ? 0 : Math.toIntExact(last - first + 1);
        int[] groupOf = new int[rows];
        for (int row = 0; row < rows; row++) {
            groupOf[row] = missing[row] ? -1 : (int) (period[row] - first);
        }
        DateTimeColumn label = DateTimeColumn.create(on);
        for (int g = 0; g < count; g++) {
            label.append(labelOf(first + g, r).atStartOfDay());
        }
        Table result = Table.create(name);
        result.addColumns(label);
        GroupBy.Grouping grouping = new GroupBy.Grouping(groupOf, count, new int[count]);
        List<int[]> groups = null;
        Set<String> names = new HashSet<>(List.of(on));
        for (Map.Entry<String, List<String>> entry : aggregations.entrySet()) {
            Column<?> column = Columns.named(table, entry.getKey());
            if (entry.getValue().isEmpty()) {
                throw new DataOpsException(
                        "no aggregation given for column '" + column.name() + "'; pass e.g. {\"" + column.name()
                                + "\": [\"sum\"]}; aggregations: " + Aggregation.allNames(),
                        column.name(),
                        null);
            }
            for (String function : entry.getValue()) {
                OptionalDouble quantile = Quantiles.parse(function, column.name());
                String output = column.name() + "_" + function;
                if (!names.add(output)) {
                    throw new DataOpsException(
                            "output column '" + output + "' would appear twice; name each column "
                                    + "and aggregation once",
                            column.name(),
                            null);
                }
                groups = groups == null ? grouping.rowsPerGroup() : groups;
                if (quantile.isPresent()) {
                    Windows.checkNumeric(column, "'" + function + "'");
                    result.addColumns(Quantiles.perGroup(column, groups, quantile.getAsDouble(), output));
                    continue;
                }
                Aggregation aggregation = Aggregation.named(function, column.name());
                aggregation.checkApplicable(column);
                Optional<Column<?>> fast = FastAggregation.apply(aggregation, column, groupOf, count, output);
                result.addColumns(fast.isPresent() ? fast.get() : aggregation.apply(column, groups, output));
            }
        }
        return result;
    }

    /** A number per calendar period, consecutive periods consecutive numbers. */
    private static long periodOf(int packedDate, String rule) {
        int year = PackedLocalDate.getYear(packedDate);
        int month = PackedLocalDate.getMonthValue(packedDate);
        return switch (rule) {
            case "D" -> PackedLocalDate.toEpochDay(packedDate);
            case "W" -> Math.floorDiv(PackedLocalDate.toEpochDay(packedDate) + 3, 7); // weeks from Monday
            case "MS", "M" -> year * 12L + month - 1;
            case "QS", "Q" -> year * 4L + (month - 1) / 3;
            default -> year;
        };
    }

    /** pandas' label of a period: its first day for D, MS, QS, YS; its last day for W (Sunday), M, Q, Y. */
    private static LocalDate labelOf(long period, String rule) {
        return switch (rule) {
            case "D" -> LocalDate.ofEpochDay(period);
            case "W" -> LocalDate.ofEpochDay(period * 7 - 3 + 6);
            case "MS" -> LocalDate.of((int) Math.floorDiv(period, 12), Math.floorMod(period, 12) + 1, 1);
            case "M" ->
                LocalDate.of((int) Math.floorDiv(period, 12), Math.floorMod(period, 12) + 1, 1)
                        .plusMonths(1)
                        .minusDays(1);
            case "QS" -> LocalDate.of((int) Math.floorDiv(period, 4), Math.floorMod(period, 4) * 3 + 1, 1);
            case "Q" ->
                LocalDate.of((int) Math.floorDiv(period, 4), Math.floorMod(period, 4) * 3 + 1, 1)
                        .plusMonths(3)
                        .minusDays(1);
            case "YS", "AS" -> LocalDate.of((int) period, 1, 1);
            default -> LocalDate.of((int) period, 12, 31);
        };
    }
}
