package dev.pev4j.llm.llamacpp.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes a GGUF version 3 file (ggml/docs/gguf.md): header, typed metadata, tensor infos, then tensor data, each
 * tensor aligned to {@value #ALIGNMENT} bytes. Not thread-safe; one writer describes one file.
 *
 * <pre>{@code
 * new GgufWriter()
 *         .put("general.architecture", "llama")
 *         .tensor("output_norm.weight", TensorType.F32, new float[] {1, 1}, 2)
 *         .randomTensor("output.weight", TensorType.Q8_0, 42L, 0.05f, 64, 256)
 *         .write(Path.of("model.gguf"));
 * }</pre>
 *
 * <p>Tensor data is streamed: a random tensor is generated while it is written, so a file of several GiB needs no more
 * than a buffer of memory. Dimensions are given ggml's way, the contiguous one ({@code ne[0]}) first.
 */
public final class GgufWriter {

    /** The alignment of tensor data, declared as {@code general.alignment} by callers that want it explicit. */
    public static final int ALIGNMENT = 32;

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int VERSION = 3;
    // gguf_metadata_value_type
    private static final int UINT32 = 4;
    private static final int INT32 = 5;
    private static final int FLOAT32 = 6;
    private static final int BOOL = 7;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    private static final int BUFFER = 1 << 20;

    /** The tensor encodings this writer produces. */
    public enum TensorType {
        /** 32-bit floats. */
        F32(0),
        /** Blocks of 32 values: an f16 scale {@code d = max|x| / 127}, then 32 int8 {@code round(x / d)}. */
        Q8_0(8);

        private final int ggmlType;

        TensorType(int ggmlType) {
            this.ggmlType = ggmlType;
        }

        /** The type's number in ggml's {@code ggml_type}. */
        public int ggmlType() {
            return ggmlType;
        }

        /** Bytes that {@code elements} values take in this encoding. */
        public long bytes(long elements) {
            return this == F32 ? 4 * elements : elements / Q8_0_BLOCK * Q8_0_BLOCK_BYTES;
        }
    }

    static final int Q8_0_BLOCK = 32;
    static final int Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

    /** A metadata array of 32-bit signed integers (an {@code int[]} would not say whether it is signed). */
    public record Int32Array(int[] values) {
        public Int32Array {
            values = values.clone();
        }
    }

    private record Tensor(
            String name,
            TensorType type,
            long[] dims,
            long elements,
            float @Nullable [] data,
            long seed,
            float scale) {}

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /**
     * Adds a metadata key/value: a {@code String}, an {@code Integer} (written as uint32), a {@code Float}, a
     * {@code Boolean}, an {@link Int32Array}, a {@code float[]} or a {@code List<String>}.
     */
    public GgufWriter put(String key, Object value) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(value, "value == null");
        boolean known = value instanceof String
                || value instanceof Integer
                || value instanceof Float
                || value instanceof Boolean
                || value instanceof Int32Array
                || value instanceof float[]
                || (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance));
        if (!known) {
            throw new IllegalArgumentException("metadata '" + key + "' has no GGUF type for "
                    + value.getClass().getName()
                    + "; use String, Integer, Float, Boolean, Int32Array, float[] or List<String>");
        }
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor holding {@code data}, encoded as {@code type}. */
    public GgufWriter tensor(String name, TensorType type, float[] data, long... dims) {
        long elements = checkDims(name, type, dims);
        if (elements != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + data.length + " values but its dims "
                    + Arrays.toString(dims) + " hold " + elements);
        }
        tensors.add(new Tensor(name, type, dims.clone(), elements, data.clone(), 0, 0));
        return this;
    }

    /**
     * Adds a tensor of values drawn uniformly from {@code [-scale, scale]} with {@code seed}, generated while the file
     * is written (for Q8_0: random int8 quants under the scale {@code scale / 127}).
     */
    public GgufWriter randomTensor(String name, TensorType type, long seed, float scale, long... dims) {
        long elements = checkDims(name, type, dims);
        if (!(scale > 0 && Float.isFinite(scale))) {
            throw new IllegalArgumentException(
                    "scale of tensor '" + name + "' must be > 0 and finite but was " + scale);
        }
        tensors.add(new Tensor(name, type, dims.clone(), elements, null, seed, scale));
        return this;
    }

    private long checkDims(String name, TensorType type, long[] dims) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        if (dims.length < 1 || dims.length > 4) {
            throw new IllegalArgumentException("tensor '" + name + "' must have 1 to 4 dims but has " + dims.length);
        }
        long elements = 1;
        for (long d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has dims " + Arrays.toString(dims) + "; every dim must be >= 1");
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (type == TensorType.Q8_0 && dims[0] % Q8_0_BLOCK != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has a first dim of " + dims[0]
                    + ", which Q8_0 cannot hold: it must be a multiple of 32 (nearest: "
                    + Math.max(Q8_0_BLOCK, dims[0] / Q8_0_BLOCK * Q8_0_BLOCK) + " or "
                    + (dims[0] / Q8_0_BLOCK + 1) * Q8_0_BLOCK + "); use F32");
        }
        return elements;
    }

    /**
     * GPT-2's byte-to-character map, the first 256 tokens of a byte-level BPE vocabulary ({@code tokenizer.ggml.model}
     * {@code gpt2}): printable bytes stand for themselves, the others for U+0100 onwards.
     */
    public static String[] gpt2ByteChars() {
        String[] chars = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = new String(Character.toChars(printable ? b : next++));
        }
        return chars;
    }

    /** The bytes of tensor data the file will hold, alignment padding included. */
    public long tensorDataBytes() {
        long total = 0;
        for (Tensor t : tensors) {
            total = align(total + t.type().bytes(t.elements()));
        }
        return total;
    }

    /** Writes the file, replacing {@code file} if it exists. */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file == null");
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Out out = new Out(channel);
            out.u32(MAGIC);
            out.u32(VERSION);
            out.u64(tensors.size());
            out.u64(metadata.size());
            for (Map.Entry<String, Object> kv : metadata.entrySet()) {
                out.string(kv.getKey());
                writeValue(out, kv.getValue());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                out.string(t.name());
                out.u32(t.dims().length);
                for (long d : t.dims()) {
                    out.u64(d);
                }
                out.u32(t.type().ggmlType());
                out.u64(offset);
                offset = align(offset + t.type().bytes(t.elements()));
            }
            out.padTo(ALIGNMENT);
            for (Tensor t : tensors) {
                writeData(out, t);
                out.padTo(ALIGNMENT);
            }
            out.flush();
        }
    }

    private static void writeData(Out out, Tensor t) throws IOException {
        float[] data = t.data();
        if (data != null) {
            if (t.type() == TensorType.F32) {
                for (float f : data) {
                    out.f32(f);
                }
            } else {
                byte[] block = new byte[Q8_0_BLOCK_BYTES];
                for (int i = 0; i < data.length; i += Q8_0_BLOCK) {
                    quantizeQ8_0(data, i, block);
                    out.bytes(block);
                }
            }
            return;
        }
        SplittableRandom random = new SplittableRandom(t.seed());
        if (t.type() == TensorType.F32) {
            for (long i = 0; i < t.elements(); i++) {
                out.f32((float) ((random.nextDouble() * 2 - 1) * t.scale()));
            }
            return;
        }
        short d = toHalf(t.scale() / 127f);
        byte[] block = new byte[Q8_0_BLOCK_BYTES];
        block[0] = (byte) d;
        block[1] = (byte) (d >>> 8);
        for (long b = 0; b < t.elements() / Q8_0_BLOCK; b++) {
            for (int i = 2; i < Q8_0_BLOCK_BYTES; i += 8) {
                long bits = random.nextLong();
                for (int k = 0; k < 8; k++) {
                    byte q = (byte) (bits >>> (8 * k));
                    block[i + k] = q == Byte.MIN_VALUE ? -127 : q; // ggml's quants stay in [-127, 127]
                }
            }
            out.bytes(block);
        }
    }

    /** Quantizes the 32 values at {@code from} into {@code block} as ggml's reference quantize_row_q8_0 does. */
    static void quantizeQ8_0(float[] values, int from, byte[] block) {
        float amax = 0;
        for (int i = 0; i < Q8_0_BLOCK; i++) {
            amax = Math.max(amax, Math.abs(values[from + i]));
        }
        float d = amax / 127f;
        float id = d != 0 ? 1f / d : 0f;
        short half = toHalf(d);
        block[0] = (byte) half;
        block[1] = (byte) (half >>> 8);
        for (int i = 0; i < Q8_0_BLOCK; i++) {
            block[2 + i] = (byte) Math.round(values[from + i] * id);
        }
    }

    /** IEEE 754 binary16 bits of {@code f}, rounded to nearest even (Java 17 has no Float.floatToFloat16). */
    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >>> shift;
            int rest = mant & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the right rounding
        }
        return (short) (sign | half);
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void writeValue(Out out, Object value) throws IOException {
        if (value instanceof String s) {
            out.u32(STRING);
            out.string(s);
        } else if (value instanceof Integer i) {
            out.u32(UINT32);
            out.u32(i);
        } else if (value instanceof Float f) {
            out.u32(FLOAT32);
            out.f32(f);
        } else if (value instanceof Boolean b) {
            out.u32(BOOL);
            out.u8(b ? 1 : 0);
        } else if (value instanceof Int32Array a) {
            out.u32(ARRAY);
            out.u32(INT32);
            out.u64(a.values().length);
            for (int v : a.values()) {
                out.u32(v);
            }
        } else if (value instanceof float[] a) {
            out.u32(ARRAY);
            out.u32(FLOAT32);
            out.u64(a.length);
            for (float v : a) {
                out.f32(v);
            }
        } else if (value instanceof List<?> list) {
            out.u32(ARRAY);
            out.u32(STRING);
            out.u64(list.size());
            for (Object o : list) {
                out.string((String) o);
            }
        } else {
            throw new IllegalStateException(
                    "unchecked metadata type " + value.getClass().getName());
        }
    }

    /** Little-endian output through a fixed buffer. */
    private static final class Out {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private long written;

        Out(FileChannel channel) {
            this.channel = channel;
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void u8(int v) throws IOException {
            room(1);
            buf.put((byte) v);
        }

        void u32(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void u64(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void f32(float v) throws IOException {
            room(4);
            buf.putFloat(v);
        }

        void bytes(byte[] b) throws IOException {
            if (b.length > buf.capacity()) {
                flush();
                ByteBuffer wrapped = ByteBuffer.wrap(b);
                while (wrapped.hasRemaining()) {
                    written += channel.write(wrapped);
                }
                return;
            }
            room(b.length);
            buf.put(b);
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void padTo(int alignment) throws IOException {
            while ((written + buf.position()) % alignment != 0) {
                u8(0);
            }
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                written += channel.write(buf);
            }
            buf.clear();
        }
    }
}
