/**
 * The Model Context Protocol both ways, on the official MCP Java SDK: {@link dev.pev4j.tools.mcp.McpTools} turns the
 * tools of MCP servers (stdio command lines or streamable-HTTP URLs) into plan tools whose JSON input schemas drive
 * validation, binding and the planner's plan schema; {@link dev.pev4j.tools.mcp.McpToolServer} serves a
 * {@link dev.pev4j.tool.ToolRegistry} (DataOps, say) to any MCP client, passing tables by handle.
 */
@NullMarked
package dev.pev4j.tools.mcp;

import org.jspecify.annotations.NullMarked;
