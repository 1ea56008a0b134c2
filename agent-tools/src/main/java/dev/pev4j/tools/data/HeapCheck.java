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
        requireUnderHeap(size, Runtime.getRuntime().maxMemory(), "'" + path + "' is ", "");
    }

    /**
     * Fails when {@code bytes} of a file's data are more than the {@code heap}'s maximum size, saying so as
     * {@code before} the size {@code after}, and that the DuckDB engine reads files in place.
     */
    static void requireUnderHeap(long bytes, long heap, String before, String after) {
        if (heap != Long.MAX_VALUE && bytes > heap) {
            throw new DataOpsException(before + size(bytes) + after + ", more than this JVM's whole heap ("
                    + size(heap) + ", -Xmx), so the Tablesaw engine cannot hold it in memory; use the DuckDB engine, "
                    + "which reads files in place (--engine duckdb on the command line, Engine.duckdb() in code)");
        }
    }

    /**
     * About how many bytes of heap a Tablesaw table needs per cell (8 for a number, a dictionary index and its share
     * of the distinct texts for a text cell, plus the working copy a tool makes): an estimate, on the generous side.
     */
    static final long BYTES_PER_CELL = 16;

    /**
     * Fails, before anything is collected, when {@code relation} would not fit in the heap left free: a SQL engine's
     * tool that runs in memory ({@code tool}) collects its table into the JVM first.
     */
    static void requireFits(Relation relation, String tool, String engine) {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        if (max == Long.MAX_VALUE) {
            return;
        }
        long free = max - (runtime.totalMemory() - runtime.freeMemory());
        requireFits(relation.rows(), relation.columns().size(), free, max, relation.name(), tool, engine);
    }

    /** {@link #requireFits(Relation, String, String)} with the heap's free and maximum sizes given. */
    static void requireFits(long rows, int columns, long free, long max, String name, String tool, String engine) {
        long perRow = Math.max(1, columns) * BYTES_PER_CELL;
        long bytes = rows > Long.MAX_VALUE / perRow ? Long.MAX_VALUE : rows * perRow;
        if (bytes > free) {
            throw new DataOpsException("the table" + (name.isEmpty() ? "" : " '" + name + "'") + " has " + rows
                    + " rows and " + columns + " columns, about " + size(bytes) + " in memory, more than the "
                    + size(free) + " this JVM's heap has free (-Xmx " + size(max) + "); " + tool + " runs in memory "
                    + "on the " + engine + " engine (it collects its table into the JVM): filter, select or aggregate "
                    + "the table first, or give the JVM more heap");
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
