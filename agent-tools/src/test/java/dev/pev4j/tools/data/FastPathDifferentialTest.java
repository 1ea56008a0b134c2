package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Differential tests: on seeded random inputs, each fast path ({@link FastCsv}, {@link FastMerge},
 * {@link FastAggregation}) gives exactly what the plain Tablesaw path it stands in for gives. A failing seed is
 * printed in the message; keep it as a named regression test next to the fix.
 */
class FastPathDifferentialTest {

    private static final int SEEDS = 400;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- CSV

    private static final String[] NAMES = {"a", "b", "c", "id", "x y", "value", "é"};
    private static final String[] NA = {"", "NA", "null", "n/a", "NaN", "None", "<NA>", "#N/A"};
    private static final String[] INTS = {
        "0",
        "-0",
        "+7",
        "42",
        "-17",
        "007",
        String.valueOf(Long.MAX_VALUE),
        String.valueOf(Long.MIN_VALUE),
        "9223372036854775808",
        "-9223372036854775809",
        "123456789012"
    };
    private static final String[] FLOATS = {
        "0.5",
        "-1.25",
        "1.",
        ".5",
        "1e5",
        "1E-3",
        "-2.5e+10",
        "1.7976931348623157e308",
        "4.9e-324",
        "2.2250738585072014E-308",
        "0.1",
        "123456789012345678901234567890.5",
        "1e22",
        "1e23",
        "-0.0",
        "inf",
        "-Infinity",
        "+inf",
        "3.141592653589793238462643383279",
        "9007199254740993",
        "1e400",
        "1e-400"
    };
    private static final String[] BOOLS = {"True", "False", "true", "FALSE"};
    private static final String[] TEXTS = {
        "x",
        "hello world",
        "a,b",
        "say \"hi\"",
        "line\nbreak",
        "crlf\r\nin cell",
        " padded ",
        "ümlaut",
        "42abc",
        "1,5",
        "TRUE ",
        "'q'",
        "\"",
        ""
    };

