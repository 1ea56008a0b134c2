package dev.pev4j.judge;

import dev.pev4j.AgentException;

/**
 * A saved calibration cannot be read: the file is missing, is not JSON, or a field is absent, of the wrong type or
 * inconsistent with the others. {@link #field()} names the field ({@code "judges[1].threshold"}), or is empty when the
 * file as a whole is at fault.
 */
public class CalibrationException extends AgentException {

    private final String source;
    private final String field;

    public CalibrationException(String source, String field, String problem) {
        super("calibration " + source + ": " + (field.isEmpty() ? "" : "field '" + field + "' ") + problem);
        this.source = source;
        this.field = field;
    }

    public CalibrationException(String source, String problem, Throwable cause) {
        super("calibration " + source + ": " + problem, cause);
        this.source = source;
        this.field = "";
    }

    /** Where the calibration came from: a file path, or {@code "<string>"}. */
    public String source() {
        return source;
    }

    /** The bad field as a JSON path, or empty. */
    public String field() {
        return field;
    }
}
