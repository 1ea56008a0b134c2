package dev.pev4j.tool;

import static dev.pev4j.tool.Types.argument;
import static dev.pev4j.tool.Types.box;
import static dev.pev4j.tool.Types.component;
import static dev.pev4j.tool.Types.raw;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON schema of the values a parameter type binds, for constrained decoding of plans: text to a string, integral
 * numbers to {@code integer} (an {@code int} within nine digits, a {@code short} or {@code byte} within its range),
 * floating ones to {@code number}, booleans, enums to their constant names, lists, sets and arrays to bounded arrays of
 * their element's schema, maps to objects whose values follow the value type, records and simple beans (public
 * no-argument constructor, public fields or setters) to objects of their components, {@code Optional<T>} to
 * {@code T}. Anything else (a table, a model object, {@code Object}) can only come from an earlier step, so it is a
 * reference such as {@code "#E1"}. Bounded everywhere so that a grammar cannot run into the token limit inside a
 * string or a list. Stateless and thread-safe.
 */
final class ValueSchemas {

    static final int MAX_LIST_ITEMS = 20;
    static final int MAX_TEXT = 300;
    /** The bound of int arguments: nine digits, inside int's range. */
    static final int MAX_INT = 999_999_999;
    /** How deep records, lists and maps nest before a value must be a reference. */
    static final int MAX_DEPTH = 3;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueSchemas() {}

