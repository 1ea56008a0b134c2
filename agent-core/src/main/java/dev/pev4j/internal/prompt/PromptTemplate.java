package dev.pev4j.internal.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt kept as a versioned resource, not as string literals, with {@code {{name}}} placeholders filled in one pass
 * (so that text filled in, such as a task that itself contains {@code {{criterion}}}, is never read as a placeholder).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * static final PromptTemplate SOLVER = PromptTemplate.load(Solver.class, "solver-v1.txt");
 * String prompt = SOLVER.fill(Map.of("task", task, "evidence", evidence));
 * }</pre>
 */
public final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final String name;
    private final String text;

    private PromptTemplate(String name, String text) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.text = Objects.requireNonNull(text, "text == null");
    }

    /** A template from text, named for error messages. */
    public static PromptTemplate of(String name, String text) {
        return new PromptTemplate(name, text);
    }

    /**
     * The resource {@code resource} next to {@code anchor} (in its package), read as UTF-8.
     *
     * @throws IllegalStateException when the resource is missing: a packaging bug, not a user error
     */
    public static PromptTemplate load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "prompt resource " + anchor.getPackageName().replace('.', '/') + "/" + resource
                                + " is missing from the class path");
            }
            return new PromptTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt resource " + resource, e);
        }
    }

    public String name() {
        return name;
    }

    /** The template as written, placeholders included. */
    public String text() {
        return text;
    }

    /**
     * The text with every placeholder replaced by its value.
     *
     * @throws IllegalStateException when a placeholder has no value: a bug in the caller, named in the message
     */
    public String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("prompt " + name + " has placeholder {{" + m.group(1)
                        + "}} but no value for it; values: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
