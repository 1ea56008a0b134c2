package dev.pev4j.llm.llamacpp;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a GGUF file's header (ggml/docs/gguf.md, versions 2 and 3) needed to check the file before llama.cpp
 * sees it: llama.cpp reports every broken file as "could not load model from given file path" and logs the reason
 * natively, so this class finds the reason itself. Immutable and thread-safe.
 */
final class GgufHeader {

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final long MAX_STRING = 1L << 30;
    private static final long MAX_COUNT = 1L << 32;

    private final int version;
    private final Map<String, Object> scalars;

    private GgufHeader(int version, Map<String, Object> scalars) {
        this.version = version;
        this.scalars = Map.copyOf(scalars);
    }

    int version() {
        return version;
    }

    Optional<String> string(String key) {
        return scalars.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        return scalars.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /**
     * Reads and checks the header of {@code file}: magic, version, metadata, tensor infos, and that the file is long
     * enough to hold every tensor.
     *
     * @throws ModelFileException naming the file and what is wrong with it
     */
    static GgufHeader read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelFileException(file, "model file '" + file + "' cannot be read: " + e, e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Reader r = new Reader(in);
            int magic = r.u32();
            if (magic != MAGIC) {
                throw new ModelFileException(
                        file,
                        "model file '" + file + "' is not a GGUF file: it starts with bytes " + hex(magic)
                                + " where a GGUF file starts with 47 47 55 46 (\"GGUF\")",
                        null);
            }
            int version = r.u32();
            if (version != 2 && version != 3) {
                throw new ModelFileException(
                        file,
                        "model file '" + file + "' has GGUF version " + Integer.toUnsignedString(version)
                                + "; llama.cpp reads versions 2 and 3",
                        null);
            }
            long tensorCount = r.count("tensor count");
            long kvCount = r.count("metadata count");
            Map<String, Object> scalars = new HashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = r.string();
                Object value = r.value(r.u32());
                if (value != null) {
                    scalars.put(key, value);
                }
            }
            long alignment = scalars.get("general.alignment") instanceof Long a && a > 0 ? a : 32;
            long dataBytes = 0; // bytes the tensor data region needs, or a lower bound when a type is unknown
            for (long i = 0; i < tensorCount; i++) {
                String name = r.string();
                int nDims = r.u32();
                if (nDims < 1 || nDims > 4) {
                    throw new Corrupt("tensor '" + name + "' has " + Integer.toUnsignedString(nDims)
                            + " dimensions where GGUF allows 1 to 4");
                }
                long elements = 1;
                long ne0 = 0;
                for (int d = 0; d < nDims; d++) {
                    long ne = r.u64();
                    if (d == 0) {
                        ne0 = ne;
                    }
                    elements = ne > 0 && elements > Long.MAX_VALUE / ne ? Long.MAX_VALUE : elements * ne;
                }
                int type = r.u32();
                long offset = r.u64();
                long bytes = tensorBytes(type, ne0, elements);
                dataBytes = Math.max(dataBytes, offset + Math.max(bytes, 1));
            }
            long dataStart = (r.position() + alignment - 1) / alignment * alignment;
            if (dataStart + dataBytes > size) {
                throw new ModelFileException(
                        file,
                        "model file '" + file + "' is truncated: it has " + size + " bytes but its "
                                + tensorCount + " tensors need " + (dataStart + dataBytes)
                                + "; download it again",
                        null);
            }
            return new GgufHeader(version, scalars);
        } catch (EOFException e) {
            throw new ModelFileException(
                    file,
                    "model file '" + file + "' is truncated: it ends inside its GGUF header after " + size
                            + " bytes; download it again",
                    e);
        } catch (Corrupt e) {
            throw new ModelFileException(file, "model file '" + file + "' is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "model file '" + file + "' cannot be read: " + e, e);
        }
    }

