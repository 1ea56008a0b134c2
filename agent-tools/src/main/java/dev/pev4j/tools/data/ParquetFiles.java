package dev.pev4j.tools.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * {@code read_parquet} and {@code to_parquet} of the Tablesaw engine, as pandas with pyarrow reads and writes: flat
 * Parquet files of numbers, text, booleans, dates, times and timestamps, missing values as nulls. Built on
 * parquet-java (its schema, encodings and writer) without Hadoop: pages are read by {@link ParquetPages} and
 * compressed by {@link ParquetCodecs}. Stateless.
 *
 * <p>Types read: every integer type as int64 (pandas keeps int8/int16/int32; unsigned 64-bit numbers become float64,
 * as on the DuckDB engine), float and double as float64, decimals as float64 (pandas: Python {@code Decimal}
 * objects), boolean as bool, text (UTF-8 strings, enums, JSON, and byte arrays without a type, read as UTF-8) as
 * text, DATE as dates, TIME as times of day, TIMESTAMP in any unit and INT96 as date-times (Tablesaw keeps
 * milliseconds; a timestamp adjusted to UTC is read as its UTC clock time, where pandas gives
 * {@code datetime64[ns, UTC]}), UUID as text. Lists, maps and structs are an error naming the column.
 *
 * <p>Types written: int64, double, boolean, UTF-8 string, DATE, TIMESTAMP in microseconds (local, or adjusted to
 * UTC for an instant column) and TIME in microseconds, every column optional; Snappy-compressed, no index column
 * (pandas' {@code index=False}).
 */
final class ParquetFiles {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
    private static final String READS = "it reads flat columns of numbers, text, booleans, dates, times and timestamps";
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    private ParquetFiles() {}

    // ---- Reading -----------------------------------------------------------------------------------------------

    /** One column of the file being read: where its values go. */
    private record Target(ColumnDescriptor descriptor, Column<?> column, Consumer<ColumnReader> append) {}

    /**
     * The flat Parquet file {@code file} as a table; {@code name} (the workspace path) names it in errors.
     *
     * @throws DataOpsException when the file's data, uncompressed, is larger than the heap, before reading it
     */
    static Table read(Path file, String name) {
        return read(file, name, true, Runtime.getRuntime().maxMemory());
    }

    /** The columns of {@code file} with the types {@link #read} gives them, from its footer: no rows are read. */
    static Table columns(Path file, String name) {
        return read(file, name, false, Long.MAX_VALUE);
    }

    /** {@link #read(Path, String)} against a heap of {@code heap} bytes, or only the columns. */
    static Table read(Path file, String name, boolean withRows, long heap) {
        // Outside the catch below: Tablesaw's own errors (duplicate column names) stay as they are.
        return Table.create(name, columns(file, name, withRows, heap));
    }

    private static List<Column<?>> columns(Path file, String name, boolean withRows, long heap) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetMetadata metadata = footer(channel, name);
            MessageType schema = metadata.getFileMetaData().getSchema();
            List<Target> targets = new ArrayList<>();
            for (Type field : schema.getFields()) {
                targets.add(target(schema, field, name));
            }
            List<BlockMetaData> blocks = withRows ? metadata.getBlocks() : List.of();
            requireFits(blocks, name, heap);
            String createdBy = String.valueOf(metadata.getFileMetaData().getCreatedBy());
            for (BlockMetaData block : blocks) {
                ParquetPages pages = ParquetPages.read(channel, block, name);
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new Ignored(), schema, createdBy);
                for (Target target : targets) {
                    ColumnReader reader = store.getColumnReader(target.descriptor());
                    int defined = target.descriptor().getMaxDefinitionLevel();
                    for (long row = 0, rows = block.getRowCount(); row < rows; row++) { // flat: a value a row
                        if (reader.getCurrentDefinitionLevel() < defined) {
                            target.column().appendMissing();
                        } else {
                            target.append().accept(reader);
                        }
                        reader.consume();
                    }
                }
            }
            List<Column<?>> columns = new ArrayList<>();
            targets.forEach(target -> columns.add(target.column()));
            return columns;
        } catch (IOException | ParquetDecodingException | IllegalArgumentException | IllegalStateException e) {
            throw new DataOpsException(
                    "could not read '" + name + "': it is not a valid Parquet file (" + e + ")", null, e);
        }
    }

    /**
     * Fails when the row groups' data, uncompressed, is larger than the heap's maximum size ({@code heap}): Parquet is
     * compressed, so its file size says little about the memory its table needs (the CSV readers check that).
     */
    private static void requireFits(List<BlockMetaData> blocks, String name, long heap) {
        long bytes = 0;
        for (BlockMetaData block : blocks) {
            bytes += block.getTotalByteSize();
        }
        HeapCheck.requireUnderHeap(bytes, heap, "'" + name + "' holds ", " of data uncompressed");
    }

    /** The file's metadata, from the footer: {@code PAR1}, …, the footer, its length, {@code PAR1}. */
    private static ParquetMetadata footer(FileChannel channel, String name) throws IOException {
        long length = channel.size();
        if (length < 12 || !Arrays.equals(bytes(channel, 0, 4), MAGIC)) {
            throw notParquet(name);
        }
        byte[] tail = bytes(channel, length - 8, 8);
        byte[] end = Arrays.copyOfRange(tail, 4, 8);
        if (Arrays.equals(end, ENCRYPTED_MAGIC)) {
            throw new DataOpsException("could not read '" + name + "': its footer is encrypted, and read_parquet "
                    + "reads unencrypted files only");
        } else if (!Arrays.equals(end, MAGIC)) {
            throw notParquet(name);
        }
        int footerLength =
                ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > length - 12) {
            throw new IOException("footer length " + footerLength + " does not fit a file of " + length + " bytes");
        }
        byte[] footer = bytes(channel, length - 8 - footerLength, footerLength);
        return new ParquetMetadataConverter()
                .fromParquetMetadata(Util.readFileMetaData(new ByteArrayInputStream(footer)));
    }

    private static DataOpsException notParquet(String name) {
        return new DataOpsException("could not read '" + name + "': it is not a Parquet file (a Parquet file starts "
                + "and ends with the bytes PAR1); read a CSV file with read_csv, JSON with read_json");
    }

    /** {@code count} bytes of the file from {@code position}, read until all are there. */
    static byte[] bytes(FileChannel channel, long position, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return buffer.array();
    }

    /** The Tablesaw column for one top-level field, and how a value goes into it. */
    private static Target target(MessageType schema, Type field, String file) {
        String column = field.getName();
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
            String kind = logical instanceof ListLogicalTypeAnnotation || field.isPrimitive()
                    ? "a list"
                    : logical instanceof MapLogicalTypeAnnotation || logical instanceof MapKeyValueTypeAnnotation
                            ? "a map"
                            : "a struct";
            throw new DataOpsException("column '" + column + "' of '" + file + "' is " + kind + " (a nested Parquet "
                    + "type), which read_parquet cannot hold in a table column; " + READS);
        }
        ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {column});
        PrimitiveType type = field.asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        PrimitiveTypeName primitive = type.getPrimitiveTypeName();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            int scale = decimal.getScale();
            DoubleColumn doubles = DoubleColumn.create(column);
            return new Target(descriptor, doubles, reader -> doubles.append(decimal(reader, primitive, scale)));
        }
        switch (primitive) {
            case BOOLEAN:
                BooleanColumn booleans = BooleanColumn.create(column);
                return new Target(descriptor, booleans, reader -> booleans.append(reader.getBoolean()));
            case FLOAT:
                DoubleColumn floats = DoubleColumn.create(column);
                return new Target(descriptor, floats, reader -> floats.append(reader.getFloat()));
            case DOUBLE:
                DoubleColumn doubles = DoubleColumn.create(column);
                return new Target(descriptor, doubles, reader -> doubles.append(reader.getDouble()));
            case INT32:
                return int32(descriptor, column, logical, file);
            case INT64:
                return int64(descriptor, column, logical, file);
            case INT96:
                DateTimeColumn times = DateTimeColumn.create(column);
                return new Target(descriptor, times, reader -> times.append(int96(reader.getBinary())));
            case BINARY:
                if (logical == null
                        || logical instanceof StringLogicalTypeAnnotation
                        || logical instanceof EnumLogicalTypeAnnotation
                        || logical instanceof JsonLogicalTypeAnnotation) {
                    return text(descriptor, column);
                }
                break;
            case FIXED_LEN_BYTE_ARRAY:
                if (logical instanceof UUIDLogicalTypeAnnotation) {
                    StringColumn uuids = StringColumn.create(column);
                    return new Target(descriptor, uuids, reader -> {
                        ByteBuffer bytes = reader.getBinary().toByteBuffer();
                        uuids.append(new UUID(bytes.getLong(), bytes.getLong()).toString());
                    });
                }
                break;
            default:
                break;
        }
        throw unsupported(column, type, file);
    }

    private static Target text(ColumnDescriptor descriptor, String column) {
        StringColumn strings = StringColumn.create(column);
        return new Target(
                descriptor, strings, reader -> strings.append(reader.getBinary().toStringUsingUTF8()));
    }

    private static Target int32(
            ColumnDescriptor descriptor, String column, @Nullable LogicalTypeAnnotation logical, String file) {
        if (logical == null || (logical instanceof IntLogicalTypeAnnotation integer && integer.isSigned())) {
            LongColumn longs = LongColumn.create(column);
            return new Target(descriptor, longs, reader -> longs.append(reader.getInteger()));
        } else if (logical instanceof IntLogicalTypeAnnotation) { // unsigned 8, 16 or 32 bits
            LongColumn longs = LongColumn.create(column);
            return new Target(descriptor, longs, reader -> longs.append(Integer.toUnsignedLong(reader.getInteger())));
        } else if (logical instanceof DateLogicalTypeAnnotation) {
            DateColumn dates = DateColumn.create(column);
            return new Target(descriptor, dates, reader -> dates.append(LocalDate.ofEpochDay(reader.getInteger())));
        } else if (logical instanceof TimeLogicalTypeAnnotation) { // milliseconds
            TimeColumn times = TimeColumn.create(column);
            return new Target(
                    descriptor, times, reader -> times.append(LocalTime.ofNanoOfDay(reader.getInteger() * 1_000_000L)));
        }
        throw unsupported(column, descriptor.getPrimitiveType(), file);
    }

    private static Target int64(
            ColumnDescriptor descriptor, String column, @Nullable LogicalTypeAnnotation logical, String file) {
        if (logical == null || (logical instanceof IntLogicalTypeAnnotation integer && integer.isSigned())) {
            LongColumn longs = LongColumn.create(column);
            return new Target(descriptor, longs, reader -> longs.append(reader.getLong()));
        } else if (logical instanceof IntLogicalTypeAnnotation) { // unsigned 64 bits: may pass Long.MAX_VALUE
            DoubleColumn doubles = DoubleColumn.create(column);
            return new Target(descriptor, doubles, reader -> doubles.append(unsigned(reader.getLong())));
        } else if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            long perSecond = perSecond(timestamp.getUnit());
            DateTimeColumn times = DateTimeColumn.create(column);
            return new Target(descriptor, times, reader -> times.append(dateTime(reader.getLong(), perSecond)));
        } else if (logical instanceof TimeLogicalTypeAnnotation time) {
            long nanos = 1_000_000_000L / perSecond(time.getUnit());
            TimeColumn times = TimeColumn.create(column);
            return new Target(
                    descriptor, times, reader -> times.append(LocalTime.ofNanoOfDay(reader.getLong() * nanos)));
        }
        throw unsupported(column, descriptor.getPrimitiveType(), file);
    }

    private static DataOpsException unsupported(String column, PrimitiveType type, String file) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        String name = type.getPrimitiveTypeName() + (logical == null ? "" : " (" + logical + ")");
        return new DataOpsException("column '" + column + "' of '" + file + "' has the Parquet type " + name
                + ", which read_parquet cannot read; " + READS);
    }

    private static long perSecond(TimeUnit unit) {
        switch (unit) {
            case MILLIS:
                return 1_000L;
            case MICROS:
                return 1_000_000L;
            default:
                return 1_000_000_000L;
        }
    }

    /** {@code value} units of {@code 1 / perSecond} s since 1970-01-01T00:00 as that clock time. */
    static LocalDateTime dateTime(long value, long perSecond) {
        long seconds = Math.floorDiv(value, perSecond);
        long nanos = Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond);
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    /** Impala's INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    private static LocalDateTime int96(Binary binary) {
        ByteBuffer bytes = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bytes.getLong();
        long julianDay = Integer.toUnsignedLong(bytes.getInt());
        return LocalDateTime.of(LocalDate.ofEpochDay(julianDay - JULIAN_DAY_OF_EPOCH), LocalTime.MIDNIGHT)
                .plusNanos(nanosOfDay);
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }

    private static double decimal(ColumnReader reader, PrimitiveTypeName primitive, int scale) {
        BigInteger unscaled;
        if (primitive == PrimitiveTypeName.INT32) {
            unscaled = BigInteger.valueOf(reader.getInteger());
        } else if (primitive == PrimitiveTypeName.INT64) {
            unscaled = BigInteger.valueOf(reader.getLong());
        } else {
            unscaled = new BigInteger(reader.getBinary().getBytes());
        }
        return new BigDecimal(unscaled, scale).doubleValue();
    }

    /** The converter a column reader asks for; values are taken from the readers directly instead. */
    private static final class Ignored extends GroupConverter {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {};

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }

    // ---- Writing -----------------------------------------------------------------------------------------------

    /** Writes one row's value of one column, which is not missing. */
    @FunctionalInterface
    private interface Cell {
        void write(RecordConsumer consumer, int row);
    }

    /**
     * Writes {@code table} as a Snappy-compressed Parquet file to {@code out} (left open).
     *
     * @throws DataOpsException for a table without columns, or a column of a type Parquet is not written from
     */
    static void write(Table table, OutputStream out) throws IOException {
        if (table.columnCount() == 0) { // parquet-java refuses an empty schema (pyarrow writes one)
            throw new DataOpsException("to_parquet cannot write a table without columns: a Parquet file written here "
                    + "needs at least one column");
        }
        Types.MessageTypeBuilder schema = Types.buildMessage();
        List<Cell> cells = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            cells.add(field(schema, column));
        }
        Rows rows = new Rows(table, schema.named("schema"), cells);
        try (ParquetWriter<Integer> writer = new Builder(new Stream(out), rows)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (int row = 0; row < table.rowCount(); row++) {
                writer.write(row);
            }
        }
    }

    /** Adds the Parquet field of {@code column} to {@code schema}; returns how its values are written. */
    private static Cell field(Types.MessageTypeBuilder schema, Column<?> column) {
        String name = column.name();
        ColumnType type = column.type();
        if (column instanceof LongColumn longs) {
            schema.optional(PrimitiveTypeName.INT64).named(name);
            return (consumer, row) -> consumer.addLong(longs.getLong(row));
        } else if (column instanceof IntColumn ints) {
            schema.optional(PrimitiveTypeName.INT64).named(name);
            return (consumer, row) -> consumer.addLong(ints.getInt(row));
        } else if (column instanceof ShortColumn shorts) {
            schema.optional(PrimitiveTypeName.INT64).named(name);
            return (consumer, row) -> consumer.addLong(shorts.getShort(row));
        } else if (column instanceof DoubleColumn doubles) {
            schema.optional(PrimitiveTypeName.DOUBLE).named(name);
            return (consumer, row) -> consumer.addDouble(doubles.getDouble(row));
        } else if (column instanceof FloatColumn floats) {
            schema.optional(PrimitiveTypeName.DOUBLE).named(name);
            return (consumer, row) -> consumer.addDouble(floats.getFloat(row));
        } else if (column instanceof BooleanColumn booleans) {
            schema.optional(PrimitiveTypeName.BOOLEAN).named(name);
            return (consumer, row) -> consumer.addBoolean(booleans.get(row));
        } else if (column instanceof StringColumn strings) {
            schema.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
            return (consumer, row) -> consumer.addBinary(Binary.fromString(strings.get(row)));
        } else if (column instanceof DateColumn dates) {
            schema.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
            return (consumer, row) ->
                    consumer.addInteger(Math.toIntExact(dates.get(row).toEpochDay()));
        } else if (column instanceof DateTimeColumn times) {
            schema.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS))
                    .named(name);
            return (consumer, row) -> consumer.addLong(micros(times.get(row).toInstant(ZoneOffset.UTC)));
        } else if (column instanceof InstantColumn instants) {
            schema.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
                    .named(name);
            return (consumer, row) -> consumer.addLong(micros(instants.get(row)));
        } else if (column instanceof TimeColumn times) {
            schema.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS))
                    .named(name);
            return (consumer, row) -> consumer.addLong(times.get(row).toNanoOfDay() / 1_000L);
        }
        throw new DataOpsException("column '" + name + "' is of type " + Dtypes.of(column) + " (" + type.name()
                + "), which to_parquet cannot write; it writes int64, float64, bool, text, dates, times and "
                + "date-times");
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    /** Hands the table's rows, by index, to the Parquet writer. */
    private static final class Rows extends WriteSupport<Integer> {
        private final Table table;
        private final MessageType schema;
        private final List<Cell> cells;
        private @Nullable RecordConsumer consumer;

        Rows(Table table, MessageType schema, List<Cell> cells) {
            this.table = table;
            this.schema = schema;
            this.cells = cells;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        @SuppressWarnings("deprecation") // abstract, so it must be there; the writer calls the other init
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Integer row) {
            RecordConsumer out = Objects.requireNonNull(consumer, "prepareForWrite was not called");
            out.startMessage();
            for (int i = 0; i < cells.size(); i++) {
                Column<?> column = table.column(i);
                if (!column.isMissing(row)) {
                    out.startField(column.name(), i);
                    cells.get(i).write(out, row);
                    out.endField(column.name(), i);
                }
            }
            out.endMessage();
        }
    }

    /**
     * The writer's builder. The Hadoop {@code Configuration} in a signature only has to compile: with a
     * {@link ParquetConfiguration} the writer never touches Hadoop, which is not on the class path at run time.
     */
    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final Rows rows;

        Builder(OutputFile file, Rows rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return rows;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract, so it must be there; build() calls the other one
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return rows;
        }
    }

    /** The atomic write's stream as Parquet's output file; the workspace closes the stream. */
    private static final class Stream implements OutputFile {
        private final OutputStream out;

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSize) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSize) {
            return create(blockSize);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
