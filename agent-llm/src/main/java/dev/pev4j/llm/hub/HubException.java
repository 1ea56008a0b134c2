package dev.pev4j.llm.hub;

import dev.pev4j.llm.LlmException;
import org.jspecify.annotations.Nullable;

/**
 * A model file could not be resolved. Subclasses say why: {@link ModelNotFoundException},
 * {@link HubAccessDeniedException}, {@link HubUnavailableException} (retriable), {@link ModelNotCachedException},
 * {@link DownloadVerificationException} (retriable).
 */
public class HubException extends LlmException {

    private final transient ModelRef ref;

    HubException(ModelRef ref, String message, boolean retriable, @Nullable Throwable cause) {
        super(message, retriable, cause);
        this.ref = ref;
    }

    /** The model file that could not be resolved. */
    public ModelRef ref() {
        return ref;
    }
}
