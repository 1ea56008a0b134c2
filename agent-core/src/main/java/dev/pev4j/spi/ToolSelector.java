package dev.pev4j.spi;

import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;

/**
 * Chooses the tools the planner shows the model for a task: all of them by default; a Tool RAG selector shows only
 * those closest to the task, to keep small models' prompts short. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ToolSelector {

    /** The tools to show for {@code task}, a non-empty subset of {@code registry}'s tools, in the order to show them. */
    List<ToolDescriptor> select(String task, ToolRegistry registry);

    /** Every registered tool. */
    static ToolSelector all() {
        return (task, registry) -> registry.tools();
    }
}
