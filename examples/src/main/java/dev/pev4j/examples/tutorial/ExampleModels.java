package dev.pev4j.examples.tutorial;

import dev.pev4j.examples.cli.ModelOptions;
import dev.pev4j.examples.cli.ModelUnavailableException;
import dev.pev4j.llm.LocalLlm;
import java.io.PrintWriter;
import java.util.Optional;

/** Opening the model an example's options ask for, with a one-line message saying how to get one when missing. */
final class ExampleModels {

    private ExampleModels() {}

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
