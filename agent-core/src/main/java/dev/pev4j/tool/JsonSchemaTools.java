package dev.pev4j.tool;

import java.util.List;

/**
 * An object that contributes {@link JsonSchemaTool}s to a {@link ToolRegistry} when registered like any tool object
 * (for instance the tools of MCP servers). It may carry {@code @Tool} methods as well. Implementations are thread-safe.
 */
public interface JsonSchemaTools {

    /** The tools, in the order the registry lists them; called once when a registry is built. */
    List<JsonSchemaTool> jsonSchemaTools();
}
