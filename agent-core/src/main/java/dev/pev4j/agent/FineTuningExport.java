package dev.pev4j.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path dir = target.getParent();
        try {
            Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, lines, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fine-tuning records to " + target + ": " + e.getMessage(), e);
        }
        return count;
    }
}
