package dev.pev4j.report;

import dev.pev4j.internal.io.AtomicFiles;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One agent run as a self-contained HTML page: the task and the outcome, token usage and time per role, and per
 * attempt the replanning reasons, the planner's repair rounds, the plan drawn as a dependency graph, each step (tool,
 * call, status, duration, preview; table previews as tables) with the charts {@code plot} steps wrote, and the
 * tester's verdicts with confidence and abstentions. Needs no network to view: CSS, SVG and script are inline. Text
 * from models, tools and data is escaped, so a task or preview holding {@code <script>} shows as text. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * AgentResult result = agent.run(task);
 * RunReport.builder(result).workspace(dataDir).build().writeTo(Path.of("run.html"));
 * }</pre>
 *
 * <p>The page's script marks the root element {@code data-render="ok"} once it ran, or {@code "error"} if any script
 * on the page failed, for tests in a headless browser.
 */
public final class RunReport {

    /** Charts larger than this are linked by name instead of embedded. */
    static final long MAX_CHART_BYTES = 8L << 20;

    private final AgentResult result;
    private final @Nullable Path workspace;
    private final @Nullable StepTimeline timeline;

    private RunReport(Builder builder) {
        this.result = builder.result;
        this.workspace = builder.workspace;
        this.timeline = builder.timeline;
    }

    /** A report of {@code result} without charts or timeline. */
    public static RunReport of(AgentResult result) {
        return builder(result).build();
    }

    public static Builder builder(AgentResult result) {
        return new Builder(result);
    }

