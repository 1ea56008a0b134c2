package dev.pev4j.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes the tasks of a run that were verified and answered correctly as fine-tuning records, the way TinyAgent
 * built its training set from a strong model's runs, in three formats of one JSON object a line:
 *
 * <ul>
 *   <li>{@code chat.jsonl}: {@code {"messages": [system, user, {"role": "assistant", "content": "<plan>"}]}}, as
 *       {@link dev.pev4j.agent.FineTuningExport} writes single runs;
 *   <li>{@code alpaca.jsonl}: {@code {"instruction": "<system>", "input": "<user>", "output": "<plan>"}};
 *   <li>{@code function-calls.jsonl}: {@code {"messages": [system, user, {"role": "assistant", "tool_calls":
 *       [...]}], "tools": [...]}} in the OpenAI function-calling form, one call per plan step with its arguments by
 *       parameter name and earlier steps' evidence as {@code "#E1"}; {@code tools} holds the JSON schema of each tool
 *       the plan uses.
 * </ul>
 *
 * Files are written atomically. Stateless and thread-safe.
 */
public final class TrainingRecords {

    /** The file names written into the output folder. */
    public static final List<String> FILES = List.of("chat.jsonl", "alpaca.jsonl", "function-calls.jsonl");

    private TrainingRecords() {}

    /**
     * Writes the three files into {@code dir} (created when missing) and returns how many records each holds.
     *
     * @param tools the tools the run used, for the function schemas
     */
    public static int write(Path dir, EvalRun run, ToolRegistry tools) {
        Objects.requireNonNull(dir, "dir == null");
        Objects.requireNonNull(run, "run == null");
        Objects.requireNonNull(tools, "tools == null");
        StringBuilder chat = new StringBuilder();
        StringBuilder alpaca = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        int count = 0;
        for (TaskResult result : run.results()) {
            if (result.training().isEmpty() || !result.verified() || !result.answerCorrect()) {
                continue;
            }
            TaskResult.TrainingExample example = result.training().get();
            ObjectNode chatRecord = EvalJson.JSON.createObjectNode();
            ArrayNode messages = prompt(chatRecord, example);
            messages.addObject().put("role", "assistant").put("content", example.plan());
            chat.append(EvalJson.toString(chatRecord)).append('\n');

            alpaca.append(EvalJson.toString(EvalJson.JSON
                            .createObjectNode()
                            .put("instruction", example.system())
                            .put("input", example.user())
                            .put("output", example.plan())))
                    .append('\n');

            ObjectNode callRecord = EvalJson.JSON.createObjectNode();
            ArrayNode callMessages = prompt(callRecord, example);
            JsonNode toolCalls = parse(example.toolCalls());
            ObjectNode assistant = callMessages.addObject().put("role", "assistant");
            assistant.putNull("content");
            assistant.set("tool_calls", toolCalls);
            ArrayNode specs = callRecord.putArray("tools");
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (JsonNode call : toolCalls) {
                String name = call.path("function").path("name").asText();
                if (seen.add(name)) {
                    tools.find(name).ifPresent(tool -> specs.add(spec(tool)));
                }
            }
            calls.append(EvalJson.toString(callRecord)).append('\n');
            count++;
        }
        AtomicFiles.write(dir.resolve(FILES.get(0)), chat);
        AtomicFiles.write(dir.resolve(FILES.get(1)), alpaca);
        AtomicFiles.write(dir.resolve(FILES.get(2)), calls);
        return count;
    }

    private static ArrayNode prompt(ObjectNode record, TaskResult.TrainingExample example) {
        ArrayNode messages = record.putArray("messages");
        messages.addObject().put("role", "system").put("content", example.system());
        messages.addObject().put("role", "user").put("content", example.user());
        return messages;
    }

    /** {@code {"type": "function", "function": {"name", "description", "parameters": {JSON schema}}}}. */
    static ObjectNode spec(ToolDescriptor tool) {
        ObjectNode spec = EvalJson.JSON.createObjectNode().put("type", "function");
        ObjectNode function =
                spec.putObject("function").put("name", tool.name()).put("description", tool.description());
        ObjectNode parameters = function.putObject("parameters").put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        ArrayNode required = parameters.putArray("required");
        for (ToolParameter parameter : tool.parameters()) {
            ObjectNode schema = parameter.valueSchema().deepCopy();
            schema.put("description", parameter.description());
            properties.set(parameter.name(), schema);
            if (!parameter.mayBeOmitted()) {
                required.add(parameter.name());
            }
        }
        return spec;
    }

    private static JsonNode parse(String json) {
        try {
            return EvalJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("tool calls are not JSON: " + json, e);
        }
    }
}
