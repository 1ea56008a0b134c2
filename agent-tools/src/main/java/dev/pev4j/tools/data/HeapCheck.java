package dev.pev4j.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses, before reading, a file that cannot fit in the JVM's heap, so that the Tablesaw engine answers with advice
 * rather than an {@code OutOfMemoryError}. Stateless.
 */
final class HeapCheck {

    private HeapCheck() {}

    /**
     * Fails when {@code file} is larger than the heap's maximum size: a table in memory takes at least about as many
     * bytes as its text, so such a file can never be read.
     */
    static void requireFits(Path file, String path) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && size > heap) {
            throw new DataOpsException("'" + path + "' is " + size(size) + ", more than this JVM's whole heap ("
                    + size(heap) + ", -Xmx), so the Tablesaw engine cannot hold it in memory; use the DuckDB engine, "
                    + "which reads files in place (--engine duckdb on the command line, Engine.duckdb() in code)");
        }
    }

    /** {@code 1.5 GB}, {@code 300.0 MB}, {@code 12 KB}, {@code 7 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        } else if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        } else if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
