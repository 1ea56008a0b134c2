package dev.pev4j.llm.hub;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The hub could not be reached or failed (HTTP 5xx or 429, a timeout, a dropped connection). Retriable: the same call
 * may succeed later, and resumes a partial download where it stopped.
 */
public final class HubUnavailableException extends HubException {

    private final int status; // 0 when no response arrived

    HubUnavailableException(ModelRef.HubFile ref, String message, int status, @Nullable Throwable cause) {
        super(ref, message, true, cause);
        this.status = status;
    }

    /** The HTTP status the hub answered with, empty when no response arrived. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
