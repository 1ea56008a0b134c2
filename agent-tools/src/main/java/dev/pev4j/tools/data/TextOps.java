package dev.pev4j.tools.data;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * pandas' {@code .str} methods. Regular expressions run on RE2/J, whose matching time is linear in the text, so no
 * pattern a model writes can run for ever (back-references and look-arounds, which need backtracking, are refused).
 * Missing text stays missing. Stateless.
 */
final class TextOps {

    private TextOps() {}

    static String[] texts(Column<?> column, String tool) {
        if (column.type() != ColumnType.STRING) {
            throw new DataOpsException(
                    "cannot use " + tool + " on column '" + column.name() + "': it is "
                            + Dtypes.described(column) + ", not text; convert it with astype {\"" + column.name()
                            + "\": \"str\"} first",
                    column.name(),
                    null);
        }
        String[] out = new String[column.size()];
        StringColumn strings = (StringColumn) column;
        for (int row = 0; row < out.length; row++) {
            out[row] = strings.isMissing(row) ? null : strings.get(row);
        }
        return out;
    }

    static Pattern compile(String pattern, boolean caseSensitive) {
        try {
            return Pattern.compile(pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new DataOpsException("pattern '" + pattern + "' is not a regular expression this engine reads ("
                    + e.getDescription() + "); back-references and look-arounds are not supported, and regex=false "
                    + "matches plain text");
        }
    }

    /** {@code s.str.contains(pat, case, regex)}: true/false, missing for missing text (pandas' na default). */
    static BooleanColumn contains(Column<?> column, String pat, boolean caseSensitive, boolean regex, String name) {
        String[] texts = texts(column, "str_contains");
        Pattern pattern = compile(regex ? pat : Pattern.quote(pat), caseSensitive);
        BooleanColumn out = BooleanColumn.create(name);
        for (String text : texts) {
            if (text == null) {
                out.appendMissing();
            } else {
                out.append(pattern.matcher(text).find());
            }
        }
        return out;
    }

    /**
     * {@code s.str.replace(pat, repl, case, regex)}: every match replaced; in {@code repl}, {@code \1} or
     * {@code \g<name>} insert a group, as in Python.
     */
    static StringColumn replace(
            Column<?> column, String pat, String repl, boolean caseSensitive, boolean regex, String name) {
        String[] texts = texts(column, "str_replace");
        Pattern pattern = compile(regex ? pat : Pattern.quote(pat), caseSensitive);
        String replacement = regex ? re2Replacement(repl) : Matcher.quoteReplacement(repl);
        StringColumn out = StringColumn.create(name);
        for (String text : texts) {
            if (text == null) {
                out.appendMissing();
            } else {
                try {
                    out.append(pattern.matcher(text).replaceAll(replacement));
                } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                    throw new DataOpsException(
                            "repl '" + repl + "' refers to a group the pattern '" + pat + "' does not have");
                }
            }
        }
        return out;
    }

