package dev.pev4j.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The SQL engines' private directories (spill, staging): made fresh, deleted with what they hold. Stateless. */
final class ScratchDirectories {

    private ScratchDirectories() {}

    /** A new empty directory named {@code prefix…} in {@code parent}, or in the system's temporary directory. */
    static Path create(@Nullable Path parent, String prefix) {
        try {
            return parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code directory} and everything below it, as far as it can: a scratch directory left behind is
     * harmless, and a failure here must not mask the error that ended the engine's work.
     */
    static void delete(Path directory) {
        List<Path> paths;
        try (Stream<Path> files = Files.walk(directory)) {
            paths = files.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        paths.forEach(ScratchDirectories::deleteQuietly);
    }

    /** Deletes one file or empty directory if it can; one left behind in a scratch directory is harmless. */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // harmless: see delete
        }
    }
}
