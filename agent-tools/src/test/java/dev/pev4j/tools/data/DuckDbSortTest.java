package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * sort_values on DuckDB keeps tied rows in their order (pandas' {@code kind="stable"}), on an input large enough that
 * DuckDB's own {@code ORDER BY} does not: the reason its SQL carries the row number at all.
 */
class DuckDbSortTest {

    private static final int ROWS = 100_000;
    private static final String[] KEYS = {"b", "a", "c", "", "d"}; // "" is a missing key

    @TempDir
    Path root;

    SqlDataOps duck;

    /** The rows as generated, in file order: {@code i} numbers them. */
    final List<Object[]> rows = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        Random random = new Random(17);
        StringBuilder csv = new StringBuilder("k,v,i\n");
        for (int i = 0; i < ROWS; i++) {
            String k = KEYS[random.nextInt(KEYS.length)];
            int v = random.nextInt(11); // 10: a missing value
            csv.append(k)
                    .append(',')
                    .append(v == 10 ? "" : String.valueOf(v))
                    .append(',')
                    .append(i)
                    .append('\n');
            rows.add(new Object[] {k.isEmpty() ? null : k, v == 10 ? null : (long) v, (long) i});
        }
        Files.writeString(root.resolve("ties.csv"), csv);
        duck = SqlDataOps.open(Workspace.of(root), new Engine.DuckDb("512MB", 2));
    }

    @AfterEach
    void close() {
        duck.close();
    }

    @Test
    void ties_keep_their_order_with_missing_values_last_in_both_directions() {
        Relation ties = duck.readCsv("ties.csv");
        List<Object> expected = stableOrder();

        Table sorted =
                duck.sortValues(ties, List.of("k", "v"), List.of(true, false)).toTable();
        Table sortedPersisted = duck.sortValues(duck.persist(ties), List.of("k", "v"), List.of(true, false))
                .toTable();

        assertThat(values(sorted, "i")).isEqualTo(expected);
        assertThat(values(sortedPersisted, "i")).isEqualTo(expected);
    }

    @Test
    void duckdbs_own_order_by_puts_tied_rows_out_of_their_order() {
        Relation ties = duck.persist(duck.readCsv("ties.csv"), "ties");

        Table plain = duck.sql("SELECT * FROM ties ORDER BY k ASC NULLS LAST, v DESC NULLS LAST", "plain")
                .toTable();

        assertThat(ties.rows()).isEqualTo(ROWS);
        assertThat(values(plain, "i")).hasSize(ROWS).isNotEqualTo(stableOrder());
    }

    /** The {@code i} column after a stable sort in Java: k ascending, v descending, missing values last. */
    private List<Object> stableOrder() {
        Comparator<Object[]> byK = Comparator.comparing(
                (Object[] row) -> (String) row[0], Comparator.nullsLast(Comparator.<String>naturalOrder()));
        Comparator<Object[]> byV = Comparator.comparing(
                (Object[] row) -> (Long) row[1], Comparator.nullsLast(Comparator.<Long>reverseOrder()));
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort(byK.thenComparing(byV)); // List.sort is stable
        List<Object> order = new ArrayList<>();
        for (Object[] row : sorted) {
            order.add(row[2]);
        }
        return order;
    }
}
