package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code pd.crosstab(df[index], df[columns], normalize, margins)} flattened: the index column(s), then one count
 * column per distinct value of {@code columns} (sorted, named by {@code str(value)}), then {@code All} with margins,
 * and an {@code All} row last. Rows with a missing key are left out. Stateless.
 */
final class Crosstab {

    static final List<String> NORMALIZE = List.of("all", "index", "columns");
    static final String ALL = "All";

    private Crosstab() {}

    static Table crosstab(
            Table table, List<String> index, String columns, @Nullable String normalize, boolean margins, String name) {
        if (index.isEmpty()) {
            throw new DataOpsException("crosstab needs at least one index column; columns: " + Columns.list(table));
        }
        String norm = normalize == null || normalize.equalsIgnoreCase("false")
                ? null
                : normalize.equalsIgnoreCase("true") ? "all" : normalize.strip().toLowerCase(Locale.ROOT);
        if (normalize != null && norm != null && !NORMALIZE.contains(norm)) {
            throw Columns.unknownChoice("normalize", normalize, NORMALIZE, NORMALIZE);
        }
        List<Column<?>> keys = new ArrayList<>();
        for (String key : index) {
            keys.add(Columns.named(table, key));
        }
        Column<?> pivot = Columns.named(table, columns);
        List<Integer> complete = new ArrayList<>();
        rows:
        for (int row = 0; row < table.rowCount(); row++) {
            if (pivot.isMissing(row)) {
                continue;
            }
            for (Column<?> key : keys) {
                if (key.isMissing(row)) {
                    continue rows;
                }
            }
            complete.add(row);
        }
        Table present = Sorting.pick(
                table, "", complete.stream().mapToInt(Integer::intValue).toArray());
        List<Column<?>> presentKeys = new ArrayList<>();
        for (String key : index) {
            presentKeys.add(Columns.named(present, key));
        }
        Column<?> presentPivot = Columns.named(present, columns);
        GroupBy.Grouping rowGroups = GroupBy.grouping(present, presentKeys);
        GroupBy.Grouping columnGroups = GroupBy.grouping(present, List.of(presentPivot));
        int r = rowGroups.count();
        int c = columnGroups.count();
        long[][] counts = new long[r][c];
        for (int row = 0; row < present.rowCount(); row++) {
            counts[rowGroups.groupOf()[row]][columnGroups.groupOf()[row]]++;
        }
        long[] rowSums = new long[r];
        long[] columnSums = new long[c];
        long total = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rowSums[i] += counts[i][j];
                columnSums[j] += counts[i][j];
                total += counts[i][j];
            }
        }
        List<String> names = new ArrayList<>(index);
        for (int j = 0; j < c; j++) {
            names.add(Cells.pythonStr(presentPivot.get(columnGroups.firstRows()[j])));
        }
        boolean allColumn = margins && !"index".equals(norm);
        boolean allRow = margins && !"columns".equals(norm);
        if (allColumn) {
            names.add(ALL);
        }
        Reshape.checkDistinct(names);

        Table result = Table.create(name);
        for (Column<?> key : presentKeys) {
            Column<?> labels = Sorting.pick(key, rowGroups.firstRows());
            if (allRow) {
                StringColumn text = StringColumn.create(key.name());
                for (int i = 0; i < labels.size(); i++) {
                    text.append(Cells.pythonStr(labels.get(i)));
                }
                text.append(key == presentKeys.get(0) ? ALL : "");
                labels = text;
            }
            result.addColumns(labels);
        }
        for (int j = 0; j <= c; j++) {
            if (j == c && !allColumn) {
                break;
            }
            String columnName = names.get(index.size() + j);
            if (norm == null) {
                LongColumn out = LongColumn.create(columnName);
                for (int i = 0; i < r; i++) {
                    out.append(j == c ? rowSums[i] : counts[i][j]);
                }
                if (allRow) {
                    out.append(j == c ? total : columnSums[j]);
                }
                result.addColumns(out);
                continue;
            }
            DoubleColumn out = DoubleColumn.create(columnName);
            for (int i = 0; i < r; i++) {
                double value;
                if (j == c) {
                    value = (double) rowSums[i] / total;
                } else {
                    value = switch (norm) {
                        case "index" -> (double) counts[i][j] / rowSums[i];
                        case "columns" -> (double) counts[i][j] / columnSums[j];
                        default -> (double) counts[i][j] / total;
                    };
                }
                out.append(value);
            }
            if (allRow) {
                out.append(j == c ? 1.0 : (double) columnSums[j] / total);
            }
            result.addColumns(out);
        }
        return result;
    }
}
