package dev.pev4j.tool;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls a tool by name with argument values (plan literals already turned into {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code List} and {@code Map}, and earlier steps' evidence as the Java objects they
 * are). {@link ToolRegistry} is the implementation users get; the executor depends only on this. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface ToolInvoker {

    /**
     * Calls {@code tool} and returns what it returned ({@code null} for a {@code void} tool).
     *
     * @throws RuntimeException when the tool is unknown, an argument does not bind, or the tool itself throws
     */
    @Nullable
    Object invoke(String tool, List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs);

    /**
     * The declared side effects of {@code tool}, which the executor orders steps by; {@link
     * ToolDescriptor.Effects#UNDECLARED} unless the implementation knows better ({@link ToolRegistry} reads
     * {@link SideEffects}).
     */
    default ToolDescriptor.Effects effects(String tool) {
        return ToolDescriptor.Effects.UNDECLARED;
    }
}
