package dev.pev4j.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.JsonSchemaTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tools of one or more MCP servers as plan tools: register it with an agent like any tool object and each server
 * tool becomes a {@link JsonSchemaTool} whose input schema drives validation, binding and the planner's plan schema.
 *
 * <pre>{@code
 * try (McpTools mcp = McpTools.of(McpServer.stdio("fs", "npx", "-y", "@modelcontextprotocol/server-filesystem", dir));
 *      Agent agent = Agent.builder().llm(llm).tools(new DataOps(Workspace.of(dir)), mcp).build()) {
 *     agent.run("Which CSV file in the folder has the most rows?");
 * }
 * }</pre>
 *
 * <p><b>Names.</b> A tool keeps its server's name unless another configured server offers a tool of the same name;
 * then every tool of that name is renamed {@code <server>_<tool>} (a server named {@code fs} makes {@code read_file}
 * into {@code fs_read_file}). Each server's include and exclude patterns apply to its own names, before renaming.
 *
 * <p><b>Results</b> become evidence: JSON text as Jackson trees ({@link JsonNode}), other text as {@code String},
 * structured content as a tree when there is no content item, images and audio as {@link McpImage} (bytes and MIME
 * type), several content items as a {@code List}; an error result fails the step with the server's message
 * ({@link McpException}).
 *
 * <p><b>Lifecycle.</b> Servers start when their tools are first listed (when a registry or agent is built) or called,
 * and are shared by every run and thread. A server found crashed (its process exited, its HTTP connection failed) is
 * restarted once and the call retried; if the restart or the retried call fails too, the step fails with a message
 * saying so, and the next call tries again. Note that a retried call may repeat a side effect the crashed server had
 * already performed. A call that gets no answer within the server's {@linkplain McpServer#callTimeout() call timeout}
 * fails its step, not the run. {@link #close()} stops all servers ({@code Agent.close()} calls it).
 *
 * <p>Thread-safe.
 */
public final class McpTools implements JsonSchemaTool.Source, Toolkit, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<McpConnection> connections;
    private @Nullable List<JsonSchemaTool> tools; // guarded by this

    private McpTools(List<McpServer> servers) {
        Set<String> names = new HashSet<>();
        List<McpConnection> list = new ArrayList<>();
        for (McpServer server : servers) {
            Objects.requireNonNull(server, "server == null");
            if (!names.add(server.name())) {
                throw new IllegalArgumentException(
                        "two MCP servers are named '" + server.name() + "'; give each a different name");
            }
            list.add(new McpConnection(server));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("McpTools needs at least one MCP server");
        }
        this.connections = List.copyOf(list);
    }

    /** The tools of these servers; none is started yet. */
    public static McpTools of(McpServer... servers) {
        return new McpTools(List.of(servers));
    }

    /** The tools of these servers; none is started yet. */
    public static McpTools of(List<McpServer> servers) {
        return new McpTools(List.copyOf(servers));
    }

    /**
     * The servers' tools after filtering and renaming; the first call starts the servers and lists their tools, later
     * calls return the same list.
     *
     * @throws McpException when a server cannot be started or listed
     */
    @Override
    public synchronized List<JsonSchemaTool> jsonSchemaTools() {
        if (tools == null) {
            tools = List.copyOf(list());
        }
        return tools;
    }

    private List<JsonSchemaTool> list() {
        Map<McpConnection, List<McpSchema.Tool>> offered = new LinkedHashMap<>();
        Map<String, Integer> servingName = new LinkedHashMap<>();
        for (McpConnection connection : connections) {
            List<McpSchema.Tool> used = connection.listTools().stream()
                    .filter(t -> connection.server().uses(t.name()))
                    .toList();
            offered.put(connection, used);
            for (McpSchema.Tool tool : used) {
                servingName.merge(tool.name(), 1, Integer::sum);
            }
        }
        List<JsonSchemaTool> result = new ArrayList<>();
        for (Map.Entry<McpConnection, List<McpSchema.Tool>> entry : offered.entrySet()) {
            McpConnection connection = entry.getKey();
            String server = connection.server().name();
            for (McpSchema.Tool tool : entry.getValue()) {
                String name = servingName.getOrDefault(tool.name(), 0) > 1 ? server + "_" + tool.name() : tool.name();
                ObjectNode schema = tool.inputSchema() == null
                        ? JSON.createObjectNode().put("type", "object")
                        : JSON.valueToTree(tool.inputSchema());
                String description = tool.description() == null ? "" : tool.description();
                String serverTool = tool.name();
                result.add(new JsonSchemaTool(
                        name,
                        description,
                        schema,
                        Object.class,
                        arguments ->
                                McpResults.evidence(server, serverTool, connection.call(serverTool, json(arguments)))));
            }
        }
        return result;
    }

    /** The argument values as plain JSON values (maps, lists, strings, numbers, booleans) for the server. */
    private static Map<String, Object> json(Map<String, @Nullable Object> arguments) {
        Map<String, Object> plain = new LinkedHashMap<>();
        arguments.forEach((name, value) -> {
            if (value != null) {
                plain.put(
                        name,
                        value instanceof String || value instanceof Number || value instanceof Boolean
                                ? value
                                : JSON.convertValue(value, Object.class));
            }
        });
        return plain;
    }

    /** The names of the configured servers, in order. */
    public List<String> serverNames() {
        return connections.stream().map(c -> c.server().name()).toList();
    }

    @Override
    public String context() {
        return "";
    }

    /** Previews {@link McpImage} evidence as its MIME type and size (the model cannot see the bytes). */
    @Override
    public List<ValuePreviewer> previewers() {
        return List.of((value, maxChars) -> value instanceof McpImage image
                ? Optional.of(("binary content " + image)
                        .substring(0, Math.min(maxChars, ("binary content " + image).length())))
                : Optional.empty());
    }

    /** Stops every server that was started; later calls fail with an {@link McpException}. */
    @Override
    public void close() {
        for (McpConnection connection : connections) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "McpTools" + serverNames();
    }
}
