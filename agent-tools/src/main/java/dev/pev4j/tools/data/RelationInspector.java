package dev.pev4j.tools.data;

import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.EvidenceInspector.TabularView;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Shows the tester a {@link Relation} of a SQL engine as a table: {@code rows(#E2)} runs a {@code COUNT(*)}, the column names
 * are known without a query, and a check on one column fetches that column only. Cells as {@link TableInspector}
 * gives them. Immutable and thread-safe.
 */
public final class RelationInspector implements EvidenceInspector {

    private final TableInspector cells = new TableInspector();

    @Override
    public Optional<TabularView> inspect(Object value) {
        return value instanceof Relation relation ? Optional.of(new View(relation, cells)) : Optional.empty();
    }

    private static final class View implements TabularView {
        private final Relation relation;
        private final TableInspector cells;

        View(Relation relation, TableInspector cells) {
            this.relation = relation;
            this.cells = cells;
        }

        @Override
        public int rows() {
            return Math.toIntExact(relation.rows());
        }

        @Override
        public List<String> columns() {
            return relation.columns();
        }

        @Override
        public List<@Nullable Object> values(String column) {
            if (!relation.columns().contains(column)) {
                throw new IllegalArgumentException(
                        "unknown column '" + column + "'; columns: " + String.join(", ", relation.columns()));
            }
            String sql = "SELECT " + DuckDbSql.identifier(column) + " FROM (" + relation.sql() + ")";
            var table = relation.session().fetch(sql, relation.parameters(), relation.name());
            return cells.inspect(table).orElseThrow().values(column);
        }
    }
}
