package dev.pev4j.examples.bench;

import dev.pev4j.llm.llamacpp.gguf.GgufWriter;
import dev.pev4j.llm.llamacpp.gguf.GgufWriter.TensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shapes of real small models, each written as a random-weight GGUF file: weight matrices in Q8_0, norms and
 * biases in F32, embeddings tied to the output. Speed does not depend on weight values, so such a file stands in for
 * the real model in benchmarks. The vocabulary is byte-level BPE: the 256 byte tokens, a few merges, the model's chat
 * control tokens at their real ids, and "[PADn]" tokens up to the real size. Immutable and thread-safe.
 */
enum ModelShape {

    /** Qwen2.5-0.5B-Instruct ("qwen2"): 24 layers, 896 wide, 14 query heads over 2 key/value heads, 494M params. */
    QWEN2_5_0_5B(
            "qwen2.5-0.5b",
            "qwen2",
            "qwen2",
            24,
            896,
            14,
            2,
            4864,
            151936,
            true,
            1_000_000f,
            1e-6f,
            151643,
            151645,
            false,
            new String[] {"<|endoftext|>", "<|im_start|>", "<|im_end|>"},
            "{% for message in messages %}"
                    + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
                    + "{% endfor %}"
                    + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"),

    /** Llama-3.2-1B-Instruct ("llama"): 16 layers, 2048 wide, 32 query heads over 8 key/value heads, 1.24B params. */
    LLAMA_3_2_1B(
            "llama-3.2-1b",
            "llama",
            "llama-bpe",
            16,
            2048,
            32,
            8,
            8192,
            128256,
            false,
            500_000f,
            1e-5f,
            128000,
            128009,
            true,
            new String[] {
                "<|begin_of_text|>",
                "<|end_of_text|>",
                "<|reserved_special_token_0|>",
                "<|reserved_special_token_1|>",
                "<|finetune_right_pad_id|>",
                "<|reserved_special_token_2|>",
                "<|start_header_id|>",
                "<|end_header_id|>",
                "<|eom_id|>",
                "<|eot_id|>"
            },
            "{% for message in messages %}"
                    + "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content']"
                    + " + '<|eot_id|>' }}"
                    + "{% endfor %}"
                    + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
                    + "{% endif %}");

    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_UNUSED = 5;
    private static final String[][] MERGES = {{"Ġ", "t"}, {"h", "e"}, {"i", "n"}, {"e", "r"}, {"Ġt", "he"}};

    final String id;
    private final String arch;
    private final String pre;
    final int layers;
    final int embd;
    final int heads;
    final int headsKv;
    final int ff;
    final int vocab;
    private final boolean qkvBias;
    private final float ropeBase;
    private final float normEps;
    private final int bos;
    private final int eos;
    private final boolean addBos;
    /** Control tokens at consecutive ids from {@link #bos}. */
    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, which the checker cannot see
    private final List<String> control;

    private final String template;

    ModelShape(
            String id,
            String arch,
            String pre,
            int layers,
            int embd,
            int heads,
            int headsKv,
            int ff,
            int vocab,
            boolean qkvBias,
            float ropeBase,
            float normEps,
            int bos,
            int eos,
            boolean addBos,
            String[] control,
            String template) {
        this.id = id;
        this.arch = arch;
        this.pre = pre;
        this.layers = layers;
        this.embd = embd;
        this.heads = heads;
        this.headsKv = headsKv;
        this.ff = ff;
        this.vocab = vocab;
        this.qkvBias = qkvBias;
        this.ropeBase = ropeBase;
        this.normEps = normEps;
        this.bos = bos;
        this.eos = eos;
        this.addBos = addBos;
        this.control = List.of(control);
        this.template = template;
    }

    /** The shape called {@code id} (such as "qwen2.5-0.5b"), ignoring case. */
    static ModelShape of(String id) {
        List<String> ids = new ArrayList<>();
        for (ModelShape s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
            ids.add(s.id);
        }
        throw new IllegalArgumentException("shape must be one of " + ids + " but was '" + id + "'");
    }

    /** The bytes one key/value cache cell takes at F16 over all layers, keys and values. */
    long kvBytesPerCell() {
        return 2L * layers * (embd / heads) * headsKv * 2;
    }

    /** Writes the model to {@code file}; returns the bytes of tensor data, what a decoded token reads. */
    long write(Path file, long seed) throws IOException {
        List<String> tokens = new ArrayList<>(vocab);
        int[] types = new int[vocab];
        String[] byteChars = GgufWriter.gpt2ByteChars();
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
        while (tokens.size() < vocab) {
            int id = tokens.size();
            if (id >= bos && id < bos + control.size()) {
                tokens.add(control.get(id - bos));
                types[id] = TYPE_CONTROL;
            } else {
                tokens.add("[PAD" + id + "]");
                types[id] = TYPE_UNUSED;
            }
        }
        int headDim = embd / heads;
        int kvWidth = headDim * headsKv;
        GgufWriter gguf = new GgufWriter()
                .put("general.architecture", arch)
                .put("general.name", "random-" + id + "-shape")
                .put("general.alignment", GgufWriter.ALIGNMENT)
                .put(arch + ".context_length", arch.equals("llama") ? 131072 : 32768)
                .put(arch + ".embedding_length", embd)
                .put(arch + ".block_count", layers)
                .put(arch + ".feed_forward_length", ff)
                .put(arch + ".attention.head_count", heads)
                .put(arch + ".attention.head_count_kv", headsKv)
                .put(arch + ".rope.freq_base", ropeBase)
                .put(arch + ".attention.layer_norm_rms_epsilon", normEps)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", pre)
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", new GgufWriter.Int32Array(types))
                .put("tokenizer.ggml.merges", merges)
                .put("tokenizer.ggml.bos_token_id", bos)
                .put("tokenizer.ggml.eos_token_id", eos)
                .put("tokenizer.ggml.padding_token_id", bos)
                .put("tokenizer.ggml.add_bos_token", addBos)
                .put("tokenizer.chat_template", template);
        if (arch.equals("llama")) {
            gguf.put("llama.rope.dimension_count", headDim).put("llama.vocab_size", vocab);
        }
        long s = seed;
        float w = 0.02f;
        gguf.randomTensor("token_embd.weight", TensorType.Q8_0, s++, w, embd, vocab);
        gguf.tensor("output_norm.weight", TensorType.F32, ones(embd), embd);
        for (int layer = 0; layer < layers; layer++) {
            String p = "blk." + layer + ".";
            gguf.tensor(p + "attn_norm.weight", TensorType.F32, ones(embd), embd);
            gguf.randomTensor(p + "attn_q.weight", TensorType.Q8_0, s++, w, embd, embd);
            gguf.randomTensor(p + "attn_k.weight", TensorType.Q8_0, s++, w, embd, kvWidth);
            gguf.randomTensor(p + "attn_v.weight", TensorType.Q8_0, s++, w, embd, kvWidth);
            if (qkvBias) {
                gguf.tensor(p + "attn_q.bias", TensorType.F32, new float[embd], embd);
                gguf.tensor(p + "attn_k.bias", TensorType.F32, new float[kvWidth], kvWidth);
                gguf.tensor(p + "attn_v.bias", TensorType.F32, new float[kvWidth], kvWidth);
            }
            gguf.randomTensor(p + "attn_output.weight", TensorType.Q8_0, s++, w, embd, embd);
            gguf.tensor(p + "ffn_norm.weight", TensorType.F32, ones(embd), embd);
            gguf.randomTensor(p + "ffn_gate.weight", TensorType.Q8_0, s++, w, embd, ff);
            gguf.randomTensor(p + "ffn_up.weight", TensorType.Q8_0, s++, w, embd, ff);
            gguf.randomTensor(p + "ffn_down.weight", TensorType.Q8_0, s++, w, ff, embd);
        }
        gguf.write(file);
        return gguf.tensorDataBytes();
    }

    /** The file name of the generated model. */
    String fileName() {
        return "random-" + id.toLowerCase(Locale.ROOT) + "-q8_0.gguf";
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }
}