    /** The schema of a value of {@code type}, {@code depth} containers deep. */
    static ObjectNode value(Type type, int depth) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            return value(argument(type, 0), depth);
        }
        if (raw == OptionalInt.class) {
            return integer(-MAX_INT, MAX_INT);
        }
        if (raw == OptionalLong.class) {
            return F.objectNode().put("type", "integer");
        }
        if (raw == OptionalDouble.class) {
            return F.objectNode().put("type", "number");
        }
        Class<?> boxed = box(raw);
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class) {
            return boxed == Character.class ? text(1) : text(MAX_TEXT);
        }
        // An int out of range fails to bind; a long fits the 16 digits llama.cpp's grammar allows anyway. Not
        // Integer.MIN_VALUE/MAX_VALUE: llama.cpp (b4916) takes them for "no bound", and both at once abort the JVM.
        if (boxed == Integer.class) {
            return integer(-MAX_INT, MAX_INT);
        }
        if (boxed == Short.class) {
            return integer(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (boxed == Byte.class) {
            return integer(Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (boxed == Long.class || boxed == BigInteger.class) {
            return F.objectNode().put("type", "integer");
        }
        if (boxed == Double.class || boxed == Float.class || boxed == BigDecimal.class || boxed == Number.class) {
            return F.objectNode().put("type", "number");
        }
        if (boxed == Boolean.class) {
            return F.objectNode().put("type", "boolean");
        }
        if (raw.isEnum()) {
            ObjectNode schema = F.objectNode().put("type", "string");
            ArrayNode names = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (depth >= MAX_DEPTH) {
            return reference();
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Type element = raw.isArray() ? component(type) : argument(type, 0);
            ObjectNode schema = F.objectNode().put("type", "array").put("maxItems", MAX_LIST_ITEMS);
            schema.set("items", value(element, depth + 1));
            return schema;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode schema = F.objectNode().put("type", "object").put("maxProperties", MAX_LIST_ITEMS);
            schema.set("additionalProperties", value(argument(type, 1), depth + 1));
            return schema;
        }
        if (raw.isRecord()) {
            ObjectNode schema = F.objectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = F.arrayNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.set(component.getName(), value(component.getGenericType(), depth + 1));
                if (!isOptional(component.getGenericType())) {
                    required.add(component.getName());
                }
            }
            if (!required.isEmpty()) {
                schema.set("required", required);
            }
            schema.put("additionalProperties", false);
            return schema;
        }
        if (isJdkText(raw)) {
            return text(MAX_TEXT);
        }
        if (isBean(raw)) {
            ObjectNode schema = F.objectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            for (Field field : raw.getFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                    properties.set(field.getName(), value(field.getGenericType(), depth + 1));
                }
            }
            for (Method method : raw.getMethods()) {
                String name = method.getName();
                if (!Modifier.isStatic(method.getModifiers())
                        && name.length() > 3
                        && name.startsWith("set")
                        && method.getParameterCount() == 1) {
                    String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                    if (!properties.has(property)) {
                        properties.set(property, value(method.getGenericParameterTypes()[0], depth + 1));
                    }
                }
            }
            schema.put("additionalProperties", false);
            return schema;
        }
        return reference();
    }

    /**
     * A copy of a given JSON schema with bounds where it has none: {@code maxLength} on strings without an enum or a
     * pattern, {@code maxItems} on arrays; {@code $schema} and {@code $id} dropped. Nested schemas under
     * {@code properties}, {@code items}, {@code additionalProperties}, {@code anyOf}, {@code oneOf} and {@code allOf}
     * are bounded too.
     */
    static ObjectNode bounded(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("$schema");
        copy.remove("$id");
        boolean string = copy.path("type").asText().equals("string")
                || (copy.path("type").isArray() && copy.path("type").toString().contains("\"string\""));
        if (string && !copy.has("enum") && !copy.has("pattern") && !copy.has("maxLength") && !copy.has("const")) {
            copy.put("maxLength", MAX_TEXT);
        }
        if (copy.path("type").asText().equals("array") && !copy.has("maxItems")) {
            copy.put("maxItems", MAX_LIST_ITEMS);
        }
        if (copy.get("properties") instanceof ObjectNode properties) {
            for (String name :
                    properties.properties().stream().map(Map.Entry::getKey).toList()) {
                if (properties.get(name) instanceof ObjectNode nested) {
                    properties.set(name, bounded(nested));
                }
            }
        }
        for (String key : new String[] {"items", "additionalProperties"}) {
            if (copy.get(key) instanceof ObjectNode nested) {
                copy.set(key, bounded(nested));
            }
        }
        for (String key : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (copy.get(key) instanceof ArrayNode alternatives) {
                for (int i = 0; i < alternatives.size(); i++) {
                    if (alternatives.get(i) instanceof ObjectNode nested) {
                        alternatives.set(i, bounded(nested));
                    }
                }
            }
        }
        return copy;
    }

    /**
     * The Java type that values of a JSON schema bind to: {@code String}, {@code Long}, {@code Double},
     * {@code Boolean}, {@code List}, {@code Map}, or {@code Object} when the schema names no single type.
     */
    static Type javaType(ObjectNode schema) {
        String type = schema.path("type").asText("");
        if (schema.path("type").isArray()) {
            type = "";
            for (com.fasterxml.jackson.databind.JsonNode t : schema.path("type")) {
                if (!t.asText().equals("null")) {
                    type = type.isEmpty() ? t.asText() : "several";
                }
            }
        }
        switch (type) {
            case "string":
                return String.class;
            case "integer":
                return Long.class;
            case "number":
                return Double.class;
            case "boolean":
                return Boolean.class;
            case "array":
                return java.util.List.class;
            case "object":
                return Map.class;
            default:
                return Object.class;
        }
    }

    /** A reference to an earlier step's evidence, such as {@code "#E1"}. */
    static ObjectNode reference() {
        return F.objectNode().put("type", "string").put("pattern", ToolParameter.REFERENCE_PATTERN);
    }

    private static ObjectNode integer(long minimum, long maximum) {
        return F.objectNode().put("type", "integer").put("minimum", minimum).put("maximum", maximum);
    }

    private static ObjectNode text(int maxLength) {
        return F.objectNode().put("type", "string").put("maxLength", maxLength);
    }

    static boolean isOptional(Type type) {
        Class<?> raw = raw(type);
        return raw == Optional.class
                || raw == OptionalInt.class
                || raw == OptionalLong.class
                || raw == OptionalDouble.class;
    }

    /** JDK value types that are read from text: paths, URIs, dates, times, durations, UUIDs. */
    private static boolean isJdkText(Class<?> c) {
        String name = c.getName();
        return name.equals("java.nio.file.Path")
                || name.equals("java.net.URI")
                || name.equals("java.net.URL")
                || name.equals("java.util.UUID")
                || name.equals("java.io.File")
                || name.equals("java.util.Locale")
                || name.startsWith("java.time.");
    }

    /** A class Jackson fills from an object literal: public no-argument constructor and public properties. */
    private static boolean isBean(Class<?> c) {
        if (c.isInterface()
                || Modifier.isAbstract(c.getModifiers())
                || !Modifier.isPublic(c.getModifiers())
                || c.getName().startsWith("java.")
                || c == Object.class) {
            return false;
        }
        boolean noArgs = false;
        for (Constructor<?> constructor : c.getConstructors()) {
            noArgs |= constructor.getParameterCount() == 0;
        }
        if (!noArgs) {
            return false;
        }
        for (Field field : c.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                return true;
            }
        }
        for (Method method : c.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers())
                    && method.getName().startsWith("set")
                    && method.getName().length() > 3
                    && method.getParameterCount() == 1) {
                return true;
            }
        }
        return false;
    }
}
