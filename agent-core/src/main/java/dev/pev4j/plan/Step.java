package dev.pev4j.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One step of a plan: call {@code tool} with {@code args} (positional) and {@code namedArgs}, and keep what it returns
 * as the evidence {@code id}. {@code thought} is the model's reasoning line for the step ({@code Plan: ...},
 * {@code Thought: ...}), empty when it wrote none. Its {@link #dependencies()} are derived from the references in its
 * arguments.
 *
 * <p>Immutable and thread-safe.
 */
public record Step(StepId id, String thought, String tool, List<Arg> args, Map<String, Arg> namedArgs) {

    public Step {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(thought, "thought == null");
        Objects.requireNonNull(tool, "tool == null");
        args = List.copyOf(args);
        namedArgs = Collections.unmodifiableMap(new LinkedHashMap<>(namedArgs));
    }

    public Step(StepId id, String thought, String tool, List<Arg> args) {
        this(id, thought, tool, args, Map.of());
    }

    /** The steps whose evidence this step uses, in id order. */
    public SortedSet<StepId> dependencies() {
        SortedSet<StepId> deps = new TreeSet<>();
        for (Arg arg : args) {
            deps.addAll(arg.references());
        }
        for (Arg arg : namedArgs.values()) {
            deps.addAll(arg.references());
        }
        return Collections.unmodifiableSortedSet(deps);
    }

    /** {@code #E2 = filter(#E1, "x > 1")}. */
    @Override
    public String toString() {
        StringBuilder call =
                new StringBuilder("#").append(id).append(" = ").append(tool).append('(');
        String sep = "";
        for (Arg arg : args) {
            call.append(sep).append(arg);
            sep = ", ";
        }
        for (Map.Entry<String, Arg> named : namedArgs.entrySet()) {
            call.append(sep).append(named.getKey()).append('=').append(named.getValue());
            sep = ", ";
        }
        return call.append(')').toString();
    }
}
