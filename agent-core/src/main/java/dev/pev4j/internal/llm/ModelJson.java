package dev.pev4j.internal.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON in what a model wrote: JSON alone, in a markdown fence, or in prose, with the slips small models make
 * (single quotes, trailing commas, comments, unquoted keys, {@code NaN}). Stateless and thread-safe.
 *
 * <pre>{@code
 * JsonNode reply = ModelJson.read("Sure! ```json\n{'verdict': 'pass', confidence: 0.9,}\n```");
 * Verdict v = ModelJson.read(response.text(), Verdict.class);
 * }</pre>
 *
 * <p>Where the JSON is: the first balanced {@code {...}} or {@code [...]} region that parses, looked for first inside
 * {@code ```} fences, then anywhere in the text (brackets inside quoted strings do not count; the inside of a balanced
 * region that does not parse is not tried on its own). A region that is never closed (a reply cut short) is read to
 * the end of its fence or of the text, so that the error says what is missing.
 */
public final class ModelJson {

    /** Deep enough for any reply a prompt asks for; deeper is junk, or an attack on the stack. */
    private static final int MAX_DEPTH = 64;

    /** Regions tried at most: each try is a parse, and prose can hold many brackets. */
    private static final int MAX_CANDIDATES = 16;

    private static final int SHOWN_CHARS = 200;
    private static final String FENCE = "```";

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
                    .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                    .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ModelJson() {}

    /**
     * The first JSON object or array in {@code modelText}.
     *
     * @throws ModelOutputException when the text holds none, or only broken ones
     */
    public static JsonNode read(String modelText) {
        Objects.requireNonNull(modelText, "modelText == null");
        return find(modelText, true, true, "a JSON object or array");
    }

    /**
     * The first JSON object (or, for an array or collection type, array) in {@code modelText}, bound to {@code type}
     * as Jackson binds it; properties the type does not have are ignored.
     *
     * @throws ModelOutputException when the text holds no such JSON, or JSON that does not fit {@code type}
     */
    public static <T> T read(String modelText, Class<T> type) {
        Objects.requireNonNull(modelText, "modelText == null");
        Objects.requireNonNull(type, "type == null");
        boolean any = type == JsonNode.class || type == TreeNode.class || type == Object.class;
        boolean array = type.isArray() || Collection.class.isAssignableFrom(type) || type == ArrayNode.class;
        String expected = any ? "a JSON object or array" : array ? "a JSON array" : "a JSON object";
        JsonNode found = find(modelText, any || !array, any || array, expected);
        if (type.isInstance(found)) {
            return type.cast(found);
        }
        try {
            T value = MAPPER.treeToValue(found, type);
            if (value == null) {
                throw new ModelOutputException(
                        expectation(expected) + " for " + type.getSimpleName() + " but found null" + shown(modelText),
                        modelText,
                        expected,
                        null);
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ModelOutputException(
                    expectation(expected) + " but its JSON does not fit " + type.getSimpleName() + ": "
                            + firstLine(
                                    e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
                            + shown(modelText),
                    modelText,
                    expected,
                    e);
        }
    }

    private static JsonNode find(String text, boolean objects, boolean arrays, String expected) {
        @Nullable Exception firstError = null;
        int tried = 0;
        for (int[] region : candidates(text, objects, arrays)) {
            if (tried++ == MAX_CANDIDATES) {
                break;
            }
            try (JsonParser parser = MAPPER.createParser(text.substring(region[0], region[1]))) {
                JsonNode node = MAPPER.readTree(parser);
                if (node != null && (node.isObject() || node.isArray())) {
                    return node;
                }
            } catch (IOException | RuntimeException e) {
                // Jackson's lenient paths can throw a runtime exception on junk; junk is not the JSON we want.
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        if (firstError == null) {
            throw new ModelOutputException(
                    expectation(expected) + " but found none" + shown(text), text, expected, null);
        }
        String why = firstError instanceof JsonProcessingException j ? j.getOriginalMessage() : firstError.toString();
        throw new ModelOutputException(
                expectation(expected) + " but it is not valid JSON: " + firstLine(why) + shown(text),
                text,
                expected,
                firstError);
    }

    /**
     * Where JSON may be, as {start, end} offsets, best first: the brackets inside fences, then all brackets. A region
     * runs from an opening bracket to its balanced closing one (brackets inside quoted strings do not count), or to the
     * end of the fence or text when it is never closed.
     */
    private static List<int[]> candidates(String text, boolean objects, boolean arrays) {
        List<int[]> regions = new ArrayList<>();
        int from = 0;
        while (regions.size() < MAX_CANDIDATES) {
            int open = text.indexOf(FENCE, from);
            if (open < 0) {
                break;
            }
            int lineEnd = text.indexOf('\n', open);
            int start = lineEnd < 0 ? text.length() : lineEnd + 1;
            int close = text.indexOf(FENCE, start);
            int end = close < 0 ? text.length() : close;
            addRegions(text, start, end, objects, arrays, regions);
            if (close < 0) {
                break;
            }
            from = close + FENCE.length();
        }
        addRegions(text, 0, text.length(), objects, arrays, regions);
        return regions;
    }

    private static void addRegions(String text, int from, int to, boolean objects, boolean arrays, List<int[]> out) {
        for (int i = from; i < to && out.size() < MAX_CANDIDATES; i++) {
            char c = text.charAt(i);
            if ((c == '{' && objects) || (c == '[' && arrays)) {
                int closed = balancedEnd(text, i, to);
                int end = closed < 0 ? to : closed;
                if (!contains(out, i, end)) {
                    out.add(new int[] {i, end});
                }
                if (closed >= 0) {
                    i = end - 1; // not a piece of it: if the whole does not parse, neither should a part be taken
                }
            }
        }
    }

    /** Just after the bracket that closes the one at {@code start}, or -1 when it is not closed before the limit. */
    private static int balancedEnd(String text, int start, int limit) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < limit; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static boolean contains(List<int[]> regions, int start, int end) {
        for (int[] r : regions) {
            if (r[0] == start && r[1] == end) {
                return true;
            }
        }
        return false;
    }

    private static String expectation(String expected) {
        return "expected " + expected + " in the model's reply";
    }

    private static String shown(String reply) {
        String oneLine = reply.strip().replace("\r", "").replace("\n", "\\n");
        if (oneLine.length() > SHOWN_CHARS) {
            oneLine = oneLine.substring(0, SHOWN_CHARS - 3) + "...";
        }
        return "; the reply was: '" + oneLine + "'";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no details";
        }
        String line = message;
        int cut = line.indexOf(" (start marker at");
        if (cut >= 0) {
            line = line.substring(0, cut);
        }
        cut = line.indexOf('\n');
        return cut >= 0 ? line.substring(0, cut) : line;
    }
}
