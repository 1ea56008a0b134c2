package dev.pev4j.exec;

import dev.pev4j.AgentException;
import dev.pev4j.tool.ToolInvoker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Tools as lambdas, by name; records each call. Thread-safe. */
final class FakeTools implements ToolInvoker {

    @FunctionalInterface
    interface Tool {
        @Nullable
        Object call(List<@Nullable Object> args, Map<String, @Nullable Object> named) throws Exception;
    }

    private final Map<String, Tool> tools = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    FakeTools with(String name, Tool tool) {
        tools.put(name, tool);
        return this;
    }

    /** The tool names, in the order they were called. */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public @Nullable Object invoke(String tool, List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs) {
        calls.add(tool);
        Tool found = tools.get(tool);
        if (found == null) {
            throw new AgentException("unknown tool '" + tool + "'; tools: " + tools.keySet());
        }
        try {
            return found.call(args, namedArgs);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException("tool '" + tool + "' threw " + e, e);
        }
    }
}
