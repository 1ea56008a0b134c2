package dev.pev4j.examples.cli;

import dev.pev4j.AgentException;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.hub.ModelRef;
import dev.pev4j.llm.hub.ModelResolver;
import dev.pev4j.llm.langchain4j.ServerLlms;
import dev.pev4j.llm.llamacpp.LlamaCppLlm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The model options every command and example that runs a model shares (a picocli mixin): the default local model,
 * another GGUF file ({@code --model}), an Ollama server ({@code --ollama URL --ollama-model NAME}) or an
 * OpenAI-compatible one ({@code --openai-base-url URL --openai-model NAME}). Every option takes exactly one value, so
 * a question after them is never read as an option's value. Not thread-safe; picocli fills it in, then {@link #open} is
 * called once.
 */
public final class ModelOptions {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** How to supply a model, for messages about a missing one. */
    public static final String HOW_TO_SUPPLY = "give a GGUF file with --model /path/to/model.gguf (or "
            + "--model hf:OWNER/REPO/FILE.gguf), or a server with --ollama http://localhost:11434 --ollama-model NAME "
            + "or --openai-base-url http://localhost:8080/v1 --openai-model NAME";

    @Option(
            names = "--model",
            paramLabel = "REF",
            description = "A GGUF model: a local path or a hub reference hf:OWNER/REPO/FILE.gguf "
                    + "(default: the 1.5 B Qwen2.5 instruct model, downloaded on first use).")
    @Nullable
    String model;

    @Option(
            names = "--ollama",
            paramLabel = "URL",
            description = "Use a model served by Ollama at this URL, e.g. http://localhost:11434; "
                    + "name the model with --ollama-model.")
    @Nullable
    String ollama;

    @Option(
            names = "--ollama-model",
            paramLabel = "NAME",
            description = "The model name for --ollama, e.g. qwen2.5:1.5b.")
    @Nullable
    String ollamaModel;

    @Option(
            names = "--openai-base-url",
            paramLabel = "URL",
            description = "Use an OpenAI-compatible server (llama-server, vLLM, LM Studio), e.g. "
                    + "http://localhost:8080/v1; name the model with --openai-model.")
    @Nullable
    String openAiBaseUrl;

    @Option(names = "--openai-model", paramLabel = "NAME", description = "The model name for --openai-base-url.")
    @Nullable
    String openAiModel;

    /** What the options ask for, checked: at most one source, and the OpenAI options together. */
    public String describe() {
        check();
        if (ollama != null) {
            return "Ollama model " + ollamaModel + " at " + ollama;
        }
        if (openAiBaseUrl != null) {
            return "model " + openAiModel + " at " + openAiBaseUrl;
        }
        return model != null ? "local model " + model : "default local model " + ModelResolver.DEFAULT_MODEL;
    }

    /**
     * Checks the combination of options.
     *
     * @throws IllegalArgumentException naming the options that do not go together
     */
    public void check() {
        int sources = (model != null ? 1 : 0) + (ollama != null ? 1 : 0) + (openAiBaseUrl != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException(
                    "choose one model source: --model, --ollama or --openai-base-url, not several");
        }
        if (ollama != null && ollamaModel == null) {
            throw new IllegalArgumentException("--ollama needs --ollama-model NAME");
        }
        if (ollamaModel != null && ollama == null) {
            throw new IllegalArgumentException("--ollama-model needs --ollama URL");
        }
        if (openAiBaseUrl != null && openAiModel == null) {
            throw new IllegalArgumentException("--openai-base-url needs --openai-model NAME");
        }
        if (openAiModel != null && openAiBaseUrl == null) {
            throw new IllegalArgumentException("--openai-model needs --openai-base-url URL");
        }
    }

    /**
     * Opens the model: a server client, or a local GGUF file resolved through the Hugging Face cache (downloading it,
     * with a progress bar on {@code progress}, when it is not cached and the environment allows).
     *
     * @param environment the process environment ({@code HF_HUB_OFFLINE}, {@code HF_HUB_CACHE}, {@code HF_TOKEN} ...)
     * @throws ModelUnavailableException with a one-line message saying how to supply a model when none can be had
     */
    public LocalLlm open(Map<String, String> environment, PrintStream progress) {
        check();
        if (ollama != null && ollamaModel != null) {
            requireReachable(ollama, "the Ollama server", "--ollama");
            return ServerLlms.ollama(ollama, ollamaModel).build();
        }
        if (openAiBaseUrl != null && openAiModel != null) {
            requireReachable(openAiBaseUrl, "the OpenAI-compatible server", "--openai-base-url");
            return ServerLlms.openAiCompatible(openAiBaseUrl, openAiModel).build();
        }
        Path file;
        try {
            ModelRef ref = model != null ? ModelRef.parse(model) : ModelResolver.DEFAULT_MODEL;
            file = ModelResolver.builder()
                    .environment(environment)
                    .listener(new ConsoleProgressBar(progress, 30))
                    .build()
                    .resolve(ref);
        } catch (AgentException e) {
            throw new ModelUnavailableException(CliOutput.oneLine(e.getMessage()) + "; " + HOW_TO_SUPPLY, e);
        }
        try {
            return LlamaCppLlm.load(file);
        } catch (AgentException e) {
            throw new ModelUnavailableException(
                    "cannot load " + file + ": " + CliOutput.oneLine(e.getMessage()) + "; " + HOW_TO_SUPPLY, e);
        }
    }

    /**
     * Connects once to the server's host and port, so that a wrong URL or a stopped server ends the command at once
     * with exit 4 and one line naming the URL, instead of after the planner's retries.
     *
     * @throws ModelUnavailableException when nothing answers there
     */
    static void requireReachable(String url, String what, String option) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ModelUnavailableException(
                    option + " " + url + " is not a URL: " + e.getReason() + "; give one like http://localhost:11434",
                    e);
        }
        String host = uri.getHost();
        if (host == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))) {
            throw new ModelUnavailableException(
                    option + " " + url + " is not an http:// or https:// URL with a host; "
                            + "give one like http://localhost:11434",
                    null);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new ModelUnavailableException(
                    "cannot reach " + what + " at " + url + " ("
                            + CliOutput.oneLine(
                                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "); start it, or give the right URL with " + option,
                    e);
        }
    }
}
