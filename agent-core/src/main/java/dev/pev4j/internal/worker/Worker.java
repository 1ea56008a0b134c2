package dev.pev4j.internal.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.AgentException;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.internal.llm.ModelJson;
import dev.pev4j.internal.llm.ModelOutputException;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.tool.JsonSchemaTool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@code llm} tool: a plan step that asks the worker model to extract, classify or summarise from earlier
 * evidence, which the prompt names as {@code #E<n>} and the executor writes into it as its bounded preview. With a
 * JSON schema the reply is constrained to it (a grammar in-process, the schema on servers) and the step's evidence is
 * the reply's JSON value as plan values are ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, lists and
 * maps), so later steps take it like a literal; without one it is the reply's text.
 *
 * <pre>{@code
 * #E3 = llm("List the city names in #E2", {"type": "array", "items": {"type": "string"}})
 * }</pre>
 *
 * <p>Registered as a tool object: a {@link JsonSchemaTool.Source} of the one tool and a {@link Toolkit} that keeps it
 * always shown by tool selection. Immutable and thread-safe.
 */
public final class Worker implements JsonSchemaTool.Source, Toolkit {

    /** The tool's name in plans. */
    public static final String TOOL = "llm";

    /** The version of the prompt, recorded in traces. */
    public static final String PROMPT_VERSION = "worker-v1";

    /** The longest prompt the model is sent, in characters: the previews in it are bounded, text evidence is not. */
    static final int MAX_PROMPT_CHARS = 8000;

    private static final int MAX_SCHEMA_DEPTH = 8;
    private static final int MAX_COUNT = 10_000;
    private static final int MAX_DESCRIPTION_CHARS = 300;
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean");

