package dev.pev4j.plan;

import java.util.List;
import java.util.Optional;

/**
 * A plan: steps in the order the model wrote them, and the criteria the result must meet. A plan may be invalid (an
 * unknown tool, a reference to a later step, a duplicate id); {@link PlanValidator} says how.
 *
 * <p>Immutable and thread-safe.
 */
public record Plan(List<Step> steps, List<String> criteria) {

    public Plan {
        steps = List.copyOf(steps);
        criteria = List.copyOf(criteria);
    }

    public Plan(List<Step> steps) {
        this(steps, List.of());
    }

    /** The first step with this id. */
    public Optional<Step> step(StepId id) {
        for (Step step : steps) {
            if (step.id().equals(id)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The plan in ReWOO form, one {@code #En = tool(args)} line a step, then the criteria. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (!step.thought().isEmpty()) {
                text.append("Plan: ").append(step.thought()).append('\n');
            }
            text.append(step).append('\n');
        }
        if (!criteria.isEmpty()) {
            text.append("Criteria:\n");
            for (String criterion : criteria) {
                text.append("- ").append(criterion).append('\n');
            }
        }
        return text.toString();
    }
}
