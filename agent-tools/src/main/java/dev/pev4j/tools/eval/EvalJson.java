package dev.pev4j.tools.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.llm.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes runs and task results as JSON and reads task results back (checkpoints, comparisons). Stateless. */
final class EvalJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private EvalJson() {}

    static String run(EvalRun run) {
        return toString(runNode(run));
    }

    static ObjectNode runNode(EvalRun run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", run.suite());
        root.put("model", run.model());
        ObjectNode settings = root.putObject("settings");
        run.settings().forEach(settings::put);
        root.put("label", run.label());
        ObjectNode rates = root.putObject("metrics");
        run.rates().forEach((name, rate) -> rates.set(name, rate(rate)));
        ObjectNode categories = root.putObject("answer_correct_by_category");
        run.answerCorrectByCategory().forEach((name, rate) -> categories.set(name, rate(rate)));
        ObjectNode totals = root.putObject("totals");
        run.totals().forEach((name, value) -> {
            if (value instanceof Double d) {
                totals.put(name, d);
            } else {
                totals.put(name, value.longValue());
            }
        });
        ArrayNode tasks = root.putArray("tasks");
        run.results().forEach(r -> tasks.add(task(r)));
        return root;
    }

    static EvalRun readRun(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, String> settings = new LinkedHashMap<>();
            root.path("settings")
                    .properties()
                    .forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
            List<TaskResult> results = new ArrayList<>();
            for (JsonNode task : root.path("tasks")) {
                results.add(readTask(task));
            }
            return new EvalRun(
                    root.path("suite").asText(),
                    root.path("model").asText(),
                    settings,
                    results,
                    root.path("totals").path("wall_millis").asLong());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an evaluation result (JSON): " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode rate(Rate rate) {
        return JSON.createObjectNode()
                .put("successes", rate.successes())
                .put("n", rate.n())
                .put("rate", rate.value())
                .put("low", rate.low())
                .put("high", rate.high());
    }

    static ObjectNode task(TaskResult r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", r.id());
        node.put("category", r.category());
        node.put("plan_parses", r.planParses());
        node.put("plan_valid", r.planValid());
        node.put("plan_usable", r.planUsable());
        node.put("plan_isomorphic", r.isomorphic());
        node.put("plan_isomorphic_relaxed", r.isomorphicRelaxed());
        node.put("solved", r.solved());
        node.put("verified", r.verified());
        node.put("answer_correct", r.answerCorrect());
        if (r.testerPassed() == null) {
            node.putNull("tester_passed");
        } else {
            node.put("tester_passed", r.testerPassed());
        }
        node.put("attempts", r.attempts());
        node.put("replans", r.replans());
        node.put("repairs", r.repairs());
        node.put("planner_calls", r.plannerCalls());
        node.put("tester_calls", r.testerCalls());
        node.put("solver_calls", r.solverCalls());
        node.set("planner_tokens", usage(r.plannerTokens()));
        node.set("tester_tokens", usage(r.testerTokens()));
        node.set("solver_tokens", usage(r.solverTokens()));
        node.put("wall_millis", r.wallMillis());
        node.put("stop", r.stop());
        node.put("answer", r.answer());
        node.put("answer_detail", r.answerDetail());
        node.put("problems", r.problems());
        r.training()
                .ifPresent(t -> node.putObject("training")
                        .put("system", t.system())
                        .put("user", t.user())
                        .put("plan", t.plan())
                        .put("tool_calls", t.toolCalls()));
        return node;
    }

    static TaskResult readTask(JsonNode node) {
        JsonNode tester = node.path("tester_passed");
        JsonNode training = node.path("training");
        return new TaskResult(
                node.path("id").asText(),
                node.path("category").asText(),
                node.path("plan_parses").asBoolean(),
                node.path("plan_valid").asBoolean(),
                node.path("plan_usable").asBoolean(),
                node.path("plan_isomorphic").asBoolean(),
                node.path("plan_isomorphic_relaxed").asBoolean(),
                node.path("solved").asBoolean(),
                node.path("verified").asBoolean(),
                node.path("answer_correct").asBoolean(),
                tester.isBoolean() ? tester.asBoolean() : null,
                node.path("attempts").asInt(),
                node.path("repairs").asInt(),
                node.path("planner_calls").asInt(),
                node.path("tester_calls").asInt(),
                node.path("solver_calls").asInt(),
                readUsage(node.path("planner_tokens")),
                readUsage(node.path("tester_tokens")),
                readUsage(node.path("solver_tokens")),
                node.path("wall_millis").asLong(),
                node.path("stop").asText(),
                node.path("answer").asText(),
                node.path("answer_detail").asText(),
                node.path("problems").asText(),
                training.isObject()
                        ? Optional.of(new TaskResult.TrainingExample(
                                training.path("system").asText(),
                                training.path("user").asText(),
                                training.path("plan").asText(),
                                training.path("tool_calls").asText()))
                        : Optional.empty());
    }

    private static ObjectNode usage(TokenUsage usage) {
        return JSON.createObjectNode().put("prompt", usage.inputTokens()).put("completion", usage.outputTokens());
    }

    private static TokenUsage readUsage(JsonNode node) {
        return new TokenUsage(
                node.path("prompt").asInt(), node.path("completion").asInt());
    }

    static String toString(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) { // a tree of plain values always writes
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