    /** Python's {@code \1} and {@code \g<name>} as RE2/J's {@code $1} and {@code ${name}}; a {@code $} stays text. */
    static String re2Replacement(String repl) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c == '$') {
                out.append("\\$");
            } else if (c == '\\' && i + 1 < repl.length()) {
                char next = repl.charAt(i + 1);
                if (Character.isDigit(next)) {
                    int end = i + 1;
                    while (end < repl.length() && Character.isDigit(repl.charAt(end)) && end < i + 3) {
                        end++;
                    }
                    out.append('$').append(repl, i + 1, end);
                    i = end - 1;
                } else if (next == 'g' && i + 2 < repl.length() && repl.charAt(i + 2) == '<') {
                    int close = repl.indexOf('>', i + 3);
                    if (close < 0) {
                        throw new DataOpsException("repl '" + repl + "' opens \\g< without closing >");
                    }
                    out.append("${").append(repl, i + 3, close).append('}');
                    i = close;
                } else if (next == '\\') {
                    out.append("\\\\");
                    i++;
                } else {
                    out.append(escapeEscape(next));
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escapeEscape(char next) {
        return switch (next) {
            case 'n' -> "\n";
            case 't' -> "\t";
            default -> "\\\\" + next;
        };
    }

    /**
     * {@code s.str.extract(pat, expand=False)}: the text of capture group {@code group} (1 = the first) of the first
     * match, missing when there is no match.
     */
    static StringColumn extract(Column<?> column, String pat, int group, boolean caseSensitive, String name) {
        String[] texts = texts(column, "str_extract");
        Pattern pattern = compile(pat, caseSensitive);
        if (pattern.groupCount() < 1) {
            throw new DataOpsException("pattern '" + pat + "' has no capture group; wrap the part to extract in "
                    + "parentheses, e.g. \"(\\\\d+)\"");
        }
        if (group < 1 || group > pattern.groupCount()) {
            throw new DataOpsException("group must be between 1 and " + pattern.groupCount() + " (the pattern's "
                    + "groups) but was " + group);
        }
        StringColumn out = StringColumn.create(name);
        for (String text : texts) {
            Matcher m = text == null ? null : pattern.matcher(text);
            String found = m != null && m.find() ? m.group(group) : null;
            if (found == null) {
                out.appendMissing();
            } else {
                out.append(found);
            }
        }
        return out;
    }

    /**
     * {@code s.str.split(pat, n, expand=True)}: columns {@code <name>_0}, {@code <name>_1} … for the parts, as many
     * as the longest split; shorter rows and missing text are missing. Without pat, runs of whitespace split (and
     * leading/trailing whitespace is dropped), as Python's {@code str.split()}; a one-character pat is plain text,
     * a longer one a regular expression (pandas' {@code regex=None}).
     */
    static List<StringColumn> split(Column<?> column, @Nullable String pat, int n, String name) {
        String[] texts = texts(column, "str_split");
        Pattern pattern;
        boolean whitespace = pat == null || pat.isEmpty();
        if (pat == null || pat.isEmpty()) {
            pattern = Pattern.compile("\\s+");
        } else {
            pattern = compile(pat.length() == 1 ? Pattern.quote(pat) : pat, true);
        }
        List<String[]> parts = new ArrayList<>();
        int widest = 0;
        for (String text : texts) {
            String[] split = null;
            if (text != null) {
                String t = whitespace ? text.strip() : text;
                split = whitespace && t.isEmpty() ? new String[0] : splitAll(pattern, t, n);
                widest = Math.max(widest, split.length);
            }
            parts.add(split);
        }
        List<StringColumn> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, widest); i++) {
            StringColumn part = StringColumn.create(name + "_" + i);
            for (String[] split : parts) {
                if (split == null || i >= split.length) {
                    part.appendMissing();
                } else {
                    part.append(split[i]);
                }
            }
            out.add(part);
        }
        return out;
    }

    /** Python's {@code re.split} with at most {@code n} splits ({@code n <= 0}: all), keeping empty parts. */
    private static String[] splitAll(Pattern pattern, String text, int n) {
        List<String> parts = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int start = 0;
        int splits = 0;
        while ((n <= 0 || splits < n) && m.find()) {
            parts.add(text.substring(start, m.start()));
            start = m.end();
            splits++;
        }
        parts.add(text.substring(start));
        return parts.toArray(new String[0]);
    }

    /** {@code s.str.strip(chars)} (whitespace without chars), {@code s.str.lower()} and {@code s.str.upper()}. */
    static StringColumn map(Column<?> column, String op, @Nullable String chars, String name) {
        String[] texts = texts(column, "str_" + op);
        StringColumn out = StringColumn.create(name);
        for (String text : texts) {
            if (text == null) {
                out.appendMissing();
                continue;
            }
            out.append(
                    switch (op) {
                        case "lower" -> text.toLowerCase(java.util.Locale.ROOT);
                        case "upper" -> text.toUpperCase(java.util.Locale.ROOT);
                        default -> strip(text, chars);
                    });
        }
        return out;
    }

    private static String strip(String text, @Nullable String chars) {
        if (chars == null) {
            return text.strip();
        }
        int start = 0;
        int end = text.length();
        while (start < end && chars.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /** {@code s.str.len()}: characters (code points, as Python counts), missing for missing text. */
    static LongColumn len(Column<?> column, String name) {
        String[] texts = texts(column, "str_len");
        LongColumn out = LongColumn.create(name);
        for (String text : texts) {
            if (text == null) {
                out.appendMissing();
            } else {
                out.append(text.codePointCount(0, text.length()));
            }
        }
        return out;
    }

    /** Adds {@code parts} after the columns of {@code table}, failing on a name that exists. */
    static Table withColumns(Table table, List<StringColumn> parts) {
        Table result = table.copy();
        for (StringColumn part : parts) {
            if (result.columnNames().stream().anyMatch(n -> n.equalsIgnoreCase(part.name()))) {
                throw new DataOpsException(
                        "column '" + part.name() + "' exists already; pass another name", part.name(), null);
            }
            result.addColumns(part);
        }
        return result;
    }
}
