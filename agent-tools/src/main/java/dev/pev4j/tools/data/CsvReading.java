package dev.pev4j.tools.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a CSV file the way pandas' {@code read_csv} does by default: Tablesaw parses every cell as text (so its
 * sample-based type guess cannot fail on a late row), then each column gets the type pandas would infer from all its
 * values. Well-formed files take {@link FastCsv}'s byte-level path, which gives the same table. Stateless.
 */
final class CsvReading {

    /** pandas' default {@code na_values} (pandas 2.x, {@code keep_default_na=True}). */
    static final Set<String> DEFAULT_NA_VALUES = Set.of(
            "",
            "#N/A",
            "#N/A N/A",
            "#NA",
            "-1.#IND",
            "-1.#QNAN",
            "-NaN",
            "-nan",
            "1.#IND",
            "1.#QNAN",
            "<NA>",
            "N/A",
            "NA",
            "NULL",
            "NaN",
            "None",
            "n/a",
            "nan",
            "null");

    /** pandas' default {@code na_values} and then {@code extra}, the markers a call adds ({@code null}: none). */
    static Set<String> naValues(@Nullable List<String> extra) {
        Set<String> markers = new LinkedHashSet<>(DEFAULT_NA_VALUES);
        if (extra != null) {
            markers.addAll(extra);
        }
        return markers;
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?(?i:inf|infinity)");
    private static final Set<String> TRUE_VALUES = Set.of("True", "TRUE", "true");
    private static final Set<String> FALSE_VALUES = Set.of("False", "FALSE", "false");

    private CsvReading() {}

    static Table read(Path file, String name, char separator, Set<String> naValues, boolean header) {
        try {
            Optional<Table> fast = FastCsv.read(file, name, separator, naValues, header);
            if (fast.isPresent()) {
                return fast.get();
            }
        } catch (IOException e) {
            throw new DataOpsException("could not read '" + name + "' as CSV: " + rootMessage(e), null, e);
        }
        try (Reader reader = utf8WithoutBom(file)) {
            return read(reader, name, separator, naValues, header);
        } catch (IOException e) {
            if (causedBy(e, CharacterCodingException.class)) {
                throw new DataOpsException("could not read '" + name + "': it is not UTF-8 text", null, e);
            }
            throw new DataOpsException("could not read '" + name + "' as CSV: " + rootMessage(e), null, e);
        }
    }

    /** {@link #read(Path, String, char, Set, boolean)} from text; the reader is not closed. */
    static Table read(Reader reader, String name, char separator, Set<String> naValues, boolean header) {
        Table raw;
        try {
            CsvReadOptions options = CsvReadOptions.builder(reader)
                    .tableName(name)
                    .separator(separator)
                    .header(header)
                    .missingValueIndicator(naValues.toArray(String[]::new))
                    .columnTypes(column -> ColumnType.STRING)
                    // pandas has no comment character and no cell length limit; univocity has both by default.
                    .commentPrefix('\0')
                    .maxCharsPerColumn(-1)
                    .build();
            raw = Table.read().usingOptions(options);
        } catch (RuntimeException e) {
            if (causedBy(e, CharacterCodingException.class)) {
                throw new DataOpsException("could not read '" + name + "': it is not UTF-8 text", null, e);
            }
            throw new DataOpsException("could not read '" + name + "' as CSV: " + rootMessage(e), null, e);
        }
        if (raw.columnCount() == 0) {
            throw new DataOpsException("could not read '" + name + "' as CSV: the file is empty, no columns to parse");
        }
        List<Column<?>> typed = new ArrayList<>();
        for (int i = 0; i < raw.columnCount(); i++) {
            StringColumn text = raw.stringColumn(i);
            // pandas numbers the columns of a file without header 0, 1, 2…; Tablesaw calls them C0, C1, C2…
            String columnName = header ? text.name() : String.valueOf(i);
            typed.add(infer(text, columnName));
        }
        return Table.create(name, typed);
    }

    /** int64, then float64, then bool, else object; a column with rows that are all missing is float64. */
    private static Column<?> infer(StringColumn text, String name) {
        int rows = text.size();
        if (rows == 0) {
            return StringColumn.create(name);
        }
        boolean integers = true;
        boolean floats = true;
        boolean booleans = true;
        for (int row = 0; row < rows && (integers || floats || booleans); row++) {
            if (text.isMissing(row)) {
                continue;
            }
            String cell = text.get(row);
            integers = integers && INTEGER.matcher(cell).matches() && fitsInLong(cell);
            floats = floats && FLOAT.matcher(cell).matches();
            booleans = booleans && (TRUE_VALUES.contains(cell) || FALSE_VALUES.contains(cell));
        }
        boolean allMissing = text.countMissing() == rows;
        if (integers && !allMissing) {
            LongColumn column = LongColumn.create(name);
            for (int row = 0; row < rows; row++) {
                if (text.isMissing(row)) {
                    column.appendMissing();
                } else {
                    column.append(Long.parseLong(text.get(row)));
                }
            }
            return column;
        } else if (floats) {
            DoubleColumn column = DoubleColumn.create(name);
            for (int row = 0; row < rows; row++) {
                if (text.isMissing(row)) {
                    column.appendMissing();
                } else {
                    column.append(parseDouble(text.get(row)));
                }
            }
            return column;
        } else if (booleans) {
            BooleanColumn column = BooleanColumn.create(name);
            for (int row = 0; row < rows; row++) {
                if (text.isMissing(row)) {
                    column.appendMissing();
                } else {
                    column.append(TRUE_VALUES.contains(text.get(row)));
                }
            }
            return column;
        }
        return text.copy().setName(name);
    }

    private static boolean fitsInLong(String cell) {
        try {
            Long.parseLong(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parseDouble(String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(cell);
    }

    /** UTF-8, as pandas reads by default, with a leading byte-order mark dropped as pandas drops it. */
    private static Reader utf8WithoutBom(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            reader.close();
            throw e;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.strip();
    }
}
