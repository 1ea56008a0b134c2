package dev.pev4j.report;

/** The report's inline style sheet and script. */
final class ReportStyle {

    private ReportStyle() {}

    static final String CSS = """
            :root { --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2; --warn: #a16207;
              --warn-bg: #fef9c3; --muted: #64748b; --line: #e2e8f0; --ink: #0f172a; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
              margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; background: #f8fafc; }
            header h1 { margin: 0; font-size: 22px; }
            .run-id { color: var(--muted); margin: 2px 0 12px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 18px;
              margin: 14px 0; }
            h2 { font-size: 17px; margin: 4px 0 10px; }
            h3 { font-size: 15px; margin: 14px 0 8px; }
            .task { font-size: 16px; white-space: pre-wrap; margin: 0; }
            .answer { white-space: pre-wrap; font-size: 15px; background: #f1f5f9; border-left: 4px solid var(--ok);
              padding: 8px 12px; border-radius: 4px; }
            .meta, .thought, .more, .table-title, figcaption { color: var(--muted); }
            .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px;
              vertical-align: middle; background: #e2e8f0; }
            .badge.passed, .badge.done { background: var(--ok-bg); color: var(--ok); }
            .badge.failed { background: var(--bad-bg); color: var(--bad); }
            .badge.abstained, .badge.skipped { background: var(--warn-bg); color: var(--warn); }
            .abstentions { color: var(--warn); font-size: 13px; }
            table { border-collapse: collapse; margin: 4px 0; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
            table.preview th { background: #f1f5f9; }
            .dtype { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
            .graph { overflow-x: auto; padding: 4px 0; }
            svg.plan-graph .node rect { fill: #f1f5f9; stroke: #94a3b8; stroke-width: 1.5; }
            svg.plan-graph .node.done rect { fill: var(--ok-bg); stroke: var(--ok); }
            svg.plan-graph .node.failed rect { fill: var(--bad-bg); stroke: var(--bad); }
            svg.plan-graph .node.skipped rect { fill: var(--warn-bg); stroke: var(--warn); stroke-dasharray: 4 3; }
            svg.plan-graph .node.highlight rect { stroke-width: 3; }
            svg.plan-graph text.id { font-weight: 700; font-size: 13px; fill: var(--ink); }
            svg.plan-graph text.tool { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px;
              fill: #334155; }
            svg.plan-graph .edge { fill: none; stroke: #64748b; stroke-width: 1.5; }
            svg.timeline text { font-size: 12px; fill: var(--ink); }
            svg.timeline rect { fill: #60a5fa; }
            svg.timeline .failed rect { fill: #f87171; }
            svg.timeline .skipped rect { fill: #facc15; }
            svg.timeline .axis { fill: var(--muted); }
            article.step { border: 1px solid var(--line); border-left: 4px solid #94a3b8; border-radius: 6px;
              padding: 8px 12px; margin: 10px 0; }
            article.step.done { border-left-color: var(--ok); }
            article.step.failed { border-left-color: var(--bad); }
            article.step.skipped { border-left-color: var(--warn); }
            article.step.highlight { box-shadow: 0 0 0 2px #60a5fa; }
            article.step header { display: flex; gap: 10px; align-items: baseline; }
            .sid { font-weight: 700; }
            .tool { font-family: ui-monospace, Menlo, Consolas, monospace; }
            .duration { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
            pre { background: #f8fafc; border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px;
              overflow-x: auto; margin: 6px 0; font: 12.5px/1.4 ui-monospace, Menlo, Consolas, monospace;
              white-space: pre; }
            pre.call { background: #eef2ff; border-color: #c7d2fe; white-space: pre-wrap; }
            .reason { color: var(--bad); white-space: pre-wrap; }
            .stop { color: var(--bad); }
            .replan { background: var(--warn-bg); border-radius: 6px; padding: 4px 12px; }
            .replan h3 { margin-top: 6px; }
            details { margin: 6px 0; }
            summary { cursor: pointer; color: #334155; }
            figure.chart { margin: 8px 0; }
            figure.chart iframe { width: 100%; height: 440px; border: 1px solid var(--line); border-radius: 4px;
              background: #fff; }
            meter { width: 60px; vertical-align: middle; }
            code { font: 12.5px ui-monospace, Menlo, Consolas, monospace; }
            """;

    /** Links graph nodes and step cards: hovering one highlights the other. Marks the page rendered. */
    static final String SCRIPT = """
            (function () {
              function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
              each('section.attempt', function (section) {
                function mark(step, on) {
                  each('#' + section.id + ' [data-step="' + step + '"]', function (el) {
                    el.classList.toggle('highlight', on);
                  });
                }
                each('#' + section.id + ' [data-step]', function (el) {
                  var step = el.getAttribute('data-step');
                  el.addEventListener('mouseenter', function () { mark(step, true); });
                  el.addEventListener('mouseleave', function () { mark(step, false); });
                });
              });
              if (document.documentElement.dataset.render !== 'error') {
                document.documentElement.dataset.render = 'ok';
              }
            })();
            """;
}
