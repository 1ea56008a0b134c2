package dev.pev4j.report;

import dev.pev4j.agent.AgentEvent;
import dev.pev4j.agent.AgentListener;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.io.AtomicFiles;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
                .append("<title>pev4j run: ")
                .append(Html.escape(shorten(result.task(), 80)))
                .append("</title>\n")
                .append("<script>window.onerror = function () { document.documentElement.dataset.render = 'error'; };"
                        + "</script>\n")
                .append("<style>")
                .append(ReportStyle.CSS)
                .append("</style>\n</head>\n<body>\n");
        page.append("<header><h1>pev4j run report</h1><p class=\"run-id\">")
                .append(Html.escape(result.runId()))
                .append("</p></header>\n");
        task(page);
        outcome(page);
        usage(page);
        if (timeline != null) {
            timeline(
                    page,
                    timeline.spans().stream()
                            .filter(s -> s.runId().equals(result.runId()))
                            .toList());
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
        page.append("<section id=\"task\"><h2>Task</h2><p class=\"task\">")
                .append(Html.escape(result.task()))
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
        page.append("<section id=\"outcome\"><h2>Answer <span class=\"badge ")
                .append(badge)
                .append("\">")
                .append(label)
                .append("</span></h2>\n");
        if (result.solved()) {
            page.append("<div class=\"answer\">")
                    .append(Html.escape(result.answer()))
                    .append("</div>\n");
        } else {
            page.append("<p class=\"stop\">No answer: ")
                    .append(Html.escape(result.stopReason().kind().name()))
                    .append(" — ")
                    .append(Html.escape(result.stopReason().message()))
                    .append("</p>\n");
        }
        page.append("<p class=\"meta\">")
                .append(result.attempts().size())
                .append(result.attempts().size() == 1 ? " attempt" : " attempts")
                .append(", ")
                .append(Html.escape(result.stopReason().toString()))
                .append("</p>\n");
        result.verdict().ifPresent(report -> verdicts(page, report, "Final verdict"));
        page.append("</section>\n");
    }

    private void usage(StringBuilder page) {
        page.append("<section id=\"usage\"><h2>Tokens and time per role</h2>\n<table class=\"usage\"><thead><tr>"
                + "<th>role</th><th>input tokens</th><th>output tokens</th><th>time</th></tr></thead><tbody>\n");
        usageRow(page, "planner", result.usage().planner(), result.timings().planning());
        TokenUsage worker = result.usage().worker();
        if (worker.totalTokens() > 0) {
            // LLM steps run inside the execution: the worker's tokens, the execution's time
            usageRow(
                    page,
                    "executor (tools and llm steps)",
                    worker,
                    result.timings().execution());
        } else {
            usageRow(page, "executor (tools)", null, result.timings().execution());
        }
        usageRow(page, "tester", result.usage().tester(), result.timings().testing());
        usageRow(page, "solver", result.usage().solver(), result.timings().solving());
        page.append("</tbody><tfoot>");
        usageRow(page, "total", result.usage().total(), result.timings().total());
        page.append("</tfoot></table></section>\n");
    }

    private static void usageRow(StringBuilder page, String role, @Nullable TokenUsage usage, Duration time) {
        page.append("<tr><th scope=\"row\">")
                .append(role)
                .append("</th><td class=\"num\">")
                .append(usage == null ? "—" : Integer.toString(usage.inputTokens()))
                .append("</td><td class=\"num\">")
                .append(usage == null ? "—" : Integer.toString(usage.outputTokens()))
                .append("</td><td class=\"num\">")
                .append(duration(time))
                .append("</td></tr>\n");
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
                .append(labelWidth + barWidth + 130)
                .append("\" height=\"")
                .append(height)
                .append("\">\n");
        for (int i = 0; i < spans.size(); i++) {
            StepTimeline.Span span = spans.get(i);
            long from = span.start().toMillis();
            long to = span.end().toMillis();
            double x = labelWidth + (double) from * barWidth / total;
            double w = Math.max(2, (double) (to - from) * barWidth / total);
            int y = 6 + i * rowHeight;
            page.append("<g class=\"span ")
                    .append(Html.escape(span.status()))
                    .append("\"><text x=\"0\" y=\"")
                    .append(y + 14)
                    .append("\">")
                    .append(span.attempt())
                    .append('/')
                    .append(span.step())
                    .append(' ')
                    .append(Html.escape(shorten(span.tool(), 12)))
                    .append("</text><rect x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", x))
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w))
                    .append("\" height=\"")
                    .append(rowHeight - 6)
                    .append("\" rx=\"3\"/><text x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", x + w + 6))
                    .append("\" y=\"")
                    .append(y + 14)
                    .append("\">")
                    .append(from)
                    .append('–')
                    .append(to)
                    .append(" ms</text></g>\n");
        }
        page.append("<text x=\"")
                .append(labelWidth)
                .append("\" y=\"")
                .append(height - 4)
                .append("\" class=\"axis\">0 ms</text><text x=\"")
                .append(labelWidth + barWidth)
                .append("\" y=\"")
                .append(height - 4)
                .append("\" class=\"axis\" text-anchor=\"end\">")
                .append(total)
                .append(" ms</text>\n</svg></section>\n");
    }

    private void attempt(StringBuilder page, Attempt attempt, @Nullable Attempt previous) {
        String prefix = "a" + attempt.number() + "-";
        page.append("<section class=\"attempt\" id=\"attempt-")
                .append(attempt.number())
                .append("\"><h2>Attempt ")
                .append(attempt.number())
                .append("</h2>\n");
        if (previous != null) {
            replanReasons(page, previous);
        }
        attempt.selection().filter(selection -> !selection.everything()).ifPresent(selection -> {
            page.append("<details class=\"selection\"><summary>The planner was shown ")
                    .append(selection.tools().size())
                    .append(selection.tools().size() == 1 ? " tool" : " tools")
                    .append(" and ")
                    .append(selection.examples().size())
                    .append(selection.examples().size() == 1 ? " example" : " examples")
                    .append("</summary><table><tr><th>tool or example</th><th>score</th><th>why</th></tr>");
            for (ToolSelector.Scored scored : selection.tools()) {
                selectionRow(page, scored);
            }
            for (ToolSelector.Scored scored : selection.exampleScores()) {
                selectionRow(page, scored);
            }
            page.append("</table></details>\n");
        });
        List<PlannerRound> rounds = attempt.rounds();
        for (int r = 0; r < rounds.size(); r++) {
            PlannerRound round = rounds.get(r);
            if (round.problems().isEmpty()) {
                continue;
            }
            page.append("<details class=\"repair\"><summary>Planner reply ")
                    .append(r + 1)
                    .append(" had ")
                    .append(round.problems().size())
                    .append(round.problems().size() == 1 ? " problem" : " problems")
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
            page.append("<h3>Plan</h3>\n<div class=\"graph\">")
                    .append(PlanGraph.svg(plan.get(), traces, prefix))
                    .append("</div>\n");
            if (!plan.get().criteria().isEmpty()) {
                page.append("<h3>Criteria</h3><ul class=\"criteria\">");
                for (String criterion : plan.get().criteria()) {
                    page.append("<li><code>").append(Html.escape(criterion)).append("</code></li>");
                }
                page.append("</ul>\n");
            }
            page.append("<details class=\"plan-text\"><summary>Plan as the model wrote it</summary><pre>")
                    .append(Html.escape(attempt.planText()))
                    .append("</pre></details>\n");
        }
        if (!traces.isEmpty()) {
            page.append("<h3>Steps</h3>\n");
            for (StepTrace trace : traces.values()) {
                step(
                        page,
                        trace,
                        prefix,
                        plan.flatMap(p -> p.step(trace.step()))
                                .map(s -> s.thought())
                                .orElse(""));
            }
        }
        attempt.report().ifPresent(report -> verdicts(page, report, "Verdicts"));
        page.append("</section>\n");
    }

    private static void selectionRow(StringBuilder page, ToolSelector.Scored scored) {
        page.append("<tr><td>")
                .append(Html.escape(scored.name()))
                .append("</td><td>")
                .append(String.format(java.util.Locale.ROOT, "%.3f", scored.score()))
                .append("</td><td>")
                .append(scored.reason()
                        .name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'))
                .append("</td></tr>");
    }

    private static void replanReasons(StringBuilder page, Attempt previous) {
        page.append("<div class=\"replan\"><h3>Replanned because attempt ")
                .append(previous.number())
                .append(" failed</h3><ul>");
        int reasons = 0;
        for (StepTrace trace : previous.steps()) {
            if (trace.status() == StepTrace.Status.FAILED) {
                page.append("<li>step <code>")
                        .append(Html.escape(trace.call()))
                        .append("</code> failed: ")
                        .append(Html.escape(trace.detail()))
                        .append("</li>");
                reasons++;
            }
        }
        for (Verdict verdict : previous.report().map(TestReport::failed).orElse(List.of())) {
            page.append("<li>criterion <code>")
                    .append(Html.escape(verdict.criterion()))
                    .append("</code> failed: ")
                    .append(Html.escape(verdict.reason()))
                    .append("</li>");
            reasons++;
        }
        if (reasons == 0 && !previous.rounds().isEmpty()) {
            for (String problem :
                    previous.rounds().get(previous.rounds().size() - 1).problems()) {
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
        page.append("<article class=\"step ")
                .append(status)
                .append("\" id=\"")
                .append(prefix)
                .append(trace.step())
                .append("\" data-step=\"")
                .append(trace.step())
                .append("\">\n<header><span class=\"sid\">")
                .append(trace.step())
                .append("</span> <span class=\"tool\">")
                .append(Html.escape(trace.tool()))
                .append("</span> <span class=\"badge ")
                .append(status)
                .append("\">")
                .append(status)
                .append(trace.reused() ? " (reused)" : "")
                .append(trace.sideEffects() ? " (side effects)" : "")
                .append("</span> <span class=\"duration\">")
                .append(trace.status() == StepTrace.Status.SKIPPED ? "" : duration(trace.duration()))
                .append("</span></header>\n");
        if (!thought.isBlank()) {
            page.append("<p class=\"thought\">").append(Html.escape(thought)).append("</p>\n");
        }
        page.append("<pre class=\"call\">").append(Html.escape(trace.call())).append("</pre>\n");
        if (trace.status() == StepTrace.Status.DONE) {
            if (trace.cells().isPresent()) {
                table(page, trace.cells().get());
            } else {
                page.append("<pre class=\"preview\">")
                        .append(Html.escape(trace.detail()))
                        .append("</pre>\n");
            }
            chart(trace.detail()).ifPresent(chart -> page.append(chart));
        } else {
            page.append("<p class=\"reason\">")
                    .append(Html.escape(trace.detail()))
                    .append("</p>\n");
        }
        page.append("</article>\n");
    }

    private static void table(StringBuilder page, ValuePreviewer.TableCells table) {
        page.append("<div class=\"table\"><p class=\"table-title\">")
                .append(Html.escape(table.title()))
                .append("</p><table class=\"preview\"><thead><tr>");
        for (int c = 0; c < table.columns().size(); c++) {
            page.append("<th>")
                    .append(Html.escape(table.columns().get(c)))
                    .append("<span class=\"dtype\">")
                    .append(Html.escape(table.dtypes().get(c)))
                    .append("</span></th>");
        }
        page.append("</tr></thead><tbody>");
        for (List<String> row : table.rows()) {
            page.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                boolean numeric = table.dtypes().get(c).matches("(int|float|uint)\\d*");
                page.append(numeric ? "<td class=\"num\">" : "<td>")
                        .append(Html.escape(row.get(c)))
                        .append("</td>");
            }
            page.append("</tr>");
        }
        page.append("</tbody></table>");
        if (table.moreRows() > 0) {
            page.append("<p class=\"more\">… ")
                    .append(table.moreRows())
                    .append(table.moreRows() == 1 ? " more row" : " more rows")
                    .append("</p>");
        }
        page.append("</div>\n");
    }

    /**
     * The chart a step wrote, embedded: its value names an {@code .html} file inside the workspace (as the
     * {@code plot} tool returns). Its page runs in a sandboxed frame without access to the report.
     */
    private Optional<String> chart(String detail) {
        String name = detail.strip();
        if (workspace == null
                || name.isEmpty()
                || name.contains("\n")
                || name.length() > 500
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
        page.append("<div class=\"verdicts\"><h3>")
                .append(heading)
                .append(" <span class=\"badge ")
                .append(overall)
                .append("\">")
                .append(overall)
                .append("</span>");
        if (!report.abstained().isEmpty()) {
            page.append(" <span class=\"abstentions\">")
                    .append(report.abstained().size())
                    .append(report.abstained().size() == 1 ? " abstention" : " abstentions")
                    .append(": needs human review</span>");
        }
        long unguaranteed = report.withoutGuarantee().size();
        if (unguaranteed > 0) {
            page.append(" <span class=\"abstentions\">")
                    .append(unguaranteed)
                    .append(unguaranteed == 1 ? " criterion" : " criteria")
                    .append(" judged without a guarantee")
                    .append(report.acceptsWithoutGuarantee() ? " (accepted by the user)" : ": needs human review")
                    .append("</span>");
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
            page.append("<tr class=\"")
                    .append(status)
                    .append("\"><td><code>")
                    .append(Html.escape(verdict.criterion()))
                    .append("</code></td><td><span class=\"badge ")
                    .append(status)
                    .append("\">")
                    .append(status)
                    .append("</span></td><td class=\"num\"><meter min=\"0\" max=\"1\" value=\"")
                    .append(String.format(Locale.ROOT, "%.2f", verdict.confidence()))
                    .append("\"></meter> ")
                    .append(String.format(Locale.ROOT, "%.2f", verdict.confidence()))
                    .append("</td><td>")
                    .append(decidedBy(verdict))
                    .append("</td><td>")
                    .append(Html.escape(verdict.reason()))
                    .append("</td></tr>\n");
        }
        page.append("</tbody></table></div>\n");
    }

    private static String decidedBy(Verdict verdict) {
        return switch (verdict.method()) {
            case CHECK -> "check";
            case CALIBRATED_JUDGE -> "calibrated judge";
            case JUDGE -> verdict.abstained() ? "judge" : "judge, no guarantee";
        };
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

    /**
     * Records when each step of an agent's runs started and ended, from the agent's step events, and draws it as a text
     * Gantt chart: the picture of which steps ran in parallel. Register it with {@code Agent.builder().listener(timeline)}.
     * Thread-safe (step events arrive on the executor's threads).
     *
     * <pre>{@code
     * StepTimeline timeline = new StepTimeline();
     * Agent agent = Agent.builder().llm(llm).tools(tools).listener(timeline).build();
     * agent.run(task);
     * System.out.println(timeline.gantt(60));
     * }</pre>
     */
    public static final class StepTimeline implements AgentListener {

        /** An empty timeline, to register with an agent before its run. */
        public StepTimeline() {}

        /**
         * One step's time: {@code start} and {@code end} are offsets from the first step's start; a step that was skipped
         * before starting has {@code start == end}.
         */
        public record Span(
                String runId, int attempt, StepId step, String tool, Duration start, Duration end, String status) {
            public Duration duration() {
                return end.minus(start);
            }
        }

        private record Key(String runId, int attempt, StepId step) {}

        private static final class Times {
            final String tool;
            Instant start;
            Instant end;
            String status = "running";

            Times(String tool, Instant start) {
                this.tool = tool;
                this.start = start;
                this.end = start;
            }
        }

        private final Map<Key, Times> times = new LinkedHashMap<>();

        @Override
        public void onEvent(AgentEvent event) {
            if (!(event instanceof AgentEvent.Step step)) {
                return;
            }
            StepEvent e = step.event();
            Key key = new Key(step.runId(), step.attempt(), e.step());
            synchronized (times) {
                Times t = times.computeIfAbsent(key, k -> new Times(e.tool(), e.at()));
                if (e instanceof StepEvent.Started) {
                    t.start = e.at();
                    t.end = e.at();
                } else if (e instanceof StepEvent.Finished) {
                    t.end = e.at();
                    t.status = "done";
                } else if (e instanceof StepEvent.Failed) {
                    t.end = e.at();
                    t.status = "failed";
                } else if (e instanceof StepEvent.Skipped) {
                    t.end = e.at();
                    t.status = "skipped";
                }
            }
        }

        /** The steps recorded so far, ordered by start, then attempt and step id. */
        public List<Span> spans() {
            List<Span> spans = new ArrayList<>();
            synchronized (times) {
                Instant origin = null;
                for (Times t : times.values()) {
                    origin = origin == null || t.start.isBefore(origin) ? t.start : origin;
                }
                for (Map.Entry<Key, Times> entry : times.entrySet()) {
                    Key key = entry.getKey();
                    Times t = entry.getValue();
                    Duration start = Duration.between(origin, t.start);
                    Duration end = Duration.between(origin, t.end.isBefore(t.start) ? t.start : t.end);
                    spans.add(new Span(key.runId(), key.attempt(), key.step(), t.tool, start, end, t.status));
                }
            }
            spans.sort(Comparator.comparing(Span::start)
                    .thenComparingInt(Span::attempt)
                    .thenComparing(Span::step));
            return List.copyOf(spans);
        }

        /**
         * A text Gantt chart of the recorded steps, one line each, bars {@code width} characters wide at most:
         *
         * <pre>
         * step  tool        0 ms                 120 ms
         * E1    lookup      |██████              |   0–40 ms
         * E2    lookup      |██████              |   0–41 ms
         * E3    combine     |      ██████████████|  41–120 ms
         * </pre>
         *
         * @throws IllegalArgumentException when {@code width} is below 10
         */
        public String gantt(int width) {
            Checks.atLeast("width", width, 10);
            List<Span> spans = spans();
            if (spans.isEmpty()) {
                return "(no steps ran)\n";
            }
            boolean severalAttempts =
                    spans.stream().map(Span::attempt).distinct().count() > 1;
            long total = 1;
            int labelWidth = 4;
            int toolWidth = 4;
            for (Span span : spans) {
                total = Math.max(total, span.end().toMillis());
                labelWidth = Math.max(labelWidth, label(span, severalAttempts).length());
                toolWidth = Math.max(toolWidth, span.tool().length());
            }
            StringBuilder out = new StringBuilder();
            String scaleEnd = total + " ms";
            out.append(pad("step", labelWidth))
                    .append("  ")
                    .append(pad("tool", toolWidth))
                    .append("  ")
                    .append(pad("0 ms", width + 2 - scaleEnd.length()))
                    .append(scaleEnd)
                    .append('\n');
            for (Span span : spans) {
                long from = span.start().toMillis();
                long to = span.end().toMillis();
                int a = (int) Math.min(width - 1, from * width / total);
                int b = (int) Math.max(a + 1, Math.min(width, (to * width + total - 1) / total));
                char fill = switch (span.status()) {
                    case "failed" -> 'x';
                    case "skipped" -> '·';
                    default -> '█';
                };
                out.append(pad(label(span, severalAttempts), labelWidth))
                        .append("  ")
                        .append(pad(span.tool(), toolWidth))
                        .append("  |")
                        .append(" ".repeat(a))
                        .append(String.valueOf(fill).repeat(b - a))
                        .append(" ".repeat(width - b))
                        .append("| ")
                        .append(String.format(Locale.ROOT, "%4d–%d ms", from, to))
                        .append(span.status().equals("done") ? "" : " (" + span.status() + ")")
                        .append('\n');
            }
            return out.toString();
        }

        private static String label(Span span, boolean withAttempt) {
            return withAttempt
                    ? span.attempt() + "/" + span.step()
                    : span.step().toString();
        }

        private static String pad(String text, int width) {
            return text.length() >= width ? text : text + " ".repeat(width - text.length());
        }
    }
}
