package dev.pev4j.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a plan step, as the model wrote it: a literal, a reference to an earlier step's evidence, text with
 * references embedded, or a list or map of arguments. Immutable and thread-safe.
 */
public sealed interface Arg permits Arg.Value, Arg.Ref, Arg.Text, Arg.ListOf, Arg.MapOf {

    /**
     * A literal: a {@link String}, a {@link Long}, a {@link Double}, a {@link Boolean} or {@code null}. Lists and maps
     * are {@link ListOf} and {@link MapOf}.
     */
    record Value(@Nullable Object value) implements Arg {
        public Value {
            if (value != null
                    && !(value instanceof String
                            || value instanceof Long
                            || value instanceof Double
                            || value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a String, Long, Double, Boolean or null, not "
                        + value.getClass().getName() + ": " + value);
            }
        }

        /** The literal as a plan writes it: text quoted and escaped, {@code 42}, {@code true}, {@code null}. */
        @Override
        public String toString() {
            return value instanceof String s ? quoted(s) : String.valueOf(value);
        }
    }

    /** The whole evidence of an earlier step, passed as the Java object it is ({@code #E1}, {@code $1}). */
    record Ref(StepId step) implements Arg {
        public Ref {
            Objects.requireNonNull(step, "step == null");
        }

        @Override
        public String toString() {
            return "#" + step;
        }
    }

    /**
     * Text with references inside, such as {@code "population of #E1 in 2020"}: each part is a {@code String} or a
     * {@link Ref}; at run time the references are replaced by their evidence's text.
     */
    record Text(List<Object> parts) implements Arg {
        public Text {
            parts = List.copyOf(parts);
            for (Object part : parts) {
                if (!(part instanceof String || part instanceof Ref)) {
                    throw new IllegalArgumentException("a text part is a String or a Ref, not " + part);
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("\"");
            for (Object part : parts) {
                text.append(part instanceof String s ? escaped(s) : part);
            }
            return text.append('"').toString();
        }
    }

    /** A list of arguments, {@code ["a", $1]}. */
    record ListOf(List<Arg> items) implements Arg {
        public ListOf {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    /** A map of arguments with text keys, {@code {"on": "id", "right": #E2}}; keeps the model's order. */
    record MapOf(Map<String, Arg> entries) implements Arg {
        public MapOf {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            entries.forEach((k, v) -> {
                Objects.requireNonNull(k, "key == null");
                Objects.requireNonNull(v, "value == null");
            });
        }

        /** {@code {"on": "id", "right": #E2}}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("{");
            String sep = "";
            for (Map.Entry<String, Arg> entry : entries.entrySet()) {
                text.append(sep).append(quoted(entry.getKey())).append(": ").append(entry.getValue());
                sep = ", ";
            }
            return text.append('}').toString();
        }
    }

    /** {@code "text"} with backslashes, quotes and line breaks escaped, as plans write strings. */
    private static String quoted(String text) {
        return '"' + escaped(text) + '"';
    }

    private static String escaped(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.toString();
    }

    static Value of(@Nullable Object literal) {
        return new Value(literal);
    }

    static Ref ref(int step) {
        return new Ref(StepId.of(step));
    }

    /** The steps this argument refers to, anywhere inside it, in order. */
    default SortedSet<StepId> references() {
        SortedSet<StepId> refs = new TreeSet<>();
        collectReferences(this, refs);
        return Collections.unmodifiableSortedSet(refs);
    }

    private static void collectReferences(Arg arg, SortedSet<StepId> into) {
        if (arg instanceof Ref ref) {
            into.add(ref.step());
        } else if (arg instanceof Text text) {
            for (Object part : text.parts()) {
                if (part instanceof Ref ref) {
                    into.add(ref.step());
                }
            }
        } else if (arg instanceof ListOf list) {
            for (Arg item : list.items()) {
                collectReferences(item, into);
            }
        } else if (arg instanceof MapOf map) {
            for (Arg value : new ArrayList<>(map.entries().values())) {
                collectReferences(value, into);
            }
        }
    }
}
