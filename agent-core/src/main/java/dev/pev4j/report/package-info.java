/**
 * The run report: one self-contained HTML page per agent run (inline CSS, SVG and a few lines of script, nothing
 * loaded from elsewhere) showing the task, each attempt's plan drawn as a dependency graph, every step with its
 * arguments, status, duration and preview (tables as tables), the tester's verdicts, the replans and why they
 * happened, token usage and time per role, and the charts that {@code plot} steps wrote. Everything that came from a
 * model, a tool or the data is escaped: a report never runs what it shows. {@link StepTimeline} also records when each
 * step ran, for a text Gantt chart or the report's timeline.
 */
@NullMarked
package dev.pev4j.report;

import dev.pev4j.report.RunReport.StepTimeline;
import org.jspecify.annotations.NullMarked;
