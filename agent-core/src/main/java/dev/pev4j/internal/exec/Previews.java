package dev.pev4j.internal.exec;

import dev.pev4j.internal.Checks;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.spi.ValuePreviewer.Preview;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns evidence values into short texts for prompts, never longer than the character budget asked for: contributed
 * {@link ValuePreviewer}s are asked first (the first that answers wins), then the built-in rendering: {@code null},
 * strings (cut, with {@code … (N more chars)}), numbers, booleans, collections and arrays (first items, then
 * {@code … (N more of M)}), maps, optionals and records (component by component), and anything else by its bounded
 * {@code toString()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Previews.defaults().preview(List.of(1, 2, 3), 1000);   // "[1, 2, 3]"
 * Previews.with(List.of(tablePreviewer)).preview(table, 1000);
 * }</pre>
 */
public final class Previews {

    private static final Logger log = LoggerFactory.getLogger(Previews.class);
    private static final Previews DEFAULTS = new Previews(List.of());

    /** Items in a container get at most this share of the budget (unless last), so that several show. */
    private static final int ITEM_SHARE = 4;

    private static final int MIN_ITEM_CHARS = 32;

    private final List<ValuePreviewer> previewers;

    private Previews(List<ValuePreviewer> previewers) {
        this.previewers = previewers;
    }

    /** The built-in rendering only. */
    public static Previews defaults() {
        return DEFAULTS;
    }

    /** {@code previewers} first, in order, then the built-in rendering. */
    public static Previews with(List<? extends ValuePreviewer> previewers) {
        List<ValuePreviewer> copy = List.copyOf(previewers);
        return copy.isEmpty() ? DEFAULTS : new Previews(copy);
    }

