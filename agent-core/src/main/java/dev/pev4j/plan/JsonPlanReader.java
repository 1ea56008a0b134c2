package dev.pev4j.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pev4j.plan.PlanParser.PlanParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads plans written as JSON, {@code {"steps": [{"id": "E1", "tool": "search", "args": ["x"]}], "criteria": [..]}} or
 * a bare array of steps, with the slips models make (single quotes, trailing commas, comments, unquoted names) and
 * prose or markdown fences around. Immutable and thread-safe.
 */
final class JsonPlanReader {

    /** A plan object, its steps array, a step, its args: four levels above the deepest argument. */
    private static final int MAX_JSON_DEPTH = ArgReader.MAX_DEPTH + 4;

    /** Where a JSON value may start: a line starting with '{' or '[', or the first '{'; more are not tried. */
    private static final int MAX_CANDIDATES = 16;

    /** How far into a candidate to look for words that say it was meant as a plan. */
    private static final int PLAN_WORDS_WINDOW = 2000;

    private static final String[] TOOL_KEYS = {"tool", "name", "action", "function"};
    private static final String[] ARGS_KEYS = {"args", "input", "arguments", "tool_input", "parameters", "params"};
    private static final String[] THOUGHT_KEYS = {"thought", "reasoning", "rationale", "description", "plan"};
    private static final String[] ID_KEYS = {"id", "step"};
    private static final String[] CRITERIA_KEYS = {"criteria", "validation", "validation_criteria", "checks"};
    private static final String[] CRITERION_KEYS = {"text", "description", "criterion", "check"};

    private static final String STEP_EXAMPLE = "{\"id\": \"E1\", \"tool\": \"search\", \"args\": [\"...\"]}";

    private final JsonMapper mapper;

    JsonPlanReader() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    /** The outcome of looking for a JSON plan. */
    record Found(@Nullable Plan plan, @Nullable PlanParseException error) {}

    /**
     * The JSON plan in the text, or else the error of the first broken JSON value that looks meant as a plan (to
     * report when the text holds no other plan either), or neither.
     */
    Found find(Source source) {
        PlanParseException firstError = null;
        char[] chars = source.text.toCharArray();
        int tried = 0;
        for (int at : candidates(source)) {
            if (tried++ == MAX_CANDIDATES) {
                break;
            }
            JsonNode node;
            try (JsonParser parser = mapper.createParser(chars, at, chars.length - at)) {
                node = mapper.readTree(parser);
            } catch (JsonProcessingException e) {
                if (firstError == null && looksLikePlan(source, at, e)) {
                    firstError = syntaxError(source, at, e);
                }
                continue;
            } catch (IOException | RuntimeException e) {
                // Jackson's lenient paths throw the odd runtime exception on junk (NumberFormatException for a
                // lone '.' with ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS, 2.22): junk is no JSON plan.
                continue;
            }
            if (node != null && isPlan(node)) {
                return new Found(toPlan(node), null);
            }
        }
        return new Found(null, firstError);
    }

    /**
     * One step object of a JSON plan, the {@code index}th (1-based) of its steps array, read as {@link #find} reads
     * it; null when it is not valid JSON or not a step. For reading a plan while it is written.
     */
    @Nullable
    Step stepObject(String json, int index) {
        try (JsonParser parser = mapper.createParser(json)) {
            JsonNode node = mapper.readTree(parser);
            return node == null ? null : step(node, index);
        } catch (IOException | RuntimeException notAStep) {
            return null;
        }
    }

