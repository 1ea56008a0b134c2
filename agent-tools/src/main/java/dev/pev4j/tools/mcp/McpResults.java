package dev.pev4j.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns an MCP tool result into evidence: text that is a JSON object or array into a Jackson tree, other text into a
 * {@code String}, images and audio into {@link McpImage}, embedded text resources into their
 * text, resource links into their URI; one content item is the value itself, several a {@code List}; structured
 * content, as a Jackson tree, only when there is no content item (servers that send both repeat the structure as
 * text, and the plain text binds to more parameters: the filesystem server's {@code {"content": "..."}} next to the
 * file's text). An error result
 * ({@code isError}) becomes an {@link McpException} with the server's message. Stateless and thread-safe.
 */
final class McpResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private McpResults() {}

    static @Nullable Object evidence(String server, String tool, McpSchema.CallToolResult result) {
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        if (Boolean.TRUE.equals(result.isError())) {
            String message = content.stream()
                    .map(c -> c instanceof McpSchema.TextContent text ? text.text() : c.type())
                    .collect(Collectors.joining("\n"))
                    .strip();
            throw new McpException(
                    server,
                    "MCP server '" + server + "' returned an error for tool '" + tool + "': "
                            + (message.isEmpty() ? "(no message)" : message),
                    null);
        }
        List<Object> values = new ArrayList<>();
        for (McpSchema.Content item : content) {
            values.add(value(item));
        }
        if (values.isEmpty()) {
            return result.structuredContent() == null ? null : JSON.valueToTree(result.structuredContent());
        }
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }

    private static Object value(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent text) {
            return textOrJson(text.text());
        }
        if (item instanceof McpSchema.ImageContent image) {
            return new McpImage(Base64.getMimeDecoder().decode(image.data()), image.mimeType());
        }
        if (item instanceof McpSchema.AudioContent audio) {
            return new McpImage(Base64.getMimeDecoder().decode(audio.data()), audio.mimeType());
        }
        if (item instanceof McpSchema.EmbeddedResource embedded) {
            if (embedded.resource() instanceof McpSchema.TextResourceContents text) {
                return textOrJson(text.text());
            }
            if (embedded.resource() instanceof McpSchema.BlobResourceContents blob) {
                String mime = blob.mimeType() == null ? "application/octet-stream" : blob.mimeType();
                return new McpImage(Base64.getMimeDecoder().decode(blob.blob()), mime);
            }
        }
        if (item instanceof McpSchema.ResourceLink link) {
            return link.uri();
        }
        return JSON.valueToTree(item);
    }

    private static Object textOrJson(String text) {
        String trimmed = text.strip();
        if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            try {
                JsonNode tree = JSON.readTree(trimmed);
                if (tree != null && tree.isContainerNode()) {
                    return tree;
                }
            } catch (JsonProcessingException notJson) {
                // text that only looks like JSON, such as "[FILE] a.csv ... [DIR] b": keep it as text
            }
        }
        return text;
    }
}
