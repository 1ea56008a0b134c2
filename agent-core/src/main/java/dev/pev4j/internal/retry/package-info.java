/**
 * The one retry policy of pev4j's modules: model servers ({@code ChatModelLlm}), hub downloads and MCP server
 * restarts try again through {@link dev.pev4j.internal.retry.Retry}, which reports each decision as a typed event.
 * Not API.
 */
@NullMarked
package dev.pev4j.internal.retry;

import org.jspecify.annotations.NullMarked;
