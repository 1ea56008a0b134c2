package dev.pev4j.llm.llamacpp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes GGUF version 3 files (ggml/docs/gguf.md): a header, typed metadata key/values, tensor infos, then F32 tensor
 * data, every tensor aligned to {@value #ALIGNMENT} bytes. Test code only; not thread-safe.
 */
final class GgufWriter {

    static final int ALIGNMENT = 32;

    // gguf_metadata_value_type
    private static final int UINT32 = 4;
    private static final int INT32 = 5;
    private static final int FLOAT32 = 6;
    private static final int BOOL = 7;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    // ggml_type
    private static final int GGML_TYPE_F32 = 0;

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** One tensor: {@code dims[0]} is the contiguous dimension (ggml's ne[0]). */
    private record Tensor(String name, long[] dims, float[] data) {}

    /** A metadata array of 32-bit signed integers (GGUF can't tell an int[] from a uint[] otherwise). */
    record Int32Array(int[] values) {}

    GgufWriter put(String key, Object value) {
        metadata.put(key, Objects.requireNonNull(value, "value == null"));
        return this;
    }

    GgufWriter tensor(String name, float[] data, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + " has " + data.length + " values but dims hold " + n);
        }
        tensors.add(new Tensor(name, dims.clone(), data));
        return this;
    }

    void write(Path file) throws IOException {
        Bytes out = new Bytes();
        out.u32(0x46554747); // "GGUF" read as a little-endian uint32
        out.u32(3);
        out.u64(tensors.size());
        out.u64(metadata.size());
        for (Map.Entry<String, Object> kv : metadata.entrySet()) {
            out.string(kv.getKey());
            writeValue(out, kv.getValue());
        }
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            out.string(t.name());
            out.u32(t.dims().length);
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(GGML_TYPE_F32);
            out.u64(offset);
            offsets.add(offset);
            offset = align(offset + 4L * t.data().length);
        }
        out.padTo(ALIGNMENT);
        long dataStart = out.size();
        for (int i = 0; i < tensors.size(); i++) {
            if (out.size() - dataStart != offsets.get(i)) {
                throw new IllegalStateException("tensor offsets out of step at " + tensors.get(i).name());
            }
            for (float f : tensors.get(i).data()) {
                out.f32(f);
            }
            out.padTo(ALIGNMENT);
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            out.writeTo(os);
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void writeValue(Bytes out, Object value) {
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
            throw new IllegalArgumentException("no GGUF type for " + value.getClass());
        }
    }

    /** A growable little-endian byte buffer. */
    private static final class Bytes {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                        .order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void u8(int v) {
            ensure(1);
            buf.put((byte) v);
        }

        void u32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void u64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void f32(float v) {
            ensure(4);
            buf.putFloat(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            ensure(b.length);
            buf.put(b);
        }

        void padTo(int alignment) {
            while (buf.position() % alignment != 0) {
                u8(0);
            }
        }

        long size() {
            return buf.position();
        }

        void writeTo(OutputStream os) throws IOException {
            os.write(buf.array(), 0, buf.position());
        }
    }
}
