package dev.pev4j.llm.llamacpp.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.llamacpp.gguf.GgufWriter.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {

    @TempDir
    Path dir;

    @Test
    void converts_floats_to_half_precision_with_rounding_to_nearest_even() {
        assertThat(GgufWriter.toHalf(1f)).isEqualTo((short) 0x3c00);
        assertThat(GgufWriter.toHalf(-2f)).isEqualTo((short) 0xc000);
        assertThat(GgufWriter.toHalf(0f)).isEqualTo((short) 0);
        assertThat(GgufWriter.toHalf(65504f)).isEqualTo((short) 0x7bff);
        assertThat(GgufWriter.toHalf(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(GgufWriter.toHalf(1f / 127f)).isEqualTo((short) 0x2008); // 0.0078740 -> 0.0078735
        assertThat(GgufWriter.toHalf(0x1.002p0f)).isEqualTo((short) 0x3c00); // halfway, rounds to even
        assertThat(GgufWriter.toHalf(5.9604645e-8f)).isEqualTo((short) 0x0001); // smallest subnormal
    }

    @Test
    void quantizes_a_block_of_32_to_an_f16_scale_and_32_int8s() {
        float[] values = new float[32];
        for (int i = 0; i < 32; i++) {
            values[i] = (i - 16) / 16f * 1.27f; // -1.27 .. 1.19
        }
        byte[] block = new byte[34];

        GgufWriter.quantizeQ8_0(values, 0, block);

        short scale = (short) ((block[0] & 0xff) | (block[1] << 8));
        assertThat(scale).isEqualTo(GgufWriter.toHalf(0.01f));
        assertThat(block[2]).isEqualTo((byte) -127);
        assertThat(block[2 + 16]).isEqualTo((byte) 0);
        assertThat(block[2 + 31]).isEqualTo((byte) 119);
    }

    @Test
    void writes_header_tensor_infos_and_aligned_q8_0_data() throws Exception {
        Path file = dir.resolve("m.gguf");
        GgufWriter writer = new GgufWriter()
                .put("general.architecture", "llama")
                .tensor("a", TensorType.F32, new float[] {1f, 2f, 3f}, 3)
                .randomTensor("b", TensorType.Q8_0, 7L, 0.5f, 64, 2);

        writer.write(file);

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(0x46554747);
        assertThat(b.getInt()).isEqualTo(3);
        assertThat(b.getLong()).isEqualTo(2);
        assertThat(b.getLong()).isEqualTo(1);
        // F32 "a": 12 bytes padded to 32; Q8_0 "b": 128 values = 4 blocks of 34 bytes = 136, padded to 160.
        assertThat(writer.tensorDataBytes()).isEqualTo(32 + 160);
        assertThat(Files.size(file) % 32).isZero();
        long dataStart = Files.size(file) - writer.tensorDataBytes();
        assertThat(b.getFloat((int) dataStart + 4)).isEqualTo(2f);
        short scale = b.getShort((int) dataStart + 32);
        assertThat(scale).isEqualTo(GgufWriter.toHalf(0.5f / 127f));
    }

    @Test
    void refuses_a_q8_0_tensor_whose_rows_are_not_blocks_of_32() {
        assertThatThrownBy(() -> new GgufWriter().randomTensor("w", TensorType.Q8_0, 1L, 1f, 100, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor 'w' has a first dim of 100, which Q8_0 cannot hold: it must be a multiple of 32"
                        + " (nearest: 96 or 128); use F32");
    }
}
