package dev.pev4j.internal.planner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON schema of a plan for constrained decoding, typed per tool: each step is one of the selected tools, with its
 * arguments as an object keyed by parameter name and each argument's schema built from the parameter's Java type.
 * Bounded everywhere ({@code maxItems}, {@code maxLength}) so that a grammar cannot run into the token limit inside a
 * string or a list. Stateless and thread-safe.
 *
 * <p>Each argument's schema is its parameter's {@link ToolParameter#valueSchema()}; an argument may also be a
 * reference such as {@code "#E1"} when one of the tools returns a value that could bind to it.
 */
final class PlanSchema {

    static final int MAX_TEXT = 300;
    static final int MAX_CRITERIA = 6;
    static final int MAX_CRITERION = 200;

    static final String STEP_ID_PATTERN = "^E[1-9][0-9]{0,2}$";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanSchema() {}

    /** The schema of a plan of at most {@code maxSteps} calls of {@code tools}, with criteria. */
    static ObjectNode plan(List<ToolDescriptor> tools, int maxSteps) {
        ObjectNode schema = F.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode steps = properties
                .putObject("steps")
                .put("type", "array")
                .put("minItems", 1)
                .put("maxItems", maxSteps);
        ArrayNode forms = steps.putObject("items").putArray("anyOf");
        List<Type> produced = new ArrayList<>();
        for (ToolDescriptor tool : tools) {
            produced.add(tool.returnType());
        }
        for (ToolDescriptor tool : tools) {
            forms.add(step(tool, produced));
        }
        properties
                .putObject("criteria")
                .put("type", "array")
                .put("maxItems", MAX_CRITERIA)
                .set("items", text(MAX_CRITERION));
        schema.putArray("required").add("steps").add("criteria");
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * One call of {@code tool}: id, thought, the tool's name and its arguments by name. An argument may also be a
     * reference when a tool could produce a value for it ({@code produced} holds their return types).
     */
    static ObjectNode step(ToolDescriptor tool, List<Type> produced) {
        ObjectNode step = F.objectNode().put("type", "object");
        ObjectNode properties = step.putObject("properties");
        properties.putObject("id").put("type", "string").put("pattern", STEP_ID_PATTERN);
        properties.set("thought", text(MAX_TEXT));
        properties.putObject("tool").put("type", "string").putArray("enum").add(tool.name());
        ObjectNode args = properties.putObject("args").put("type", "object");
        ObjectNode argProperties = args.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (ToolParameter parameter : tool.parameters()) {
            argProperties.set(parameter.name(), argument(parameter, produced));
            if (!parameter.mayBeOmitted()) {
                required.add(parameter.name());
            }
        }
        if (!required.isEmpty()) {
            args.set("required", required);
        }
        args.put("additionalProperties", false);
        step.putArray("required").add("id").add("thought").add("tool").add("args");
        step.put("additionalProperties", false);
        return step;
    }

    /**
     * The schema of an argument: its value's, or else a reference when one of the {@code produced} types might bind
     * to it (so {@code sum(values: List<Long>)} takes {@code "#E1"} when a tool returns a list). Text already takes
     * references, and produced text is not offered to other types: a path is no number.
     */
    static ObjectNode argument(ToolParameter parameter, List<Type> produced) {
        ObjectNode schema = parameter.valueSchema();
        if (schema.equals(reference()) || (schema.path("type").asText().equals("string") && !schema.has("enum"))) {
            return schema;
        }
        for (Type type : produced) {
            boolean text = type instanceof Class<?> c && CharSequence.class.isAssignableFrom(c);
            if (!text && parameter.mayAccept(type)) {
                ObjectNode either = F.objectNode();
                either.putArray("anyOf").add(schema).add(reference());
                return either;
            }
        }
        return schema;
    }

    /** A reference to an earlier step's evidence, such as {@code "#E1"}. */
    static ObjectNode reference() {
        return F.objectNode().put("type", "string").put("pattern", ToolParameter.REFERENCE_PATTERN);
    }

    private static ObjectNode text(int maxLength) {
        return F.objectNode().put("type", "string").put("maxLength", maxLength);
    }
}
