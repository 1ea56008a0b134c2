package dev.pev4j.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's finished tasks as JSON Lines: a header line naming the suite, model and settings, then one task result a
 * line. Each task appends by rewriting the whole file atomically, so a run killed at any moment leaves the file as
 * it was after some task, never half a line; a new run with the same file skips the tasks it holds. Thread-safe.
 */
final class Checkpoint {

    private static final String FORMAT = "pev4j-eval-checkpoint-v1";

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, TaskResult> done = new LinkedHashMap<>();

    private Checkpoint(Path file) {
        this.file = file;
    }

    /**
     * Opens {@code file}: reads the tasks it holds when it was written for the same suite, model and settings, or
     * starts it.
     *
     * @throws IllegalArgumentException when it was written for another suite, model or settings, or is not a
     *     checkpoint
     */
    static Checkpoint open(Path file, String suite, String model, Map<String, String> settings) {
        Checkpoint checkpoint = new Checkpoint(file);
        ObjectNode header = EvalJson.JSON
                .createObjectNode()
                .put("format", FORMAT)
                .put("suite", suite)
                .put("model", model);
        ObjectNode s = header.putObject("settings");
        settings.forEach(s::put);
        String headerLine = EvalJson.toString(header);
        if (Files.exists(file)) {
            List<String> existing;
            try {
                existing = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
            }
            if (!existing.isEmpty()) {
                if (!existing.get(0).equals(headerLine)) {
                    throw new IllegalArgumentException("checkpoint " + file + " belongs to another run: it holds "
                            + existing.get(0) + " but this run is " + headerLine
                            + "; give another checkpoint file or delete this one");
                }
                for (String line : existing.subList(1, existing.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = EvalJson.JSON.readTree(line);
                    } catch (IOException e) {
                        throw new IllegalArgumentException(
                                "checkpoint " + file + " has a line that is not JSON: " + line, e);
                    }
                    TaskResult result = EvalJson.readTask(node);
                    checkpoint.done.put(result.id(), result);
                    checkpoint.lines.add(line);
                }
                checkpoint.lines.add(0, headerLine);
                return checkpoint;
            }
        }
        checkpoint.lines.add(headerLine);
        AtomicFiles.write(file, headerLine + "\n");
        return checkpoint;
    }

    /** The results already in the file, by task id. */
    synchronized Map<String, TaskResult> done() {
        return Map.copyOf(done);
    }

    synchronized void append(TaskResult result) {
        lines.add(EvalJson.toString(EvalJson.task(result)));
        done.put(result.id(), result);
        AtomicFiles.write(file, String.join("\n", lines) + "\n");
    }
}