    /** The page. */
    public String html() {
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\" data-render=\"pending\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>pev4j run: ").append(Html.escape(shorten(result.task(), 80))).append("</title>\n")
                .append("<script>window.onerror = function () { document.documentElement.dataset.render = 'error'; };"
                        + "</script>\n")
                .append("<style>").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n");
        page.append("<header><h1>pev4j run report</h1><p class=\"run-id\">").append(Html.escape(result.runId()))
                .append("</p></header>\n");
        task(page);
        outcome(page);
        usage(page);
        if (timeline != null) {
            timeline(page, timeline.spans().stream().filter(s -> s.runId().equals(result.runId())).toList());
        }
        List<Attempt> attempts = result.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            attempt(page, attempts.get(i), i == 0 ? null : attempts.get(i - 1));
        }
        page.append("<script>").append(ReportStyle.SCRIPT).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    /**
     * Writes the page to {@code file} atomically: a temporary file next to it, then a move, so that {@code file} is
     * either absent or whole.
     *
     * @return {@code file}
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path writeTo(Path file) {
        Objects.requireNonNull(file, "file == null");
        try {
            return AtomicFiles.writeString(file, html(), AtomicFiles.Mode.REPLACE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the report to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private void task(StringBuilder page) {
        page.append("<section id=\"task\"><h2>Task</h2><p class=\"task\">").append(Html.escape(result.task()))
                .append("</p></section>\n");
    }

    private void outcome(StringBuilder page) {
        String badge;
        String label;
        if (result.verified()) {
            badge = "passed";
            label = "verified";
        } else if (result.needsHumanReview()) {
            badge = "abstained";
            label = "needs human review";
        } else if (result.solved()) {
            badge = "failed";
            label = "answered, not verified";
        } else {
            badge = "failed";
            label = "stopped";
        }
        page.append("<section id=\"outcome\"><h2>Answer <span class=\"badge ").append(badge).append("\">")
                .append(label).append("</span></h2>\n");
        if (result.solved()) {
            page.append("<div class=\"answer\">").append(Html.escape(result.answer())).append("</div>\n");
        } else {
            page.append("<p class=\"stop\">No answer: ")
                    .append(Html.escape(result.stopReason().kind().name())).append(" — ")
                    .append(Html.escape(result.stopReason().message())).append("</p>\n");
        }
        page.append("<p class=\"meta\">").append(result.attempts().size())
                .append(result.attempts().size() == 1 ? " attempt" : " attempts").append(", ")
                .append(Html.escape(result.stopReason().toString())).append("</p>\n");
        result.verdict().ifPresent(report -> verdicts(page, report, "Final verdict"));
        page.append("</section>\n");
    }

    private void usage(StringBuilder page) {
        page.append("<section id=\"usage\"><h2>Tokens and time per role</h2>\n<table class=\"usage\"><thead><tr>"
                + "<th>role</th><th>input tokens</th><th>output tokens</th><th>time</th></tr></thead><tbody>\n");
        usageRow(page, "planner", result.usage().planner(), result.timings().planning());
        usageRow(page, "executor (tools)", null, result.timings().execution());
        usageRow(page, "tester", result.usage().tester(), result.timings().testing());
        usageRow(page, "solver", result.usage().solver(), result.timings().solving());
        page.append("</tbody><tfoot>");
        usageRow(page, "total", result.usage().total(), result.timings().total());
        page.append("</tfoot></table></section>\n");
    }

    private static void usageRow(StringBuilder page, String role, @Nullable TokenUsage usage, Duration time) {
        page.append("<tr><th scope=\"row\">").append(role).append("</th><td class=\"num\">")
                .append(usage == null ? "—" : Integer.toString(usage.inputTokens())).append("</td><td class=\"num\">")
                .append(usage == null ? "—" : Integer.toString(usage.outputTokens())).append("</td><td class=\"num\">")
                .append(duration(time)).append("</td></tr>\n");
    }

    private static void timeline(StringBuilder page, List<StepTimeline.Span> spans) {
        if (spans.isEmpty()) {
            return;
        }
        long total = 1;
        for (StepTimeline.Span span : spans) {
            total = Math.max(total, span.end().toMillis());
        }
        int labelWidth = 90;
        int barWidth = 820;
        int rowHeight = 22;
        int height = spans.size() * rowHeight + 28;
        page.append("<section id=\"timeline\"><h2>Timeline</h2>\n<svg class=\"timeline\" xmlns=\"http://www.w3.org/"
                        + "2000/svg\" width=\"")
                .append(labelWidth + barWidth + 130).append("\" height=\"").append(height).append("\">\n");
        for (int i = 0; i < spans.size(); i++) {
            StepTimeline.Span span = spans.get(i);
            long from = span.start().toMillis();
            long to = span.end().toMillis();
            double x = labelWidth + (double) from * barWidth / total;
            double w = Math.max(2, (double) (to - from) * barWidth / total);
            int y = 6 + i * rowHeight;
            page.append("<g class=\"span ").append(Html.escape(span.status())).append("\"><text x=\"0\" y=\"")
                    .append(y + 14).append("\">").append(span.attempt()).append('/').append(span.step()).append(' ')
                    .append(Html.escape(shorten(span.tool(), 12))).append("</text><rect x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", x)).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(rowHeight - 6)
                    .append("\" rx=\"3\"/><text x=\"").append(String.format(Locale.ROOT, "%.1f", x + w + 6))
                    .append("\" y=\"").append(y + 14).append("\">").append(from).append('–').append(to)
                    .append(" ms</text></g>\n");
        }
        page.append("<text x=\"").append(labelWidth).append("\" y=\"").append(height - 4)
                .append("\" class=\"axis\">0 ms</text><text x=\"").append(labelWidth + barWidth).append("\" y=\"")
                .append(height - 4).append("\" class=\"axis\" text-anchor=\"end\">").append(total)
                .append(" ms</text>\n</svg></section>\n");
    }

    private void attempt(StringBuilder page, Attempt attempt, @Nullable Attempt previous) {
        String prefix = "a" + attempt.number() + "-";
        page.append("<section class=\"attempt\" id=\"attempt-").append(attempt.number()).append("\"><h2>Attempt ")
                .append(attempt.number()).append("</h2>\n");
        if (previous != null) {
            replanReasons(page, previous);
        }
        List<PlannerRound> rounds = attempt.rounds();
        for (int r = 0; r < rounds.size(); r++) {
            PlannerRound round = rounds.get(r);
            if (round.problems().isEmpty()) {
                continue;
            }
            page.append("<details class=\"repair\"><summary>Planner reply ").append(r + 1).append(" had ")
                    .append(round.problems().size()).append(round.problems().size() == 1 ? " problem" : " problems")
                    .append(" and was sent back</summary><ul>");
            for (String problem : round.problems()) {
                page.append("<li>").append(Html.escape(problem)).append("</li>");
            }
            page.append("</ul><pre>").append(Html.escape(round.reply())).append("</pre></details>\n");
        }
        Map<StepId, StepTrace> traces = new LinkedHashMap<>();
        for (StepTrace trace : attempt.steps()) {
            traces.put(trace.step(), trace);
        }
        Optional<Plan> plan = attempt.plan();
        if (plan.isEmpty()) {
            page.append("<p class=\"stop\">The planner wrote no usable plan in this attempt.</p>\n");
        } else {
            page.append("<h3>Plan</h3>\n<div class=\"graph\">").append(PlanGraph.svg(plan.get(), traces, prefix))
                    .append("</div>\n");
            if (!plan.get().criteria().isEmpty()) {
                page.append("<h3>Criteria</h3><ul class=\"criteria\">");
                for (String criterion : plan.get().criteria()) {
                    page.append("<li><code>").append(Html.escape(criterion)).append("</code></li>");
                }
                page.append("</ul>\n");
            }
            page.append("<details class=\"plan-text\"><summary>Plan as the model wrote it</summary><pre>")
                    .append(Html.escape(attempt.planText())).append("</pre></details>\n");
        }
        if (!traces.isEmpty()) {
            page.append("<h3>Steps</h3>\n");
            for (StepTrace trace : traces.values()) {
                step(page, trace, prefix, plan.flatMap(p -> p.step(trace.step())).map(s -> s.thought()).orElse(""));
            }
        }
        attempt.report().ifPresent(report -> verdicts(page, report, "Verdicts"));
        page.append("</section>\n");
    }

    private static void replanReasons(StringBuilder page, Attempt previous) {
        page.append("<div class=\"replan\"><h3>Replanned because attempt ").append(previous.number())
                .append(" failed</h3><ul>");
        int reasons = 0;
        for (StepTrace trace : previous.steps()) {
            if (trace.status() == StepTrace.Status.FAILED) {
                page.append("<li>step <code>").append(Html.escape(trace.call())).append("</code> failed: ")
                        .append(Html.escape(trace.detail())).append("</li>");
                reasons++;
            }
        }
        for (Verdict verdict : previous.report().map(TestReport::failed).orElse(List.of())) {
            page.append("<li>criterion <code>").append(Html.escape(verdict.criterion())).append("</code> failed: ")
                    .append(Html.escape(verdict.reason())).append("</li>");
            reasons++;
        }
        if (reasons == 0 && !previous.rounds().isEmpty()) {
            for (String problem : previous.rounds().get(previous.rounds().size() - 1).problems()) {
                page.append("<li>").append(Html.escape(problem)).append("</li>");
                reasons++;
            }
        }
        if (reasons == 0) {
            page.append("<li>the plan did not pass</li>");
        }
        page.append("</ul></div>\n");
    }

    private void step(StringBuilder page, StepTrace trace, String prefix, String thought) {
        String status = trace.status().name().toLowerCase(Locale.ROOT);
        page.append("<article class=\"step ").append(status).append("\" id=\"").append(prefix).append(trace.step())
                .append("\" data-step=\"").append(trace.step()).append("\">\n<header><span class=\"sid\">")
                .append(trace.step()).append("</span> <span class=\"tool\">").append(Html.escape(trace.tool()))
                .append("</span> <span class=\"badge ").append(status).append("\">").append(status)
                .append(trace.reused() ? " (reused)" : "").append("</span> <span class=\"duration\">")
                .append(trace.status() == StepTrace.Status.SKIPPED ? "" : duration(trace.duration()))
                .append("</span></header>\n");
        if (!thought.isBlank()) {
            page.append("<p class=\"thought\">").append(Html.escape(thought)).append("</p>\n");
        }
        page.append("<pre class=\"call\">").append(Html.escape(trace.call())).append("</pre>\n");
        if (trace.status() == StepTrace.Status.DONE) {
            Optional<TablePreview> table = TablePreview.parse(trace.detail());
            if (table.isPresent()) {
                table(page, table.get());
            } else {
                page.append("<pre class=\"preview\">").append(Html.escape(trace.detail())).append("</pre>\n");
            }
            chart(trace.detail()).ifPresent(chart -> page.append(chart));
        } else {
            page.append("<p class=\"reason\">").append(Html.escape(trace.detail())).append("</p>\n");
        }
        page.append("</article>\n");
    }

    private static void table(StringBuilder page, TablePreview table) {
        page.append("<div class=\"table\"><p class=\"table-title\">").append(Html.escape(table.title()))
                .append("</p><table class=\"preview\"><thead><tr>");
        for (int c = 0; c < table.columns().size(); c++) {
            page.append("<th>").append(Html.escape(table.columns().get(c))).append("<span class=\"dtype\">")
                    .append(Html.escape(table.dtypes().get(c))).append("</span></th>");
        }
        page.append("</tr></thead><tbody>");
        for (List<String> row : table.rows()) {
            page.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                boolean numeric = table.dtypes().get(c).matches("(int|float|uint)\\d*");
                page.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(row.get(c)))
                        .append("</td>");
            }
            page.append("</tr>");
        }
        page.append("</tbody></table>");
        if (!table.more().isEmpty()) {
            page.append("<p class=\"more\">").append(Html.escape(table.more())).append("</p>");
        }
        page.append("</div>\n");
    }

    /**
     * The chart a step wrote, embedded: its value names an {@code .html} file inside the workspace (as the
     * {@code plot} tool returns). Its page runs in a sandboxed frame without access to the report.
     */
    private Optional<String> chart(String detail) {
        String name = detail.strip();
        if (workspace == null || name.isEmpty() || name.contains("\n") || name.length() > 500
                || !name.toLowerCase(Locale.ROOT).endsWith(".html")) {
            return Optional.empty();
        }
        try {
            Path root = workspace.toRealPath();
            Path candidate = root.resolve(name).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            if (Files.size(real) > MAX_CHART_BYTES) {
                return Optional.of("<p class=\"chart-link\">chart " + Html.escape(name) + " is too large to embed"
                        + " (over " + (MAX_CHART_BYTES >> 20) + " MB)</p>\n");
            }
            String html = Files.readString(real, StandardCharsets.UTF_8);
            return Optional.of("<figure class=\"chart\"><iframe sandbox=\"allow-scripts\" title=\"chart "
                    + Html.escape(name) + "\" srcdoc=\"" + Html.escape(html) + "\"></iframe><figcaption>"
                    + Html.escape(name) + "</figcaption></figure>\n");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void verdicts(StringBuilder page, TestReport report, String heading) {
        String overall = report.overall().name().toLowerCase(Locale.ROOT);
        page.append("<div class=\"verdicts\"><h3>").append(heading).append(" <span class=\"badge ").append(overall)
                .append("\">").append(overall).append("</span>");
        if (!report.abstained().isEmpty()) {
            page.append(" <span class=\"abstentions\">").append(report.abstained().size())
                    .append(report.abstained().size() == 1 ? " abstention" : " abstentions")
                    .append(": needs human review</span>");
        }
        page.append("</h3>\n");
        if (report.verdicts().isEmpty()) {
            page.append("<p>The plan had no criteria.</p></div>\n");
            return;
        }
        page.append("<table class=\"verdicts\"><thead><tr><th>criterion</th><th>status</th><th>confidence</th>"
                + "<th>decided by</th><th>reason</th></tr></thead><tbody>\n");
        for (Verdict verdict : report.verdicts()) {
            String status = verdict.status().name().toLowerCase(Locale.ROOT);
            page.append("<tr class=\"").append(status).append("\"><td><code>").append(Html.escape(verdict.criterion()))
                    .append("</code></td><td><span class=\"badge ").append(status).append("\">").append(status)
                    .append("</span></td><td class=\"num\"><meter min=\"0\" max=\"1\" value=\"")
                    .append(String.format(Locale.ROOT, "%.2f", verdict.confidence())).append("\"></meter> ")
                    .append(String.format(Locale.ROOT, "%.2f", verdict.confidence())).append("</td><td>")
                    .append(verdict.method().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(Html.escape(verdict.reason())).append("</td></tr>\n");
        }
        page.append("</tbody></table></div>\n");
    }

    private static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String shorten(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    /** Configures a {@link RunReport}. Not thread-safe. */
    public static final class Builder {
        private final AgentResult result;
        private @Nullable Path workspace;
        private @Nullable StepTimeline timeline;

        private Builder(AgentResult result) {
            this.result = Objects.requireNonNull(result, "result == null");
        }

        /** The workspace the run's tools wrote to: {@code .html} files named by step values there are embedded. */
        public Builder workspace(Path workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace == null");
            return this;
        }

        /** When the steps ran, drawn as a timeline; none by default. */
        public Builder timeline(StepTimeline timeline) {
            this.timeline = Objects.requireNonNull(timeline, "timeline == null");
            return this;
        }

        public RunReport build() {
            return new RunReport(this);
        }
    }
}
