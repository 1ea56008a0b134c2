package dev.pev4j.llm.llamacpp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.llm.StopStrings;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.FinishReason;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import dev.pev4j.llm.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GGUF model run in-process by llama.cpp (through {@code de.kherud:llama} 4.2.0, llama.cpp build b4916).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     LlamaCppLlm.exitJvmWhenMainReturns(); // llama.cpp's native thread would keep the JVM alive
 *     try (LlamaCppLlm llm = LlamaCppLlm.builder().modelFile(Path.of("qwen2.5-1.5b-instruct-q8_0.gguf")).build()) {
 *         LlmResponse reply = llm.chat(LlmRequest.builder().user("Say hi").maxTokens(16).build());
 *     }
 * }
 * }</pre>
 *
 * <p>Conversations are rendered with the chat template inside the model file (ChatML when it has none). A request's
 * JSON schema becomes a grammar that constrains sampling, so the reply parses as JSON of that shape, unless the token
 * limit cuts it short: give schemas {@code maxLength}/{@code maxItems}, and ask for {@link #replyTokenBound} tokens
 * (the planner does, as far as the context window holds them) or check the finish reason. The grammar decodes
 * UTF-8 leniently, so a string a model fills with invalid byte sequences can hold more U+FFFD characters than its
 * {@code maxLength} allows: check values after parsing. Stop strings are
 * matched here, not natively, so a reply ended by one says {@link FinishReason#STOP_STRING}. Log-probabilities are not
 * offered: asking 4.2.0 for them aborts the JVM.
 *
 * <p>Prompt prefix reuse: the model keeps one llama.cpp slot whose KV cache holds the tokens of the last call (its
 * prompt and reply). A call whose prompt starts with the same tokens (the planner's long system prompt and tool list,
 * say) computes only the tokens after the shared prefix; llama.cpp always recomputes at least the last prompt token.
 * On by default, as it is in llama.cpp's server; {@link Builder#promptCache(boolean)} turns it off. A cached prefix
 * is computed in other batches than the same prompt computed whole, so the logits can differ in their last bits, and a
 * near tie between two tokens can then go the other way, even at temperature 0 (llama.cpp's server documents the same
 * for {@code cache_prompt}). That is the likely (not proven) cause of greedy replies of the random-weight test models,
 * whose logits are near ties everywhere, differing in a long test run. Turn the cache off where replies must repeat
 * exactly.
 *
 * <p>Thread-safe. One model serves one generation at a time: concurrent {@link #generate} calls wait for each other
 * (a fair lock, so in arrival order); {@link #count} runs alongside them; {@link #close} waits for the running
 * generation. An interrupted caller gets a {@link FinishReason#CANCELLED} reply within a token, its interrupt status
 * kept.
 *
 * <p>JVM exit: llama.cpp's task loop runs on a non-daemon native thread that stays attached to the JVM even after
 * {@link #close()} (upstream issue 116), so a {@code main} that loaded a model does not end the JVM by returning.
 * Call {@link System#exit} at its end, or {@link #exitJvmWhenMainReturns()} at its start.
 */
public final class LlamaCppLlm implements LocalLlm, TokenCounter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppLlm.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LLAMA_EXCEPTION = "de.kherud.llama.LlamaException";

    private final Path modelFile;
    private final int contextSize;
    private final boolean addsBos;
    private final boolean promptCache;
    private final LlmCapabilities capabilities;
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
    private final ReentrantLock generation = new ReentrantLock(true);
    private @Nullable LlamaModel model; // null once closed; read under life's read lock, cleared under its write lock
    private volatile Map.@Nullable Entry<String, String> lastGrammar;

    private LlamaCppLlm(Path modelFile, int contextSize, boolean addsBos, boolean promptCache, LlamaModel model) {
        this.modelFile = modelFile;
        this.contextSize = contextSize;
        this.addsBos = addsBos;
        this.promptCache = promptCache;
        this.model = model;
        this.capabilities = new LlmCapabilities(true, false, true, contextSize);
    }

    /** Loads {@code modelFile} with the defaults of {@link Builder}. */
    public static LlamaCppLlm load(Path modelFile) {
        return builder().modelFile(modelFile).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the JVM exit once the calling thread (normally {@code main}) has ended and only llama.cpp's native threads
     * are left: with status 1 when the thread ended by an uncaught exception, else 0. Threads the application started
     * itself are still waited for. Call it at the start of {@code main}; the alternative is {@link System#exit} at the
     * end.
     */
    public static void exitJvmWhenMainReturns() {
        JvmExit.whenThreadEnds(Thread.currentThread());
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        return generate(request, null);
    }

    /**
     * Checks {@code request} against {@link #capabilities()} as {@link #chat(LlmRequest)} does, then generates the
     * reply and hands each piece to {@code listener} as it is generated.
     */
    public LlmResponse chat(LlmRequest request, TokenListener listener) {
        Objects.requireNonNull(listener, "listener == null");
        LlamaCppLlm self = this;
        LocalLlm streaming = new LocalLlm() {
            @Override
            public LlmResponse generate(LlmRequest r) {
                return self.generate(r, listener);
            }

            @Override
            public LlmCapabilities capabilities() {
                return self.capabilities();
            }

            @Override
            public String name() {
                return self.name();
            }
        };
        return streaming.chat(request);
    }

    /** Hands each decoded piece to {@code pieces} as llama.cpp generates it (see {@link LocalLlm#stream}). */
    @Override
    public LlmResponse generateStreaming(LlmRequest request, Consumer<String> pieces) {
        Objects.requireNonNull(pieces, "pieces == null");
        return generateWith(request, pieces);
    }

    /**
     * Generates a reply, handing each piece to {@code listener} when there is one; what the listener throws is logged
     * and generation goes on (see {@link TokenListener}).
     */
    public LlmResponse generate(LlmRequest request, @Nullable TokenListener listener) {
        return generateWith(
                request,
                listener == null
                        ? piece -> {}
                        : piece -> {
                            try {
                                listener.onToken(piece);
                            } catch (RuntimeException e) {
                                LOG.warn("token listener failed; generation goes on", e);
                            }
                        });
    }

    /** Generates a reply, handing each piece to {@code pieces}; what {@code pieces} throws ends the generation. */
    private LlmResponse generateWith(LlmRequest request, Consumer<String> pieces) {
        Objects.requireNonNull(request, "request == null");
        life.readLock().lock();
        try {
            LlamaModel m = requireOpen();
            try {
                generation.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LlmResponse("", TokenUsage.ZERO, FinishReason.CANCELLED);
            }
            try {
                return generateLocked(m, request, pieces);
            } finally {
                generation.unlock();
            }
        } finally {
            life.readLock().unlock();
        }
    }

    /**
     * Generates under the lock. The binding reports neither token ids nor counts (asking it for probabilities, which
     * would carry them, aborts the JVM), so output tokens are counted from the streamed pieces. llama.cpp streams one
     * piece per token, except that it holds back a token that ends inside a multi-byte character and sends it with the
     * token that completes the character. So a piece of ASCII text is one token, an empty piece is the end-of-generation
     * token, and a piece with other characters is counted with the model's own tokenizer, after the generation: that
     * count was exact on every valid UTF-8 reply of a byte-level tiny model (LlamaCppLlmTest), where counting pieces
     * was short by the held-back tokens and encoding the whole reply was not exact either (the model need not pick the
     * tokenizer's own split of the reply). A reply with bytes that are not UTF-8 (a random-weight model's) reaches Java
     * with them replaced by U+FFFD: each counts one token, which may be fewer than were generated. A reply cut by
     * {@code maxTokens} counts exactly {@code maxTokens}.
     */
    private LlmResponse generateLocked(LlamaModel m, LlmRequest request, Consumer<String> pieces) {
        String prompt = render(m, request.messages());
        int inputTokens = encode(m, prompt) + (addsBos ? 1 : 0);
        if (inputTokens >= contextSize) {
            throw new LlmException(
                    "the prompt has " + inputTokens + " tokens but model '" + name() + "' holds " + contextSize
                            + " in its context window; shorten the conversation or build the model with a larger"
                            + " contextSize",
                    false);
        }
        InferenceParameters params = new InferenceParameters(prompt)
                .setNPredict(request.maxTokens())
                .setTemperature((float) request.temperature())
                .setCachePrompt(promptCache);
        if (request.seed() != null) {
            params.setSeed(foldSeed(request.seed()));
        }
        if (request.jsonSchema() != null) {
            params.setGrammar(grammar(request.jsonSchema()));
        }
        if (Thread.currentThread().isInterrupted()) {
            return new LlmResponse("", new TokenUsage(inputTokens, 0), FinishReason.CANCELLED);
        }
        StopStrings text = new StopStrings(request.stop(), pieces);
        int outputTokens = 0;
        List<String> wide = new ArrayList<>(); // pieces with non-ASCII characters, counted once generation is over
        boolean lastPieceEmpty = false;
        FinishReason finish = null;
        try {
            LlamaIterator it = m.generate(params).iterator();
            try {
                while (it.hasNext()) {
                    LlamaOutput out = it.next();
                    if (!it.hasNext()) {
                        // The closing result of a stream carries no new token.
                        text.append(out.text);
                        break;
                    }
                    if (isAscii(out.text)) {
                        outputTokens++;
                    } else {
                        wide.add(out.text);
                    }
                    lastPieceEmpty = out.text.isEmpty();
                    if (text.append(out.text)) {
                        it.cancel();
                        finish = FinishReason.STOP_STRING;
                        break;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        it.cancel();
                        finish = FinishReason.CANCELLED;
                        break;
                    }
                }
            } catch (RuntimeException e) {
                if (!e.getClass().getName().equals(LLAMA_EXCEPTION)) {
                    it.cancel(); // the caller's piece consumer threw: stop decoding for nobody
                }
                throw e;
            }
        } catch (RuntimeException e) {
            if (!e.getClass().getName().equals(LLAMA_EXCEPTION)) {
                throw e;
            }
            throw new LlmException(
                    "llama.cpp failed to generate with model '" + name() + "': " + e.getMessage(), false, e);
        }
        for (String piece : wide) {
            outputTokens += tokensOf(m, piece);
        }
        outputTokens = Math.min(outputTokens, request.maxTokens());
        if (finish == null) {
            text.flush();
            // An end-of-generation token renders as an empty piece; without one, the token limit ended the reply.
            finish = lastPieceEmpty ? FinishReason.STOP : FinishReason.LENGTH;
            if (finish == FinishReason.LENGTH && inputTokens + request.maxTokens() < contextSize) {
                // The token limit ended the reply, not the context: exactly maxTokens tokens were generated, whatever
                // the pieces hold (bytes that are not UTF-8 arrive as U+FFFD).
                outputTokens = request.maxTokens();
            }
        }
        return new LlmResponse(text.text(), new TokenUsage(inputTokens, outputTokens), finish);
    }

    private static boolean isAscii(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            if (piece.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tokens of a streamed piece with non-ASCII characters: its encoding by the model's tokenizer, with each U+FFFD
     * (bytes that were not UTF-8, replaced on the way to Java) counted as one token; at least one.
     */
    private static int tokensOf(LlamaModel m, String piece) {
        int replaced = 0;
        StringBuilder rest = new StringBuilder(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '\uFFFD') {
                replaced++;
            } else {
                rest.append(c);
            }
        }
        return Math.max(1, replaced + encode(m, rest.toString()));
    }

    /** The prompt the model sees for {@code messages}: the model's chat template applied, ready for the reply. */
    String prompt(List<ChatMessage> messages) {
        life.readLock().lock();
        try {
            return render(requireOpen(), messages);
        } finally {
            life.readLock().unlock();
        }
    }

    private String render(LlamaModel m, List<ChatMessage> messages) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("messages");
        for (ChatMessage message : messages) {
            array.addObject().put("role", role(message)).put("content", message.text());
        }
        try {
            return m.applyTemplate(body.toString());
        } catch (RuntimeException e) {
            LOG.debug("model '{}': its chat template failed ({}); using ChatML", name(), e.getMessage());
            StringBuilder chatml = new StringBuilder();
            for (ChatMessage message : messages) {
                chatml.append("<|im_start|>")
                        .append(role(message))
                        .append('\n')
                        .append(message.text())
                        .append("<|im_end|>\n");
            }
            return chatml.append("<|im_start|>assistant\n").toString();
        }
    }

    private static String role(ChatMessage message) {
        return message.role().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The most tokens a reply under {@code jsonSchema} can have: the longest text its grammar accepts, in UTF-8 bytes,
     * plus the end-of-generation token. It holds for any vocabulary, since llama.cpp samples no token with empty text
     * under a grammar; it is what a reply full of multi-byte characters or escapes, one byte token each, would take.
     * Empty when the schema leaves a string or a list unbounded.
     *
     * @throws LlmException when llama.cpp cannot turn the schema into a grammar
     */
    @Override
    public OptionalInt replyTokenBound(String jsonSchema) {
        Objects.requireNonNull(jsonSchema, "jsonSchema == null");
        OptionalLong bytes = GrammarBound.maxBytes(grammar(jsonSchema));
        return bytes.isPresent() && bytes.getAsLong() < Integer.MAX_VALUE
                ? OptionalInt.of((int) bytes.getAsLong() + 1)
                : OptionalInt.empty();
    }

    /** The grammar of {@code jsonSchema}; the last one is kept, as a planner asks for a bound, then a reply. */
    private String grammar(String jsonSchema) {
        Map.Entry<String, String> last = lastGrammar;
        if (last != null && last.getKey().equals(jsonSchema)) {
            return last.getValue();
        }
        String grammar = convert(jsonSchema);
        lastGrammar = Map.entry(jsonSchema, grammar);
        return grammar;
    }

    private static String convert(String jsonSchema) {
        try {
            return LlamaModel.jsonSchemaToGrammar(SchemaGuard.safe(jsonSchema));
        } catch (RuntimeException e) {
            throw new LlmException(
                    "llama.cpp cannot turn the JSON schema into a grammar: " + e.getMessage() + "; schema: "
                            + abbreviate(jsonSchema),
                    false,
                    e);
        }
    }

    /** Folds a 64-bit seed into the 31 bits llama.cpp takes, away from its "random seed" value 0xFFFFFFFF. */
    private static int foldSeed(long seed) {
        return (int) ((seed ^ (seed >>> 32)) & 0x7fffffff);
    }

    /** The number of tokens {@code text} encodes to; special-token text such as {@code <|im_end|>} counts as one. */
    @Override
    public int count(String text) {
        Objects.requireNonNull(text, "text == null");
        life.readLock().lock();
        try {
            return encode(requireOpen(), text);
        } finally {
            life.readLock().unlock();
        }
    }

    private static int encode(LlamaModel m, String text) {
        return text.isEmpty() ? 0 : m.encode(text).length;
    }

    /** JSON schemas and seeds, no log-probabilities, a context window of the built context size. */
    @Override
    public LlmCapabilities capabilities() {
        return capabilities;
    }

    /** The model file's name. */
    @Override
    public String name() {
        return modelFile.getFileName().toString();
    }

    /** The model file this model was loaded from. */
    public Path modelFile() {
        return modelFile;
    }

    /**
     * Frees the model's native memory, after the running generation ends; later calls fail. Idempotent. It does not
     * end llama.cpp's native thread: see the class comment on JVM exit.
     */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            LlamaModel m = model;
            model = null;
            if (m != null) {
                m.close();
                LOG.debug("closed model '{}'", name());
            }
        } finally {
            life.writeLock().unlock();
        }
    }

    private LlamaModel requireOpen() {
        LlamaModel m = model;
        if (m == null) {
            throw new LlmException("model '" + name() + "' is closed; load it again with LlamaCppLlm.load", false);
        }
        return m;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "LlamaCppLlm[" + modelFile + ", contextSize=" + contextSize + ", promptCache=" + promptCache + "]";
    }

    /**
     * Builds a {@link LlamaCppLlm}; not thread-safe. Defaults: one thread per available processor, a context of 4096
     * tokens, no GPU layers (the bundled natives are CPU-only), random seeds for requests without one.
     */
    public static final class Builder {
        private @Nullable Path modelFile;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int contextSize = 4096;
        private @Nullable Long seed;
        private int gpuLayers;
        private boolean promptCache = true;
        private int batchSize;

        private Builder() {}

        /** The GGUF file to load; required. */
        public Builder modelFile(Path modelFile) {
            this.modelFile = Objects.requireNonNull(modelFile, "modelFile == null");
            return this;
        }

        /** CPU threads for prompt processing and generation. */
        public Builder threads(int threads) {
            Checks.atLeast("threads", threads, 1);
            this.threads = threads;
            return this;
        }

        /** Tokens the prompt and the reply may hold together. */
        public Builder contextSize(int contextSize) {
            Checks.atLeast("contextSize", contextSize, 16);
            this.contextSize = contextSize;
            return this;
        }

        /** The sampling seed for requests that carry none. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Layers to offload to a GPU; only GPU builds of llama.cpp use them. */
        public Builder gpuLayers(int gpuLayers) {
            Checks.atLeast("gpuLayers", gpuLayers, 0);
            this.gpuLayers = gpuLayers;
            return this;
        }

        /**
         * Prompt tokens computed per step (llama.cpp's n_batch and n_ubatch; its default is 512). The step's working
         * memory grows with it times the vocabulary size (about 300 MiB at 512 for a 152k vocabulary), so a smaller
         * batch saves resident memory at some cost in prompt speed.
         */
        public Builder batchSize(int batchSize) {
            Checks.atLeast("batchSize", batchSize, 1);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether a call reuses the KV cache of the previous call for the prompt prefix they share; default true.
         * Off, every call computes its whole prompt (useful to measure the reuse, or to rule it out).
         */
        public Builder promptCache(boolean promptCache) {
            this.promptCache = promptCache;
            return this;
        }

        /**
         * Checks the model file, then loads it.
         *
         * @throws ModelFileException when the file is missing, not a GGUF file, truncated, or refused by llama.cpp
         */
        public LlamaCppLlm build() {
            if (modelFile == null) {
                throw new IllegalStateException("A model file is required: call modelFile(path).");
            }
            Path file = modelFile.toAbsolutePath().normalize();
            requireRegularFile(file);
            GgufHeader header = GgufHeader.read(file);
            ModelParameters params = new ModelParameters()
                    .setModel(file.toString())
                    .setThreads(threads)
                    .setThreadsBatch(threads)
                    // The library's default of one slot keeps the last call's tokens for the next call. Setting
                    // it explicitly (setParallel(1)) is not the same in 4.2.0: seeded replies then depend on the cache.
                    .setCtxSize(contextSize)
                    // Without a shift, a full context ends the reply (LENGTH) instead of silently dropping the prompt.
                    .disableContextShift();
            if (gpuLayers > 0) {
                params.setGpuLayers(gpuLayers);
            }
            if (batchSize > 0) {
                params.setBatchSize(batchSize).setUbatchSize(batchSize);
            }
            if (seed != null) {
                params.setSeed(foldSeed(seed));
            }
            LlamaModel model = loadNative(file, header, params);
            // add_bos_token is what llama.cpp follows; without it, SentencePiece ("llama") vocabularies add BOS.
            boolean addsBos = header.bool("tokenizer.ggml.add_bos_token")
                    .orElse(header.string("tokenizer.ggml.model").orElse("").equals("llama"));
            LOG.debug("loaded model '{}' (context {}, {} threads)", file, contextSize, threads);
            return new LlamaCppLlm(file, contextSize, addsBos, promptCache, model);
        }

        private static LlamaModel loadNative(Path file, GgufHeader header, ModelParameters params) {
            try {
                return new LlamaModel(params);
            } catch (RuntimeException e) {
                if (!e.getClass().getName().equals(LLAMA_EXCEPTION)) {
                    throw e;
                }
                // The reason is logged natively only: loading resets llama.cpp's log to standard error, so a Java
                // logger installed beforehand does not see it.
                String architecture = header.string("general.architecture").orElse("unknown");
                throw new ModelFileException(
                        file,
                        "llama.cpp (build b4916) could not load model file '" + file + "' (architecture '"
                                + architecture + "'): " + e.getMessage()
                                + "; llama.cpp logs the reason on standard error",
                        e);
            }
        }

        private static void requireRegularFile(Path file) {
            if (Files.isRegularFile(file)) {
                if (!Files.isReadable(file)) {
                    throw new ModelFileException(file, "model file '" + file + "' is not readable", null);
                }
                return;
            }
            String problem = Files.isDirectory(file) ? "is a directory" : "does not exist";
            Path dir = Files.isDirectory(file) ? file : file.getParent();
            throw new ModelFileException(file, "model file '" + file + "' " + problem + "; " + nearby(dir), null);
        }

        /** Names the .gguf files in {@code dir}, the nearest valid values for a model file. */
        private static String nearby(@Nullable Path dir) {
            if (dir == null || !Files.isDirectory(dir)) {
                return "its directory " + (dir == null ? "" : "'" + dir + "' ") + "does not exist either";
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<String> ggufs = files.filter(
                                p -> p.getFileName().toString().endsWith(".gguf"))
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .limit(10)
                        .collect(Collectors.toList());
                return ggufs.isEmpty()
                        ? "'" + dir + "' holds no .gguf files"
                        : ".gguf files in '" + dir + "': " + String.join(", ", ggufs);
            } catch (IOException e) {
                return "'" + dir + "' cannot be listed: " + e;
            }
        }
    }
}
