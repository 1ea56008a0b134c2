package dev.pev4j.llm.llamacpp;

import dev.pev4j.llm.llamacpp.gguf.GgufWriter;
import dev.pev4j.llm.llamacpp.gguf.GgufWriter.TensorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes tiny random-weight GGUF models that llama.cpp loads in milliseconds: architecture "llama", 2 layers,
 * 64-wide embeddings, 4 query heads over 2 key/value heads, a byte-level BPE ("gpt2") tokenizer of 256 byte tokens,
 * a few merges and ChatML control tokens, and a ChatML chat template. Their replies are gibberish; tests assert
 * structure, never wording. Test code only.
 */
final class TinyModels {

    static final int N_EMBD = 64;
    static final int N_HEAD = 4;
    static final int N_HEAD_KV = 2;
    static final int N_FF = 128;
    static final int N_LAYER = 2;
    static final int CONTEXT = 256;

    static final String CHATML_TEMPLATE = "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final String[][] MERGES = {
        {"Ġ", "t"},
        {"h", "e"},
        {"i", "n"},
        {"e", "r"},
        {"o", "n"},
        {"Ġt", "he"},
        {"a", "n"},
        {"r", "e"},
        {"Ġ", "a"},
        {"e", "n"}
    };
    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_CONTROL = 3;

    private TinyModels() {}

    /** Writes the tiny llama model as {@code dir/tiny-llama.gguf} and returns its path. */
    static Path llama(Path dir) {
        return llama(dir.resolve("tiny-llama.gguf"), 1234L);
    }

    /** Writes the tiny llama model, weights drawn from {@code seed}, to {@code file}. */
    static Path llama(Path file, long seed) {
        return llama(file, seed, TensorType.F32);
    }

    /** Writes the tiny llama model with its weight matrices encoded as {@code matrices} (norms stay F32). */
    static Path llama(Path file, long seed, TensorType matrices) {
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        String[] byteChars = GgufWriter.gpt2ByteChars();
        for (int b = 0; b < 256; b++) {
            tokens.add(byteChars[b]);
            types.add(TYPE_NORMAL);
        }
        List<String> merges = new ArrayList<>();
        for (String[] m : MERGES) {
            merges.add(m[0] + " " + m[1]);
            tokens.add(m[0] + m[1]);
            types.add(TYPE_NORMAL);
        }
        int bos = tokens.size();
        tokens.add("<|endoftext|>");
        tokens.add("<|im_start|>");
        int eos = tokens.size();
        tokens.add("<|im_end|>");
        for (int i = 0; i < 3; i++) {
            types.add(TYPE_CONTROL);
        }
        int vocab = tokens.size();
        int[] tokenTypes = types.stream().mapToInt(Integer::intValue).toArray();

        GgufWriter gguf = new GgufWriter()
                .put("general.architecture", "llama")
                .put("general.name", "tiny-random-llama")
                .put("general.alignment", GgufWriter.ALIGNMENT)
                .put("llama.vocab_size", vocab)
                .put("llama.context_length", CONTEXT)
                .put("llama.embedding_length", N_EMBD)
                .put("llama.block_count", N_LAYER)
                .put("llama.feed_forward_length", N_FF)
                .put("llama.rope.dimension_count", N_EMBD / N_HEAD)
                .put("llama.attention.head_count", N_HEAD)
                .put("llama.attention.head_count_kv", N_HEAD_KV)
                .put("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", "default")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", new GgufWriter.Int32Array(tokenTypes))
                .put("tokenizer.ggml.merges", merges)
                .put("tokenizer.ggml.bos_token_id", bos)
                .put("tokenizer.ggml.eos_token_id", eos)
                .put("tokenizer.ggml.add_bos_token", false)
                .put("tokenizer.chat_template", CHATML_TEMPLATE);

        Random random = new Random(seed);
        int kvWidth = N_EMBD / N_HEAD * N_HEAD_KV;
        gguf.tensor("token_embd.weight", matrices, gaussian(random, N_EMBD * vocab, 0.5f), N_EMBD, vocab);
        gguf.tensor("output_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
        gguf.tensor("output.weight", matrices, gaussian(random, N_EMBD * vocab, 0.5f), N_EMBD, vocab);
        for (int layer = 0; layer < N_LAYER; layer++) {
            String p = "blk." + layer + ".";
            gguf.tensor(p + "attn_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
            gguf.tensor(p + "attn_q.weight", matrices, gaussian(random, N_EMBD * N_EMBD, 0.1f), N_EMBD, N_EMBD);
            gguf.tensor(p + "attn_k.weight", matrices, gaussian(random, N_EMBD * kvWidth, 0.1f), N_EMBD, kvWidth);
            gguf.tensor(p + "attn_v.weight", matrices, gaussian(random, N_EMBD * kvWidth, 0.1f), N_EMBD, kvWidth);
            gguf.tensor(p + "attn_output.weight", matrices, gaussian(random, N_EMBD * N_EMBD, 0.1f), N_EMBD, N_EMBD);
            gguf.tensor(p + "ffn_norm.weight", TensorType.F32, ones(N_EMBD), N_EMBD);
            gguf.tensor(p + "ffn_gate.weight", matrices, gaussian(random, N_EMBD * N_FF, 0.1f), N_EMBD, N_FF);
            gguf.tensor(p + "ffn_up.weight", matrices, gaussian(random, N_EMBD * N_FF, 0.1f), N_EMBD, N_FF);
            gguf.tensor(p + "ffn_down.weight", matrices, gaussian(random, N_FF * N_EMBD, 0.1f), N_FF, N_EMBD);
        }
        try {
            gguf.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }
}
