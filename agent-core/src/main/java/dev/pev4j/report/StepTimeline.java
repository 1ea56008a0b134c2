package dev.pev4j.report;

import dev.pev4j.agent.AgentEvent;
import dev.pev4j.agent.AgentListener;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
public final class StepTimeline implements AgentListener {

    /**
     * One step's time: {@code start} and {@code end} are offsets from the first step's start; a step that was skipped
     * before starting has {@code start == end}.
     */
    public record Span(String runId, int attempt, StepId step, String tool, Duration start, Duration end, String status) {
        public Span {
            Objects.requireNonNull(runId, "runId == null");
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(start, "start == null");
            Objects.requireNonNull(end, "end == null");
            Objects.requireNonNull(status, "status == null");
        }

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
        if (width < 10) {
            throw new IllegalArgumentException("width must be >= 10 but was " + width);
        }
        List<Span> spans = spans();
        if (spans.isEmpty()) {
            return "(no steps ran)\n";
        }
        boolean severalAttempts = spans.stream().map(Span::attempt).distinct().count() > 1;
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
        out.append(pad("step", labelWidth)).append("  ").append(pad("tool", toolWidth)).append("  ")
                .append(pad("0 ms", width + 2 - scaleEnd.length())).append(scaleEnd).append('\n');
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
            out.append(pad(label(span, severalAttempts), labelWidth)).append("  ")
                    .append(pad(span.tool(), toolWidth)).append("  |")
                    .append(" ".repeat(a)).append(String.valueOf(fill).repeat(b - a))
                    .append(" ".repeat(width - b)).append("| ")
                    .append(String.format(Locale.ROOT, "%4d–%d ms", from, to))
                    .append(span.status().equals("done") ? "" : " (" + span.status() + ")").append('\n');
        }
        return out.toString();
    }

    private static String label(Span span, boolean withAttempt) {
        return withAttempt ? span.attempt() + "/" + span.step() : span.step().toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
