package dev.pev4j.tools.eval;

/** Told about each finished task of an evaluation, from the thread that ran it. Implementations are thread-safe. */
@FunctionalInterface
public interface EvalListener {

    /**
     * Task {@code result} finished (or was read back from the checkpoint, {@code resumed}); {@code done} of {@code
     * total} tasks are finished.
     */
    void onTask(TaskResult result, boolean resumed, int done, int total);
}
