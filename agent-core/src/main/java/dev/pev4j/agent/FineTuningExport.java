package dev.pev4j.agent;

import dev.pev4j.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes verified runs as chat-format fine-tuning records, one JSON object a line ({@code {"messages": [{"role":
 * "system", ...}, {"role": "user", ...}, {"role": "assistant", "content": "<plan>"}]}}), the way TinyAgent and
 * smart_agent trained small planners. Runs that are not {@link AgentResult#verified() verified} are left out. Stateless
 * and thread-safe.
 */
final class FineTuningExport {

    private FineTuningExport() {}

    /**
     * Writes the records of {@code results} to {@code file}, replacing it atomically (a reader sees the old file or
     * the whole new one), and returns how many were written.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static int write(Path file, Iterable<AgentResult> results) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(results, "results == null");
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (AgentResult result : results) {
            if (result.fineTuningRecord().isPresent()) {
                lines.append(result.fineTuningRecord().get()).append('\n');
                count++;
            }
        }
        Path target = file.toAbsolutePath();
        try {
            AtomicFiles.writeString(target, lines, AtomicFiles.Mode.REPLACE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fine-tuning records to " + target + ": " + e.getMessage(), e);
        }
        return count;
    }
}
