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
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Calls a tool of a {@link DataFrameTools} from Java with its required arguments in order and its optional ones by
 * name ({@link DataFrameTools.Kw}), bound exactly as a plan's arguments are (the same conversions, defaults and error
 * messages naming the bad parameter and the nearest valid ones). Each optional parameter is declared once, on its
 * {@code @Tool} method of the interface; the keyword overloads only name the tool. Thread-safe.
 */
final class KeywordCalls {

    /** A tool's descriptor (bound with the engine's table type) and its interface method, which dispatches. */
    private record Target(ToolDescriptor descriptor, Method method) {}

    /** The targets of each engine class, found once. */
    private static final Map<Class<?>, Map<String, Target>> TARGETS = new ConcurrentHashMap<>();

    private KeywordCalls() {}

    /**
     * Calls {@code tool} of {@code tools} with {@code required} in parameter order and {@code options} by name.
     *
     * @throws RuntimeException what the tool throws, or (a {@code ToolArgumentException}) for an unknown, repeated or
     *     ill-typed option
     */
    static <T> T call(
            DataFrameTools<?> tools,
            String tool,
            Class<T> resultType,
            DataFrameTools.Kw[] options,
            @Nullable Object... required) {
        Target target =
                TARGETS.computeIfAbsent(tools.getClass(), c -> targets(tools)).get(tool);
        if (target == null) {
            throw new IllegalStateException(
                    "no tool '" + tool + "' on " + tools.getClass().getName());
        }
        Map<String, @Nullable Object> named = new LinkedHashMap<>();
        for (DataFrameTools.Kw option : options) {
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

    private static Map<String, Target> targets(DataFrameTools<?> tools) {
        ToolRegistry registry = ToolRegistry.of(tools);
        Map<String, Target> found = new HashMap<>();
        for (Method method : DataFrameTools.class.getMethods()) {
            Tool annotation = method.getAnnotation(Tool.class);
            if (annotation != null) {
                String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
                registry.find(name).ifPresent(d -> found.put(name, new Target(d, method)));
            }
        }
        return Map.copyOf(found);
    }
}
