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
            text.append("- ")
                    .append(problem.message().replaceAll("\\s*\\R\\s*", " "))
                    .append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return isValid() ? "valid plan" : toPromptText();
    }

    /**
     * One thing wrong with a plan, found by {@link PlanValidator}: what kind of problem, a message a model can act on
     * (it starts with the step it concerns, {@code #E3: unknown tool 'read_cvs'; did you mean 'read_csv'? ...}), and the
     * steps concerned (empty for a problem of the whole plan).
     *
     * <p>Immutable and thread-safe.
     */
    public record PlanProblem(Kind kind, String message, List<StepId> steps) {

        /** What is wrong. */
        public enum Kind {
            /** The plan has no steps. */
            EMPTY_PLAN,
            /** Two or more steps have the same id. */
            DUPLICATE_ID,
            /** A step calls a tool that is not registered. */
            UNKNOWN_TOOL,
            /** A step gives more arguments than the tool takes, or leaves out a required one. */
            ARGUMENT_COUNT,
            /** A step gives an argument that can never convert to its parameter's type. */
            ARGUMENT_TYPE,
            /** A step names an argument the tool does not have. */
            UNKNOWN_ARGUMENT,
            /** A step gives the same parameter by position and by name. */
            DUPLICATE_ARGUMENT,
            /** A step refers to a step id that no step defines. */
            UNDEFINED_REFERENCE,
            /** A step refers to a step that comes later in the plan. */
            FORWARD_REFERENCE,
            /** A step refers to its own evidence. */
            SELF_REFERENCE,
            /** Steps refer to each other in a cycle. */
            CYCLE
        }

        public PlanProblem {
            steps = List.copyOf(steps);
        }

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }
}
