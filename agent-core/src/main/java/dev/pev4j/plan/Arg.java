package dev.pev4j.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a plan step, as the model wrote it: a literal, a reference to an earlier step's evidence, text with
 * references embedded, or a list or map of arguments. Immutable and thread-safe.
 */
public sealed interface Arg permits Arg.Value, Arg.Ref, Arg.Text, Arg.ListOf, Arg.MapOf {

    /**
     * Calls the {@code visitor}'s method for this argument's kind and returns what it returns. Walks over arguments
     * go through here (not through {@code instanceof} chains), so a new kind of argument is a new {@link Visitor}
     * method that every walk must handle before it compiles.
     *
     * <pre>{@code
     * Boolean literal = arg.accept(new Arg.Visitor<Boolean>() {
     *     public Boolean value(Arg.Value v) { return true; }
     *     public Boolean ref(Arg.Ref r) { return false; }
     *     public Boolean text(Arg.Text t) { return t.parts().stream().allMatch(String.class::isInstance); }
     *     public Boolean list(Arg.ListOf l) { return l.items().stream().allMatch(i -> i.accept(this)); }
     *     public Boolean map(Arg.MapOf m) { return m.entries().values().stream().allMatch(i -> i.accept(this)); }
     * });
     * }</pre>
     */
    <R> @Nullable R accept(Visitor<R> visitor);

    /**
     * One method per kind of argument, for {@link Arg#accept}. A visitor that walks into lists and maps calls
     * {@code accept(this)} on their items itself, so it decides the order and what it carries down (a path, a depth).
     * Implementations are as thread-safe as their own state.
     *
     * @param <R> what the walk returns, which may be null (a null literal's value; {@link Void} for a walk done for its
     *     effects)
     */
    interface Visitor<R> {

        @Nullable
        R value(Value value);

        @Nullable
        R ref(Ref ref);

        @Nullable
        R text(Text text);

        @Nullable
        R list(ListOf list);

        @Nullable
        R map(MapOf map);
    }

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

        @Override
        public <R> @Nullable R accept(Visitor<R> visitor) {
            return visitor.value(this);
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

        @Override
        public <R> @Nullable R accept(Visitor<R> visitor) {
            return visitor.ref(this);
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

        @Override
        public <R> @Nullable R accept(Visitor<R> visitor) {
            return visitor.text(this);
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

        @Override
        public <R> @Nullable R accept(Visitor<R> visitor) {
            return visitor.list(this);
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

        @Override
        public <R> @Nullable R accept(Visitor<R> visitor) {
            return visitor.map(this);
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
        TreeSet<StepId> refs = new TreeSet<>();
        forEachReference(refs::add);
        return Collections.unmodifiableSortedSet(refs);
    }

    /**
     * Gives {@code action} each step this argument refers to, anywhere inside it (whole references and references
     * inside text), in the order they are written, repeats included.
     */
    default void forEachReference(Consumer<StepId> action) {
        Objects.requireNonNull(action, "action == null");
        accept(new ArgReferences(action));
    }
}
