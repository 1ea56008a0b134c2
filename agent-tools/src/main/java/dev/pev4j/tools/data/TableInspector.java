package dev.pev4j.tools.data;

import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Shows the tester a Tablesaw {@link Table} as a table, so that checks such as {@code rows(#E2) <= 3} or
 * {@code unique(#E2, "region")} work on the tables DataOps returns. Cells: missing as {@code null}, whole numbers as
 * {@code Long}, floating-point numbers as {@code Double}, text as {@code String}, booleans as {@code Boolean}, dates and
 * times as ISO 8601 text. Immutable and thread-safe.
 *
 * <pre>{@code
 * Tester tester = Tester.builder().inspector(new TableInspector()).judge(judge).build();
 * }</pre>
 */
public final class TableInspector implements EvidenceInspector {

    @Override
    public Optional<TabularView> inspect(Object value) {
        return value instanceof Table table ? Optional.of(new View(table)) : Optional.empty();
    }

    /** A live view of one table; reads cells when asked. */
    private static final class View implements TabularView {
        private final Table table;

        View(Table table) {
            this.table = table;
        }

        @Override
        public int rows() {
            return table.rowCount();
        }

        @Override
        public List<String> columns() {
            return table.columnNames();
        }

        @Override
        public List<@Nullable Object> values(String column) {
            if (!table.containsColumn(column)) {
                throw new IllegalArgumentException(
                        "unknown column '" + column + "'; columns: " + String.join(", ", table.columnNames()));
            }
            Column<?> cells = table.column(column);
            List<@Nullable Object> values = new ArrayList<>(cells.size());
            for (int row = 0; row < cells.size(); row++) {
                values.add(cells.isMissing(row) ? null : cell(cells.get(row)));
            }
            return values;
        }

        private static @Nullable Object cell(@Nullable Object value) {
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Float f) {
                return f.isNaN() ? null : Double.valueOf(Float.toString(f)); // 0.1f as 0.1, not 0.10000000149
            }
            if (value instanceof Double d) {
                return d.isNaN() ? null : d;
            }
            if (value == null || value instanceof Long || value instanceof String || value instanceof Boolean) {
                return value;
            }
            if (value instanceof TemporalAccessor) {
                return value.toString(); // LocalDate, LocalDateTime, LocalTime, Instant: ISO 8601
            }
            return String.valueOf(value);
        }
    }
}
