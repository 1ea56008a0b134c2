package dev.pev4j.tools.data;

import dev.pev4j.spi.ValuePreviewer.Preview;

/**
 * Previews a {@link Relation} of a SQL engine as {@link TablePreviewer} previews a table (shape, columns with dtypes,
 * first rows; the same rows as cells from {@link #structured}), running two small queries: the first rows with
 * {@code LIMIT} and a {@code COUNT(*)}. Immutable and
 * thread-safe.
 */
public final class RelationPreviewer extends TypedPreviewer<Relation> {

    private static final int ROWS = 5;

    private final TablePreviewer tables = new TablePreviewer(ROWS);

    public RelationPreviewer() {
        super(Relation.class);
    }

    @Override
    Preview previewOf(Relation relation, int maxChars) {
        long rows = relation.rows();
        String title =
                TablePreviewer.title(relation.name(), rows, relation.columns().size()) + " ("
                        + relation.session().engineName() + ", lazy)";
        return tables.render(relation.head(ROWS), title, rows, maxChars);
    }
}
