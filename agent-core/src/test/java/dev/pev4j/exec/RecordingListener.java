package dev.pev4j.exec;

import dev.pev4j.exec.PlanExecutor.ExecutionListener;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.StepId;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event it is told. Thread-safe. */
final class RecordingListener implements ExecutionListener {

    private final List<StepEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(StepEvent event) {
        events.add(event);
    }

    synchronized List<StepEvent> events() {
        return List.copyOf(events);
    }

    /** The kinds of events of one step, in order: {@code [Started, Finished]}. */
    synchronized List<String> kindsFor(int step) {
        List<String> kinds = new ArrayList<>();
        for (StepEvent event : events) {
            if (event.step().equals(StepId.of(step))) {
                kinds.add(event.getClass().getSimpleName());
            }
        }
        return kinds;
    }
}
