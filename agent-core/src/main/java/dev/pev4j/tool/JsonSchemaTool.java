package dev.pev4j.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tool described by a JSON input schema and called through a {@link Handler}, for tools that are not Java methods
 * (an MCP server's tools, tools defined in configuration). Register it like a tool object, {@code
 * ToolRegistry.of(new DataOps(dir), tool)}, or through a {@link Source} that contributes several. Each
 * property of the schema becomes a parameter whose {@linkplain ToolParameter#valueSchema() value schema} is the
 * property's own, so validation, binding and the planner's typed plan schema work from the schema.
 *
 * <pre>{@code
 * ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(
 *         "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}");
 * JsonSchemaTool echo = new JsonSchemaTool("echo", "Returns its text.", schema, String.class,
 *         args -> args.get("text"));
 * }</pre>
 *
 * <p>Immutable and thread-safe when the handler is.
 */
public record JsonSchemaTool(
        String name, String description, ObjectNode inputSchema, Type returnType, Handler handler) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Calls the tool with its bound arguments. Implementations are thread-safe. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Calls the tool. {@code arguments} holds the given arguments by parameter name, each converted to its
         * parameter's type; parameters left out are absent.
         *
         * @return the tool's result, evidence for later steps
         * @throws Exception when the tool fails; the step fails with its message
         */
        @Nullable
        Object call(Map<String, @Nullable Object> arguments) throws Exception;
    }

    /**
     * An object that contributes {@link JsonSchemaTool}s to a {@link ToolRegistry} when registered like any tool
     * object (for instance the tools of MCP servers). It may carry {@code @Tool} methods as well. Implementations are
     * thread-safe.
     */
    public interface Source {

        /** The tools, in the order the registry lists them; called once when a registry is built. */
        List<JsonSchemaTool> jsonSchemaTools();
    }

    /** @throws ToolRegistry.ToolRegistrationException when the name is blank or the schema is not an object schema */
    public JsonSchemaTool {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(inputSchema, "inputSchema == null");
        Objects.requireNonNull(returnType, "returnType == null");
        Objects.requireNonNull(handler, "handler == null");
        if (name.isBlank()) {
            throw new ToolRegistry.ToolRegistrationException("a tool name must not be blank");
        }
        JsonNode type = inputSchema.get("type");
        if (type != null && !type.asText().equals("object")) {
            throw new ToolRegistry.ToolRegistrationException(
                    "the input schema of tool '" + name + "' must be of type \"object\" but was " + type);
        }
        if (inputSchema.has("properties") && !inputSchema.get("properties").isObject()) {
            throw new ToolRegistry.ToolRegistrationException("the input schema of tool '" + name
                    + "' has \"properties\" that are not an object: " + inputSchema.get("properties"));
        }
        inputSchema = inputSchema.deepCopy();
    }

    /** The input schema (a copy). */
    @Override
    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    /** What the planner and the validator know about this tool: one parameter per property, in schema order. */
    public ToolDescriptor descriptor() {
        Set<String> required = new HashSet<>();
        for (JsonNode name : inputSchema.path("required")) {
            required.add(name.asText());
        }
        List<ToolParameter> parameters = new ArrayList<>();
        JsonObjectSchema.Builder specified = JsonObjectSchema.builder();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        inputSchema.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            ObjectNode schema = property.getValue() instanceof ObjectNode o ? o : JSON.createObjectNode();
            String description = schema.path("description").asText("");
            parameters.add(new ToolParameter(
                    property.getKey(),
                    description,
                    ValueSchemas.javaType(schema),
                    required.contains(property.getKey()),
                    null,
                    schema));
            specified.addProperty(property.getKey(), JsonRawSchema.from(schema.toString()));
        }
        specified.required(parameters.stream()
                .filter(ToolParameter::required)
                .map(ToolParameter::name)
                .toList());
        ToolSpecification specification = ToolSpecification.builder()
                .name(name)
                .description(description)
                .parameters(specified.build())
                .build();
        return new ToolDescriptor(name, description, parameters, returnType, specification);
    }
}
