package dev.pev4j.tools.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Writes a table as pandas' {@code df.to_csv(index=False)} does. Stateless. */
final class CsvWriting {

    private CsvWriting() {}

    /**
     * A header line and one line per row, comma-separated, {@code \n} line ends, UTF-8; cells quoted only when they
     * hold a comma, a quote or a line break (quotes doubled); missing cells empty; floats as Python's {@code repr};
     * {@code True}/{@code False}; date-time columns as dates when every time is midnight.
     */
    static void write(Table table, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<Column<?>> columns = table.columns();
        boolean[] datesOnly = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            datesOnly[c] = Datetimes.datesOnly(columns.get(c));
            if (c > 0) {
                writer.write(',');
            }
            writer.write(field(columns.get(c).name(), columns.size()));
        }
        writer.write('\n');
        for (int row = 0; row < table.rowCount(); row++) {
            for (int c = 0; c < columns.size(); c++) {
                Column<?> column = columns.get(c);
                if (c > 0) {
                    writer.write(',');
                }
                String text = column.isMissing(row) ? "" : Datetimes.text(column, row, datesOnly[c]);
                writer.write(field(text, columns.size()));
            }
            writer.write('\n');
        }
        writer.flush(); // the workspace closes the stream
    }

    private static String field(String text, int columns) {
        if (text.isEmpty() && columns == 1) {
            return "\"\""; // Python's csv module quotes a lone empty field so the line is not blank
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
