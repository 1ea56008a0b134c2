package dev.pev4j.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * More examples, in the form of {@link #examples()}, that a {@link ToolSelector} may choose from for a task (those
     * whose tools it selected, most similar first) besides {@link #examples()}; shown only when tools are selected.
     * None by default.
     */
    default String exampleBank() {
        return "";
    }

    /**
     * Tools of this toolkit that a {@link ToolSelector} always shows, whatever the task (such as the tool that loads
     * the data); the planner puts them in the fixed head of its prompt. None by default.
     */
    default Set<String> alwaysOnTools() {
        return Set.of();
    }

    /**
     * For a tool, the tools a plan that uses it needs too (a plan that filters a table needs the tool that reads it):
     * a {@link ToolSelector} that chooses a tool also shows these. None by default.
     */
    default Map<String, List<String>> toolDependencies() {
        return Map.of();
    }

    /**
     * Extra text per tool that a {@link ToolSelector} matches tasks against besides the tool's name and descriptions:
     * synonyms, other libraries' names ({@code "to_csv, save, export"} for {@code write_csv}). None by default.
     */
    default Map<String, String> retrievalText() {
        return Map.of();
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
