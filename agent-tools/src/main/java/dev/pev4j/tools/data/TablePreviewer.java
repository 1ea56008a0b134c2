package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.spi.ValuePreviewer.Preview;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Previews a Tablesaw {@link Table} for prompts: its shape, its columns with pandas' dtype names and its first rows
 * as an aligned text table, cut by whole rows to stay within the character budget; {@link #structured} hands over the
 * same rows as cells, for reports. Immutable and thread-safe.
 *
 * <pre>
 * Table 'sales.csv': 40 rows x 3 columns
 * columns: region (object), units (int64), revenue (float64)
 * region  units  revenue
 *  North     10     25.0
 *  South      4      NaN
 * … 38 more rows
 * </pre>
 */
public final class TablePreviewer extends TypedPreviewer<Table> {

    private static final int DEFAULT_ROWS = 5;

    private final int maxRows;

    /** Shows up to five rows. */
    public TablePreviewer() {
        this(DEFAULT_ROWS);
    }

    /** Shows up to {@code maxRows} rows, fewer if the budget is tight. */
    public TablePreviewer(int maxRows) {
        super(Table.class);
        Checks.atLeast("maxRows", maxRows, 0);
        this.maxRows = maxRows;
    }

    @Override
    Preview previewOf(Table table, int maxChars) {
        return render(table, title(table), table.rowCount(), maxChars);
    }

    /**
     * {@code table} (the first rows of a table of {@code totalRows} rows) under {@code title}, within {@code maxChars};
     * shared with the DuckDB engine's previewer, which fetches only the head. The preview has cells unless not even
     * every column's name fits.
     */
    Preview render(Table table, String title, long totalRows, int maxChars) {
        List<String> names = table.columnNames();
        List<String> dtypes = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            String dtype = Dtypes.of(column);
            dtypes.add(dtype);
            columns.add(column.name() + " (" + dtype + ")");
        }
        String columnLine = "columns: " + String.join(", ", columns);
        String[][] cells = cells(table, Math.min(maxRows, table.rowCount()));
        for (int rows = cells.length - 1; rows >= 0; rows--) {
            StringBuilder text = new StringBuilder(title).append('\n').append(columnLine);
            if (rows > 0) {
                for (String line : rowLines(cells, rows)) {
                    text.append('\n').append(line);
                }
            }
            appendMore(text, totalRows - rows);
            if (text.length() <= maxChars) {
                List<List<String>> shown = new ArrayList<>();
                for (int r = 1; r <= rows; r++) {
                    shown.add(List.of(cells[r]));
                }
                return Preview.of(
                        text.toString(), new ValuePreviewer.TableCells(title, names, dtypes, shown, totalRows - rows));
            }
        }
        // Too many columns to list: list as many as fit.
        for (int shown = columns.size() - 1; shown >= 0; shown--) {
            String line = "columns: " + String.join(", ", columns.subList(0, shown)) + (shown > 0 ? ", " : "") + "… "
                    + (columns.size() - shown) + " more";
            StringBuilder text = new StringBuilder(title).append('\n').append(line);
            appendMore(text, totalRows);
            if (text.length() <= maxChars) {
                return Preview.of(text.toString());
            }
        }
        return Preview.of(cut(title, maxChars));
    }

    private static String title(Table table) {
        return title(table.name(), table.rowCount(), table.columnCount());
    }

    /** {@code Table 'sales.csv': 40 rows x 3 columns}; shared with {@link RelationPreviewer}. */
    static String title(@Nullable String name, long rows, int columns) {
        String named = name == null || name.isEmpty() ? "Table" : "Table '" + name + "'";
        return named + ": " + rows + (rows == 1 ? " row" : " rows") + " x " + columns
                + (columns == 1 ? " column" : " columns");
    }

    /** The header (row 0) and the first {@code rows} rows as pandas writes their cells. */
    private static String[][] cells(Table table, int rows) {
        int columnCount = table.columnCount();
        String[][] cells = new String[rows + 1][columnCount];
        for (int c = 0; c < columnCount; c++) {
            Column<?> column = table.column(c);
            cells[0][c] = column.name();
            for (int r = 0; r < rows; r++) {
                cells[r + 1][c] = Cells.format(column, r);
            }
        }
        return cells;
    }

    /** The header and the first {@code rows} rows, each column right-aligned to its widest cell, as pandas prints. */
    private static List<String> rowLines(String[][] cells, int rows) {
        int columnCount = cells[0].length;
        int[] widths = new int[columnCount];
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c < columnCount; c++) {
                widths[c] = Math.max(widths[c], Cells.width(cells[r][c]));
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r <= rows; r++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columnCount; c++) {
                if (c > 0) {
                    text.append("  ");
                }
                text.append(" ".repeat(widths[c] - Cells.width(cells[r][c]))).append(cells[r][c]);
            }
            lines.add(text.toString());
        }
        return lines;
    }

    private static void appendMore(StringBuilder text, long hiddenRows) {
        if (hiddenRows > 0) {
            text.append("\n… ").append(hiddenRows).append(hiddenRows == 1 ? " more row" : " more rows");
        }
    }

    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
