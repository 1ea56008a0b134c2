package dev.pev4j.tools.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values an MCP server keeps for its clients, named by handles such as {@code table:1} (the kind is the value's class
 * name in lower case, the number counts up per kind); the oldest are dropped beyond a bound. Thread-safe.
 */
final class Handles {

    static final Pattern HANDLE = Pattern.compile("[a-z][a-z0-9_]*:[1-9][0-9]*");

    private final int max;
    private final Map<String, Object> values = new LinkedHashMap<>(); // guarded by this
    private final Map<String, Integer> counters = new LinkedHashMap<>(); // guarded by this

    Handles(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxHandles must be >= 1 but was " + max);
        }
        this.max = max;
    }

    synchronized String put(Object value) {
        String kind = value.getClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        if (kind.isEmpty() || !Character.isLetter(kind.charAt(0))) {
            kind = "value";
        }
        String handle = kind + ":" + counters.merge(kind, 1, Integer::sum);
        values.put(handle, value);
        while (values.size() > max) {
            values.remove(values.keySet().iterator().next());
        }
        return handle;
    }

    synchronized Optional<Object> get(String handle) {
        return Optional.ofNullable(values.get(handle));
    }

    synchronized List<String> names() {
        return new ArrayList<>(values.keySet());
    }
}
