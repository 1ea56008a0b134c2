package dev.pev4j.tools.rag;

import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The labelled Tool RAG set: tasks written by hand, each with the tools a correct plan calls, over DataOps and the
 * {@link FileTextTools} and {@link CalendarTools} fixtures (resource {@code labelled-tasks.tsv}).
 */
public final class LabelledTasks {

    private LabelledTasks() {}

    /** A task and the tools it needs. */
    public record Task(String text, Set<String> tools) {}

    /** Every task of the set, in file order. */
    public static List<Task> all() {
        try (InputStream in = LabelledTasks.class.getResourceAsStream("labelled-tasks.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/pev4j/tools/rag/labelled-tasks.tsv is missing");
            }
            List<Task> tasks = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                if (parts.length != 2) {
                    throw new IllegalStateException("labelled-tasks.tsv: expected 'task<TAB>tools' but got: " + line);
                }
                tasks.add(new Task(parts[0].strip(), Set.of(parts[1].strip().split("\\s*,\\s*"))));
            }
            return List.copyOf(tasks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool objects the set is labelled over: DataOps on {@code workspace}, the file and calendar fixtures. */
    public static List<Object> toolObjects(Path workspace) {
        return List.of(
                DataOps.in(Workspace.of(workspace)), new FileTextTools(), new CalendarTools(LocalDate.of(2024, 5, 31)));
    }
}
