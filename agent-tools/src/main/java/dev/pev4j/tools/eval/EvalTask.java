package dev.pev4j.tools.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One task of a suite: the question, the data files it is about (absolute paths; the agent sees them by file name),
 * the reference plan (in any form the plan parser reads), the expected answer, the tools it needs (empty when not
 * stated) and how the expected answer was computed. Immutable and thread-safe.
 */
public record EvalTask(
        String id,
        String category,
        String task,
        List<Path> files,
        String referencePlan,
        Expected expected,
        List<String> tools,
        String computedWith) {

    public EvalTask {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(category, "category == null");
        Objects.requireNonNull(task, "task == null");
        files = List.copyOf(files);
        Objects.requireNonNull(referencePlan, "referencePlan == null");
        Objects.requireNonNull(expected, "expected == null");
        tools = List.copyOf(tools);
        Objects.requireNonNull(computedWith, "computedWith == null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a task id must not be blank");
        }
        if (task.isBlank()) {
            throw new IllegalArgumentException("task " + id + " has a blank task text");
        }
    }
}
