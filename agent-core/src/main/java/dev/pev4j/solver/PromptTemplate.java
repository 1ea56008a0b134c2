package dev.pev4j.solver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt kept as a resource next to this class, with {@code {{name}}} placeholders filled in one pass (so that text
 * filled in is never read as a placeholder). Immutable and thread-safe.
 */
final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final String name;
    private final String text;

    private PromptTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static PromptTemplate load(String resource) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource " + resource + " is missing from the class path");
            }
            return new PromptTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt resource " + resource, e);
        }
    }

    String text() {
        return text;
    }

    /** The text with every placeholder replaced by its value; a placeholder without a value is a bug. */
    String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(
                        "prompt " + name + " has placeholder {{" + m.group(1) + "}} but no value for it; values: "
                                + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
