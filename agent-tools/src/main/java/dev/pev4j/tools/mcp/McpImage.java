package dev.pev4j.tools.mcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An image (or other binary content, such as audio) that an MCP tool returned: its bytes, decoded from base64, and
 * its MIME type. Evidence like any other; previewed as its type and size. Immutable: the bytes are copied in and out.
 */
public record McpImage(byte[] data, String mimeType) {

    public McpImage {
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(mimeType, "mimeType == null");
        data = data.clone();
    }

    /** The bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof McpImage image && mimeType.equals(image.mimeType) && Arrays.equals(data, image.data);
    }

    @Override
    public int hashCode() {
        return 31 * mimeType.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return mimeType + ", " + data.length + " bytes";
    }
}
