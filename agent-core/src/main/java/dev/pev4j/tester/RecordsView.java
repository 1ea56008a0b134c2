package dev.pev4j.tester;

import dev.pev4j.spi.EvidenceInspector.TabularView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A list of maps (records, as JSON tools return them) seen as a table: a column a key, in the order keys first appear;
 * a record without a key has a missing cell there. Immutable; the list is read as it is when asked.
 */
final class RecordsView implements TabularView {

    /** A table of no rows and no columns, for an empty list where a table is expected. */
    static final RecordsView EMPTY = new RecordsView(List.of(), List.of());

    private final List<Map<?, ?>> records;
    private final List<String> columns;

    private RecordsView(List<Map<?, ?>> records, List<String> columns) {
        this.records = records;
        this.columns = columns;
    }

    /** {@code value} as a table when it is a non-empty list of maps. */
    static Optional<TabularView> of(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        List<Map<?, ?>> records = new ArrayList<>(list.size());
        Set<String> columns = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> record)) {
                return Optional.empty();
            }
            records.add(record);
            for (Object key : record.keySet()) {
                columns.add(String.valueOf(key));
            }
        }
        return Optional.of(new RecordsView(records, List.copyOf(columns)));
    }

    @Override
    public int rows() {
        return records.size();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<@Nullable Object> values(String column) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException("unknown column '" + column + "'; columns: " + columns);
        }
        List<@Nullable Object> values = new ArrayList<>(records.size());
        for (Map<?, ?> record : records) {
            values.add(cell(record, column));
        }
        return values;
    }

    private static @Nullable Object cell(Map<?, ?> record, String column) {
        for (Map.Entry<?, ?> entry : record.entrySet()) {
            if (String.valueOf(entry.getKey()).equals(column)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
