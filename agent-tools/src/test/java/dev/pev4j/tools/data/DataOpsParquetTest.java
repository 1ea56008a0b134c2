package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.booleans;
import static dev.pev4j.tools.data.Tables.doubles;
import static dev.pev4j.tools.data.Tables.longs;
import static dev.pev4j.tools.data.Tables.strings;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.workspace.WorkspaceException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.Table;

/** read_parquet and to_parquet, the same on every engine (DuckDbParityTest and SparkParityTest rerun them). */
class DataOpsParquetTest extends EngineTest {

    /** The column types of {@link #everyType()}, which a round trip keeps. */
    static final List<ColumnType> EVERY_TYPE = List.of(
            ColumnType.STRING,
            ColumnType.LONG,
            ColumnType.DOUBLE,
            ColumnType.BOOLEAN,
            ColumnType.LOCAL_DATE,
            ColumnType.LOCAL_DATE_TIME);

    /** One column of each type a table holds, each with a missing value. */
    static Table everyType() {
        DateColumn day = DateColumn.create("day");
        day.append(LocalDate.of(2024, 1, 31));
        day.appendMissing();
        day.append(LocalDate.of(1969, 12, 31));
        DateTimeColumn at = DateTimeColumn.create("at");
        at.append(LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_000_000));
        at.append(LocalDateTime.of(1960, 2, 29, 23, 59, 59));
        at.appendMissing();
        return Table.create(
                "every",
                strings("city", "Zürich", null, "東京"),
                longs("n", 1L, null, -9_007_199_254_740_993L),
                doubles("x", 1.5, -0.0, null),
                booleans("ok", true, null, false),
                day,
                at);
    }

    @Test
    void to_parquet_and_read_parquet_round_trip_every_type_with_missing_values() {
        assertThat(data.toParquet(everyType(), "out/every.parquet", null)).isEqualTo("out/every.parquet");

        Table back = data.readParquet("out/every.parquet");

        assertThat(back.columnNames()).containsExactly("city", "n", "x", "ok", "day", "at");
        assertThat(back.types()).containsExactlyElementsOf(EVERY_TYPE);
        assertThat(values(back, "city")).containsExactly("Zürich", null, "東京");
        assertThat(values(back, "n")).containsExactly(1L, null, -9_007_199_254_740_993L);
        assertThat(values(back, "x")).containsExactly(1.5, -0.0, null);
        assertThat(values(back, "ok")).containsExactly(true, null, false);
        assertThat(values(back, "day")).containsExactly(LocalDate.of(2024, 1, 31), null, LocalDate.of(1969, 12, 31));
        assertThat(values(back, "at"))
                .containsExactly(
                        LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_000_000),
                        LocalDateTime.of(1960, 2, 29, 23, 59, 59),
                        null);
    }

    @Test
    void an_empty_table_keeps_its_columns_and_types() {
        Table empty = everyType().emptyCopy();

        data.toParquet(empty, "empty.parquet", null);
        Table back = data.readParquet("empty.parquet");

        assertThat(back.rowCount()).isZero();
        assertThat(back.columnNames()).containsExactly("city", "n", "x", "ok", "day", "at");
        assertThat(back.types()).containsExactlyElementsOf(EVERY_TYPE);
    }

    @Test
    void to_parquet_replaces_a_file_only_with_overwrite_and_stays_inside_the_workspace() {
        data.toParquet(everyType(), "keep.parquet", null);
        Table other = Table.create("other", longs("n", 7L));

        assertThatThrownBy(() -> data.toParquet(other, "keep.parquet", false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'keep.parquet' already exists; choose another name or pass overwrite=true");
        assertThat(data.readParquet("keep.parquet").rowCount()).isEqualTo(3);

        assertThat(data.toParquet(other, "keep.parquet", true)).isEqualTo("keep.parquet");
        assertThat(values(data.readParquet("keep.parquet"), "n")).containsExactly(7L);

        assertThatThrownBy(() -> data.toParquet(other, "../out.parquet", null))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path '../out.parquet' is outside the workspace: '..' leads above the workspace root");
        assertThat(root.resolveSibling("out.parquet")).doesNotExist();
    }

    @Test
    void read_parquet_names_the_nearest_files_for_a_missing_one_and_refuses_paths_outside() {
        data.toParquet(everyType(), "sales.parquet", null);

        assertThatThrownBy(() -> data.readParquet("sale.parquet"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'sale.parquet' not found in the workspace; did you mean 'sales.parquet'? files: "
                        + "sales.parquet");
        assertThatThrownBy(() -> data.readParquet("../sales.parquet"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path '../sales.parquet' is outside the workspace: '..' leads above the workspace root");
    }
}