    @Test
    void fast_csv_reader_gives_the_same_tables_as_the_plain_tablesaw_path() throws IOException {
        int fast = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            if (csvAgrees(seed, randomCsv(new Random(seed)))) {
                fast++;
            }
        }
        // most generated files are rectangular and UTF-8, so the fast path must have answered for many of them
        assertThat(fast).as("files the fast path read").isGreaterThan(SEEDS / 3);
    }

    private boolean csvAgrees(int seed, String text) throws IOException {
        Path file = dir.resolve("t" + seed + ".csv");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Set<String> na = CsvReading.DEFAULT_NA_VALUES;
        boolean header = seed % 7 != 3;
        Optional<Table> fast;
        try {
            fast = FastCsv.read(file, "t", ',', na, header);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": FastCsv failed on " + show(text), e);
        }
        if (fast.isEmpty()) {
            return false;
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Table plain;
        try (Reader reader = new StringReader(body)) {
            plain = CsvReading.read(reader, "t", ',', na, header);
        } catch (DataOpsException e) {
            fail("seed " + seed + ": the plain path fails (" + e.getMessage() + ") where the fast one reads "
                    + show(text));
            return false;
        }
        if (!sameTable(fast.get(), plain)) {
            assertSameTable("seed " + seed + " on " + show(text), fast.get(), plain);
        }
        return true;
    }

    static String randomCsv(Random random) {
        int columns = 1 + random.nextInt(5);
        int rows = random.nextInt(8);
        String eol = random.nextInt(3) == 0 ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder();
        if (random.nextInt(5) == 0) {
            out.append('\uFEFF');
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            names.add(names.contains(name) ? name + c : name); // duplicate headers are a separate error path
        }
        out.append(String.join(
                ",", names.stream().map(n -> quoteIfNeeded(n, random)).toList()));
        String[] kinds = new String[columns];
        for (int c = 0; c < columns; c++) {
            kinds[c] = new String[] {"int", "float", "bool", "text", "na", "mixed"}[random.nextInt(6)];
        }
        for (int r = 0; r < rows; r++) {
            out.append(eol);
            int cells = columns;
            if (random.nextInt(25) == 0) {
                cells += random.nextBoolean() ? 1 : -1; // a ragged row
            }
            List<String> row = new ArrayList<>();
            for (int c = 0; c < Math.max(1, cells); c++) {
                row.add(quoteIfNeeded(cell(kinds[Math.min(c, columns - 1)], random), random));
            }
            out.append(String.join(",", row));
        }
        if (random.nextBoolean()) {
            out.append(eol);
        }
        return out.toString();
    }

    private static String cell(String kind, Random random) {
        if (random.nextInt(6) == 0) {
            return NA[random.nextInt(NA.length)];
        }
        switch (kind) {
            case "int":
                return random.nextInt(4) == 0 ? INTS[random.nextInt(INTS.length)] : String.valueOf(random.nextLong());
            case "float":
                return random.nextInt(3) == 0
                        ? FLOATS[random.nextInt(FLOATS.length)]
                        : String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case "bool":
                return BOOLS[random.nextInt(BOOLS.length)];
            case "text":
                return TEXTS[random.nextInt(TEXTS.length)];
            case "na":
                return NA[random.nextInt(NA.length)];
            default:
                String[][] all = {INTS, FLOATS, BOOLS, TEXTS, NA};
                String[] pick = all[random.nextInt(all.length)];
                return pick[random.nextInt(pick.length)];
        }
    }

    private static String quoteIfNeeded(String cell, Random random) {
        boolean must = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        if (must || random.nextInt(10) == 0) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static String show(String text) {
        return "\""
                + text.replace("\\", "\\\\")
                        .replace("\r", "\\r")
                        .replace("\n", "\\n")
                        .replace("\"", "\\\"")
                        .replace("\uFEFF", "\\uFEFF")
                + "\"";
    }

    // ---------------------------------------------------------------- merge

    @Test
    void fast_merge_pairs_the_same_rows_as_the_plain_map_pairing_for_every_how() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            int keys = 1 + random.nextInt(2);
            int leftRows = random.nextInt(12);
            int rightRows = random.nextInt(12);
            List<Column<?>> leftKeys = new ArrayList<>();
            List<Column<?>> rightKeys = new ArrayList<>();
            List<Boolean> asDouble = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                int type = random.nextInt(5);
                // type 4: an int64 key against a float64 one, compared as doubles as Merging does
                Column<?> l = keyColumn("k" + k, type == 4 ? 0 : type, leftRows, random);
                Column<?> r = keyColumn("k" + k, type == 4 ? 1 : type, rightRows, random);
                leftKeys.add(l);
                rightKeys.add(r);
                asDouble.add(type == 1 || type == 4);
            }
            for (String how : Merging.HOWS) {
                int[][] fast = FastMerge.pairs(new Merging.Keys(leftKeys, rightKeys, asDouble), how);
                if (fast == null) {
                    continue;
                }
                int[][] plain = Merging.plainPairs(new Merging.Keys(leftKeys, rightKeys, asDouble), how);
                if (Arrays.equals(fast[0], plain[0]) && Arrays.equals(fast[1], plain[1])) {
                    continue;
                }
                String where = "seed " + seed + ", how=" + how + ", left " + leftKeys + ", right " + rightKeys;
                assertThat(fast[0]).as(where + ": left rows").containsExactly(plain[0]);
                assertThat(fast[1]).as(where + ": right rows").containsExactly(plain[1]);
            }
        }
    }

    /** Keys drawn from a few values so they repeat (duplicate keys) and miss (keys on one side only). */
    private static Column<?> keyColumn(String name, int type, int rows, Random random) {
        boolean missing = random.nextBoolean();
        switch (type) {
            case 0: {
                LongColumn column = LongColumn.create(name);
                long[] values = {0, 1, 2, 3, Long.MAX_VALUE, Long.MIN_VALUE, -1, 1L << 53, (1L << 53) + 1};
                for (int i = 0; i < rows; i++) {
                    if (missing && random.nextInt(5) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(values[random.nextInt(random.nextBoolean() ? 4 : values.length)]);
                    }
                }
                return column;
            }
            case 1: {
                DoubleColumn column = DoubleColumn.create(name);
                double[] values = {
                    0.0,
                    -0.0,
                    1.0,
                    2.5,
                    3.0,
                    Double.POSITIVE_INFINITY,
                    9.223372036854776E18,
                    9007199254740992.0,
                    0.1 + 0.2,
                    0.3
                };
                for (int i = 0; i < rows; i++) {
                    if (missing && random.nextInt(5) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(values[random.nextInt(random.nextBoolean() ? 5 : values.length)]);
                    }
                }
                return column;
            }
            case 2: {
                StringColumn column = StringColumn.create(name);
                String[] values = {"a", "b", "c", "", "A", "a "};
                for (int i = 0; i < rows; i++) {
                    if (missing && random.nextInt(5) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(values[random.nextInt(values.length)]);
                    }
                }
                return column;
            }
            default: {
                BooleanColumn column = BooleanColumn.create(name);
                for (int i = 0; i < rows; i++) {
                    if (missing && random.nextInt(5) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(random.nextBoolean());
                    }
                }
                return column;
            }
        }
    }

    // ---------------------------------------------------------------- group-by

    private static final List<Aggregation> FAST_AGGREGATIONS =
            List.of(Aggregation.SUM, Aggregation.MEAN, Aggregation.COUNT, Aggregation.SIZE);

    @Test
    void fast_aggregation_gives_the_same_columns_as_the_plain_aggregation_over_rows_per_group() {
        int fast = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            int rows = random.nextInt(20);
            int groups = rows == 0 ? 0 : 1 + random.nextInt(Math.min(rows, 5));
            int[] groupOf = new int[rows];
            for (int row = 0; row < rows; row++) {
                // -1: a row with a missing key, in no group
                groupOf[row] = random.nextInt(8) == 0 ? -1 : random.nextInt(groups);
            }
            int count = renumber(groupOf);
            GroupBy.Grouping grouping = new GroupBy.Grouping(groupOf, count, new int[count]);
            Column<?> column = valueColumn(random.nextInt(4), rows, random);
            for (Aggregation aggregation : FAST_AGGREGATIONS) {
                Optional<Column<?>> result = FastAggregation.apply(aggregation, column, groupOf, count, "out");
                if (result.isEmpty()) {
                    continue;
                }
                fast++;
                Column<?> plain = aggregation.apply(column, grouping.rowsPerGroup(), "out");
                if (!sameColumn(result.get(), plain)) {
                    assertSameColumn(
                            "seed " + seed + ", " + aggregation.pandasName() + " of " + column.print() + " grouped "
                                    + Arrays.toString(groupOf),
                            result.get(),
                            plain);
                }
            }
        }
        assertThat(fast).as("aggregations the fast path answered").isGreaterThan(SEEDS * 2);
    }

    /** Numbers the groups that have rows 0, 1, 2… in order of first appearance (every real group has a row). */
    private static int renumber(int[] groupOf) {
        int[] ids = new int[groupOf.length + 1];
        Arrays.fill(ids, -1);
        int count = 0;
        for (int row = 0; row < groupOf.length; row++) {
            int g = groupOf[row];
            if (g >= 0) {
                if (ids[g] < 0) {
                    ids[g] = count++;
                }
                groupOf[row] = ids[g];
            }
        }
        return count;
    }

    private static Column<?> valueColumn(int type, int rows, Random random) {
        switch (type) {
            case 0: {
                DoubleColumn column = DoubleColumn.create("v");
                double[] wide = {1e308, -1e308, 1e-300, 0.1, 1e16, 1.0, -0.0, Double.POSITIVE_INFINITY};
                for (int i = 0; i < rows; i++) {
                    int pick = random.nextInt(10);
                    if (pick == 0) {
                        column.appendMissing();
                    } else if (pick < 4) {
                        column.append(wide[random.nextInt(wide.length)]);
                    } else {
                        column.append(random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
                    }
                }
                return column;
            }
            case 1: {
                LongColumn column = LongColumn.create("v");
                for (int i = 0; i < rows; i++) {
                    int pick = random.nextInt(10);
                    if (pick == 0) {
                        column.appendMissing();
                    } else if (pick == 1) {
                        column.append(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + 1);
                    } else {
                        column.append(random.nextInt(2001) - 1000);
                    }
                }
                return column;
            }
            case 2: {
                IntColumn column = IntColumn.create("v");
                for (int i = 0; i < rows; i++) {
                    if (random.nextInt(10) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(random.nextInt());
                    }
                }
                return column;
            }
            default: {
                StringColumn column = StringColumn.create("v");
                for (int i = 0; i < rows; i++) {
                    if (random.nextInt(5) == 0) {
                        column.appendMissing();
                    } else {
                        column.append(random.nextBoolean() ? "x" : "y");
                    }
                }
                return column;
            }
        }
    }

    // ---------------------------------------------------------------- comparison

    /** The cheap check; the assertions below only run to explain a difference. */
    static boolean sameTable(Table fast, Table plain) {
        if (!fast.columnNames().equals(plain.columnNames()) || fast.rowCount() != plain.rowCount()) {
            return false;
        }
        for (int c = 0; c < plain.columnCount(); c++) {
            if (!sameColumn(fast.column(c), plain.column(c))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameColumn(Column<?> fast, Column<?> plain) {
        if (!fast.name().equals(plain.name()) || !fast.type().equals(plain.type()) || fast.size() != plain.size()) {
            return false;
        }
        for (int row = 0; row < plain.size(); row++) {
            if (fast.isMissing(row) != plain.isMissing(row)) {
                return false;
            }
            if (plain.isMissing(row)) {
                continue;
            }
            Object f = fast.get(row);
            Object p = plain.get(row);
            boolean same = (f instanceof Double fd && p instanceof Double pd)
                    ? Double.doubleToLongBits(fd) == Double.doubleToLongBits(pd)
                    : f.equals(p);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    static void assertSameTable(String where, Table fast, Table plain) {
        assertThat(fast.columnNames()).as(where + ": column names").isEqualTo(plain.columnNames());
        assertThat(fast.rowCount()).as(where + ": rows").isEqualTo(plain.rowCount());
        for (int c = 0; c < plain.columnCount(); c++) {
            assertSameColumn(where, fast.column(c), plain.column(c));
        }
    }

    static void assertSameColumn(String where, Column<?> fast, Column<?> plain) {
        String column = where + ", column '" + plain.name() + "'";
        assertThat(fast.name()).as(column + ": name").isEqualTo(plain.name());
        assertThat(fast.type()).as(column + ": type").isEqualTo(plain.type());
        assertThat(fast.size()).as(column + ": size").isEqualTo(plain.size());
        for (int row = 0; row < plain.size(); row++) {
            String cell = column + ", row " + row;
            assertThat(fast.isMissing(row)).as(cell + ": missing").isEqualTo(plain.isMissing(row));
            if (plain.isMissing(row)) {
                continue;
            }
            Object f = fast.get(row);
            Object p = plain.get(row);
            if (f instanceof Double fd && p instanceof Double pd) {
                // bit for bit: the same rounding, the same sign of zero
                assertThat(Double.doubleToLongBits(fd))
                        .as(cell + ": " + fd + " vs " + pd)
                        .isEqualTo(Double.doubleToLongBits(pd));
            } else {
                assertThat(f).as(cell).isEqualTo(p);
            }
        }
    }
}