    private static List<Integer> candidates(Source source) {
        List<Integer> starts = new ArrayList<>();
        int firstBrace = source.text.indexOf('{');
        int pos = 0;
        while (pos < source.length() && starts.size() < MAX_CANDIDATES) {
            int i = pos;
            int lineEnd = source.lineEnd(pos);
            while (i < lineEnd && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            if (i < lineEnd && (source.charAt(i) == '{' || source.charAt(i) == '[')) {
                starts.add(i);
            }
            pos = lineEnd + 1;
        }
        if (firstBrace >= 0 && !starts.contains(firstBrace)) {
            int at = 0;
            while (at < starts.size() && starts.get(at) < firstBrace) {
                at++;
            }
            starts.add(at, firstBrace);
        }
        return starts;
    }

    private static boolean looksLikePlan(Source source, int at, JsonProcessingException e) {
        long failedAt = failedAt(at, e);
        int end = (int) Math.min(source.length(), (long) at + PLAN_WORDS_WINDOW);
        if (failedAt >= 0) {
            end = (int) Math.min(end, failedAt + 1);
        }
        String head = source.text.substring(at, Math.max(at, end));
        return head.contains("steps") || head.contains("tool");
    }

    private static PlanParseException syntaxError(Source source, int at, JsonProcessingException e) {
        long failedAt = failedAt(at, e);
        int offset = failedAt < 0 ? at : (int) Math.min(source.length(), failedAt);
        String why = e.getOriginalMessage();
        int cut = why.indexOf(" (start marker at");
        if (cut >= 0) {
            why = why.substring(0, cut);
        }
        cut = why.indexOf('\n');
        if (cut >= 0) {
            why = why.substring(0, cut);
        }
        return new PlanParseException(
                "the JSON plan at " + source.lineColumn(at) + " is not valid JSON at " + source.lineColumn(offset)
                        + ": " + why + "; the line reads: '" + source.lineAt(offset) + "'",
                offset);
    }

    /** The offset in the text where Jackson stopped (its offsets count from the candidate's start), or -1. */
    private static long failedAt(int at, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        long offset = where == null ? -1 : where.getCharOffset();
        return offset < 0 ? -1 : at + offset;
    }

    private static boolean isPlan(JsonNode node) {
        if (node.isObject()) {
            JsonNode steps = node.get("steps");
            JsonNode plan = node.get("plan");
            return steps != null || (plan != null && (plan.isArray() || (plan.isObject() && isPlan(plan))));
        }
        if (node.isArray() && node.size() > 0) {
            JsonNode first = node.get(0);
            return first.isObject() && field(first, TOOL_KEYS) != null;
        }
        return false;
    }

    private Plan toPlan(JsonNode node) {
        if (node.isArray()) {
            return new Plan(steps(node), List.of());
        }
        JsonNode steps = node.get("steps");
        if (steps == null) {
            JsonNode plan = node.get("plan");
            if (plan != null && plan.isObject()) {
                return toPlan(plan);
            }
            steps = plan;
        }
        if (steps == null || !steps.isArray()) {
            throw new PlanParseException(
                    "\"steps\" in the JSON plan must be an array of steps such as [" + STEP_EXAMPLE + "]; got: "
                            + shorten(steps),
                    -1);
        }
        return new Plan(steps(steps), criteria(field(node, CRITERIA_KEYS)));
    }

    private List<Step> steps(JsonNode array) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            steps.add(step(array.get(i), i + 1));
        }
        return steps;
    }

    private Step step(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new PlanParseException(
                    "step " + index + " of the JSON plan must be an object such as " + STEP_EXAMPLE + "; got: "
                            + shorten(node),
                    -1);
        }
        StepId id = id(field(node, ID_KEYS), index);
        String label = "step " + id + " of the JSON plan";
        JsonNode tool = field(node, TOOL_KEYS);
        if (tool == null || !tool.isTextual() || tool.asText().isBlank()) {
            throw new PlanParseException(
                    label + " has no tool name: expected a \"tool\" field, as in " + STEP_EXAMPLE + "; got: "
                            + shorten(node),
                    -1);
        }
        JsonNode thoughtNode = field(node, THOUGHT_KEYS);
        String thought = thoughtNode != null && thoughtNode.isValueNode()
                ? thoughtNode.asText().strip()
                : "";
        ErrorSink errors = (problem, offset) -> new PlanParseException(label + ": " + problem, -1);
        List<Arg> positional = new ArrayList<>();
        Map<String, Arg> named = new LinkedHashMap<>();
        JsonNode args = field(node, ARGS_KEYS);
        if (args == null || args.isNull()) {
            // a call without arguments
        } else if (args.isArray()) {
            for (JsonNode arg : args) {
                positional.add(arg(arg, errors));
            }
        } else if (args.isObject()) {
            for (Map.Entry<String, JsonNode> entry : args.properties()) {
                named.put(entry.getKey(), arg(entry.getValue(), errors));
            }
        } else {
            positional.add(arg(args, errors));
        }
        return new Step(id, thought, tool.asText().strip(), positional, named);
    }

    private static StepId id(@Nullable JsonNode node, int index) {
        if (node == null || node.isNull()) {
            return StepId.of(index);
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1) {
            return StepId.of(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return StepId.parse(node.asText());
            } catch (IllegalArgumentException notAnId) {
                // reported below, with the step's index
            }
        }
        throw new PlanParseException(
                "step " + index + " of the JSON plan has the id " + shorten(node) + ": expected \"E" + index
                        + "\", \"#E" + index + "\", \"$" + index + "\" or " + index,
                -1);
    }

    private static Arg arg(JsonNode node, ErrorSink errors) {
        if (node.isTextual()) {
            return ArgReader.fromString(node.asText(), RefSyntax.ANY, errors, -1);
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Arg.of(node.longValue()) : Arg.of(node.doubleValue());
        }
        if (node.isNumber()) {
            return Arg.of(node.doubleValue());
        }
        if (node.isBoolean()) {
            return Arg.of(node.booleanValue());
        }
        if (node.isArray()) {
            List<Arg> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(arg(item, errors));
            }
            return new Arg.ListOf(items);
        }
        if (node.isObject()) {
            Map<String, Arg> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                entries.put(entry.getKey(), arg(entry.getValue(), errors));
            }
            return new Arg.MapOf(entries);
        }
        return Arg.of(null);
    }

    private static List<String> criteria(@Nullable JsonNode node) {
        List<String> criteria = new ArrayList<>();
        if (node == null || node.isNull()) {
            return criteria;
        }
        if (!node.isArray()) {
            addCriterion(node, 1, criteria);
            return criteria;
        }
        for (int i = 0; i < node.size(); i++) {
            addCriterion(node.get(i), i + 1, criteria);
        }
        return criteria;
    }

    private static void addCriterion(JsonNode node, int index, List<String> into) {
        JsonNode text = node.isObject() ? field(node, CRITERION_KEYS) : node;
        if (text == null || !text.isValueNode() || text.isNull()) {
            throw new PlanParseException(
                    "criterion " + index + " of the JSON plan must be a string or an object " + "with \"text\"; got: "
                            + shorten(node),
                    -1);
        }
        String criterion = text.asText().strip();
        if (!criterion.isEmpty()) {
            into.add(criterion);
        }
    }

    private static @Nullable JsonNode field(JsonNode object, String[] names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String shorten(@Nullable JsonNode node) {
        return node == null ? "nothing" : Source.shorten(node.toString());
    }
}
