package dev.pev4j.llm.llamacpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Makes a JSON schema safe to hand to llama.cpp's schema-to-grammar converter, which aborts the whole JVM (an uncaught
 * C++ exception) on some inputs: in build b4916 an integer bound equal to {@code Integer.MIN_VALUE} or
 * {@code Integer.MAX_VALUE} counts as "no bound", and a schema whose only bounds are such values fails with "At least
 * one of min_value or max_value must be set"; bounds outside the 32-bit range do not fit its {@code int} either. Such
 * bounds are dropped, which only widens what the grammar allows: replies are parsed and checked afterwards anyway.
 * Stateless and thread-safe.
 */
final class SchemaGuard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTEGER_BOUNDS =
            List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    private SchemaGuard() {}

    /** {@code schema} without the integer bounds llama.cpp cannot take; the same text when it has none. */
    static String safe(String schema) {
        JsonNode root;
        try {
            root = JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            return schema; // LlmRequest already checked that it parses; leave any other failure to llama.cpp's message
        }
        return dropUnsafeBounds(root) ? root.toString() : schema;
    }

    private static boolean dropUnsafeBounds(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object && isInteger(object)) {
            for (String bound : INTEGER_BOUNDS) {
                JsonNode value = object.get(bound);
                if (value != null && value.isNumber() && !strictlyInsideIntRange(value)) {
                    object.remove(bound);
                    changed = true;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                changed |= dropUnsafeBounds(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                changed |= dropUnsafeBounds(item);
            }
        }
        return changed;
    }

    private static boolean isInteger(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return type.asText().equals("integer");
        }
        for (JsonNode t : type) {
            if (t.asText().equals("integer")) {
                return true;
            }
        }
        return false;
    }

    private static boolean strictlyInsideIntRange(JsonNode value) {
        double v = value.asDouble();
        return v > Integer.MIN_VALUE && v < Integer.MAX_VALUE;
    }
}
