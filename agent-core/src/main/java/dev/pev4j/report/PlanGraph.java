package dev.pev4j.report;

import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A plan drawn as its dependency graph in inline SVG, laid out left to right: a step's column is the length of the
 * longest dependency path leading to it (steps that need nothing first), and within a column steps are ordered by the
 * mean row of what they depend on, so edges cross less. Nodes are boxes with the step id and tool, coloured by status,
 * linking to the step's card; edges run from a dependency to the step that uses it. Stateless and thread-safe.
 */
final class PlanGraph {

    static final int NODE_WIDTH = 168;
    static final int NODE_HEIGHT = 46;
    static final int COLUMN_GAP = 64;
    static final int ROW_GAP = 18;
    static final int MARGIN = 12;
    private static final int TOOL_CHARS = 22;

    private PlanGraph() {}

    /** Where each step goes: column (layer) and row within it. */
    record Position(int column, int row) {
        double x() {
            return MARGIN + column * (double) (NODE_WIDTH + COLUMN_GAP);
        }

        double y() {
            return MARGIN + row * (double) (NODE_HEIGHT + ROW_GAP);
        }
    }

    /** The layout of {@code plan}: layers by longest path, rows by the barycentre of the dependencies' rows. */
    static Map<StepId, Position> layout(Plan plan) {
        Map<StepId, Integer> layer = new HashMap<>();
        // Plans are validated: dependencies come first (no forward references), so one pass in order is enough;
        // a dependency that is not in the plan counts as layer -1.
        for (Step step : plan.steps()) {
            int deepest = -1;
            for (StepId dep : step.dependencies()) {
                deepest = Math.max(deepest, layer.getOrDefault(dep, -1));
            }
            layer.put(step.id(), deepest + 1);
        }
        Map<Integer, List<Step>> columns = new HashMap<>();
        for (Step step : plan.steps()) {
            columns.computeIfAbsent(layer.get(step.id()), k -> new ArrayList<>())
                    .add(step);
        }
        Map<StepId, Position> positions = new HashMap<>();
        for (int column = 0; columns.containsKey(column); column++) {
            List<Step> steps = new ArrayList<>(columns.get(column));
            Map<StepId, Double> order = new HashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                double sum = 0;
                int count = 0;
                for (StepId dep : step.dependencies()) {
                    Position p = positions.get(dep);
                    if (p != null) {
                        sum += p.row();
                        count++;
                    }
                }
                // Ties (and steps without placed dependencies) keep the plan's order.
                order.put(step.id(), (count == 0 ? i : sum / count) + i * 1e-6);
            }
            steps.sort(Comparator.comparingDouble(s -> order.get(s.id())));
            for (int row = 0; row < steps.size(); row++) {
                positions.put(steps.get(row).id(), new Position(column, row));
            }
        }
        return positions;
    }

    /** The SVG of {@code plan}; {@code anchor} names the element id of a step's card, statuses colour the nodes. */
    static String svg(Plan plan, Map<StepId, StepTrace> traces, String anchorPrefix) {
        Map<StepId, Position> positions = layout(plan);
        int columns = 0;
        int rows = 0;
        for (Position p : positions.values()) {
            columns = Math.max(columns, p.column() + 1);
            rows = Math.max(rows, p.row() + 1);
        }
        int width = 2 * MARGIN + columns * NODE_WIDTH + Math.max(0, columns - 1) * COLUMN_GAP;
        int height = 2 * MARGIN + rows * NODE_HEIGHT + Math.max(0, rows - 1) * ROW_GAP;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"plan-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"plan dependency graph\">\n");
        svg.append("<defs><marker id=\"")
                .append(anchorPrefix)
                .append("arrow\" viewBox=\"0 0 10 10\" refX=\"10\" "
                        + "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>\n");
        for (Step step : plan.steps()) {
            Position to = Objects.requireNonNull(positions.get(step.id()));
            for (StepId dep : step.dependencies()) {
                Position from = positions.get(dep);
                if (from == null) {
                    continue;
                }
                double x1 = from.x() + NODE_WIDTH;
                double y1 = from.y() + NODE_HEIGHT / 2.0;
                double x2 = to.x();
                double y2 = to.y() + NODE_HEIGHT / 2.0;
                double mid = (x1 + x2) / 2;
                svg.append("<path class=\"edge\" data-from=\"")
                        .append(dep)
                        .append("\" data-to=\"")
                        .append(step.id())
                        .append("\" d=\"M")
                        .append(num(x1))
                        .append(',')
                        .append(num(y1))
                        .append(" C")
                        .append(num(mid))
                        .append(',')
                        .append(num(y1))
                        .append(' ')
                        .append(num(mid))
                        .append(',')
                        .append(num(y2))
                        .append(' ')
                        .append(num(x2))
                        .append(',')
                        .append(num(y2))
                        .append("\" marker-end=\"url(#")
                        .append(anchorPrefix)
                        .append("arrow)\"/>\n");
            }
        }
        for (Step step : plan.steps()) {
            Position p = Objects.requireNonNull(positions.get(step.id()));
            StepTrace trace = traces.get(step.id());
            String status = trace == null ? "planned" : trace.status().name().toLowerCase(Locale.ROOT);
            String tool =
                    step.tool().length() > TOOL_CHARS ? step.tool().substring(0, TOOL_CHARS - 1) + "…" : step.tool();
            String title = trace == null ? step.id() + " = " + step.tool() : trace.call();
            svg.append("<a href=\"#")
                    .append(anchorPrefix)
                    .append(step.id())
                    .append("\">")
                    .append("<g class=\"node ")
                    .append(status)
                    .append("\" data-step=\"")
                    .append(step.id())
                    .append("\">")
                    .append("<title>")
                    .append(Html.escape(title + " (" + status + ")"))
                    .append("</title>")
                    .append("<rect x=\"")
                    .append(num(p.x()))
                    .append("\" y=\"")
                    .append(num(p.y()))
                    .append("\" width=\"")
                    .append(NODE_WIDTH)
                    .append("\" height=\"")
                    .append(NODE_HEIGHT)
                    .append("\" rx=\"8\"/>")
                    .append("<text x=\"")
                    .append(num(p.x() + 10))
                    .append("\" y=\"")
                    .append(num(p.y() + 19))
                    .append("\" class=\"id\">")
                    .append(step.id())
                    .append("</text>")
                    .append("<text x=\"")
                    .append(num(p.x() + 10))
                    .append("\" y=\"")
                    .append(num(p.y() + 37))
                    .append("\" class=\"tool\">")
                    .append(Html.escape(tool))
                    .append("</text>")
                    .append("</g></a>\n");
        }
        return svg.append("</svg>").toString();
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
