package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RelationPreviewerTest {

    @TempDir
    Path root;

    SqlDataOps duck;

    @BeforeEach
    void open() throws IOException {
        Files.writeString(
                root.resolve("sales.csv"), "region,revenue,units\nN,10.5,1\nS,5,2\nN,,3\nE|W,7,4\nE,2,5\nS,3,6\n");
        duck = SqlDataOps.open(Workspace.of(root), new Engine.DuckDb("512MB", 2));
    }

    @AfterEach
    void close() {
        duck.close();
    }

    @Test
    void hands_over_the_first_rows_of_a_relation_as_cells_and_counts_the_rest() {
        Relation sales = duck.readCsv("sales.csv");

        ValuePreviewer.Preview preview =
                new RelationPreviewer().structured(sales, 2000).orElseThrow();

        assertThat(preview.text())
                .isEqualTo(new RelationPreviewer().preview(sales, 2000).orElseThrow());
        assertThat(preview.cells())
                .contains(new ValuePreviewer.TableCells(
                        "Table 'sales.csv': 6 rows x 3 columns (DuckDB, lazy)",
                        List.of("region", "revenue", "units"),
                        List.of("object", "float64", "int64"),
                        List.of(
                                List.of("N", "10.5", "1"),
                                List.of("S", "5.0", "2"),
                                List.of("N", "NaN", "3"),
                                List.of("E|W", "7.0", "4"),
                                List.of("E", "2.0", "5")),
                        1));
    }

    @Test
    void previews_only_relations() {
        assertThat(new RelationPreviewer().structured(Table.create("t"), 100)).isEmpty();
    }
}
