package dev.pev4j.internal.planner;

import dev.pev4j.plan.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One plan the model wrote, as read by the {@link Planner}: its text, the plan when the text parsed, and the problems
 * that keep it from running (a parse error, the validator's findings, too many steps). Immutable and thread-safe.
 */
public final class PlanDraft {

    private final String text;
    private final @Nullable Plan plan;
    private final List<String> problems;
    private final boolean overStepLimit;

    PlanDraft(String text, @Nullable Plan plan, List<String> problems, boolean overStepLimit) {
        this.text = Objects.requireNonNull(text, "text == null");
        this.plan = plan;
        this.problems = List.copyOf(problems);
        this.overStepLimit = overStepLimit;
    }

    /** The model's reply, as it came. */
    public String text() {
        return text;
    }

    /** The plan, when the text parsed (it may still have problems). */
    public Optional<Plan> plan() {
        return Optional.ofNullable(plan);
    }

    /** What keeps the plan from running, one sentence each; empty when it can run. */
    public List<String> problems() {
        return problems;
    }

    /** Whether the plan parsed and has no problem. */
    public boolean isUsable() {
        return plan != null && problems.isEmpty();
    }

    /** Whether one of the problems is that the plan has more steps than allowed. */
    public boolean overStepLimit() {
        return overStepLimit;
    }

    /** The problems as prompt lines, {@code - #E3: unknown tool ...}. */
    public String problemsText() {
        StringBuilder out = new StringBuilder();
        for (String problem : problems) {
            out.append("- ")
                    .append(problem.strip().replaceAll("\\s*\\R\\s*", " "))
                    .append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return isUsable() ? "usable plan:\n" + text : "unusable plan:\n" + problemsText();
    }
}
