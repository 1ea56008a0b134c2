package dev.pev4j.tools.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The fast path of {@link CsvReading}: parses a well-formed UTF-8 file byte by byte straight into primitive arrays,
 * with the same type inference, missing markers and quoting. Anything it is not sure to read exactly as the
 * Tablesaw path does (ragged rows, blank lines, a lone carriage return, cells with surrounding blanks, quotes inside
 * unquoted cells, carriage returns inside quotes, odd headers, text that is not UTF-8, no data rows) makes it give
 * up, and the caller reads the file the slow way. Columns are built in parallel. Stateless.
 */
final class FastCsv {

    /** Files larger than this are left to the streaming reader. */
    private static final long MAX_BYTES = 1L << 30;

    private static final int MAX_COLUMNS = 4096;
    private static final byte QUOTE = '"';

    /** Set on a cell's end offset when its text holds doubled quotes to undo. */
    private static final int ESCAPED = 1 << 31;

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        // Tablesaw's column type classes initialise each other in a cycle: two threads doing it at once deadlock,
        // so this thread does it before any column is built in parallel.
        LongColumn.create("long");
        DoubleColumn.create("double");
        BooleanColumn.create("bool");
        StringColumn.create("text");
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private FastCsv() {}

    /** The table, or empty when the file needs the streaming reader. */
    static Optional<Table> read(Path file, String name, char separator, Set<String> naValues, boolean header)
            throws IOException {
        if (separator >= 128
                || separator == '"'
                || separator == '\r'
                || separator == '\n'
                || !naValues.contains("")
                || Files.size(file) > MAX_BYTES) {
            return Optional.empty();
        }
        for (String marker : naValues) {
            if (marker.indexOf('"') >= 0 || !marker.strip().equals(marker)) {
                return Optional.empty();
            }
        }
        byte[] data = Files.readAllBytes(file);
        int start = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF
                ? 3
                : 0;
        if (!isUtf8(data, start)) {
            return Optional.empty();
        }
        Cells cells = tokenize(data, start, (byte) separator);
        if (cells == null) {
            return Optional.empty();
        }
        int columns = cells.columns;
        int firstRow = header ? 1 : 0;
        int rows = cells.records - firstRow;
        if (rows <= 0) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            if (header) {
                String text = cells.text(data, c);
                if (text.isEmpty() || !text.strip().equals(text)) {
                    return Optional.empty();
                }
                names.add(text);
            } else {
                names.add(String.valueOf(c));
            }
        }
        Set<String> lowerCase = new HashSet<>();
        for (String n : names) {
            if (!lowerCase.add(n.toLowerCase(java.util.Locale.ROOT))) {
                return Optional.empty(); // Tablesaw's names ignore case; leave clashes to its error
            }
        }
        NaMarkers markers = new NaMarkers(naValues);
        Column<?>[] built = new Column<?>[columns];
        IntStream.range(0, columns)
                .parallel()
                .forEach(c -> built[c] = column(data, cells, c, firstRow, rows, names.get(c), markers));
        return Optional.of(Table.create(name, built));
    }

    private static boolean isUtf8(byte[] data, int start) {
        int i = start;
        while (i < data.length && data[i] >= 0) {
            i++;
        }
        if (i == data.length) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, i, data.length - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Start and end offsets of every cell, row after row. */
    private static final class Cells {
        int columns;
        int records;
        private final IntPairs offsets = new IntPairs(1024);

        void add(int start, int end) {
            offsets.add(start, end);
        }

        int start(int cell) {
            return offsets.first(cell);
        }

        /** The end offset, with {@link #ESCAPED} set when the cell holds a doubled quote. */
        int end(int cell) {
            return offsets.second(cell);
        }

        String text(byte[] data, int cell) {
            int start = start(cell);
            int end = end(cell);
            if ((end & ESCAPED) == 0) {
                return new String(data, start, end - start, StandardCharsets.UTF_8);
            }
            end &= ~ESCAPED;
            byte[] unescaped = new byte[end - start];
            int n = 0;
            for (int i = start; i < end; i++) {
                unescaped[n++] = data[i];
                if (data[i] == QUOTE) {
                    i++; // the second quote of a doubled pair
                }
            }
            return new String(unescaped, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** Splits the file into cells; null when it is not the plain, rectangular CSV this reader handles. */
    private static @Nullable Cells tokenize(byte[] data, int start, byte separator) {
        Cells cells = new Cells();
        int length = data.length;
        if (start == length) {
            return null;
        }
        int i = start;
        int fieldsInRecord = 0;
        while (i < length) {
            byte first = data[i];
            if (fieldsInRecord == 0 && (first == '\n' || first == '\r' || first == 0)) {
                return null; // blank line, or a line univocity would read as a comment
            }
            int cellStart;
            int cellEnd;
            if (first == QUOTE) {
                cellStart = i + 1;
                int j = cellStart;
                boolean escaped = false;
                while (true) {
                    if (j >= length) {
                        return null; // unterminated quote
                    }
                    byte b = data[j];
                    if (b == QUOTE) {
                        if (j + 1 < length && data[j + 1] == QUOTE) {
                            escaped = true;
                            j += 2;
                            continue;
                        }
                        break;
                    } else if (b == '\r') {
                        return null; // univocity normalises line endings inside quotes
                    }
                    j++;
                }
                cellEnd = escaped ? (j | ESCAPED) : j;
                i = j + 1;
                if (i < length && data[i] != separator && data[i] != '\n' && data[i] != '\r') {
                    return null; // text after the closing quote
                }
            } else {
                cellStart = i;
                int j = i;
                while (j < length) {
                    byte b = data[j];
                    if (b == separator || b == '\n' || b == '\r') {
                        break;
                    }
                    if (b == QUOTE) {
                        return null;
                    }
                    j++;
                }
                if (j > cellStart && (isBlank(data[cellStart]) || isBlank(data[j - 1]))) {
                    return null; // Tablesaw trims these, pandas does not: leave it to the streaming reader
                }
                cellEnd = j;
                i = j;
            }
            cells.add(cellStart, cellEnd);
            fieldsInRecord++;
            if (fieldsInRecord > MAX_COLUMNS) {
                return null;
            }
            if (i >= length) {
                break;
            }
            byte b = data[i];
            if (b == separator) {
                i++;
                if (i == length || data[i] == '\n' || data[i] == '\r') {
                    cells.add(i, i); // an empty last cell
                    fieldsInRecord++;
                } else {
                    continue;
                }
            }
            if (i < length) {
                if (data[i] == '\r') {
                    if (i + 1 >= length || data[i + 1] != '\n') {
                        return null; // a lone carriage return
                    }
                    i += 2;
                } else if (data[i] == '\n') {
                    i++;
                }
            }
            if (!endRecord(cells, fieldsInRecord)) {
                return null;
            }
            fieldsInRecord = 0;
        }
        if (fieldsInRecord > 0 && !endRecord(cells, fieldsInRecord)) {
            return null;
        }
        return cells;
    }

    private static boolean endRecord(Cells cells, int fields) {
        if (cells.records == 0) {
            cells.columns = fields;
        } else if (fields != cells.columns) {
            return false;
        }
        cells.records++;
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** pandas' missing-value markers as bytes, by length. */
    private static final class NaMarkers {
        final byte[][][] byLength;

        NaMarkers(Set<String> values) {
            int max = 0;
            for (String value : values) {
                max = Math.max(max, value.getBytes(StandardCharsets.UTF_8).length);
            }
            List<List<byte[]>> lists = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                lists.add(new ArrayList<>());
            }
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                lists.get(bytes.length).add(bytes);
            }
            byLength = new byte[max + 1][][];
            for (int i = 0; i <= max; i++) {
                byLength[i] = lists.get(i).toArray(byte[][]::new);
            }
        }

        boolean matches(byte[] data, int start, int end) {
            int length = end - start;
            if (length >= byLength.length) {
                return false;
            }
            markers:
            for (byte[] marker : byLength[length]) {
                for (int i = 0; i < length; i++) {
                    if (marker[i] != data[start + i]) {
                        continue markers;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** One column: int64, then float64, then bool, else text, as {@link CsvReading} infers. */
    private static Column<?> column(
            byte[] data, Cells cells, int column, int firstRow, int rows, String name, NaMarkers markers) {
        int columns = cells.columns;
        boolean[] missing = new boolean[rows];
        long[] longs = new long[rows];
        boolean integers = true;
        boolean floats = true;
        boolean booleans = true;
        int present = 0;
        for (int r = 0; r < rows; r++) {
            int cell = (firstRow + r) * columns + column;
            int start = cells.start(cell);
            int end = cells.end(cell);
            if ((end & ESCAPED) != 0) {
                integers = floats = booleans = false; // holds a quote: text
                present++;
                continue;
            }
            if (markers.matches(data, start, end)) {
                missing[r] = true;
                continue;
            }
            present++;
            if (integers) {
                integers = parseLong(data, start, end, longs, r);
            }
            if (floats && !integers) {
                floats = isFloat(data, start, end);
            }
            if (booleans) {
                booleans = isBoolean(data, start, end);
            }
            if (!integers && !floats && !booleans) {
                break;
            }
        }
        if (integers && present > 0) {
            for (int r = 0; r < rows; r++) {
                if (missing[r]) {
                    longs[r] = Long.MIN_VALUE; // LongColumn's missing value
                }
            }
            return LongColumn.create(name, longs);
        } else if (floats) {
            double[] doubles = new double[rows];
            for (int r = 0; r < rows; r++) {
                if (missing[r]) {
                    doubles[r] = Double.NaN;
                } else {
                    int cell = (firstRow + r) * columns + column;
                    doubles[r] = parseDouble(data, cells.start(cell), cells.end(cell));
                }
            }
            return DoubleColumn.create(name, doubles);
        } else if (booleans) {
            BooleanColumn result = BooleanColumn.create(name, rows);
            for (int r = 0; r < rows; r++) {
                if (missing[r]) {
                    result.setMissing(r);
                } else {
                    int cell = (firstRow + r) * columns + column;
                    result.set(r, data[cells.start(cell)] != 'F' && data[cells.start(cell)] != 'f');
                }
            }
            return result;
        }
        return strings(data, cells, column, firstRow, rows, name, markers);
    }

    private static Column<?> strings(
            byte[] data, Cells cells, int column, int firstRow, int rows, String name, NaMarkers markers) {
        Interner interner = new Interner();
        Map<String, Integer> escaped = new HashMap<>(); // quoted cells with "" inside: ids after the interner's
        List<String> escapedTexts = new ArrayList<>();
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
            int cell = (firstRow + r) * cells.columns + column;
            int start = cells.start(cell);
            int end = cells.end(cell);
            if ((end & ESCAPED) != 0) {
                String text = cells.text(data, cell);
                codes[r] = -2
                        - escaped.computeIfAbsent(text, t -> {
                            escapedTexts.add(t);
                            return escapedTexts.size() - 1;
                        });
            } else if (markers.matches(data, start, end)) {
                codes[r] = -1;
            } else {
                codes[r] = interner.intern(data, start, end);
            }
        }
        // one code per distinct text: an escaped cell may equal a plain one, and "" is Tablesaw's missing text
        Map<String, Integer> canonical = new HashMap<>();
        List<String> values = new ArrayList<>();
        int plain = interner.size;
        int[] remap = new int[plain + escapedTexts.size()];
        for (int id = 0; id < remap.length; id++) {
            String text = id < plain ? interner.byId[id] : escapedTexts.get(id - plain);
            if (text.isEmpty()) {
                remap[id] = -1;
            } else {
                remap[id] = canonical.computeIfAbsent(text, t -> {
                    values.add(t);
                    return values.size() - 1;
                });
            }
        }
        boolean identity = values.size() == plain;
        for (int id = 0; id < plain && identity; id++) {
            identity = remap[id] == id;
        }
        for (int r = 0; r < rows; r++) {
            int code = codes[r];
            if (code <= -2) {
                codes[r] = remap[plain - 2 - code];
            } else if (code >= 0 && !identity) {
                codes[r] = remap[code];
            }
        }
        return TextPick.fromCodes(name, codes, values.toArray(new String[0]));
    }

    /** A dense id (in order of first sight) per distinct byte sequence, so that repeated cells cost one decode. */
    private static final class Interner {
        private int[] starts = new int[1024];
        private int[] ends = new int[1024];
        private int[] ids = new int[1024]; // id + 1; 0 is empty
        String[] byId = new String[512];
        int size;

        int intern(byte[] data, int start, int end) {
            int hash = 1;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + data[i];
            }
            hash ^= hash >>> 16;
            int mask = ids.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int found = ids[slot];
                if (found == 0) {
                    if (size == byId.length) {
                        byId = Arrays.copyOf(byId, size * 2);
                    }
                    byId[size] = new String(data, start, end - start, StandardCharsets.UTF_8);
                    ids[slot] = ++size;
                    starts[slot] = start;
                    ends[slot] = end;
                    if (size * 2 > ids.length) {
                        grow(data);
                    }
                    return size - 1;
                }
                if (ends[slot] - starts[slot] == end - start
                        && Arrays.equals(data, starts[slot], ends[slot], data, start, end)) {
                    return found - 1;
                }
            }
        }

        private void grow(byte[] data) {
            int[] oldStarts = starts;
            int[] oldEnds = ends;
            int[] oldIds = ids;
            starts = new int[oldIds.length * 2];
            ends = new int[oldIds.length * 2];
            ids = new int[oldIds.length * 2];
            int mask = ids.length - 1;
            for (int i = 0; i < oldIds.length; i++) {
                if (oldIds[i] != 0) {
                    int start = oldStarts[i];
                    int end = oldEnds[i];
                    int hash = 1;
                    for (int b = start; b < end; b++) {
                        hash = 31 * hash + data[b];
                    }
                    hash ^= hash >>> 16;
                    int slot = hash & mask;
                    while (ids[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    ids[slot] = oldIds[i];
                    starts[slot] = start;
                    ends[slot] = end;
                }
            }
        }
    }

    /** Parses {@code [+-]?[0-9]+} into {@code out[row]}; false when the cell is not that or overflows a long. */
    private static boolean parseLong(byte[] data, int start, int end, long[] out, int row) {
        int i = start;
        boolean negative = false;
        if (i < end && (data[i] == '-' || data[i] == '+')) {
            negative = data[i] == '-';
            i++;
        }
        if (i == end) {
            return false;
        }
        long value = 0; // accumulated negatively, to reach Long.MIN_VALUE
        for (; i < end; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (value < Long.MIN_VALUE / 10) {
                return false;
            }
            value *= 10;
            if (value < Long.MIN_VALUE + digit) {
                return false;
            }
            value -= digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return false;
            }
            value = -value;
        }
        out[row] = value;
        return true;
    }

    /** {@code [+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?} or {@code [+-]?(inf|infinity)}, any case. */
    private static boolean isFloat(byte[] data, int start, int end) {
        int i = start;
        if (i < end && (data[i] == '-' || data[i] == '+')) {
            i++;
        }
        if (isInfinity(data, i, end)) {
            return true;
        }
        int intDigits = 0;
        while (i < end && isDigit(data[i])) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < end && data[i] == '.') {
            i++;
            while (i < end && isDigit(data[i])) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < end && (data[i] == 'e' || data[i] == 'E')) {
            i++;
            if (i < end && (data[i] == '-' || data[i] == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(data[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isInfinity(byte[] data, int start, int end) {
        int length = end - start;
        if (length != 3 && length != 8) {
            return false;
        }
        String word = "infinity";
        for (int i = 0; i < length; i++) {
            if (Character.toLowerCase((char) data[start + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBoolean(byte[] data, int start, int end) {
        int length = end - start;
        if (length != 4 && length != 5) {
            return false;
        }
        String text = new String(data, start, length, StandardCharsets.ISO_8859_1);
        return text.equals("True")
                || text.equals("TRUE")
                || text.equals("true")
                || text.equals("False")
                || text.equals("FALSE")
                || text.equals("false");
    }

    /**
     * A cell that {@link #isFloat} accepted, as the nearest double: decimals of at most 15 digits without exponent
     * exactly (an exact integer divided by an exact power of ten rounds once), the rest by {@link Double#parseDouble}.
     */
    private static double parseDouble(byte[] data, int start, int end) {
        int i = start;
        boolean negative = false;
        if (data[i] == '-' || data[i] == '+') {
            negative = data[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            byte b = data[i];
            if (b == '.') {
                fraction = true;
            } else if (isDigit(b) && digits < 15) {
                mantissa = mantissa * 10 + (b - '0');
                digits++;
                if (fraction) {
                    fractionDigits++;
                }
            } else {
                break;
            }
        }
        if (i == end) {
            double value = mantissa / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        String text = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
        int sign = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (isInfinity(data, start + sign, end)) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }
}
