package dev.pev4j.plan;

import java.util.List;

/**
 * Every problem {@link PlanValidator} found in a plan, in plan order; empty when the plan is valid.
 *
 * <p>Immutable and thread-safe.
 */
public record ValidationReport(List<PlanProblem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** Whether the plan has no problem. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The problems of one kind. */
    public List<PlanProblem> problems(PlanProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /**
     * The problems as text for a repair prompt, one line per problem ({@code - #E3: unknown tool 'read_cvs'; did you
     * mean 'read_csv'? Available tools: head, read_csv, shape}); empty for a valid plan.
     */
    public String toPromptText() {
        StringBuilder text = new StringBuilder();
        for (PlanProblem problem : problems) {
            text.append("- ").append(problem.message().replaceAll("\\s*\\R\\s*", " ")).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return isValid() ? "valid plan" : toPromptText();
    }
}