    /** Bytes of a tensor of {@code type}, or 0 for a type this check does not know (the load then decides). */
    private static long tensorBytes(int type, long ne0, long elements) {
        long[] blockAndSize = switch (type) {
            case 0 -> new long[] {1, 4}; // F32
            case 1, 30, 25 -> new long[] {1, 2}; // F16, BF16, I16
            case 24 -> new long[] {1, 1}; // I8
            case 26 -> new long[] {1, 4}; // I32
            case 27, 28 -> new long[] {1, 8}; // I64, F64
            case 2, 20 -> new long[] {32, 18}; // Q4_0, IQ4_NL
            case 3 -> new long[] {32, 20}; // Q4_1
            case 6 -> new long[] {32, 22}; // Q5_0
            case 7 -> new long[] {32, 24}; // Q5_1
            case 8 -> new long[] {32, 34}; // Q8_0
            case 9 -> new long[] {32, 36}; // Q8_1
            case 10 -> new long[] {256, 84}; // Q2_K
            case 11, 21 -> new long[] {256, 110}; // Q3_K, IQ3_S
            case 12 -> new long[] {256, 144}; // Q4_K
            case 13 -> new long[] {256, 176}; // Q5_K
            case 14 -> new long[] {256, 210}; // Q6_K
            case 15 -> new long[] {256, 292}; // Q8_K
            case 16, 35 -> new long[] {256, 66}; // IQ2_XXS, TQ2_0
            case 17 -> new long[] {256, 74}; // IQ2_XS
            case 18 -> new long[] {256, 98}; // IQ3_XXS
            case 19 -> new long[] {256, 50}; // IQ1_S
            case 22 -> new long[] {256, 82}; // IQ2_S
            case 23 -> new long[] {256, 136}; // IQ4_XS
            case 29 -> new long[] {256, 56}; // IQ1_M
            case 34 -> new long[] {256, 54}; // TQ1_0
            default -> new long[] {0, 0};
        };
        long block = blockAndSize[0];
        if (block == 0 || ne0 % block != 0 || elements == Long.MAX_VALUE) {
            return 0;
        }
        long blocks = elements / block;
        return blocks > Long.MAX_VALUE / blockAndSize[1] ? Long.MAX_VALUE / 2 : blocks * blockAndSize[1];
    }

    private static String hex(int littleEndian) {
        return String.format(
                "%02x %02x %02x %02x",
                littleEndian & 0xff,
                (littleEndian >>> 8) & 0xff,
                (littleEndian >>> 16) & 0xff,
                (littleEndian >>> 24) & 0xff);
    }

    /** The header contradicts itself; the message says where. */
    private static final class Corrupt extends IOException {
        Corrupt(String message) {
            super(message);
        }
    }

    /** Little-endian reads that count the bytes consumed. */
    private static final class Reader {
        private final DataInputStream in;
        private long position;

        Reader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        long position() {
            return position;
        }

        int u8() throws IOException {
            position += 1;
            return in.readUnsignedByte();
        }

        int u32() throws IOException {
            position += 4;
            return Integer.reverseBytes(in.readInt());
        }

        long u64() throws IOException {
            position += 8;
            return Long.reverseBytes(in.readLong());
        }

        long count(String what) throws IOException {
            long n = u64();
            if (n < 0 || n > MAX_COUNT) {
                throw new Corrupt("its " + what + " is " + Long.toUnsignedString(n));
            }
            return n;
        }

        String string() throws IOException {
            long n = u64();
            if (n < 0 || n > MAX_STRING) {
                throw new Corrupt("a string claims " + Long.toUnsignedString(n) + " bytes");
            }
            byte[] b = in.readNBytes((int) n);
            if (b.length < n) {
                throw new EOFException();
            }
            position += n;
            return new String(b, StandardCharsets.UTF_8);
        }

        void skip(long n) throws IOException {
            in.skipNBytes(n);
            position += n;
        }

        /** Reads one metadata value; returns scalars (integers as Long), null for arrays. */
        @Nullable
        Object value(int type) throws IOException {
            switch (type) {
                case 0 -> {
                    return (long) u8();
                }
                case 1 -> {
                    return (long) (byte) u8();
                }
                case 2 -> {
                    position += 2;
                    return (long) (Short.reverseBytes(in.readShort()) & 0xffff);
                }
                case 3 -> {
                    position += 2;
                    return (long) Short.reverseBytes(in.readShort());
                }
                case 4 -> {
                    return Integer.toUnsignedLong(u32());
                }
                case 5 -> {
                    return (long) u32();
                }
                case 6 -> {
                    return Float.intBitsToFloat(u32());
                }
                case 7 -> {
                    return u8() != 0;
                }
                case 8 -> {
                    return string();
                }
                case 10, 11 -> {
                    return u64();
                }
                case 12 -> {
                    return Double.longBitsToDouble(u64());
                }
                case 9 -> {
                    int elementType = u32();
                    long n = count("array length");
                    long width = width(elementType);
                    if (width > 0) {
                        skip(n * width);
                    } else {
                        for (long i = 0; i < n; i++) {
                            value(elementType);
                        }
                    }
                    return null;
                }
                default -> throw new Corrupt("a metadata value has unknown type " + Integer.toUnsignedString(type));
            }
        }

        private static long width(int type) throws Corrupt {
            return switch (type) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 10, 11, 12 -> 8;
                case 8, 9 -> 0;
                default -> throw new Corrupt("an array holds unknown type " + Integer.toUnsignedString(type));
            };
        }
    }
}
