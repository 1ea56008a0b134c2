package dev.pev4j.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import java.util.List;
import java.util.Locale;

/** Writes the trace shape documented on {@link AgentResult#toJson()}, field by field. Stateless and thread-safe. */
final class TraceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {}

    static String write(AgentResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", result.runId());
        root.put("task", result.task());
        root.put("answer", result.answer());
        root.put("solved", result.solved());
        root.put("verified", result.verified());
        root.put("needsHumanReview", result.needsHumanReview());
        root.putObject("stop")
                .put("kind", result.stopReason().kind().name())
                .put("message", result.stopReason().message());
        ObjectNode usage = root.putObject("usage");
        usage.set("planner", usage(result.usage().planner()));
        usage.set("tester", usage(result.usage().tester()));
        usage.set("solver", usage(result.usage().solver()));
        usage.set("worker", usage(result.usage().worker()));
        usage.set("total", usage(result.usage().total()));
        root.putObject("timings")
                .put("planningMillis", result.timings().planning().toMillis())
                .put("executionMillis", result.timings().execution().toMillis())
                .put("testingMillis", result.timings().testing().toMillis())
                .put("solvingMillis", result.timings().solving().toMillis())
                .put("totalMillis", result.timings().total().toMillis());
        root.set("verdict", result.verdict().map(TraceJson::report).orElse(null));
        ArrayNode attempts = root.putArray("attempts");
        for (Attempt attempt : result.attempts()) {
            attempts.add(attempt(attempt));
        }
        return toString(root);
    }

    static String fineTuningRecord(Attempt attempt) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = messages(attempt);
        messages.addObject().put("role", "assistant").put("content", attempt.planText());
        root.set("messages", messages);
        return toString(root);
    }

    private static ObjectNode attempt(Attempt attempt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("number", attempt.number());
        node.set("prompt", messages(attempt));
        ArrayNode rounds = node.putArray("rounds");
        attempt.rounds().forEach(round -> {
            ObjectNode r = rounds.addObject().put("reply", round.reply());
            ArrayNode problems = r.putArray("problems");
            round.problems().forEach(problems::add);
        });
        attempt.selection().ifPresent(selection -> {
            ObjectNode selected = node.putObject("selection").put("everything", selection.everything());
            ArrayNode tools = selected.putArray("tools");
            selection
                    .tools()
                    .forEach(t -> tools.addObject()
                            .put("name", t.name())
                            .put("score", t.score())
                            .put("reason", t.reason().name()));
            ArrayNode examples = selected.putArray("examples");
            selection
                    .exampleScores()
                    .forEach(e -> examples.addObject().put("task", e.name()).put("score", e.score()));
        });
        node.put("planText", attempt.planText());
        node.set("plan", attempt.plan().map(TraceJson::plan).orElse(null));
        ArrayNode steps = node.putArray("steps");
        for (StepTrace step : attempt.steps()) {
            ObjectNode trace = steps.addObject()
                    .put("id", step.step().toString())
                    .put("tool", step.tool())
                    .put("call", step.call())
                    .put("status", step.status().name())
                    .put("reused", step.reused())
                    .put("sideEffects", step.sideEffects())
                    .put("detail", step.detail())
                    .put("millis", step.duration().toMillis());
            step.cells().ifPresent(cells -> trace.set("cells", cells(cells)));
        }
        node.set("report", attempt.report().map(TraceJson::report).orElse(null));
        return node;
    }

    private static ObjectNode cells(ValuePreviewer.TableCells cells) {
        ObjectNode node = JSON.createObjectNode().put("title", cells.title());
        ArrayNode columns = node.putArray("columns");
        cells.columns().forEach(columns::add);
        ArrayNode dtypes = node.putArray("dtypes");
        cells.dtypes().forEach(dtypes::add);
        ArrayNode rows = node.putArray("rows");
        for (List<String> row : cells.rows()) {
            ArrayNode cellsOfRow = rows.addArray();
            row.forEach(cellsOfRow::add);
        }
        return node.put("moreRows", cells.moreRows());
    }

    private static ArrayNode messages(Attempt attempt) {
        ArrayNode messages = JSON.createArrayNode();
        for (ChatMessage message : attempt.prompt()) {
            messages.addObject()
                    .put("role", message.role().name().toLowerCase(Locale.ROOT))
                    .put("content", message.text());
        }
        return messages;
    }

    private static ObjectNode plan(Plan plan) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode steps = node.putArray("steps");
        for (Step step : plan.steps()) {
            steps.addObject()
                    .put("id", step.id().toString())
                    .put("thought", step.thought())
                    .put("tool", step.tool())
                    .put("call", step.toString());
        }
        ArrayNode criteria = node.putArray("criteria");
        plan.criteria().forEach(criteria::add);
        return node;
    }

    private static ObjectNode report(TestReport report) {
        ObjectNode node = JSON.createObjectNode();
        node.put("overall", report.overall().name());
        ArrayNode verdicts = node.putArray("verdicts");
        for (Verdict verdict : report.verdicts()) {
            verdicts.addObject()
                    .put("criterion", verdict.criterion())
                    .put("status", verdict.status().name())
                    .put("confidence", verdict.confidence())
                    .put("reason", verdict.reason())
                    .put("method", verdict.method().name())
                    .put("guaranteed", !verdict.withoutGuarantee());
        }
        node.put("acceptsWithoutGuarantee", report.acceptsWithoutGuarantee());
        ArrayNode without = node.putArray("withoutGuarantee");
        report.withoutGuarantee().forEach(verdict -> without.add(verdict.criterion()));
        return node;
    }

    private static ObjectNode usage(TokenUsage usage) {
        return JSON.createObjectNode().put("input", usage.inputTokens()).put("output", usage.outputTokens());
    }

    private static String toString(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) { // a tree of plain values always writes
            throw new IllegalStateException("cannot write the trace as JSON", e);
        }
    }
}