    private static final PromptTemplate SYSTEM = PromptTemplate.load(Worker.class, "worker-v1.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DESCRIPTION = "Asks a language model to extract, classify or summarise from earlier"
            + " evidence what no other tool computes, e.g. #E3 = llm(\"List the city names in #E2\", {\"type\":"
            + " \"array\", \"items\": {\"type\": \"string\"}}). Name the evidence in the prompt as #E<n>: the model"
            + " sees a bounded preview of it, not all of it. Returns the reply as text or, with a schema, its JSON"
            + " value (a list, an object, a number) for later steps.";

    /** Counts a worker call against a run's budgets. Implementations are thread-safe. */
    public interface Meter {

        /** No budget: for steps run outside an agent run. */
        Meter NONE = new Meter() {
            @Override
            public void beforeCall() {}

            @Override
            public void used(TokenUsage usage) {}
        };

        /**
         * Called before each model call.
         *
         * @throws RuntimeException saying which budget is used up, to fail the step instead of calling the model
         */
        void beforeCall();

        /** The tokens a model call used. */
        void used(TokenUsage usage);
    }

    private final LocalLlm llm;
    private final int maxTokens;
    private final Previews previews;
    private final int previewChars;
    private final JsonSchemaTool tool;

    private Worker(LocalLlm llm, int maxTokens, Previews previews, int previewChars) {
        this.llm = llm;
        this.maxTokens = maxTokens;
        this.previews = previews;
        this.previewChars = previewChars;
        this.tool = new JsonSchemaTool(TOOL, DESCRIPTION, inputSchema(), Object.class, args -> call(args, Meter.NONE));
    }

    /**
     * A worker on {@code llm} whose replies have at most {@code maxTokens} tokens; a prompt that is one whole piece of
     * evidence ({@code llm(#E2)}) is shown as {@code previews} renders it in {@code previewChars} characters.
     */
    public static Worker of(LocalLlm llm, int maxTokens, Previews previews, int previewChars) {
        Objects.requireNonNull(llm, "llm == null");
        Checks.atLeast("maxTokens", maxTokens, 1);
        Objects.requireNonNull(previews, "previews == null");
        Checks.atLeast("previewChars", previewChars, 1);
        return new Worker(llm, maxTokens, previews, previewChars);
    }

    /** The model the worker asks. */
    public LocalLlm llm() {
        return llm;
    }

    @Override
    public List<JsonSchemaTool> jsonSchemaTools() {
        return List.of(tool);
    }

    @Override
    public Set<String> alwaysOnTools() {
        return Set.of(TOOL);
    }

    @Override
    public Map<String, String> retrievalText() {
        return Map.of(
                TOOL,
                "ask the model, language model, extract from text, classify, categorise, label, summarise, summarize,"
                        + " sentiment, translate, names mentioned in text");
    }

    /**
     * Runs one {@code llm} step with its arguments as the executor resolved them (references in the prompt already
     * replaced by their evidence's preview), counting the model call on {@code meter}.
     *
     * @throws RuntimeException (a {@code ToolArgumentException}) when the arguments do not bind
     * @throws AgentException {@code tool 'llm' failed: ...} when a budget is used up, the model fails or its reply does
     *     not fit the schema
     */
    public @Nullable Object invoke(List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs, Meter meter) {
        Objects.requireNonNull(meter, "meter == null");
        List<@Nullable Object> positional = new ArrayList<>(args);
        Map<String, @Nullable Object> named = new LinkedHashMap<>(namedArgs);
        if (!positional.isEmpty()) {
            positional.set(0, asText(positional.get(0)));
        } else if (named.containsKey("prompt")) {
            named.put("prompt", asText(named.get("prompt")));
        }
        @Nullable Object[] bound = tool.descriptor().bind(positional, named);
        Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
        arguments.put("prompt", bound[0]);
        arguments.put("schema", bound[1]);
        try {
            return call(arguments, meter);
        } catch (RuntimeException e) {
            throw new AgentException("tool '" + TOOL + "' failed: " + e.getMessage(), e);
        }
    }

    /** Evidence passed whole as the prompt ({@code llm(#E2)}) becomes its preview; text stays as it is. */
    private @Nullable Object asText(@Nullable Object prompt) {
        return prompt == null || prompt instanceof CharSequence ? prompt : previews.preview(prompt, previewChars);
    }

    /** The request a step with this prompt and schema (JSON text, or null) sends. */
    public LlmRequest request(String prompt, @Nullable String schema) {
        String user = Previews.cut(prompt.strip(), MAX_PROMPT_CHARS);
        LlmRequest.Builder request = LlmRequest.builder()
                .system(SYSTEM.text().strip())
                .maxTokens(maxTokens)
                .temperature(0.0);
        if (schema != null) {
            user += "\n\nReply with one JSON value, and nothing else, that follows this JSON schema:\n" + schema;
            if (llm.capabilities().jsonSchema()) {
                request.jsonSchema(schema);
            }
        }
        return request.user(user).build();
    }

    private @Nullable Object call(Map<String, @Nullable Object> arguments, Meter meter) {
        Object prompt = arguments.get("prompt");
        if (!(prompt instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the prompt is empty: say what to extract, classify or summarise");
        }
        Object schemaArg = arguments.get("schema");
        ObjectNode schema = schemaArg == null ? null : schema(schemaArg);
        LlmRequest request = request(text, schema == null ? null : schema.toString());
        meter.beforeCall();
        LlmResponse response = llm.chat(request);
        meter.used(response.usage());
        if (response.finishReason() == LlmResponse.FinishReason.CANCELLED) {
            throw new LlmException("the worker model's reply was cancelled", false);
        }
        String reply = response.text().strip();
        if (reply.isEmpty()) {
            throw new LlmException("the worker model's reply is empty", false);
        }
        if (schema == null) {
            return reply;
        }
        String cut = response.finishReason() == LlmResponse.FinishReason.LENGTH
                ? " (the reply was cut at maxTokens " + maxTokens + ")"
                : "";
        try {
            return value(read(reply, schema));
        } catch (ModelOutputException e) {
            throw new ModelOutputException(
                    "the worker model's reply does not follow the schema" + cut + ": " + e.getMessage(),
                    e.reply(),
                    e.expected(),
                    e);
        }
    }

    private static ObjectNode schema(Object schema) {
        JsonNode node = JSON.valueToTree(schema);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the schema must be a JSON object but was " + node);
        }
        return safe(object, 0);
    }

    /**
     * The part of a schema the planner wrote that is safe to turn into a grammar: the keywords below, with their
     * values checked; anything else ({@code $ref}, {@code pattern}, {@code anyOf}, numeric bounds, ...) is dropped, which
     * only widens what the reply may be. llama.cpp's converter aborts the JVM on some schemas, and a plan is untrusted.
     */
    static ObjectNode safe(ObjectNode schema, int depth) {
        ObjectNode safe = JSON.createObjectNode();
        if (depth > MAX_SCHEMA_DEPTH) {
            return safe;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual() && TYPES.contains(type.asText())) {
            safe.put("type", type.asText());
        }
        JsonNode properties = schema.get("properties");
        if (properties instanceof ObjectNode fields) {
            ObjectNode kept = safe.putObject("properties");
            fields.properties()
                    .forEach(field -> kept.set(
                            field.getKey(),
                            field.getValue() instanceof ObjectNode value
                                    ? safe(value, depth + 1)
                                    : JSON.createObjectNode()));
            com.fasterxml.jackson.databind.node.ArrayNode required = JSON.createArrayNode();
            for (JsonNode name : schema.path("required")) {
                if (name.isTextual() && fields.has(name.asText())) {
                    required.add(name.asText());
                }
            }
            if (!required.isEmpty()) {
                safe.set("required", required);
            }
        }
        if (schema.get("items") instanceof ObjectNode items) {
            safe.set("items", safe(items, depth + 1));
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
            values.forEach(v -> {
                if (v.isValueNode()) {
                    kept.add(v);
                }
            });
            if (!kept.isEmpty()) {
                safe.set("enum", kept);
            }
        }
        JsonNode description = schema.get("description");
        if (description != null && description.isTextual()) {
            safe.put("description", Previews.cut(description.asText(), MAX_DESCRIPTION_CHARS));
        }
        for (String count : List.of("minItems", "maxItems", "minLength", "maxLength")) {
            JsonNode bound = schema.get(count);
            if (bound != null && bound.canConvertToInt() && bound.intValue() >= 0 && bound.intValue() <= MAX_COUNT) {
                safe.put(count, bound.intValue());
            }
        }
        return safe;
    }

    /** The reply's JSON under {@code schema}: its top-level type and an object's required properties are checked. */
    private static JsonNode read(String reply, ObjectNode schema) {
        String type = schema.path("type").asText("");
        JsonNode node;
        if (type.equals("string") || type.equals("number") || type.equals("integer") || type.equals("boolean")) {
            node = scalar(reply, type);
        } else {
            node = type.equals("array")
                    ? ModelJson.read(reply, com.fasterxml.jackson.databind.node.ArrayNode.class)
                    : type.equals("object") ? ModelJson.read(reply, ObjectNode.class) : ModelJson.read(reply);
        }
        if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    throw unfit("the JSON object lacks the required property '" + required.asText() + "'", reply, type);
                }
            }
        }
        return node;
    }

    private static JsonNode scalar(String reply, String type) {
        JsonNode node;
        try {
            node = JSON.readTree(reply);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (type.equals("string")) {
            return node != null && node.isTextual()
                    ? node
                    : JSON.getNodeFactory().textNode(reply);
        }
        boolean fits = node != null
                && (type.equals("boolean")
                        ? node.isBoolean()
                        : type.equals("integer")
                                ? node.isIntegralNumber() || (node.isNumber() && node.asDouble() % 1 == 0)
                                : node.isNumber());
        if (!fits || node == null) {
            throw unfit("expected a JSON " + type + " but found none", reply, type);
        }
        return type.equals("integer") && !node.isIntegralNumber()
                ? JSON.getNodeFactory().numberNode(node.asLong())
                : node;
    }

    private static ModelOutputException unfit(String problem, String reply, String type) {
        String shown = reply.length() <= 200 ? reply : reply.substring(0, 197) + "...";
        return new ModelOutputException(
                problem + "; the reply was: '" + shown.replace("\n", "\\n") + "'",
                reply,
                type.isEmpty() ? "JSON" : "a JSON " + type,
                null);
    }

    /** JSON as plan values: text, {@code Long}, {@code Double}, {@code Boolean}, lists and maps (in their order). */
    static @Nullable Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(value(item)));
            return Collections.unmodifiableList(list);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }

    private static ObjectNode inputSchema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties
                .putObject("prompt")
                .put("type", "string")
                .put("description", "what to extract, classify or summarise, naming the evidence it works on as #E<n>");
        properties
                .putObject("schema")
                .put("type", "object")
                .put(
                        "description",
                        "a JSON schema the reply must follow; the step's result is then the JSON value instead of"
                                + " text");
        schema.putArray("required").add("prompt");
        return schema;
    }

    @Override
    public String toString() {
        return "Worker[" + llm.name() + ", " + PROMPT_VERSION + "]";
    }
}
