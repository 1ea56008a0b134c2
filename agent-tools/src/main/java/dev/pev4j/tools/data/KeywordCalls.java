package dev.pev4j.tools.data;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Calls a tool method of a tool object from Java with its required arguments in order and its optional ones by name
 * ({@link DataOps.Kw}), bound exactly as a plan's arguments are (the same conversions, defaults and error messages
 * naming the bad parameter and the nearest valid ones). Each optional parameter is declared once, on its {@code @Tool}
 * method; the keyword overloads of {@link DataOps} only name the tool. Thread-safe.
 */
final class KeywordCalls {

    /** A tool's descriptor and its method. */
    private record Target(ToolDescriptor descriptor, Method method) {}

    private final Object tools;
    private volatile @Nullable Map<String, Target> targets;

    KeywordCalls(Object tools) {
        this.tools = Objects.requireNonNull(tools, "tools == null");
    }

    /**
     * Calls {@code tool} with {@code required} in parameter order and {@code options} by name.
     *
     * @throws RuntimeException what the tool throws, or (a {@code ToolArgumentException}) for an unknown, repeated or
     *     ill-typed option
     */
    <T> T call(String tool, Class<T> resultType, DataOps.Kw[] options, @Nullable Object... required) {
        Target target = targets().get(tool);
        if (target == null) {
            throw new IllegalStateException(
                    "no tool '" + tool + "' on " + tools.getClass().getName());
        }
        Map<String, @Nullable Object> named = new LinkedHashMap<>();
        for (DataOps.Kw option : options) {
            Objects.requireNonNull(option, "option == null");
            if (named.containsKey(option.name())) {
                throw new IllegalArgumentException("tool '" + tool + "' option '" + option.name() + "' is given twice: "
                        + named.get(option.name()) + " and " + option.value());
            }
            named.put(option.name(), option.value());
        }
        @Nullable Object[] bound = target.descriptor().bind(Arrays.asList(required), named);
        try {
            return resultType.cast(target.method().invoke(tools, bound));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("tool '" + tool + "' failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("tool '" + tool + "' cannot be called: " + e.getMessage(), e);
        }
    }

    private Map<String, Target> targets() {
        Map<String, Target> known = targets;
        if (known == null) {
            ToolRegistry registry = ToolRegistry.of(tools);
            Map<String, Target> found = new HashMap<>();
            for (Method method : tools.getClass().getMethods()) {
                Tool annotation = method.getAnnotation(Tool.class);
                if (annotation != null) {
                    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
                    registry.find(name).ifPresent(d -> found.put(name, new Target(d, method)));
                }
            }
            known = Map.copyOf(found);
            targets = known;
        }
        return known;
    }
}
