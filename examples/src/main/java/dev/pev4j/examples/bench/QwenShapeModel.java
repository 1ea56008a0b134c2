package dev.pev4j.examples.bench;

import dev.pev4j.llm.llamacpp.gguf.GgufWriter;
import dev.pev4j.llm.llamacpp.gguf.GgufWriter.TensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A random-weight GGUF model with the shape of Qwen2.5-0.5B-Instruct (architecture "qwen2": 24 layers, 896 wide,
 * 14 query heads over 2 key/value heads, feed-forward 4864, a vocabulary of 151936 with tied embeddings), weight
 * matrices in Q8_0, norms and biases in F32. Speed does not depend on weight values, so it stands in for the real
 * model in benchmarks. The vocabulary is byte-level BPE: the 256 byte tokens, a few merges, Qwen's three ChatML control
 * tokens at their real ids, and "[PADn]" tokens up to the real size. Not thread-safe.
 */
final class QwenShapeModel {

    static final int N_EMBD = 896;
    static final int N_LAYER = 24;
    static final int N_HEAD = 14;
    static final int N_HEAD_KV = 2;
    static final int N_FF = 4864;
    static final int N_VOCAB = 151936;
    private static final int HEAD_DIM = N_EMBD / N_HEAD;
    private static final int KV_WIDTH = HEAD_DIM * N_HEAD_KV;
    private static final int ENDOFTEXT = 151643;
    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_UNUSED = 5;
    private static final String CHATML_TEMPLATE = "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    private static final String[][] MERGES = {{"Ġ", "t"}, {"h", "e"}, {"i", "n"}, {"e", "r"}, {"Ġt", "he"}};

    private QwenShapeModel() {}

    /** Writes the model to {@code file}; returns the bytes of tensor data, what a decoded token reads. */
    static long write(Path file, long seed) throws IOException {
        List<String> tokens = new ArrayList<>(N_VOCAB);
        int[] types = new int[N_VOCAB];
        String[] byteChars = gpt2ByteChars();
        for (int b = 0; b < 256; b++) {
            tokens.add(byteChars[b]);
            types[b] = TYPE_NORMAL;
        }
        List<String> merges = new ArrayList<>();
        for (String[] m : MERGES) {
            merges.add(m[0] + " " + m[1]);
            types[tokens.size()] = TYPE_NORMAL;
            tokens.add(m[0] + m[1]);
        }
        while (tokens.size() < N_VOCAB) {
            int id = tokens.size();
            if (id == ENDOFTEXT) {
                tokens.add("<|endoftext|>");
                tokens.add("<|im_start|>");
                tokens.add("<|im_end|>");
                types[id] = types[id + 1] = types[id + 2] = TYPE_CONTROL;
            } else {
                tokens.add("[PAD" + id + "]");
                types[id] = TYPE_UNUSED;
            }
        }
        GgufWriter gguf = new GgufWriter()
                .put("general.architecture", "qwen2")
                .put("general.name", "random-qwen2.5-0.5b-shape")
                .put("general.alignment", GgufWriter.ALIGNMENT)
                .put("qwen2.context_length", 32768)
                .put("qwen2.embedding_length", N_EMBD)
                .put("qwen2.block_count", N_LAYER)
                .put("qwen2.feed_forward_length", N_FF)
                .put("qwen2.attention.head_count", N_HEAD)
                .put("qwen2.attention.head_count_kv", N_HEAD_KV)
                .put("qwen2.rope.freq_base", 1_000_000f)
                .put("qwen2.attention.layer_norm_rms_epsilon", 1e-6f)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", "qwen2")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", new GgufWriter.Int32Array(types))
                .put("tokenizer.ggml.merges", merges)
                .put("tokenizer.ggml.bos_token_id", ENDOFTEXT)
                .put("tokenizer.ggml.eos_token_id", ENDOFTEXT + 2)
                .put("tokenizer.ggml.padding_token_id", ENDOFTEXT)
                .put("tokenizer.ggml.add_bos_token", false)
                .put("tokenizer.chat_template", CHATML_TEMPLATE);
        long s = seed;
        float w = 0.02f;
        gguf.randomTensor("token_embd.weight", TensorType.Q8_0, s++, w, N_EMBD, N_VOCAB);
        gguf.tensor("output_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
        for (int layer = 0; layer < N_LAYER; layer++) {
            String p = "blk." + layer + ".";
            gguf.tensor(p + "attn_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
            gguf.randomTensor(p + "attn_q.weight", TensorType.Q8_0, s++, w, N_EMBD, N_EMBD);
            gguf.tensor(p + "attn_q.bias", TensorType.F32, new float[N_EMBD], N_EMBD);
            gguf.randomTensor(p + "attn_k.weight", TensorType.Q8_0, s++, w, N_EMBD, KV_WIDTH);
            gguf.tensor(p + "attn_k.bias", TensorType.F32, new float[KV_WIDTH], KV_WIDTH);
            gguf.randomTensor(p + "attn_v.weight", TensorType.Q8_0, s++, w, N_EMBD, KV_WIDTH);
            gguf.tensor(p + "attn_v.bias", TensorType.F32, new float[KV_WIDTH], KV_WIDTH);
            gguf.randomTensor(p + "attn_output.weight", TensorType.Q8_0, s++, w, N_EMBD, N_EMBD);
            gguf.tensor(p + "ffn_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
            gguf.randomTensor(p + "ffn_gate.weight", TensorType.Q8_0, s++, w, N_EMBD, N_FF);
            gguf.randomTensor(p + "ffn_up.weight", TensorType.Q8_0, s++, w, N_EMBD, N_FF);
            gguf.randomTensor(p + "ffn_down.weight", TensorType.Q8_0, s++, w, N_FF, N_EMBD);
        }
        gguf.write(file);
        return gguf.tensorDataBytes();
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** GPT-2's byte-to-character map: printable bytes stand for themselves, the others for U+0100 onwards. */
    private static String[] gpt2ByteChars() {
        String[] chars = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = new String(Character.toChars(printable ? b : next++));
        }
        return chars;
    }
}
