package dev.pev4j.tools.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.jspecify.annotations.Nullable;

/**
 * The pages of one row group, read from the file and decompressed, for parquet-column's readers (which decode the
 * encodings: plain, dictionary, RLE, delta, byte stream split). parquet-hadoop's {@code ParquetFileReader} does this
 * too, but cannot be loaded without Hadoop's MapReduce classes on the class path; this is the part of it a flat,
 * unencrypted file needs: each column chunk read in one piece, its page headers parsed, v1 and v2 data pages.
 */
final class ParquetPages implements PageReadStore {

    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final long rows;
    private final Map<String, ColumnPages> columns = new HashMap<>();

    private ParquetPages(long rows) {
        this.rows = rows;
    }

    /** The pages of {@code block}'s column chunks, read from {@code channel}; {@code file} names it in errors. */
    static ParquetPages read(FileChannel channel, BlockMetaData block, String file) throws IOException {
        ParquetPages pages = new ParquetPages(block.getRowCount());
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.isEncrypted()) {
                throw new DataOpsException("could not read '" + file + "': it is encrypted");
            }
            long size = chunk.getTotalSize();
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataOpsException("could not read '" + file + "': column '"
                        + chunk.getPath().toDotString() + "' has a column chunk of " + HeapCheck.size(size)
                        + ", more than 2 GB");
            }
            byte[] bytes = ParquetFiles.bytes(channel, chunk.getStartingPos(), (int) size);
            pages.columns.put(chunk.getPath().toDotString(), ColumnPages.parse(bytes, chunk, file));
        }
        return pages;
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        ColumnPages pages = columns.get(String.join(".", descriptor.getPath()));
        if (pages == null) {
            throw new IllegalArgumentException("no column chunk for " + String.join(".", descriptor.getPath()));
        }
        return pages;
    }

    @Override
    public long getRowCount() {
        return rows;
    }

    /** One column chunk's pages, handed out in order. */
    private static final class ColumnPages implements PageReader {
        private final long values;
        private @Nullable DictionaryPage dictionary;
        private final Queue<DataPage> data = new ArrayDeque<>();

        private ColumnPages(long values) {
            this.values = values;
        }

        static ColumnPages parse(byte[] bytes, ColumnChunkMetaData chunk, String file) throws IOException {
            ColumnPages pages = new ColumnPages(chunk.getValueCount());
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            long read = 0;
            while (read < chunk.getValueCount() && in.available() > 0) {
                PageHeader header = Util.readPageHeader(in);
                byte[] body = in.readNBytes(header.getCompressed_page_size());
                if (body.length < header.getCompressed_page_size()) {
                    throw new EOFException("page past the end of its column chunk");
                }
                int size = header.getUncompressed_page_size();
                switch (header.getType()) {
                    case DICTIONARY_PAGE:
                        DictionaryPageHeader dictionary = header.getDictionary_page_header();
                        pages.dictionary = new DictionaryPage(
                                BytesInput.from(ParquetCodecs.decompress(chunk.getCodec(), body, size, file)),
                                size,
                                dictionary.getNum_values(),
                                encoding(dictionary.getEncoding()));
                        break;
                    case DATA_PAGE:
                        DataPageHeader v1 = header.getData_page_header();
                        pages.data.add(new DataPageV1(
                                BytesInput.from(ParquetCodecs.decompress(chunk.getCodec(), body, size, file)),
                                v1.getNum_values(),
                                size,
                                Statistics.noopStats(chunk.getPrimitiveType()),
                                encoding(v1.getRepetition_level_encoding()),
                                encoding(v1.getDefinition_level_encoding()),
                                encoding(v1.getEncoding())));
                        read += v1.getNum_values();
                        break;
                    case DATA_PAGE_V2:
                        DataPageHeaderV2 v2 = header.getData_page_header_v2();
                        int repetition = v2.getRepetition_levels_byte_length();
                        int definition = v2.getDefinition_levels_byte_length();
                        int levels = repetition + definition;
                        byte[] values = Arrays.copyOfRange(body, levels, body.length);
                        if (!v2.isSetIs_compressed() || v2.isIs_compressed()) {
                            values = ParquetCodecs.decompress(chunk.getCodec(), values, size - levels, file);
                        }
                        pages.data.add(DataPageV2.uncompressed(
                                v2.getNum_rows(),
                                v2.getNum_nulls(),
                                v2.getNum_values(),
                                BytesInput.from(body, 0, repetition),
                                BytesInput.from(body, repetition, definition),
                                encoding(v2.getEncoding()),
                                BytesInput.from(values),
                                Statistics.noopStats(chunk.getPrimitiveType())));
                        read += v2.getNum_values();
                        break;
                    default: // index pages and page types of later format versions carry no values
                        break;
                }
            }
            return pages;
        }

        private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
            return CONVERTER.getEncoding(encoding);
        }

        @Override
        public @Nullable DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return values;
        }

        @Override
        public @Nullable DataPage readPage() {
            return data.poll();
        }
    }
}
