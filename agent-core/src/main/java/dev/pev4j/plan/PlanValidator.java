package dev.pev4j.plan;

import dev.pev4j.internal.Suggestions;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a plan before anything runs and reports every problem at once, each naming its step: duplicate ids,
 * references to undefined, later or the same step, cycles, and (with tools) unknown tools, wrong argument counts,
 * unknown argument names and literals that cannot bind to their parameters.
 *
 * <pre>{@code
 * ValidationReport report = PlanValidator.forTools(tools).validate(plan);
 * if (!report.isValid()) {
 *     String repair = "Fix these problems:\n" + report.toPromptText();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PlanValidator {

    private static final String EARLIER_ONLY = "a step can only use the evidence of steps before it";

    private final @Nullable ToolRegistry tools;

    private PlanValidator(@Nullable ToolRegistry tools) {
        this.tools = tools;
    }

    /** A validator that checks the plan's structure and its tool calls against these tools. */
    public static PlanValidator forTools(ToolRegistry tools) {
        return new PlanValidator(Objects.requireNonNull(tools, "tools == null"));
    }

    /** A validator that checks only the structure: empty plan, duplicate ids, references and cycles. */
    public static PlanValidator structureOnly() {
        return new PlanValidator(null);
    }

    public ValidationReport validate(Plan plan) {
        Objects.requireNonNull(plan, "plan == null");
        List<PlanProblem> problems = new ArrayList<>();
        if (plan.steps().isEmpty()) {
            problems.add(new PlanProblem(
                    PlanProblem.Kind.EMPTY_PLAN, "the plan has no steps; write at least one step", List.of()));
            return new ValidationReport(problems);
        }
        Map<StepId, Integer> firstIndex = new LinkedHashMap<>();
        Map<StepId, Integer> counts = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            StepId id = plan.steps().get(i).id();
            firstIndex.putIfAbsent(id, i);
            counts.merge(id, 1, Integer::sum);
        }
        Map<StepId, Set<StepId>> edges = edges(plan, firstIndex);
        Map<StepId, Integer> component = stronglyConnected(firstIndex.keySet(), edges);
        Set<StepId> reportedDuplicates = new HashSet<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            String at = "#" + step.id() + ": ";
            if (counts.getOrDefault(step.id(), 0) > 1
                    && firstIndex.getOrDefault(step.id(), i) != i
                    && reportedDuplicates.add(step.id())) {
                problems.add(new PlanProblem(
                        PlanProblem.Kind.DUPLICATE_ID,
                        at + counts.get(step.id()) + " steps have this id; give each step its own id",
                        List.of(step.id())));
            }
            if (tools != null) {
                checkCall(plan, step, tools, firstIndex, at, problems);
            }
            for (StepId dependency : step.dependencies()) {
                if (dependency.equals(step.id())) {
                    problems.add(new PlanProblem(
                            PlanProblem.Kind.SELF_REFERENCE,
                            at + "refers to its own evidence #" + step.id() + "; " + EARLIER_ONLY,
                            List.of(step.id())));
                } else if (!firstIndex.containsKey(dependency)) {
                    problems.add(new PlanProblem(
                            PlanProblem.Kind.UNDEFINED_REFERENCE,
                            at + "refers to #" + dependency + ", which no step defines; steps: "
                                    + firstIndex.keySet().stream()
                                            .map(id -> "#" + id)
                                            .collect(Collectors.joining(", ")),
                            List.of(step.id())));
                } else if (firstIndex.get(dependency) > i
                        && !Objects.equals(component.get(dependency), component.get(step.id()))) {
                    problems.add(new PlanProblem(
                            PlanProblem.Kind.FORWARD_REFERENCE,
                            at + "refers to #" + dependency + ", which comes later; " + EARLIER_ONLY,
                            List.of(step.id(), dependency)));
                }
            }
        }
        problems.addAll(cycles(firstIndex.keySet(), edges, component));
        return new ValidationReport(problems);
    }

    // ---- tool calls

    private static void checkCall(
            Plan plan,
            Step step,
            ToolRegistry tools,
            Map<StepId, Integer> firstIndex,
            String at,
            List<PlanProblem> problems) {
        Optional<ToolDescriptor> found = tools.find(step.tool());
        if (found.isEmpty()) {
            List<String> closest = tools.closestNames(step.tool(), 3);
            problems.add(new PlanProblem(
                    PlanProblem.Kind.UNKNOWN_TOOL,
                    at + "unknown tool '" + step.tool() + "'"
                            + (closest.isEmpty() ? ". " : "; " + Suggestions.didYouMean(closest) + " ")
                            + "Available tools: " + String.join(", ", tools.names()),
                    List.of(step.id())));
            return;
        }
        ToolDescriptor tool = found.get();
        List<ToolParameter> parameters = tool.parameters();
        if (step.args().size() > parameters.size()) {
            problems.add(new PlanProblem(
                    PlanProblem.Kind.ARGUMENT_COUNT,
                    at + "tool '" + tool.name() + "' takes " + atMost(parameters.size()) + " but got "
                            + step.args().size() + "; signature: " + tool.signature(),
                    List.of(step.id())));
        }
        Set<String> named = new LinkedHashSet<>();
        for (String name : step.namedArgs().keySet()) {
            Optional<ToolParameter> parameter = tool.parameter(name);
            if (parameter.isEmpty()) {
                List<String> closest = tool.closestParameterNames(name, 3);
                problems.add(new PlanProblem(
                        PlanProblem.Kind.UNKNOWN_ARGUMENT,
                        at + "tool '" + tool.name() + "' has no parameter '" + name + "'"
                                + (closest.isEmpty() ? "; " : "; " + Suggestions.didYouMean(closest) + " ")
                                + "parameters: "
                                + (parameters.isEmpty() ? "(none)" : String.join(", ", tool.parameterNames())),
                        List.of(step.id())));
            } else if (parameters.indexOf(parameter.get()) < step.args().size()) {
                problems.add(new PlanProblem(
                        PlanProblem.Kind.DUPLICATE_ARGUMENT,
                        at + "tool '" + tool.name() + "' parameter '" + name
                                + "' is given both by position and by name",
                        List.of(step.id())));
            } else {
                named.add(name);
            }
        }
        List<ToolParameter> missing = new ArrayList<>();
        for (int p = step.args().size(); p < parameters.size(); p++) {
            if (parameters.get(p).required()
                    && !named.contains(parameters.get(p).name())) {
                missing.add(parameters.get(p));
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new PlanProblem(
                    PlanProblem.Kind.ARGUMENT_COUNT,
                    at + "tool '" + tool.name() + "' is missing required "
                            + (missing.size() == 1 ? "parameter " : "parameters ")
                            + missing.stream()
                                    .map(p -> "'" + p.name() + "' (" + typeName(p) + ")")
                                    .collect(Collectors.joining(", "))
                            + "; signature: " + tool.signature(),
                    List.of(step.id())));
        }
        for (int a = 0; a < Math.min(step.args().size(), parameters.size()); a++) {
            checkType(plan, step, tool, parameters.get(a), step.args().get(a), tools, firstIndex, at, problems);
        }
        for (String name : named) {
            checkType(
                    plan,
                    step,
                    tool,
                    tool.parameter(name).orElseThrow(),
                    Objects.requireNonNull(step.namedArgs().get(name)),
                    tools,
                    firstIndex,
                    at,
                    problems);
        }
    }

    private static void checkType(
            Plan plan,
            Step step,
            ToolDescriptor tool,
            ToolParameter parameter,
            Arg arg,
            ToolRegistry tools,
            Map<StepId, Integer> firstIndex,
            String at,
            List<PlanProblem> problems) {
        String prefix =
                at + "tool '" + tool.name() + "' parameter '" + parameter.name() + "' expects " + typeName(parameter);
        if (arg instanceof Arg.Ref ref) {
            Integer producerIndex = firstIndex.get(ref.step());
            if (producerIndex == null) {
                return;
            }
            Step producer = plan.steps().get(producerIndex);
            Optional<ToolDescriptor> producerTool = tools.find(producer.tool());
            if (producerTool.isEmpty()) {
                return;
            }
            Type produced = producerTool.get().returnType();
            if (!parameter.mayAccept(produced)) {
                String what = produced == void.class || produced == Void.class
                        ? " but #" + ref.step() + " has no value (tool '" + producer.tool() + "' returns void)"
                        : " but #" + ref.step() + " is " + article(simpleName(produced)) + " (from tool '"
                                + producer.tool() + "')";
                problems.add(new PlanProblem(PlanProblem.Kind.ARGUMENT_TYPE, prefix + what, List.of(step.id())));
            }
            return;
        }
        if (arg.references().isEmpty()) {
            tool.checkArgument(parameter.name(), literal(arg))
                    .ifPresent(message -> problems.add(
                            new PlanProblem(PlanProblem.Kind.ARGUMENT_TYPE, at + message, List.of(step.id()))));
            return;
        }
        Class<?> shape = arg instanceof Arg.Text ? String.class : arg instanceof Arg.ListOf ? List.class : Map.class;
        if (!parameter.mayAccept(shape)) {
            String kind = arg instanceof Arg.Text ? "text" : arg instanceof Arg.ListOf ? "List" : "Map";
            problems.add(new PlanProblem(
                    PlanProblem.Kind.ARGUMENT_TYPE,
                    prefix + " but got " + arg + " (" + kind + ")",
                    List.of(step.id())));
        }
    }

    /** The plain value of an argument without references. */
    private static @Nullable Object literal(Arg arg) {
        return arg.accept(LITERAL);
    }

    private static final Arg.Visitor<Object> LITERAL = new Arg.Visitor<>() {
        @Override
        public @Nullable Object value(Arg.Value value) {
            return value.value();
        }

        @Override
        public Object ref(Arg.Ref ref) {
            throw new IllegalArgumentException("not a literal: " + ref);
        }

        @Override
        public Object text(Arg.Text text) {
            return text.parts().stream().map(String::valueOf).collect(Collectors.joining());
        }

        @Override
        public Object list(Arg.ListOf list) {
            List<@Nullable Object> items = new ArrayList<>();
            for (Arg item : list.items()) {
                items.add(item.accept(this));
            }
            return items;
        }

        @Override
        public Object map(Arg.MapOf map) {
            Map<String, @Nullable Object> entries = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> entries.put(k, v.accept(this)));
            return entries;
        }
    };

    // ---- references and cycles

    /** For each step id, the defined step ids its steps refer to, except itself. */
    private static Map<StepId, Set<StepId>> edges(Plan plan, Map<StepId, Integer> firstIndex) {
        Map<StepId, Set<StepId>> edges = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            Set<StepId> targets = edges.computeIfAbsent(step.id(), id -> new LinkedHashSet<>());
            for (StepId dependency : step.dependencies()) {
                if (!dependency.equals(step.id()) && firstIndex.containsKey(dependency)) {
                    targets.add(dependency);
                }
            }
        }
        return edges;
    }

    /** Tarjan's algorithm: the number of each id's strongly connected component. */
    private static Map<StepId, Integer> stronglyConnected(Set<StepId> ids, Map<StepId, Set<StepId>> edges) {
        Map<StepId, Integer> index = new HashMap<>();
        Map<StepId, Integer> low = new HashMap<>();
        Map<StepId, Integer> component = new HashMap<>();
        Deque<StepId> stack = new ArrayDeque<>();
        Set<StepId> onStack = new HashSet<>();
        int[] counter = {0, 0};
        for (StepId id : ids) {
            if (!index.containsKey(id)) {
                connect(id, edges, index, low, component, stack, onStack, counter);
            }
        }
        return component;
    }

    private static void connect(
            StepId v,
            Map<StepId, Set<StepId>> edges,
            Map<StepId, Integer> index,
            Map<StepId, Integer> low,
            Map<StepId, Integer> component,
            Deque<StepId> stack,
            Set<StepId> onStack,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (StepId w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, component, stack, onStack, counter);
                low.put(v, Math.min(Objects.requireNonNull(low.get(v)), Objects.requireNonNull(low.get(w))));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            StepId w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.put(w, counter[1]);
            } while (!w.equals(v));
            counter[1]++;
        }
    }

    /** One problem per cycle of two or more steps, naming a shortest cycle through its smallest id. */
    private static List<PlanProblem> cycles(
            Set<StepId> ids, Map<StepId, Set<StepId>> edges, Map<StepId, Integer> component) {
        Map<Integer, List<StepId>> members = new LinkedHashMap<>();
        for (StepId id : ids) {
            members.computeIfAbsent(component.get(id), c -> new ArrayList<>()).add(id);
        }
        List<PlanProblem> problems = new ArrayList<>();
        for (List<StepId> group : members.values()) {
            if (group.size() < 2) {
                continue;
            }
            StepId start = group.stream().min(StepId::compareTo).orElseThrow();
            List<StepId> cycle = shortestCycle(start, edges, component);
            String path = cycle.stream().map(id -> "#" + id).collect(Collectors.joining(" -> ")) + " -> #" + start;
            problems.add(new PlanProblem(
                    PlanProblem.Kind.CYCLE, path + ": these steps need each other's evidence; " + EARLIER_ONLY, cycle));
        }
        return problems;
    }

    private static List<StepId> shortestCycle(
            StepId start, Map<StepId, Set<StepId>> edges, Map<StepId, Integer> component) {
        Map<StepId, StepId> previous = new HashMap<>();
        Deque<StepId> queue = new ArrayDeque<>(List.of(start));
        Set<StepId> seen = new HashSet<>(List.of(start));
        while (!queue.isEmpty()) {
            StepId v = queue.poll();
            for (StepId w : edges.getOrDefault(v, Set.of())) {
                if (w.equals(start)) {
                    List<StepId> path = new ArrayList<>();
                    for (StepId at = v; at != null; at = previous.get(at)) {
                        path.add(0, at);
                    }
                    return path;
                }
                if (Objects.equals(component.get(w), component.get(start)) && seen.add(w)) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        return List.of(start);
    }

    // ---- text

    private static String atMost(int count) {
        if (count == 0) {
            return "no arguments";
        }
        return "at most " + count + (count == 1 ? " argument" : " arguments");
    }

    private static String typeName(ToolParameter parameter) {
        return simpleName(parameter.type());
    }

    /** {@code int}, {@code List<String>}, {@code Table}: the type as the tool listing shows it. */
    private static String simpleName(Type type) {
        return type.getTypeName().replaceAll("[\\w$]+[.$]", "");
    }

    private static String article(String noun) {
        return (noun.matches("(?i)[aeiou].*") ? "an " : "a ") + noun;
    }
}
