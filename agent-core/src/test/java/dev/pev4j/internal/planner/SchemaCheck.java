package dev.pev4j.internal.planner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small JSON-schema checker for the keywords the plan schema uses: type, properties, required,
 * additionalProperties (true, false or a schema), items, minItems, maxItems, maxProperties, maxLength, pattern, enum,
 * anyOf, and minimum and maximum of integers. Test code only; it fails loudly on any other keyword so that the schema cannot drift past it.
 */
final class SchemaCheck {

    private static final Set<String> KNOWN = Set.of(
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "minItems",
            "maxItems",
            "maxProperties",
            "maxLength",
            "pattern",
            "enum",
            "anyOf",
            "minimum",
            "maximum");

    private SchemaCheck() {}

    /** Why {@code value} does not fit {@code schema}, one line per problem; empty when it fits. */
    static List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            if (!KNOWN.contains(keyword.getKey())) {
                throw new IllegalArgumentException("SchemaCheck does not know '" + keyword.getKey() + "' at " + at);
            }
        }
        if (schema.has("anyOf")) {
            for (JsonNode branch : schema.get("anyOf")) {
                if (problems(branch, value).isEmpty()) {
                    return;
                }
            }
            problems.add(at + ": fits none of anyOf");
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not in " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(schema, value, at, problems);
            case "array" -> array(schema, value, at, problems);
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": " + value + " is not a string");
                    return;
                }
                String text = value.asText();
                if (schema.has("maxLength")
                        && text.codePointCount(0, text.length())
                                > schema.get("maxLength").asInt()) {
                    problems.add(at + ": longer than " + schema.get("maxLength"));
                }
                if (schema.has("pattern")
                        && !Pattern.compile(schema.get("pattern").asText())
                                .matcher(text)
                                .find()) {
                    problems.add(at + ": '" + text + "' does not match "
                            + schema.get("pattern").asText());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": " + value + " is not an integer");
                } else if ((schema.has("minimum")
                                && value.bigIntegerValue()
                                                .compareTo(schema.get("minimum").bigIntegerValue())
                                        < 0)
                        || (schema.has("maximum")
                                && value.bigIntegerValue()
                                                .compareTo(schema.get("maximum").bigIntegerValue())
                                        > 0)) {
                    problems.add(at + ": " + value + " is out of range");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(at + ": " + value + " is not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + ": " + value + " is not a boolean");
                }
            }
            case "" -> {}
            default -> throw new IllegalArgumentException("SchemaCheck does not know type '" + type + "' at " + at);
        }
    }

    private static void object(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (!value.isObject()) {
            problems.add(at + ": " + value + " is not an object");
            return;
        }
        JsonNode properties = schema.path("properties");
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            names.add(field.getKey());
            JsonNode property = properties.get(field.getKey());
            JsonNode additional = schema.get("additionalProperties");
            if (property != null) {
                check(property, field.getValue(), at + "." + field.getKey(), problems);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at + "." + field.getKey(), problems);
            } else if (additional != null && !additional.asBoolean()) {
                problems.add(at + ": unexpected property '" + field.getKey() + "'");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!names.contains(required.asText())) {
                problems.add(at + ": missing property '" + required.asText() + "'");
            }
        }
        if (schema.has("maxProperties")
                && value.size() > schema.get("maxProperties").asInt()) {
            problems.add(at + ": more than " + schema.get("maxProperties") + " properties");
        }
    }

    private static void array(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (!value.isArray()) {
            problems.add(at + ": " + value + " is not an array");
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            check(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
        }
    }
}
