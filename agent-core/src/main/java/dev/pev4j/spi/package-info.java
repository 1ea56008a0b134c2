/**
 * Extension points: what a toolkit, a judge or a tool selector implements to plug into the agent. A {@link
 * dev.pev4j.spi.Toolkit} gives the planner context and worked examples and contributes {@link
 * dev.pev4j.spi.ValuePreviewer}s (how the model sees its evidence) and {@link dev.pev4j.spi.EvidenceInspector}s (how
 * the tester reads it); a {@link dev.pev4j.spi.Judge} decides criteria that code cannot check; a {@link
 * dev.pev4j.spi.ToolSelector} chooses which tools the planner is shown. Implementations must be thread-safe: one agent
 * serves many concurrent runs.
 */
@NullMarked
package dev.pev4j.spi;

import org.jspecify.annotations.NullMarked;