    /**
     * A text for {@code value} of at most {@code maxChars} characters.
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public String preview(@Nullable Object value, int maxChars) {
        Checks.atLeast("maxChars", maxChars, 1);
        return render(value, maxChars, false);
    }

    /**
     * The text {@link #preview(Object, int)} gives, with the cells a contributed previewer showed in it (when it drew
     * the value as a table and kept within {@code maxChars}).
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public Preview structured(@Nullable Object value, int maxChars) {
        Checks.atLeast("maxChars", maxChars, 1);
        if (value != null) {
            for (ValuePreviewer previewer : previewers) {
                Optional<Preview> preview = ask(previewer, p -> p.structured(value, maxChars), value);
                if (preview.isPresent()) {
                    Preview p = preview.get();
                    return p.text().length() <= maxChars ? p : Preview.of(clip(p.text(), maxChars));
                }
            }
        }
        return Preview.of(render(value, maxChars, false));
    }

    /**
     * {@code text} itself when it has at most {@code maxChars} characters, else its beginning followed by
     * {@code … (N more chars)}, {@code maxChars} characters in all. For previewers that render text.
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public static String cut(String text, int maxChars) {
        Checks.atLeast("maxChars", maxChars, 1);
        return clip(text, maxChars);
    }

    private static String clip(CharSequence text, int max) {
        int length = text.length();
        if (length <= max) {
            return text.toString();
        }
        // "… (" + N + " more chars)"; N has at most as many digits as the length.
        int keep = max - 15 - digits(length);
        if (keep < 1) {
            return max == 1 ? "…" : text.subSequence(0, keepWhole(text, max - 1)) + "…";
        }
        keep = keepWhole(text, keep);
        return text.subSequence(0, keep) + "… (" + (length - keep) + " more chars)";
    }

    /** Does not split a surrogate pair. */
    private static int keepWhole(CharSequence text, int keep) {
        return keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private String render(@Nullable Object value, int max, boolean inside) {
        if (value == null) {
            return clip("null", max);
        }
        for (ValuePreviewer previewer : previewers) {
            Optional<String> text = ask(previewer, p -> p.preview(value, max), value);
            if (text.isPresent()) {
                return clip(text.get(), max);
            }
        }
        try {
            return clip(builtIn(value, max, inside), max);
        } catch (RuntimeException e) {
            log.debug("could not preview a {}", value.getClass().getName(), e);
            return clip("<" + value.getClass().getName() + ">", max);
        }
    }

    /** What {@code previewer} answers, or empty when it throws: a broken previewer leaves the value to the next. */
    private static <T> Optional<T> ask(
            ValuePreviewer previewer, Function<ValuePreviewer, Optional<T>> question, Object value) {
        try {
            return question.apply(previewer);
        } catch (RuntimeException e) {
            log.debug(
                    "previewer {} threw on a {}; trying the next",
                    previewer,
                    value.getClass().getName(),
                    e);
            return Optional.empty();
        }
    }

    private String builtIn(Object value, int max, boolean inside) {
        if (value instanceof CharSequence chars) {
            return !inside || max < 3 ? clip(chars, max) : '"' + clip(chars, max - 2) + '"';
        }
        if (value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum) {
            return String.valueOf(value);
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? "Optional[" + render(optional.get(), max - 10, true) + "]" : "Optional.empty";
        }
        if (value instanceof Collection<?> collection) {
            return sequence("[", collection.iterator(), collection.size(), "]", max);
        }
        if (value instanceof Map<?, ?> map) {
            return sequence("{", map.entrySet().iterator(), map.size(), "}", max);
        }
        if (value.getClass().isArray()) {
            return sequence("[", new ArrayItems(value), Array.getLength(value), "]", max);
        }
        if (value instanceof Record) {
            String record = record(value, max);
            if (record != null) {
                return record;
            }
        }
        String text;
        try {
            text = String.valueOf(value);
        } catch (RuntimeException e) {
            text = "<" + value.getClass().getName() + ": toString() threw " + e + ">";
        }
        return text;
    }

    private String sequence(String open, Iterator<?> items, int size, String close, int max) {
        StringBuilder out = new StringBuilder(open);
        int reserve = ", … (".length() + digits(size) + " more of ".length() + digits(size) + ")".length();
        int share = Math.max(MIN_ITEM_CHARS, max / ITEM_SHARE);
        int shown = 0;
        while (shown < size && items.hasNext()) {
            boolean last = shown + 1 == size;
            String separator = shown == 0 ? "" : ", ";
            int room = max - out.length() - close.length() - separator.length() - (last ? 0 : reserve);
            if (room <= 0) {
                break;
            }
            Object item = items.next();
            String text = item instanceof Map.Entry<?, ?> entry
                    ? entry(entry, last ? room : Math.min(room, share))
                    : render(item, last ? room : Math.min(room, share), true);
            if (text.isEmpty()) {
                break;
            }
            out.append(separator).append(text);
            shown++;
        }
        if (shown < size) {
            out.append(shown == 0 ? "" : ", ")
                    .append("… (")
                    .append(size - shown)
                    .append(" more of ")
                    .append(size)
                    .append(')');
        }
        return out.append(close).toString();
    }

    private String entry(Map.Entry<?, ?> entry, int room) {
        String key = render(entry.getKey(), Math.max(1, room / 2), false);
        int left = room - key.length() - 1;
        return left <= 0 ? "" : key + "=" + render(entry.getValue(), left, true);
    }

    private @Nullable String record(Object value, int max) {
        RecordComponent[] components = value.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                values[i] = accessor.invoke(value);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A record in a module that does not open its package: its own toString() will do.
            return null;
        }
        Iterator<Map.Entry<String, @Nullable Object>> fields = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < components.length;
            }

            @Override
            public Map.Entry<String, @Nullable Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new java.util.AbstractMap.SimpleImmutableEntry<>(components[i].getName(), values[i]);
            }
        };
        String name = value.getClass().getSimpleName();
        return sequence(name + "[", fields, components.length, "]", max);
    }

    private static final class ArrayItems implements Iterator<@Nullable Object> {
        private final Object array;
        private final int length;
        private int next;

        ArrayItems(Object array) {
            this.array = array;
            this.length = Array.getLength(array);
        }

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public @Nullable Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return Array.get(array, next++);
        }
    }
}
