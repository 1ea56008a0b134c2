/**
 * Tools: plain Java methods annotated with LangChain4j's {@code @Tool} and {@code @P}, found by reflection on the
 * objects a user registers in a {@link dev.pev4j.tool.ToolRegistry}. The registry describes them to the planner,
 * binds plan arguments to parameter types and calls them.
 */
@NullMarked
package dev.pev4j.tool;

import org.jspecify.annotations.NullMarked;
