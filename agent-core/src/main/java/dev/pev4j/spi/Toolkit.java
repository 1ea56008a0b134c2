package dev.pev4j.spi;

import java.util.List;

/**
 * What a tool object may offer the agent besides its tools: a line of context for the planner (for data: the files,
 * their columns and types), example plans written with its own tools, previewers for the evidence types it returns,
 * and inspectors that let the tester read them as tables. The agent collects these from every registered tool object that implements this interface.
 * Implementations are thread-safe.
 */
public interface Toolkit {

    /** Context for the planner's prompt, such as {@code files: sales.csv (date: object, revenue: float64)}. */
    default String context() {
        return "";
    }

    /**
     * Example tasks with their plans and criteria, written with this toolkit's own tools, for the planner's prompt;
     * blank when it has none. The planner shows the examples of all registered toolkits, one after the other, and
     * generic examples only when no toolkit gives any. Each example is a {@code Task:} line, a plan in the text form
     * ({@code Plan:} thoughts and {@code #E1 = tool(...)} steps) and a {@code Criteria:} list, separated by a blank
     * line.
     */
    default String examples() {
        return "";
    }

    /** Previewers for the values this toolkit's tools return. */
    default List<ValuePreviewer> previewers() {
        return List.of();
    }

    /** Inspectors that show this toolkit's values to the tester as tables. */
    default List<EvidenceInspector> inspectors() {
        return List.of();
    }
}
