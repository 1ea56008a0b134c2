package dev.pev4j.tools.eval;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One self-contained HTML page comparing evaluation runs side by side, a column per run (model × settings): every
 * rate with its 95% Wilson interval drawn as a bar and whisker, the totals (replans, model calls, tokens per role,
 * time), answer accuracy per category, and a row per task showing which runs parsed, validated, matched the
 * reference graph and answered right. No scripts, no network. Stateless and thread-safe.
 */
public final class ComparisonPage {

    private ComparisonPage() {}

    /** The page for {@code runs}, in the order given. */
    public static String html(List<EvalRun> runs) {
        Objects.requireNonNull(runs, "runs == null");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one run");
        }
        StringBuilder h = new StringBuilder(16_384);
        Set<String> suites = new LinkedHashSet<>();
        runs.forEach(r -> suites.add(r.suite()));
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pev4j evaluation: ")
                .append(esc(String.join(", ", suites)))
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append("table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;")
                .append("vertical-align:top}th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:")
                .append("tabular-nums}.bar{position:relative;width:160px;height:12px;background:#eee;")
                .append("display:inline-block;margin-left:8px;vertical-align:middle}.fill{position:absolute;")
                .append("top:0;bottom:0;left:0;background:#4a7fd4}.ci{position:absolute;top:5px;height:2px;")
                .append("background:#222}.ok{color:#1a7f37}.no{color:#c62828}.na{color:#999}")
                .append(".task td{font-family:ui-monospace,monospace;font-size:12px}small{color:#666}")
                .append("\n</style></head><body>\n");
        h.append("<h1>pev4j evaluation — ")
                .append(esc(String.join(", ", suites)))
                .append("</h1>\n");
        h.append(
                "<p><small>Plan metrics score the planner's first reply; the answer is the last step's evidence of the "
                        + "plan the agent solved with, compared with the expected answer. Intervals: 95% Wilson.</small></p>\n");

        h.append("<h2>Rates</h2>\n<table><tr><th>metric</th>");
        runHeaders(h, runs);
        for (String metric : EvalRun.RATES) {
            h.append("<tr><th>").append(esc(metric)).append("</th>");
            for (EvalRun run : runs) {
                rateCell(h, Objects.requireNonNull(run.rates().get(metric))); // rates() has every RATES key
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Totals</h2>\n<table><tr><th></th>");
        runHeaders(h, runs);
        for (String key : runs.get(0).totals().keySet()) {
            h.append("<tr><th>").append(esc(key)).append("</th>");
            for (EvalRun run : runs) {
                Number value = run.totals().get(key);
                h.append("<td class=\"num\">")
                        .append(
                                value instanceof Double d
                                        ? String.format(Locale.ROOT, "%.1f", d)
                                        : String.valueOf(value))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Answer correct by category</h2>\n<table><tr><th>category</th>");
        runHeaders(h, runs);
        Set<String> categories = new LinkedHashSet<>();
        runs.forEach(r -> categories.addAll(r.answerCorrectByCategory().keySet()));
        for (String category : categories) {
            h.append("<tr><th>").append(esc(category)).append("</th>");
            for (EvalRun run : runs) {
                Rate rate = run.answerCorrectByCategory().get(category);
                if (rate == null) {
                    h.append("<td class=\"na\">—</td>");
                } else {
                    rateCell(h, rate);
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append(
                "<h2>Tasks</h2>\n<p><small>P parses · V valid · U usable after repairs · I isomorphic (strict) · R isomorphic (relaxed) · "
                        + "A answer correct · T tester agrees; hover for why.</small></p>\n<table class=\"task\"><tr>"
                        + "<th>task</th>");
        runHeaders(h, runs);
        Set<String> ids = new LinkedHashSet<>();
        runs.forEach(r -> r.results().forEach(t -> ids.add(t.id())));
        for (String id : ids) {
            h.append("<tr><td>").append(esc(id)).append("</td>");
            for (EvalRun run : runs) {
                TaskResult t = run.results().stream()
                        .filter(r -> r.id().equals(id))
                        .findFirst()
                        .orElse(null);
                if (t == null) {
                    h.append("<td class=\"na\">not run</td>");
                    continue;
                }
                h.append("<td title=\"")
                        .append(esc(t.stop() + " — " + t.answerDetail()))
                        .append("\">");
                mark(h, "P", t.planParses());
                mark(h, "V", t.planValid());
                mark(h, "U", t.planUsable());
                mark(h, "I", t.isomorphic());
                mark(h, "R", t.isomorphicRelaxed());
                mark(h, "A", t.answerCorrect());
                if (t.testerAgrees().isPresent()) {
                    mark(h, "T", t.testerAgrees().get());
                } else {
                    h.append("<span class=\"na\">·</span>");
                }
                h.append(" <small>")
                        .append(t.replans())
                        .append("r ")
                        .append(t.modelCalls())
                        .append("c</small></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** Writes {@link #html} to {@code file} atomically. */
    public static void write(Path file, List<EvalRun> runs) {
        AtomicFiles.write(file, html(runs));
    }

    private static void rateCell(StringBuilder h, Rate rate) {
        h.append(String.format(
                Locale.ROOT,
                "<td class=\"num\">%.1f%% <small>(%d/%d)</small>"
                        + "<span class=\"bar\"><span class=\"fill\" style=\"width:%.1f%%\"></span>"
                        + "<span class=\"ci\" style=\"left:%.1f%%;width:%.1f%%\"></span></span>"
                        + "<br><small>95%% CI %.1f–%.1f%%</small></td>",
                100 * rate.value(),
                rate.successes(),
                rate.n(),
                100 * rate.value(),
                100 * rate.low(),
                100 * (rate.high() - rate.low()),
                100 * rate.low(),
                100 * rate.high()));
    }

    private static void mark(StringBuilder h, String letter, boolean ok) {
        h.append("<span class=\"")
                .append(ok ? "ok" : "no")
                .append("\">")
                .append(ok ? letter : letter.toLowerCase(Locale.ROOT))
                .append("</span>");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One header cell per run, labelled, closing the header row. */
    private static void runHeaders(StringBuilder h, List<EvalRun> runs) {
        for (EvalRun run : runs) {
            h.append("<th>").append(esc(run.label())).append("</th>");
        }
        h.append("</tr>\n");
    }
}
