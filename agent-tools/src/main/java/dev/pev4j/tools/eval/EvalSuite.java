package dev.pev4j.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A named list of evaluation tasks, read from a suite file (JSON; the format is documented in
 * {@code examples/eval/SUITE-FORMAT.md}). Data file paths in the file are relative to the file's folder.
 *
 * <pre>{@code
 * EvalSuite suite = EvalSuite.load(Path.of("examples/eval/dataops/suite.json"));
 * suite.tasks().size(); // 81
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public record EvalSuite(String name, String description, List<EvalTask> tasks) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("number", "set", "table", "chart");

    public EvalSuite {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        tasks = List.copyOf(tasks);
        Set<String> ids = new HashSet<>();
        for (EvalTask task : tasks) {
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException("suite " + name + " has two tasks with id '" + task.id() + "'");
            }
        }
    }

    /** The suite with only the tasks whose ids are given, in the suite's order. */
    public EvalSuite only(List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        List<EvalTask> kept = new ArrayList<>();
        for (EvalTask task : tasks) {
            if (wanted.remove(task.id())) {
                kept.add(task);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("suite " + name + " has no task " + wanted + "; its tasks: "
                    + tasks.stream().map(EvalTask::id).toList());
        }
        return new EvalSuite(name, description, kept);
    }

    /**
     * Reads a suite file.
     *
     * @throws IllegalArgumentException naming the task and field when the file is not a valid suite, or a data file
     *     is missing
     * @throws UncheckedIOException when the file cannot be read
     */
    public static EvalSuite load(Path file) {
        Objects.requireNonNull(file, "file == null");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new UncheckedIOException("suite file not found: " + file.toAbsolutePath(), e);
            }
            throw new IllegalArgumentException("suite file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent()); // a file read above has a parent
        String where = "suite file " + file;
        String name = text(root, "name", where);
        JsonNode tasks = root.path("tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw new IllegalArgumentException(where + " needs a non-empty array \"tasks\"");
        }
        List<EvalTask> read = new ArrayList<>();
        for (JsonNode node : tasks) {
            String id = text(node, "id", where + ", task " + (read.size() + 1));
            String at = where + ", task " + id;
            List<Path> files = new ArrayList<>();
            for (String relative : strings(node, "files", at)) {
                Path data = dir.resolve(relative).normalize();
                if (!Files.isRegularFile(data)) {
                    throw new IllegalArgumentException(at + ": data file not found: " + data);
                }
                files.add(data);
            }
            read.add(new EvalTask(
                    id,
                    node.path("category").asText(""),
                    text(node, "task", at),
                    files,
                    text(node, "reference_plan", at),
                    expected(node.path("expected"), at),
                    node.has("tools") ? strings(node, "tools", at) : List.of(),
                    node.path("computed_with").asText("")));
        }
        return new EvalSuite(name, root.path("description").asText(""), read);
    }

    static Expected expected(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + " needs an object \"expected\"");
        }
        String kind = text(node, "kind", at + ", expected");
        double tolerance = node.path("tolerance").asDouble(1e-9);
        switch (kind) {
            case "number" -> {
                JsonNode value = node.path("value");
                if (!value.isNumber()) {
                    throw new IllegalArgumentException(at + ": an expected number needs a numeric \"value\"");
                }
                return new Expected.Number(
                        value.asDouble(),
                        tolerance,
                        optionalText(node, "column"),
                        optionalText(node, "key"),
                        node.has("index") ? node.path("index").asInt() : null);
            }
            case "set" -> {
                JsonNode values = node.path("values");
                if (!values.isArray()) {
                    throw new IllegalArgumentException(at + ": an expected set needs an array \"values\"");
                }
                List<Object> list = new ArrayList<>();
                for (JsonNode v : values) {
                    list.add(scalar(v, at));
                }
                return new Expected.ValueSet(list, optionalText(node, "column"));
            }
            case "table" -> {
                return table(node, at, tolerance);
            }
            case "chart" -> {
                return new Expected.Chart(
                        text(node, "chart", at + ", expected"),
                        text(node, "x", at + ", expected"),
                        optionalText(node, "y"),
                        table(node, at, tolerance));
            }
            default ->
                throw new IllegalArgumentException(
                        at + ": unknown expected kind '" + kind + "'; kinds: " + String.join(", ", KINDS));
        }
    }

    private static Expected.TableContents table(JsonNode node, String at, double tolerance) {
        List<String> columns = strings(node, "columns", at + ", expected");
        JsonNode rows = node.path("rows");
        if (!rows.isArray()) {
            throw new IllegalArgumentException(at + ": an expected table needs an array \"rows\"");
        }
        List<List<@Nullable Object>> list = new ArrayList<>();
        for (JsonNode row : rows) {
            List<@Nullable Object> cells = new ArrayList<>();
            for (JsonNode cell : row) {
                cells.add(cell.isNull() ? null : scalar(cell, at));
            }
            list.add(cells);
        }
        try {
            return new Expected.TableContents(
                    columns, list, node.path("ordered").asBoolean(false), tolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static Object scalar(JsonNode v, String at) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        throw new IllegalArgumentException(at + ": expected values are text, numbers or booleans, not " + v);
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(at + " needs a text \"" + field + "\"");
        }
        return value.asText();
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private static List<String> strings(JsonNode node, String field, String at) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(at + " needs an array of text \"" + field + "\"");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.asText());
        }
        return out;
    }
}
