package dev.pev4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table read back from a table preview as agent-tools' previewer writes it (a title line {@code Table 'x': 3 rows x
 * 2 columns}, a {@code columns: a (int64), b (object)} line, then a header and rows, each column right-aligned and
 * separated by two spaces, and maybe {@code … 7 more rows}). Anything that does not fit this shape exactly is not a
 * table preview, and the report shows it as text. Immutable and thread-safe.
 */
record TablePreview(String title, List<String> columns, List<String> dtypes, List<List<String>> rows, String more) {

    private static final Pattern TITLE = Pattern.compile("Table.*: \\d+ rows? x \\d+ columns?");
    private static final Pattern COLUMN_SEPARATOR = Pattern.compile(", (?=[^,]+ \\()");
    private static final Pattern COLUMN = Pattern.compile("(.+) \\(([A-Za-z0-9\\[\\], ]+)\\)");

    TablePreview {
        columns = List.copyOf(columns);
        dtypes = List.copyOf(dtypes);
        rows = rows.stream().map(List::copyOf).toList();
    }

    static Optional<TablePreview> parse(String preview) {
        List<String> lines = new ArrayList<>(List.of(preview.split("\n", -1)));
        if (lines.size() < 3
                || !TITLE.matcher(lines.get(0)).matches()
                || !lines.get(1).startsWith("columns: ")) {
            return Optional.empty();
        }
        String more = "";
        String last = lines.get(lines.size() - 1);
        if (last.startsWith("… ") && last.contains(" more row")) {
            more = last;
            lines.remove(lines.size() - 1);
        }
        List<String> names = new ArrayList<>();
        List<String> dtypes = new ArrayList<>();
        for (String described : COLUMN_SEPARATOR.split(lines.get(1).substring("columns: ".length()), -1)) {
            Matcher m = COLUMN.matcher(described);
            if (!m.matches()) {
                return Optional.empty();
            }
            names.add(m.group(1));
            dtypes.add(m.group(2));
        }
        if (lines.size() < 3) {
            return Optional.empty();
        }
        String header = lines.get(2);
        int[] ends = new int[names.size()];
        int cursor = 0;
        for (int c = 0; c < names.size(); c++) {
            int start = cursor;
            while (start < header.length() && header.charAt(start) == ' ') {
                start++;
            }
            if (!header.startsWith(names.get(c), start)) {
                return Optional.empty();
            }
            ends[c] = start + names.get(c).length();
            cursor = ends[c];
        }
        if (cursor != header.length()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            if (line.length() != header.length()) {
                return Optional.empty();
            }
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int c = 0; c < ends.length; c++) {
                if (c > 0 && !line.startsWith("  ", from)) {
                    return Optional.empty();
                }
                cells.add(line.substring(from, ends[c]).strip());
                from = ends[c];
            }
            rows.add(cells);
        }
        return Optional.of(new TablePreview(lines.get(0), names, dtypes, rows, more));
    }
}
