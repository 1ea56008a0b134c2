package dev.pev4j.tools.data;

import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page compression without Hadoop: parquet-java's own {@code CodecFactory} goes through Hadoop's codec
 * classes and configuration, which the Tablesaw engine does not ship. Snappy, Zstandard and LZ4 come from
 * aircompressor (pure Java), gzip from the JDK. Writes are Snappy (pandas' default); reads take what files hold in
 * practice: uncompressed, Snappy, gzip, Zstandard, LZ4_RAW. Stateless, so shared.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    /** The codecs {@link #decompress} reads, as their names appear in an error. */
    static final String READABLE = "uncompressed, snappy, gzip, zstd and lz4_raw";

    private ParquetCodecs() {}

    /**
     * The page bytes {@code compressed} with {@code codec} expanded to {@code size} bytes.
     *
     * @throws DataOpsException for a codec outside {@link #READABLE}, naming {@code file}
     */
    static byte[] decompress(CompressionCodecName codec, byte[] compressed, int size, String file) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return compressed;
            case SNAPPY:
                return expand(new SnappyDecompressor(), compressed, size);
            case ZSTD:
                return expand(new ZstdDecompressor(), compressed, size);
            case LZ4_RAW:
                return expand(new Lz4Decompressor(), compressed, size);
            case GZIP:
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                    return in.readNBytes(size);
                }
            default:
                throw new DataOpsException("could not read '" + file + "': its pages are compressed with "
                        + codec.name().toLowerCase(Locale.ROOT) + ", which read_parquet cannot read; it reads "
                        + READABLE + " (pandas, DuckDB and Spark write snappy by default)");
        }
    }

    private static byte[] expand(Decompressor decompressor, byte[] compressed, int size) throws IOException {
        byte[] out = new byte[size];
        try {
            int written = decompressor.decompress(compressed, 0, compressed.length, out, 0, size);
            return written == size ? out : Arrays.copyOf(out, written);
        } catch (MalformedInputException e) {
            throw new IOException("corrupt compressed page: " + e.getMessage(), e);
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("only snappy is written, not " + codec);
        }
        return new Snappy();
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("pages are read by ParquetPages");
    }

    @Override
    public void release() {}

    /** Snappy page compression for the writer. */
    private static final class Snappy implements BytesInputCompressor {
        private final SnappyCompressor compressor = new SnappyCompressor();

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.toIntExact(bytes.size()));
            bytes.writeAllTo(buffer);
            byte[] input = buffer.toByteArray();
            byte[] output = new byte[compressor.maxCompressedLength(input.length)];
            int length = compressor.compress(input, 0, input.length, output, 0, output.length);
            return BytesInput.from(output, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
    }
}
