/**
 * The planner: asks a model for a ReWOO plan of tool calls plus the criteria its results must meet, from one versioned
 * prompt (resources {@code planner-v1.txt} and its parts) holding the selected tools, the toolkits' data context, the
 * task and worked examples; reads and validates the reply, and writes the repair and replanning prompts. When the
 * model supports JSON schemas the plan is asked for as JSON under a bounded schema, so that it always parses.
 */
@NullMarked
package dev.pev4j.internal.planner;

import org.jspecify.annotations.NullMarked;
