package dev.pev4j.llm.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts JSON-schema text into LangChain4j's {@link JsonSchema} tree. Stateless and thread-safe.
 *
 * <p>Keywords that only narrow values (lengths, bounds, patterns, formats) have no place in that tree and are dropped:
 * the server then enforces the shape but not the bounds, so callers check bounds after parsing, as they must anyway.
 * Keywords that change the shape ({@code anyOf}, {@code $ref}, {@code const}, ...) fail with an
 * {@link IllegalArgumentException} naming the keyword and where it is.
 */
final class JsonSchemas {

    static final String SUPPORTED = "type (object, array, string, integer, number, boolean), properties, required, "
            + "items, enum of strings, additionalProperties true/false, description";

    private static final String TYPES = "object, array, string, integer, number, boolean";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> NARROWING_OR_ANNOTATION = Set.of(
            "$schema", "$id", "$comment", "title", "default", "examples", "readOnly", "writeOnly", "deprecated",
            "minLength", "maxLength", "pattern", "format",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties");

    private static final Set<String> SHAPE = Set.of(
            "type", "description", "properties", "required", "additionalProperties", "items", "enum");

    private JsonSchemas() {}

    /** The schema {@code schemaJson} (a JSON object) as a LangChain4j schema named {@code name}. */
    static JsonSchema convert(String name, String schemaJson) {
        JsonNode root;
        try {
            root = JSON.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return JsonSchema.builder().name(name).rootElement(element(root, "$")).build();
    }

    private static JsonSchemaElement element(@Nullable JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the schema at " + path + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            if (!SHAPE.contains(keyword) && !NARROWING_OR_ANNOTATION.contains(keyword)) {
                throw new IllegalArgumentException("'" + keyword + "' at " + path + " is not supported");
            }
        }
        String description = node.path("description").isTextual() ? node.get("description").asText() : null;
        String type = type(node, path);
        switch (type) {
            case "object":
                return object(node, path, description);
            case "array":
                return array(node, path, description);
            case "string":
                return node.has("enum")
                        ? JsonEnumSchema.builder().enumValues(enumValues(node, path)).description(description).build()
                        : JsonStringSchema.builder().description(description).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            default:
                throw new IllegalArgumentException(
                        "type '" + type + "' at " + path + " is not one of " + TYPES);
        }
    }

    private static String type(JsonNode node, String path) {
        JsonNode type = node.get("type");
        if (type == null) {
            if (node.has("enum")) {
                return "string";
            }
            if (node.has("properties")) {
                return "object";
            }
            throw new IllegalArgumentException("no 'type' at " + path + "; give one of " + TYPES);
        }
        if (!type.isTextual()) {
            throw new IllegalArgumentException(
                    "type " + type + " at " + path + " must be a single type name: " + TYPES);
        }
        if (node.has("enum") && !type.asText().equals("string")) {
            throw new IllegalArgumentException("enum at " + path + " has type '" + type.asText()
                    + "'; only string enums are supported");
        }
        return type.asText();
    }

    private static JsonObjectSchema object(JsonNode node, String path, @Nullable String description) {
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        JsonNode props = node.get("properties");
        if (props != null) {
            if (!props.isObject()) {
                throw new IllegalArgumentException("'properties' at " + path + " must be an object");
            }
            for (Map.Entry<String, JsonNode> property : props.properties()) {
                properties.put(
                        property.getKey(),
                        element(property.getValue(), path + ".properties." + property.getKey()));
            }
        }
        List<String> required = new ArrayList<>();
        JsonNode req = node.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new IllegalArgumentException("'required' at " + path + " must be an array of property names");
            }
            for (JsonNode name : req) {
                if (!name.isTextual()) {
                    throw new IllegalArgumentException(
                            "'required' at " + path + " must be an array of property names");
                }
                if (!properties.containsKey(name.asText())) {
                    throw new IllegalArgumentException("'required' at " + path + " names '" + name.asText()
                            + "', which is not among its properties " + properties.keySet());
                }
                required.add(name.asText());
            }
        }
        JsonObjectSchema.Builder builder =
                JsonObjectSchema.builder().description(description).addProperties(properties).required(required);
        JsonNode additional = node.get("additionalProperties");
        if (additional != null) {
            if (!additional.isBoolean()) {
                throw new IllegalArgumentException(
                        "'additionalProperties' at " + path + " must be true or false");
            }
            builder.additionalProperties(additional.asBoolean());
        }
        return builder.build();
    }

    private static JsonArraySchema array(JsonNode node, String path, @Nullable String description) {
        JsonNode items = node.get("items");
        if (items == null) {
            throw new IllegalArgumentException(
                    "the array at " + path + " has no 'items'; give the schema of its elements");
        }
        return JsonArraySchema.builder().description(description).items(element(items, path + ".items")).build();
    }

    private static List<String> enumValues(JsonNode node, String path) {
        JsonNode values = node.get("enum");
        if (!values.isArray() || values.isEmpty()) {
            throw new IllegalArgumentException("enum at " + path + " must be a non-empty array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException(
                        "enum at " + path + " has the value " + value + "; only string values are supported");
            }
            result.add(value.asText());
        }
        return result;
    }
}
