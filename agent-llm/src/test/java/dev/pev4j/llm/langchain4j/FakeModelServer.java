package dev.pev4j.llm.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model server on 127.0.0.1 speaking the OpenAI ({@code POST /v1/chat/completions}) or Ollama
 * ({@code POST /api/chat}) wire format. It serves scripted replies first, in order; after those it generates one:
 * the words "one" to "ten", cut at the request's token limit (a word a token) and before its first stop string, or a
 * JSON value fitting the request's schema. A request with {@code "stream": true} gets the generated reply streamed,
 * a word a chunk: server-sent events for OpenAI, newline-delimited JSON for Ollama. It records every request body.
 */
final class FakeModelServer implements AutoCloseable {

    enum Wire {
        OPENAI,
        OLLAMA
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS =
            List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
    private static final String SLOW = "\u0000slow";

    private final Wire wire;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private record Scripted(int status, String body) {}

    private FakeModelServer(Wire wire) throws IOException {
        this.wire = wire;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model-server");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeModelServer start(Wire wire) {
        try {
            return new FakeModelServer(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL a client is given: with {@code /v1} for OpenAI, the bare server for Ollama. */
    String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return wire == Wire.OPENAI ? root + "/v1" : root;
    }

    /** Serves {@code body} with {@code status} to the next request not yet scripted. */
    FakeModelServer reply(int status, String body) {
        script.add(new Scripted(status, body));
        return this;
    }

    /** Holds the next request until the server closes. */
    FakeModelServer replySlowly() {
        script.add(new Scripted(200, SLOW));
        return this;
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    List<String> paths() {
        return List.copyOf(paths);
    }

    /** The Authorization header of each request, "(none)" where there was none. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    JsonNode lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request was made");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            paths.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            JsonNode request = JSON.readTree(in.length == 0 ? "{}" : new String(in, StandardCharsets.UTF_8));
            requests.add(request);
            String expected = wire == Wire.OPENAI ? "/v1/chat/completions" : "/api/chat";
            if (!exchange.getRequestURI().getPath().equals(expected)) {
                send(
                        exchange,
                        404,
                        "{\"error\":\"no route for " + exchange.getRequestURI().getPath() + "\"}");
                return;
            }
            Scripted scripted = script.poll();
            if (scripted != null && scripted.body.equals(SLOW)) {
                awaitClose();
                scripted = null;
            }
            if (scripted != null) {
                send(exchange, scripted.status, scripted.body);
            } else if (request.path("stream").asBoolean(false)) {
                stream(exchange, request, generate(request));
            } else {
                send(exchange, 200, JSON.writeValueAsString(reply(request, generate(request))));
            }
        }
    }

    private void awaitClose() {
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** A generated reply: its text in the pieces a stream sends, its token counts and finish reason. */
    private record Generated(List<String> pieces, int prompt, int tokens, String finish) {
        String text() {
            return String.join("", pieces);
        }
    }

    private ObjectNode reply(JsonNode request, Generated g) {
        return wire == Wire.OPENAI
                ? openAiReply(request, g.text(), g.prompt, g.tokens, g.finish)
                : ollamaReply(request, g.text(), g.prompt, g.tokens, g.finish);
    }

    /** Streams {@code g} a piece a chunk, then the closing chunk with the finish reason and the token counts. */
    private void stream(HttpExchange exchange, JsonNode request, Generated g) throws IOException {
        boolean openAi = wire == Wire.OPENAI;
        exchange.getResponseHeaders().set("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream os = exchange.getResponseBody()) {
            for (String piece : g.pieces) {
                ObjectNode chunk = JSON.createObjectNode();
                if (openAi) {
                    chunk.put("id", "chatcmpl-fake")
                            .put("object", "chat.completion.chunk")
                            .put("created", 1700000000);
                    chunk.put("model", request.path("model").asText());
                    ObjectNode choice = chunk.putArray("choices").addObject();
                    choice.put("index", 0).putObject("delta").put("content", piece);
                    choice.putNull("finish_reason");
                } else {
                    chunk.put("model", request.path("model").asText()).put("created_at", "2025-01-01T00:00:00Z");
                    chunk.putObject("message").put("role", "assistant").put("content", piece);
                    chunk.put("done", false);
                }
                writeChunk(os, chunk);
            }
            if (openAi) {
                ObjectNode last = reply(request, g);
                last.put("object", "chat.completion.chunk");
                ObjectNode choice = (ObjectNode) last.path("choices").get(0);
                choice.remove("message");
                choice.putObject("delta");
                writeChunk(os, last);
                os.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } else {
                ObjectNode last = reply(request, new Generated(List.of(""), g.prompt, g.tokens, g.finish));
                writeChunk(os, last);
            }
        }
    }

    private void writeChunk(OutputStream os, JsonNode chunk) throws IOException {
        String line = wire == Wire.OPENAI ? "data: " + chunk + "\n\n" : chunk + "\n";
        os.write(line.getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private Generated generate(JsonNode request) {
        JsonNode options = wire == Wire.OPENAI ? request : request.path("options");
        int limit = wire == Wire.OPENAI
                ? options.path("max_completion_tokens")
                        .asInt(options.path("max_tokens").asInt(Integer.MAX_VALUE))
                : options.path("num_predict").asInt(Integer.MAX_VALUE);
        List<String> stops = new ArrayList<>();
        JsonNode stop = options.path("stop");
        if (stop.isTextual()) {
            stops.add(stop.asText());
        }
        stop.forEach(s -> stops.add(s.asText()));
        JsonNode schema = wire == Wire.OPENAI
                ? request.path("response_format").path("json_schema").path("schema")
                : request.path("format");

        List<String> pieces = new ArrayList<>();
        int tokens;
        String finish;
        if (schema.isObject()) {
            pieces.add(sample(schema).toString());
            tokens = 5;
            finish = "stop";
        } else {
            StringBuilder sb = new StringBuilder();
            List<Integer> ends = new ArrayList<>(); // where each word's piece ends
            tokens = 0;
            finish = "length";
            for (int i = 0; i < WORDS.size() && tokens < limit; i++) {
                sb.append(i == 0 ? "" : " ").append(WORDS.get(i));
                ends.add(sb.length());
                tokens++;
                int cut = firstStop(sb, stops);
                if (cut >= 0) {
                    sb.setLength(cut);
                    finish = "stop";
                    break;
                }
                if (i == WORDS.size() - 1) {
                    finish = "stop";
                }
            }
            int start = 0;
            for (int end : ends) {
                int clipped = Math.min(end, sb.length());
                if (clipped > start) {
                    pieces.add(sb.substring(start, clipped));
                }
                start = Math.max(start, clipped);
            }
        }
        int prompt = 0;
        for (JsonNode message : request.path("messages")) {
            String content = message.path("content").asText("");
            prompt += content.isBlank() ? 0 : content.trim().split("\\s+").length;
        }
        return new Generated(pieces, prompt, tokens, finish);
    }

    private static int firstStop(CharSequence text, List<String> stops) {
        int first = -1;
        for (String s : stops) {
            int at = text.toString().indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static ObjectNode openAiReply(JsonNode request, String text, int prompt, int tokens, String finish) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", 1700000000)
                .put("model", request.path("model").asText());
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", finish);
        reply.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", tokens)
                .put("total_tokens", prompt + tokens);
        return reply;
    }

    private static ObjectNode ollamaReply(JsonNode request, String text, int prompt, int tokens, String finish) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("model", request.path("model").asText()).put("created_at", "2025-01-01T00:00:00Z");
        reply.putObject("message").put("role", "assistant").put("content", text);
        reply.put("done", true)
                .put("done_reason", finish)
                .put("prompt_eval_count", prompt)
                .put("eval_count", tokens);
        return reply;
    }

    /**
     * A value fitting {@code schema}: the const or first enum value, the first anyOf branch, 1, 1.5, true, "x",
     * one-element arrays.
     */
    private static JsonNode sample(JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("anyOf")) {
            return sample(schema.get("anyOf").get(0));
        }
        JsonNode type = schema.path("type");
        String name = type.isTextual() ? type.asText() : "object";
        for (JsonNode t : type) {
            if (!t.asText().equals("null")) {
                name = t.asText();
                break;
            }
        }
        switch (name) {
            case "object": {
                ObjectNode object = f.objectNode();
                for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                    object.set(p.getKey(), sample(p.getValue()));
                }
                return object;
            }
            case "array": {
                ArrayNode array = f.arrayNode();
                array.add(sample(schema.path("items")));
                return array;
            }
            case "integer":
                return f.numberNode(1);
            case "number":
                return f.numberNode(1.5);
            case "boolean":
                return f.booleanNode(true);
            default:
                return f.textNode("x");
        }
    }
}
