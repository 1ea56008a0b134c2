package dev.pev4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Tester;
import dev.pev4j.tester.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON shapes the command line prints. References print as {@code "#E1"}; text with references inside prints as
 * the text, references written {@code #E1}.
 */
final class PlanJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code {"steps":[{"id":"E1","tool":"read_csv","args":["sales.csv"],"deps":[]}],"criteria":[...]}} */
    static ObjectNode plan(Plan plan) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        for (Step step : plan.steps()) {
            ObjectNode node = steps.addObject();
            node.put("id", step.id().toString());
            node.put("tool", step.tool());
            ArrayNode args = node.putArray("args");
            step.args().forEach(arg -> args.add(arg(arg)));
            if (!step.namedArgs().isEmpty()) {
                ObjectNode named = node.putObject("namedArgs");
                step.namedArgs().forEach((name, arg) -> named.set(name, arg(arg)));
            }
            ArrayNode deps = node.putArray("deps");
            step.dependencies().forEach(dep -> deps.add(dep.toString()));
            if (!step.thought().isEmpty()) {
                node.put("thought", step.thought());
            }
        }
        ArrayNode criteria = root.putArray("criteria");
        plan.criteria().forEach(criteria::add);
        return root;
    }

    /**
     * {@code {"errors":[{"kind":"unknown_tool","message":"...","steps":["E3"]}, {"kind":"criterion","message":"...",
     * "criterion":0, "steps":[]}]}}: the plan's problems, then its criteria's.
     */
    static ObjectNode errors(ValidationReport report, List<Tester.CriterionProblem> criteria) {
        ObjectNode root = errors(report);
        ArrayNode errors = (ArrayNode) root.get("errors");
        for (Tester.CriterionProblem problem : criteria) {
            ObjectNode node = errors.addObject();
            node.put("kind", "criterion");
            node.put("message", problem.message());
            node.put("criterion", problem.index());
            node.putArray("steps");
        }
        return root;
    }

    /** {@code {"errors":[{"kind":"unknown_tool","message":"...","steps":["E3"]}]}} */
    static ObjectNode errors(ValidationReport report) {
        ObjectNode root = NODES.objectNode();
        ArrayNode errors = root.putArray("errors");
        for (PlanProblem problem : report.problems()) {
            ObjectNode node = errors.addObject();
            node.put("kind", problem.kind().name().toLowerCase(Locale.ROOT));
            node.put("message", problem.message());
            ArrayNode steps = node.putArray("steps");
            problem.steps().forEach(id -> steps.add(id.toString()));
        }
        return root;
    }

    /**
     * {@code {"steps":[{"id":"E1","tool":...,"status":"done","duration_ms":12,"preview":"..."}],"wall_ms":40}}; with
     * {@code values}, each done step has {@code "value"} (real JSON, see {@link ValueJson}) instead of
     * {@code "preview"}, and {@code "truncated": true} when it was cut; the {@code whole} steps are never cut.
     */
    static ObjectNode result(ExecutionResult result, boolean values, Set<StepId> whole) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        for (Map.Entry<StepId, StepOutcome> entry : result.outcomes().entrySet()) {
            StepOutcome outcome = entry.getValue();
            ObjectNode node = steps.addObject();
            node.put("id", entry.getKey().toString());
            node.put("tool", outcome.tool());
            if (outcome instanceof StepOutcome.Done done) {
                node.put("status", "done");
                node.put("duration_ms", done.duration().toMillis());
                if (values || whole.contains(entry.getKey())) {
                    ValueJson.Converted value = ValueJson.of(done.value(), whole.contains(entry.getKey()));
                    node.set("value", value.json());
                    if (value.truncated()) {
                        node.put("truncated", true);
                    }
                } else {
                    node.put("preview", done.preview());
                }
            } else if (outcome instanceof StepOutcome.Failed failed) {
                node.put("status", "failed");
                node.put("duration_ms", failed.duration().toMillis());
                node.put("error", failed.reason());
            } else if (outcome instanceof StepOutcome.Skipped skipped) {
                node.put("status", "skipped");
                node.put("reason", skipped.why());
            }
        }
        root.put("wall_ms", result.wall().toMillis());
        if (result.cancelled()) {
            root.put("cancelled", true);
        }
        return root;
    }

    /**
     * Adds {@code "criteria":[{"criterion":"rows(#E2) > 0","status":"passed","reason":"..."}]}: {@code passed} or
     * {@code failed} when checked in code, {@code not_checked} for a sentence that needs a judge.
     */
    static void addVerdicts(ObjectNode root, TestReport report) {
        ArrayNode criteria = root.putArray("criteria");
        for (Verdict verdict : report.verdicts()) {
            ObjectNode node = criteria.addObject();
            node.put("criterion", verdict.criterion());
            node.put("status", verdict.passed() ? "passed" : verdict.failed() ? "failed" : "not_checked");
            node.put("reason", verdict.reason());
        }
    }

    static JsonNode arg(Arg arg) {
        return Objects.requireNonNull(arg.accept(new Arg.Visitor<JsonNode>() {
            @Override
            public JsonNode value(Arg.Value value) {
                Object literal = value.value();
                if (literal instanceof String s) {
                    return NODES.textNode(s);
                } else if (literal instanceof Long l) {
                    return NODES.numberNode(l);
                } else if (literal instanceof Double d) {
                    return NODES.numberNode(d);
                } else if (literal instanceof Boolean b) {
                    return NODES.booleanNode(b);
                }
                return NODES.nullNode();
            }

            @Override
            public JsonNode ref(Arg.Ref ref) {
                return NODES.textNode("#" + ref.step());
            }

            @Override
            public JsonNode text(Arg.Text text) {
                StringBuilder joined = new StringBuilder();
                for (Object part : text.parts()) {
                    joined.append(part);
                }
                return NODES.textNode(joined.toString());
            }

            @Override
            public JsonNode list(Arg.ListOf list) {
                ArrayNode items = NODES.arrayNode();
                list.items().forEach(item -> items.add(item.accept(this)));
                return items;
            }

            @Override
            public JsonNode map(Arg.MapOf map) {
                ObjectNode entries = NODES.objectNode();
                map.entries().forEach((key, value) -> entries.set(key, value.accept(this)));
                return entries;
            }
        })); // every kind of Arg has a JSON node
    }

    private PlanJson() {}
}
