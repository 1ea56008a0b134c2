package dev.pev4j.llm.hub;

/**
 * The hub refused the file (HTTP 401 or 403): the repository is gated or private, or the hub hides that it does not
 * exist. Not retriable until {@code HF_TOKEN} holds a token with access.
 */
public final class HubAccessDeniedException extends HubException {

    private final int status;
    private final boolean tokenSent;

    HubAccessDeniedException(ModelRef.HubFile ref, String message, int status, boolean tokenSent) {
        super(ref, message, false, null);
        this.status = status;
        this.tokenSent = tokenSent;
    }

    /** The HTTP status, 401 or 403. */
    public int status() {
        return status;
    }

    /** Whether the request carried a token. */
    public boolean tokenSent() {
        return tokenSent;
    }
}
