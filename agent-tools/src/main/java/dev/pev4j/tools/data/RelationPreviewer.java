package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.spi.ValuePreviewer.Preview;
import java.util.Optional;

/**
 * Previews a {@link Relation} of a SQL engine as {@link TablePreviewer} previews a table (shape, columns with dtypes,
 * first rows; the same rows as cells from {@link #structured}), running two small queries: the first rows with
 * {@code LIMIT} and a {@code COUNT(*)}. Immutable and
 * thread-safe.
 */
public final class RelationPreviewer implements ValuePreviewer {

    private static final int ROWS = 5;

    private final TablePreviewer tables = new TablePreviewer(ROWS);

    @Override
    public Optional<String> preview(Object value, int maxChars) {
        return structured(value, maxChars).map(Preview::text);
    }

    /** The preview with the cells it shows, as {@link TablePreviewer#structured} gives them. */
    @Override
    public Optional<Preview> structured(Object value, int maxChars) {
        Checks.atLeast("maxChars", maxChars, 1);
        if (!(value instanceof Relation relation)) {
            return Optional.empty();
        }
        long rows = relation.rows();
        String title =
                TablePreviewer.title(relation.name(), rows, relation.columns().size()) + " ("
                        + relation.session().engineName() + ", lazy)";
        return Optional.of(tables.render(relation.head(ROWS), title, rows, maxChars));
    }
}
