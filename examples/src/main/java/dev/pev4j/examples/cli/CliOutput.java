package dev.pev4j.examples.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * What every {@code pev4j} command writes to the terminal the same way: an error as one line with its exit code, and a
 * warning when something it opened cannot be closed.
 */
final class CliOutput {

    private CliOutput() {}

    /** Prints {@code error: <message on one line>} and returns {@code exitCode}, for {@code return fail(...)}. */
    static int fail(PrintWriter err, int exitCode, @Nullable String message) {
        err.println("error: " + oneLine(message));
        return exitCode;
    }

    /** The text on one line: stripped, each line break (with the blanks around it) made one space; "" for null. */
    static String oneLine(@Nullable String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Closes {@code resource} when it is {@link AutoCloseable}; a failure to close is only a warning ({@code warning:
     * closing <what> failed: ...}), since the command's work is done.
     */
    static void close(@Nullable Object resource, String what, PrintWriter err) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                err.println("warning: closing " + what + " failed: " + e.getMessage());
            }
        }
    }
}
