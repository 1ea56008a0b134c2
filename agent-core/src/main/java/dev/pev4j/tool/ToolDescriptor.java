package dev.pev4j.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.pev4j.internal.Suggestions;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the planner and the validator know about one tool: its name, description, parameters, Java return type and
 * the LangChain4j {@link ToolSpecification} (JSON schema of its parameters), and its declared {@link Effects}. It binds argument values to its
 * parameters ({@link #bind}) and checks a plan literal without calling anything ({@link #checkArgument}).
 *
 * <p>Immutable and thread-safe.
 */
public record ToolDescriptor(
        String name,
        String description,
        List<ToolParameter> parameters,
        Type returnType,
        ToolSpecification specification,
        Effects effects) {

    /**
     * Whether a tool changes the world, as declared with {@link SideEffects} or at registration; decides whether its
     * steps are ordered and whether their evidence is reused on a replan.
     */
    public enum Effects {
        /** Declared free of side effects: runs in parallel with independent steps; reused when a replan repeats it. */
        NONE,
        /** Not declared: runs in parallel like {@link #NONE}, but is never reused (it may have side effects). */
        UNDECLARED,
        /** Changes state: ordered against the steps before and after it in the plan, and never reused. */
        WRITES;

        /** Whether a replanned plan may reuse the evidence of a step of this tool. */
        public boolean reusable() {
            return this == NONE;
        }

        /** Whether steps of this tool run in plan order against the other steps. */
        public boolean ordered() {
            return this == WRITES;
        }
    }

    /** A tool whose side effects are not declared ({@link Effects#UNDECLARED}). */
    public ToolDescriptor(
            String name,
            String description,
            List<ToolParameter> parameters,
            Type returnType,
            ToolSpecification specification) {
        this(name, description, parameters, returnType, specification, Effects.UNDECLARED);
    }

    public ToolDescriptor {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(returnType, "returnType == null");
        Objects.requireNonNull(specification, "specification == null");
        Objects.requireNonNull(effects, "effects == null");
        Set<String> names = new HashSet<>();
        for (ToolParameter parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException(
                        "tool '" + name + "' has two parameters named '" + parameter.name() + "'");
            }
        }
    }

    /** The same tool with other declared effects. */
    public ToolDescriptor withEffects(Effects newEffects) {
        return new ToolDescriptor(name, description, parameters, returnType, specification, newEffects);
    }

    /** The parameter with this name. */
    public Optional<ToolParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** The parameters' names, in order. */
    public List<String> parameterNames() {
        return parameters.stream().map(ToolParameter::name).toList();
    }

    /** Up to {@code max} parameter names close to {@code misspelt}, closest first. */
    public List<String> closestParameterNames(String misspelt, int max) {
        return Suggestions.closest(misspelt, parameterNames(), max);
    }

    /** {@code head(table: Table, n?: int) -> Table}. */
    public String signature() {
        return name + parameters.stream().map(ToolParameter::signature).collect(Collectors.joining(", ", "(", ")"))
                + " -> " + Types.name(returnType);
    }

    /**
     * Binds positional {@code args} (in parameter order) and {@code namedArgs} (by parameter name) to the parameters,
     * converting each value to its parameter's type.
     *
     * @return one value per parameter, ready to pass to the method
     * @throws ToolArgumentException for an argument too many, an unknown or repeated name, a missing required
     *     argument, or a value that does not convert
     */
    public @Nullable Object[] bind(List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs) {
        if (args.size() > parameters.size()) {
            throw new ToolArgumentException(
                    "tool '" + name + "' takes " + atMost(parameters.size()) + " but got " + args.size()
                            + "; signature: " + signature(),
                    name,
                    null,
                    null,
                    args.get(parameters.size()));
        }
        for (Map.Entry<String, @Nullable Object> named : namedArgs.entrySet()) {
            Optional<ToolParameter> parameter = parameter(named.getKey());
            if (parameter.isEmpty()) {
                throw new ToolArgumentException(
                        unknownParameterMessage(named.getKey()), name, named.getKey(), null, named.getValue());
            }
            if (parameters.indexOf(parameter.get()) < args.size()) {
                throw new ToolArgumentException(
                        "tool '" + name + "' parameter '" + named.getKey() + "' is given both by position and by name",
                        name,
                        named.getKey(),
                        parameter.get().type(),
                        named.getValue());
            }
        }
        List<ToolParameter> missing = new ArrayList<>();
        for (int i = args.size(); i < parameters.size(); i++) {
            ToolParameter parameter = parameters.get(i);
            if (parameter.required() && !namedArgs.containsKey(parameter.name())) {
                missing.add(parameter);
            }
        }
        if (!missing.isEmpty()) {
            throw new ToolArgumentException(
                    "tool '" + name + "' is missing required " + (missing.size() == 1 ? "parameter " : "parameters ")
                            + missing.stream()
                                    .map(p -> "'" + p.name() + "' (" + Types.name(p.type()) + ")")
                                    .collect(Collectors.joining(", "))
                            + "; signature: " + signature(),
                    name,
                    missing.get(0).name(),
                    missing.get(0).type(),
                    null);
        }
        @Nullable Object[] bound = new Object[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            ToolParameter parameter = parameters.get(i);
            @Nullable Object value;
            if (i < args.size()) {
                value = args.get(i);
            } else if (namedArgs.containsKey(parameter.name())) {
                value = namedArgs.get(parameter.name());
            } else if (parameter.defaultValue() != null) {
                value = parameter.defaultValue();
            } else {
                value = null;
            }
            bound[i] = bindOne(parameter, value);
        }
        return bound;
    }

    /**
     * Whether {@code value} (a plan literal: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
     * {@code null}, or a {@code List} or {@code Map} of them) would bind to the parameter, without calling the tool.
     *
     * @return empty when it binds, else the problem, e.g. {@code tool 'head' parameter 'n' expects int but got "ten"
     *     (String)}
     * @throws IllegalArgumentException when the tool has no such parameter
     */
    public Optional<String> checkArgument(String parameterName, @Nullable Object value) {
        ToolParameter parameter = parameter(parameterName)
                .orElseThrow(() -> new IllegalArgumentException(unknownParameterMessage(parameterName)));
        try {
            bindOne(parameter, value);
            return Optional.empty();
        } catch (ToolArgumentException e) {
            return Optional.of(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private @Nullable Object bindOne(ToolParameter parameter, @Nullable Object value) {
        @Nullable Object bound;
        try {
            bound = ArgumentBinder.convert(value, parameter.type());
        } catch (ArgumentBinder.Failure failure) {
            throw new ToolArgumentException(
                    "tool '" + name + "' parameter '" + parameter.name() + "' " + failure.describe(),
                    name,
                    parameter.name(),
                    failure.expected,
                    failure.value);
        }
        com.fasterxml.jackson.databind.node.ObjectNode schema = parameter.schema();
        if (bound != null && schema != null && schema.path("enum").isArray()) {
            List<String> allowed = new ArrayList<>();
            schema.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(String.valueOf(bound))) {
                List<String> closest = Suggestions.closest(String.valueOf(bound), allowed, 3);
                throw new ToolArgumentException(
                        "tool '" + name + "' parameter '" + parameter.name() + "' expects one of "
                                + String.join(", ", allowed) + " but got \"" + bound + "\""
                                + (closest.isEmpty()
                                        ? ""
                                        : "; did you mean " + Suggestions.quotedAlternatives(closest) + "?"),
                        name,
                        parameter.name(),
                        parameter.type(),
                        bound);
            }
        }
        return bound;
    }

    private String unknownParameterMessage(String misspelt) {
        List<String> closest = closestParameterNames(misspelt, 3);
        return "tool '" + name + "' has no parameter '" + misspelt + "'"
                + (closest.isEmpty() ? "; " : "; did you mean " + Suggestions.quotedAlternatives(closest) + "? ")
                + "parameters: " + (parameters.isEmpty() ? "(none)" : String.join(", ", parameterNames()));
    }

    private static String atMost(int count) {
        if (count == 0) {
            return "no arguments";
        }
        return "at most " + count + (count == 1 ? " argument" : " arguments");
    }
}
