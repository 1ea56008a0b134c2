package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code df.groupby(by)[column].transform(func)}: an aggregation repeated on every row of its group, or a running
 * function within the group. Stateless.
 */
final class GroupTransforms {

    private GroupTransforms() {}

    static Column<?> transform(Table table, List<String> by, Column<?> column, String func, String name) {
        if (Transforms.CUMULATIVE.contains(func)) {
            return Transforms.cumulative(table, column, func, by, name);
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String key : by) {
            keys.add(Columns.named(table, key));
        }
        GroupBy.Grouping grouping = GroupBy.grouping(table, keys);
        OptionalDouble quantile = Quantiles.parse(func, column.name());
        Column<?> perGroup;
        if (quantile.isPresent()) {
            Windows.checkNumeric(column, "'" + func + "'");
            perGroup = Quantiles.perGroup(column, grouping.rowsPerGroup(), quantile.getAsDouble(), name);
        } else {
            Aggregation aggregation;
            try {
                aggregation = Aggregation.named(func, column.name());
            } catch (DataOpsException e) {
                throw new DataOpsException(
                        e.getMessage() + ", or a running function: " + String.join(", ", Transforms.CUMULATIVE),
                        column.name(),
                        null);
            }
            aggregation.checkApplicable(column);
            Optional<Column<?>> fast =
                    FastAggregation.apply(aggregation, column, grouping.groupOf(), grouping.count(), name);
            perGroup = fast.isPresent() ? fast.get() : aggregation.apply(column, grouping.rowsPerGroup(), name);
        }
        return Sorting.pick(perGroup, grouping.groupOf()).setName(name);
    }
}
