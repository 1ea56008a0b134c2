package dev.pev4j.llm.llamacpp;

import dev.pev4j.llm.LlmException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A model file cannot be used: it is missing, is not a GGUF file, is cut short, or llama.cpp refused it. Never
 * retriable: the same file fails again until it is replaced.
 */
public final class ModelFileException extends LlmException {

    private final transient Path path;

    ModelFileException(Path path, String message, @Nullable Throwable cause) {
        super(message, false, cause);
        this.path = path;
    }

    /** The model file that could not be used. */
    public Path path() {
        return path;
    }
}
