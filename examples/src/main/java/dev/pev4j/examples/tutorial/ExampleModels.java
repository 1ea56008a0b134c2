package dev.pev4j.examples.tutorial;

import dev.pev4j.agent.AgentResult;
import dev.pev4j.examples.cli.ModelOptions;
import dev.pev4j.examples.cli.ModelUnavailableException;
import dev.pev4j.llm.LocalLlm;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.function.BiFunction;

/** Opening the model an example's options ask for, with a one-line message saying how to get one when missing. */
final class ExampleModels {

    private ExampleModels() {}

    /**
     * Opens the model, runs {@code example} with it and standard output, closes the model; the exit code: 0 when the
     * agent solved the task, 1 when not, 4 without a model.
     */
    static int run(ModelOptions options, BiFunction<LocalLlm, PrintWriter, AgentResult> example) {
        Optional<LocalLlm> llm = open(options, new PrintWriter(System.err, true, Charset.defaultCharset()));
        if (llm.isEmpty()) {
            return 4;
        }
        try {
            return example.apply(llm.get(), new PrintWriter(System.out, true, Charset.defaultCharset()))
                            .solved()
                    ? 0
                    : 1;
        } finally {
            close(llm.get());
        }
    }

    /** The model, or empty after printing why not and how to supply one. */
    static Optional<LocalLlm> open(ModelOptions options, PrintWriter err) {
        try {
            err.println("model: " + options.describe());
            return Optional.of(options.open(System.getenv(), System.err));
        } catch (ModelUnavailableException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Optional.empty();
        }
    }

    static void close(LocalLlm llm) {
        if (llm instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }
    }
}
