package dev.pev4j.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.internal.Checks;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Serves the tools of a {@link ToolRegistry} (DataOps, say) to any MCP client, over stdio or streamable HTTP.
 *
 * <pre>{@code
 * McpToolServer server = McpToolServer.builder().tools(new DataOps(Workspace.of(dir))).build();
 * server.serveStdio(System.in, System.out);           // until the client closes stdin
 * try (McpToolServer.Running http = server.serveHttp(8080)) { ... } // http://127.0.0.1:8080/mcp
 * }</pre>
 *
 * <p>Each tool's input schema is built from its parameters' value schemas. Results that are JSON values (text,
 * numbers, booleans, lists and maps of them, Jackson trees) are returned as text; anything else (a table) stays in the
 * server and is returned as a handle such as {@code "table:1"} with a preview (from the toolkits' previewers), so
 * that a client can pass {@code "table:1"} to a later call ({@code read_csv} then {@code groupby_agg}) without
 * shipping the table back and forth. A parameter that only evidence can fill accepts a handle. The server keeps the
 * last {@link Builder#maxHandles} values, shared by all its clients. A tool that fails returns an error result with
 * the tool's message; the tools' own confinement (DataOps' workspace) applies unchanged.
 *
 * <p>Thread-safe when the tools are.
 */
public final class McpToolServer {

    /** The path of the streamable-HTTP endpoint. */
    public static final String ENDPOINT = "/mcp";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PREVIEW_CHARS = 2_000;

    /**
     * Tomcat warns at shutdown that Reactor's shared scheduler threads (started by the SDK, not by a web application)
     * outlive the context; kept here so that java.util.logging does not drop the level setting.
     */
    private static final java.util.logging.Logger TOMCAT_LOADER_LOG =
            java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    static {
        TOMCAT_LOADER_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ToolRegistry registry;
    private final List<ValuePreviewer> previewers;
    private final String instructions;
    private final Handles handles;

    private McpToolServer(Builder builder) {
        this.registry = ToolRegistry.of(builder.toolObjects.toArray());
        List<ValuePreviewer> found = new ArrayList<>();
        List<String> context = new ArrayList<>();
        for (Object tool : builder.toolObjects) {
            if (tool instanceof Toolkit toolkit) {
                found.addAll(toolkit.previewers());
                if (!toolkit.context().isBlank()) {
                    context.add(toolkit.context().strip());
                }
            }
        }
        this.previewers = List.copyOf(found);
        this.instructions = String.join("\n", context);
        this.handles = new Handles(builder.maxHandles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the tool objects to serve. Not thread-safe. */
    public static final class Builder {
        private final List<Object> toolObjects = new ArrayList<>();
        private int maxHandles = 100;

        private Builder() {}

        /** Serves the tools of these objects ({@code @Tool} methods, {@code JsonSchemaTool.Source}). */
        public Builder tools(Object... toolObjects) {
            for (Object tool : toolObjects) {
                this.toolObjects.add(Objects.requireNonNull(tool, "tool object == null"));
            }
            return this;
        }

        /** How many handles the server keeps before dropping the oldest; 100 by default. */
        public Builder maxHandles(int maxHandles) {
            Checks.atLeast("maxHandles", maxHandles, 1);
            this.maxHandles = maxHandles;
            return this;
        }

        /**
         * Builds the server.
         *
         * @throws IllegalStateException when no tool object was given
         */
        public McpToolServer build() {
            if (toolObjects.isEmpty()) {
                throw new IllegalStateException("An McpToolServer needs tools: pass tool objects to tools(...).");
            }
            return new McpToolServer(this);
        }
    }

    /** The tools served. */
    public ToolRegistry registry() {
        return registry;
    }

    /**
     * Serves over {@code in} and {@code out} (a client that started this process) and returns when the client closes
     * {@code in}. Nothing else may write to {@code out}.
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper(), watched, out);
        McpSyncServer server =
                configure(McpServer.sync(transport).jsonMapper(mapper())).build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    /** A server listening for HTTP; {@link #close()} stops it. */
    public static final class Running implements AutoCloseable {
        private final Tomcat tomcat;
        private final McpSyncServer server;
        private final Path baseDir;

        private Running(Tomcat tomcat, McpSyncServer server, Path baseDir) {
            this.tomcat = tomcat;
            this.server = server;
            this.baseDir = baseDir;
        }

        /** The port it listens on (the one chosen when 0 was asked for). */
        public int port() {
            return tomcat.getConnector().getLocalPort();
        }

        /** {@code http://127.0.0.1:<port>/mcp}. */
        public String url() {
            return "http://127.0.0.1:" + port() + ENDPOINT;
        }

        @Override
        public void close() {
            server.closeGracefully();
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                throw new IllegalStateException("could not stop the MCP HTTP server: " + e.getMessage(), e);
            } finally {
                deleteQuietly(baseDir);
            }
        }
    }

    /**
     * Serves streamable HTTP at {@code http://127.0.0.1:<port>/mcp} (loopback only; 0 picks a free port) until the
     * returned server is closed.
     */
    public Running serveHttp(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper())
                .mcpEndpoint(ENDPOINT)
                .build();
        McpSyncServer server =
                configure(McpServer.sync(transport).jsonMapper(mapper())).build();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("pev4j-mcp-tomcat");
        } catch (IOException e) {
            throw new IllegalStateException("could not create a directory for the HTTP server: " + e.getMessage(), e);
        }
        // Tomcat's URL handler factory (for war: URLs, which one servlet does not need) is JVM-wide and can be set only
        // once: when the application set one already (Hadoop's, under Spark), Tomcat would fail to start.
        TomcatURLStreamHandlerFactory.disable();
        Tomcat tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        servlet.addMapping(ENDPOINT);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            server.close();
            deleteQuietly(baseDir);
            throw new IllegalStateException(
                    "could not start the MCP HTTP server on port " + port + ": " + e.getMessage(), e);
        }
        if (tomcat.getConnector().getLocalPort() < 0) {
            server.close();
            deleteQuietly(baseDir);
            throw new IllegalStateException("could not listen on port " + port + " (in use?)");
        }
        return new Running(tomcat, server, baseDir);
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec) {
        spec.serverInfo("pev4j", "0.1.0")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specifications());
        if (!instructions.isBlank()) {
            spec.instructions(instructions);
        }
        return spec;
    }

    /** The MCP tool of each registry tool, with its input schema and a handler that calls it. */
    List<McpServerFeatures.SyncToolSpecification> specifications() {
        List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (ToolDescriptor tool : registry.tools()) {
            McpSchema.Tool mcpTool = McpSchema.Tool.builder(tool.name(), JSON.convertValue(inputSchema(tool), MAP))
                    .description(tool.description().isBlank() ? tool.signature() : tool.description())
                    .build();
            specifications.add(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(mcpTool)
                    .callHandler((exchange, request) -> call(tool, request.arguments()))
                    .build());
        }
        return specifications;
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    /** {@code {"type": "object", "properties": {...}, "required": [...]}} with handles in place of references. */
    static ObjectNode inputSchema(ToolDescriptor tool) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (ToolParameter parameter : tool.parameters()) {
            JsonNode value = withHandles(parameter.valueSchema());
            if (value instanceof ObjectNode object
                    && !parameter.description().isBlank()
                    && !object.has("description")) {
                object.put("description", parameter.description());
            }
            properties.set(parameter.name(), value);
            if (!parameter.mayBeOmitted()) {
                required.add(parameter.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static boolean isReference(JsonNode schema) {
        return schema.path("pattern").asText().equals(ToolParameter.REFERENCE_PATTERN);
    }

    private static JsonNode withHandles(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (isReference(object)) {
                return JSON.createObjectNode()
                        .put("type", "string")
                        .put("pattern", "^" + Handles.HANDLE + "$")
                        .put("description", "a handle returned by an earlier call, such as \"table:1\"");
            }
            ObjectNode copy = JSON.createObjectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), withHandles(e.getValue())));
            return copy;
        }
        if (schema instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(e -> copy.add(withHandles(e)));
            return copy;
        }
        return schema;
    }

    private static boolean takesHandles(JsonNode schema) {
        if (isReference(schema)) {
            return true;
        }
        for (JsonNode child : schema) {
            if (takesHandles(child)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code tool}; any failure is an error result carrying the message. */
    McpSchema.CallToolResult call(ToolDescriptor tool, @Nullable Map<String, Object> arguments) {
        try {
            Map<String, @Nullable Object> named = new LinkedHashMap<>();
            if (arguments != null) {
                for (Map.Entry<String, Object> argument : arguments.entrySet()) {
                    Optional<ToolParameter> parameter = tool.parameter(argument.getKey());
                    boolean handles = parameter.isPresent()
                            && takesHandles(parameter.get().valueSchema());
                    named.put(argument.getKey(), handles ? resolve(argument.getValue()) : argument.getValue());
                }
            }
            return result(registry.invoke(tool.name(), List.of(), named));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return McpSchema.CallToolResult.builder()
                    .addTextContent(message)
                    .isError(true)
                    .build();
        }
    }

    private @Nullable Object resolve(@Nullable Object value) {
        if (value instanceof String text && Handles.HANDLE.matcher(text).matches()) {
            List<String> held = handles.names();
            return handles.get(text)
                    .orElseThrow(() -> new IllegalArgumentException("unknown handle '" + text + "'; handles held: "
                            + (held.isEmpty() ? "(none)" : String.join(", ", held))));
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> resolved = new ArrayList<>();
            list.forEach(v -> resolved.add(resolve(v)));
            return resolved;
        }
        return value;
    }

    private McpSchema.CallToolResult result(@Nullable Object value) {
        if (value == null || isJson(value)) {
            String text = value instanceof String s ? s : toJson(value);
            return McpSchema.CallToolResult.builder()
                    .addTextContent(text)
                    .isError(false)
                    .build();
        }
        String handle = handles.put(value);
        String preview = preview(value);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("handle", handle);
        structured.put("preview", preview);
        return McpSchema.CallToolResult.builder()
                .addTextContent(
                        "handle: " + handle + " (pass \"" + handle + "\" to later calls to use this value)\n" + preview)
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    private String preview(Object value) {
        for (ValuePreviewer previewer : previewers) {
            Optional<String> preview = previewer.preview(value, PREVIEW_CHARS);
            if (preview.isPresent()) {
                return preview.get();
            }
        }
        String text = String.valueOf(value);
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS - 3) + "...";
    }

    /** Whether {@code value} goes to the client as JSON: null, text, numbers, booleans, trees, and lists and maps. */
    private static boolean isJson(@Nullable Object value) {
        if (value == null
                || value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>
                || value instanceof JsonNode) {
            return true;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().allMatch(McpToolServer::isJson);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().allMatch(k -> k instanceof String)
                    && map.values().stream().allMatch(McpToolServer::isJson);
        }
        return false;
    }

    private static String toJson(@Nullable Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the result as JSON: " + e.getMessage(), e);
        }
    }

    private static McpJsonMapper mapper() {
        return McpJsonDefaults.getMapper();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
