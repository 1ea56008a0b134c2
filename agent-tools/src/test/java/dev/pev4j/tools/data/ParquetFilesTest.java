package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * The Tablesaw engine's Parquet files against DuckDB's (DuckDB's JDBC driver is on the test class path): files DuckDB
 * writes, every type, timestamp unit and codec, are read with pandas' types; files written here read back in DuckDB
 * with the right types and values. All files are made by the tests.
 */
class ParquetFilesTest {

    @TempDir
    Path root;

    DataOps data;
    Connection duck;

    @BeforeEach
    void open() throws SQLException {
        data = DataOps.in(Workspace.of(root));
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    private void duck(String sql) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            statement.execute(sql);
        }
    }

    private void duckWrites(String select, String file, String options) throws SQLException {
        duck("COPY (" + select + ") TO '" + root.resolve(file) + "' (FORMAT parquet" + options + ")");
    }

    private List<List<Object>> duckRows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(String.valueOf(result.getObject(c)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void reads_every_flat_type_duckdb_writes_with_pandas_types_and_nulls() throws SQLException {
        duckWrites(
                "SELECT * FROM (VALUES (1::TINYINT, 2::SMALLINT, 3::INTEGER, 4::BIGINT, 200::UTINYINT, "
                        + "4000000000::UINTEGER, 18446744073709551615::UBIGINT, 1.5::FLOAT, 2.25::DOUBLE, "
                        + "12.34::DECIMAL(10,2), 123456789012345678.1234::DECIMAL(38,4), true, 'zürich', "
                        + "DATE '2024-01-31', TIME '10:11:12.345', TIMESTAMP_MS '2024-01-31 10:11:12.345', "
                        + "TIMESTAMP '2024-01-31 10:11:12.345678', TIMESTAMP_NS '1969-12-31 23:59:59.999999999', "
                        + "TIMESTAMPTZ '2024-01-31 10:11:12.345+02', '5f1b7e0a-3c2d-4e5f-8a9b-0c1d2e3f4a5b'::UUID), "
                        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL)) t(i8, i16, i32, i64, u8, u32, u64, f, d, dec, big, b, s, "
                        + "day, clock, ms, us, ns, utc, id)",
                "types.parquet",
                "");

        Table table = data.readParquet("types.parquet");

        assertThat(table.types())
                .containsExactly(
                        ColumnType.LONG,
                        ColumnType.LONG,
                        ColumnType.LONG,
                        ColumnType.LONG,
                        ColumnType.LONG,
                        ColumnType.LONG,
                        ColumnType.DOUBLE,
                        ColumnType.DOUBLE,
                        ColumnType.DOUBLE,
                        ColumnType.DOUBLE,
                        ColumnType.DOUBLE,
                        ColumnType.BOOLEAN,
                        ColumnType.STRING,
                        ColumnType.LOCAL_DATE,
                        ColumnType.LOCAL_TIME,
                        ColumnType.LOCAL_DATE_TIME,
                        ColumnType.LOCAL_DATE_TIME,
                        ColumnType.LOCAL_DATE_TIME,
                        ColumnType.LOCAL_DATE_TIME,
                        ColumnType.STRING);
        List<Object> first = new ArrayList<>();
        for (String column : table.columnNames()) {
            first.add(table.column(column).get(0));
            assertThat(table.column(column).isMissing(1)).as(column).isTrue();
        }
        assertThat(first)
                .containsExactly(
                        1L,
                        2L,
                        3L,
                        4L,
                        200L,
                        4_000_000_000L,
                        1.8446744073709552E19,
                        1.5,
                        2.25,
                        12.34,
                        1.2345678901234568E17,
                        true,
                        "zürich",
                        LocalDate.of(2024, 1, 31),
                        LocalTime.of(10, 11, 12, 345_000_000),
                        LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_000_000),
                        LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_000_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
                        LocalDateTime.of(2024, 1, 31, 8, 11, 12, 345_000_000),
                        "5f1b7e0a-3c2d-4e5f-8a9b-0c1d2e3f4a5b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncompressed", "snappy", "gzip", "zstd", "lz4_raw"})
    void reads_every_codec_across_row_groups_and_dictionary_pages(String codec) throws SQLException {
        duckWrites(
                "SELECT i, 'k' || (i % 7) AS k, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS x "
                        + "FROM range(10000) t(i)",
                "big.parquet", ", COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");

        Table table = data.readParquet("big.parquet");

        assertThat(table.rowCount()).isEqualTo(10_000);
        assertThat(table.longColumn("i").sum()).isEqualTo(49_995_000.0);
        assertThat(values(table, "k").subList(0, 8)).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k0");
        assertThat(table.doubleColumn("x").countMissing()).isEqualTo(2000);
        assertThat(values(table, "x").subList(9995, 10_000)).containsExactly(null, 4998.0, 4998.5, 4999.0, 4999.5);
    }

    @Test
    void reads_int96_timestamps_time_millis_and_version_2_pages() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message spark { optional int96 at; "
                + "optional int32 clock (TIME(MILLIS,true)); optional binary s (STRING); required int64 n; }");
        Path file = root.resolve("v2.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            SimpleGroupFactory rows = new SimpleGroupFactory(schema);
            // 2024-01-31T10:11:12.345: Julian day 2460341, nanoseconds of the day, little-endian.
            byte[] int96 = ByteBuffer.allocate(12)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(LocalTime.of(10, 11, 12, 345_000_000).toNanoOfDay())
                    .putInt(2_460_341)
                    .array();
            writer.write(rows.newGroup()
                    .append("at", Binary.fromConstantByteArray(int96))
                    .append("clock", 36_672_345)
                    .append("s", "a")
                    .append("n", 1L));
            writer.write(rows.newGroup().append("n", 2L));
        }

        Table table = data.readParquet("v2.parquet");

        assertThat(values(table, "at")).containsExactly(LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_000_000), null);
        assertThat(values(table, "clock")).containsExactly(LocalTime.of(10, 11, 12, 345_000_000), null);
        assertThat(values(table, "s")).containsExactly("a", null);
        assertThat(values(table, "n")).containsExactly(1L, 2L);
    }

    @Test
    void files_written_here_read_back_in_duckdb_with_the_right_types_and_values() throws SQLException {
        data.toParquet(DataOpsParquetTest.everyType(), "every.parquet");
        String file = "'" + root.resolve("every.parquet") + "'";

        assertThat(duckRows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(" + file + "))"))
                .containsExactly(
                        List.of("city", "VARCHAR"),
                        List.of("n", "BIGINT"),
                        List.of("x", "DOUBLE"),
                        List.of("ok", "BOOLEAN"),
                        List.of("day", "DATE"),
                        List.of("at", "TIMESTAMP"));
        assertThat(duckRows("SELECT * FROM read_parquet(" + file + ")"))
                .containsExactly(
                        List.of("Zürich", "1", "1.5", "true", "2024-01-31", "2024-01-31 10:11:12.345"),
                        List.of("null", "null", "-0.0", "null", "null", "1960-02-29 23:59:59.0"),
                        List.of("東京", "-9007199254740993", "null", "false", "1969-12-31", "null"));
        assertThat(duckRows("SELECT DISTINCT compression FROM parquet_metadata(" + file + ")"))
                .containsExactly(List.of("SNAPPY"));
    }

    @Test
    void nested_columns_are_an_error_naming_the_column() throws SQLException {
        duckWrites("SELECT 1 AS id, [1, 2] AS tags", "list.parquet", "");
        duckWrites("SELECT 1 AS id, {'a': 1} AS point", "struct.parquet", "");
        duckWrites("SELECT 1 AS id, MAP {'k': 1} AS counts", "map.parquet", "");

        assertThatThrownBy(() -> data.readParquet("list.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("column 'tags' of 'list.parquet' is a list (a nested Parquet type), which read_parquet "
                        + "cannot hold in a table column; it reads flat columns of numbers, text, booleans, dates, "
                        + "times and timestamps");
        assertThatThrownBy(() -> data.readParquet("struct.parquet"))
                .hasMessageStartingWith("column 'point' of 'struct.parquet' is a struct (a nested Parquet type)");
        assertThatThrownBy(() -> data.readParquet("map.parquet"))
                .hasMessageStartingWith("column 'counts' of 'map.parquet' is a map (a nested Parquet type)");
    }

    @Test
    void a_file_that_is_not_parquet_a_directory_and_an_unreadable_codec_are_errors() throws Exception {
        Files.writeString(root.resolve("sales.parquet"), "region,units\nN,1\n");
        Files.createDirectory(root.resolve("dir.parquet"));
        duckWrites("SELECT 1 AS n", "brotli.parquet", ", COMPRESSION brotli");

        assertThatThrownBy(() -> data.readParquet("sales.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("could not read 'sales.parquet': it is not a Parquet file (a Parquet file starts and "
                        + "ends with the bytes PAR1); read a CSV file with read_csv, JSON with read_json");
        assertThatThrownBy(() -> data.readParquet("dir.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("'dir.parquet' is a directory, not a Parquet file; files: brotli.parquet, sales.parquet");
        assertThatThrownBy(() -> data.readParquet("brotli.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("could not read 'brotli.parquet': its pages are compressed with brotli, which "
                        + "read_parquet cannot read; it reads uncompressed, snappy, gzip, zstd and lz4_raw (pandas, "
                        + "DuckDB and Spark write snappy by default)");
    }

    @Test
    void a_truncated_file_is_an_error_naming_it() throws Exception {
        data.toParquet(DataOpsParquetTest.everyType(), "every.parquet");
        byte[] bytes = Files.readAllBytes(root.resolve("every.parquet"));
        byte[] cut = new byte[bytes.length - 20];
        System.arraycopy(bytes, 0, cut, 0, 4);
        System.arraycopy(bytes, 24, cut, 4, cut.length - 4); // PAR1 … PAR1, damaged in between
        Files.write(root.resolve("cut.parquet"), cut);

        assertThatThrownBy(() -> data.readParquet("cut.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("could not read 'cut.parquet': it is not a valid Parquet file (");
    }

    @Test
    void a_file_whose_data_is_larger_than_the_heap_is_refused_before_reading() {
        data.toParquet(DataOpsParquetTest.everyType(), "every.parquet");

        assertThatThrownBy(() -> ParquetFiles.read(root.resolve("every.parquet"), "every.parquet", true, 100))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("'every.parquet' holds 252 bytes of data uncompressed, more than this JVM's whole heap "
                        + "(100 bytes, -Xmx), so the Tablesaw engine cannot hold it in memory; use the DuckDB engine, "
                        + "which reads files in place (--engine duckdb on the command line, Engine.duckdb() in code)");
        assertThat(ParquetFiles.read(root.resolve("every.parquet"), "every.parquet", true, 252)
                        .rowCount())
                .isEqualTo(3);
    }

    @Test
    void a_table_without_columns_is_an_error_and_writes_nothing() {
        assertThatThrownBy(() -> data.toParquet(Table.create("none"), "none.parquet"))
                .isInstanceOf(DataOpsException.class)
                .hasMessage("to_parquet cannot write a table without columns: a Parquet file written here needs at "
                        + "least one column");
        assertThat(root.resolve("none.parquet")).doesNotExist();
        assertThat(data.workspace().list()).isEmpty();
    }

    @Test
    void the_planners_context_lists_parquet_columns_with_their_dtypes_from_the_footer() {
        data.toParquet(DataOpsParquetTest.everyType(), "every.parquet");

        assertThat(data.context())
                .isEqualTo("Data files in the workspace (columns with pandas dtypes, guessed from the first 100 rows):"
                        + "\n- every.parquet: city (object), n (int64), x (float64), ok (bool), day (datetime64[ns]), "
                        + "at (datetime64[ns])");
    }
}
