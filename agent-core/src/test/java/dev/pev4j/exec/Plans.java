package dev.pev4j.exec;

import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Short ways to write plans in tests. */
final class Plans {

    private Plans() {}

    static Plan plan(Step... steps) {
        return new Plan(List.of(steps));
    }

    static Step step(int id, String tool, Arg... args) {
        return new Step(StepId.of(id), "", tool, List.of(args));
    }

    static Step step(int id, String tool, Map<String, Arg> named) {
        return new Step(StepId.of(id), "", tool, List.of(), named);
    }

    static Arg ref(int id) {
        return Arg.ref(id);
    }

    static Arg lit(@Nullable Object literal) {
        return Arg.of(literal);
    }

    /** Text parts: strings stay, integers become references. */
    static Arg text(Object... parts) {
        List<Object> converted = new ArrayList<>();
        for (Object part : parts) {
            converted.add(part instanceof Integer id ? Arg.ref(id) : part);
        }
        return new Arg.Text(converted);
    }

    static Arg list(Arg... items) {
        return new Arg.ListOf(Arrays.asList(items));
    }

    /** A chain #E1 = tool(), #E2 = tool(#E1), ... of {@code length} steps. */
    static Plan chain(int length, String tool) {
        List<Step> steps = new ArrayList<>();
        steps.add(step(1, tool));
        for (int i = 2; i <= length; i++) {
            steps.add(step(i, tool, ref(i - 1)));
        }
        return new Plan(steps);
    }

    static StepId id(int number) {
        return StepId.of(number);
    }
}
