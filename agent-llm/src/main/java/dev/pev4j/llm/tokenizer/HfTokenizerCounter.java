package dev.pev4j.llm.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import dev.pev4j.llm.hub.ModelResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Counts tokens with a model's {@code tokenizer.json} (the HuggingFace tokenizers format) through DJL 0.38.0.
 *
 * <pre>{@code
 * try (HfTokenizerCounter counter = HfTokenizerCounter.load(ModelResolver.fromEnvironment(),
 *         "hf:Qwen/Qwen2.5-1.5B-Instruct/tokenizer.json")) {
 *     int tokens = counter.count(prompt);
 * }
 * }</pre>
 *
 * <p>Native library: DJL's jar carries the tokenizers library for linux-x86_64, linux-aarch64, osx-aarch64 and
 * win-x86_64 and extracts it to its cache ({@code DJL_CACHE_DIR}, default {@code ~/.djl.ai}); on other platforms DJL
 * downloads it from its CDN at first use, which fails offline: {@link #load(Path)} then throws an {@link LlmException}
 * that says so. Thread-safe; {@link #close()} frees the native tokenizer.
 */
public final class HfTokenizerCounter implements TokenCounter, AutoCloseable {

    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    private final Path file;
    private final HuggingFaceTokenizer tokenizer;

    private HfTokenizerCounter(Path file, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the tokenizer in {@code tokenizerJson}.
     *
     * @throws LlmException when the file is missing or not a tokenizer, or the native library cannot be loaded
     */
    public static HfTokenizerCounter load(Path tokenizerJson) {
        Objects.requireNonNull(tokenizerJson, "tokenizerJson == null");
        Path file = tokenizerJson.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new LlmException(
                    "tokenizer file '" + file + "' does not exist; give the path of a model's"
                            + " tokenizer.json or a reference such as hf:owner/repo/tokenizer.json",
                    false);
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(file, OPTIONS);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw nativeMissing(e);
        } catch (RuntimeException e) {
            if (isNativeProblem(e)) {
                throw nativeMissing(e);
            }
            throw new LlmException(
                    "tokenizer file '" + file + "' cannot be read as a HuggingFace tokenizer: " + e.getMessage(),
                    false,
                    e);
        } catch (java.io.IOException e) {
            throw new LlmException("tokenizer file '" + file + "' cannot be read: " + e, false, e);
        }
        return new HfTokenizerCounter(file, tokenizer);
    }

    /** Resolves {@code reference} (a path, or {@code hf:owner/repo/tokenizer.json}) with {@code resolver}, then loads it. */
    public static HfTokenizerCounter load(ModelResolver resolver, String reference) {
        Objects.requireNonNull(resolver, "resolver == null");
        Objects.requireNonNull(reference, "reference == null");
        return load(resolver.resolve(reference));
    }

    private static boolean isNativeProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof UnsatisfiedLinkError || m.contains("native library") || m.contains("download")) {
                return true;
            }
        }
        return false;
    }

    private static LlmException nativeMissing(Throwable e) {
        String platform = System.getProperty("os.name") + "-" + System.getProperty("os.arch");
        return new LlmException(
                "DJL's HuggingFace tokenizers cannot load its native library on " + platform + " ("
                        + e + "); the tokenizers 0.38.0 jar carries it for linux-x86_64, linux-aarch64, osx-aarch64 and"
                        + " win-x86_64 only, and downloads any other from DJL's CDN, which needs network access: use one of"
                        + " those platforms or count with the in-process model (LlamaCppLlm is a TokenCounter)",
                false,
                e);
    }

    /** The number of tokens {@code text} encodes to, without special tokens such as BOS. */
    @Override
    public int count(String text) {
        Objects.requireNonNull(text, "text == null");
        if (text.isEmpty()) {
            return 0;
        }
        Encoding encoding = tokenizer.encode(text, false, false);
        return encoding.getIds().length;
    }

    /** The tokenizer file this counter was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "HfTokenizerCounter[" + file + "]";
    }
}
