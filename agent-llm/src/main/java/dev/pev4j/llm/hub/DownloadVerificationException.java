package dev.pev4j.llm.hub;

/**
 * A downloaded file did not match what the hub announced (its SHA-256 or its size). The partial file is deleted, so
 * a retry downloads it again. Retriable.
 */
public final class DownloadVerificationException extends HubException {

    private final String check;
    private final String expected;
    private final String actual;

    DownloadVerificationException(ModelRef.HubFile ref, String message, String check, String expected, String actual) {
        super(ref, message, true, null);
        this.check = check;
        this.expected = expected;
        this.actual = actual;
    }

    /** What was checked: {@code "SHA-256"} or {@code "size"}. */
    public String check() {
        return check;
    }

    /** The value the hub announced (a hex digest or a byte count). */
    public String expected() {
        return expected;
    }

    /** The value of the downloaded bytes. */
    public String actual() {
        return actual;
    }
}
