package dev.pev4j.plan;

import java.util.List;
import java.util.Objects;

/**
 * What went wrong with a plan, for the replanning prompt: the previous plan's text, the steps that failed with their
 * errors, and the criteria that failed with why. Immutable and thread-safe.
 */
public record Feedback(String previousPlan, List<FailedStep> failedSteps, List<FailedCriterion> failedCriteria) {

    /** A step that failed: its call as written ({@code #E2 = filter(#E1, "x > 1")}) and the error. */
    public record FailedStep(String call, String error) {
        public FailedStep {
            Objects.requireNonNull(call, "call == null");
            Objects.requireNonNull(error, "error == null");
        }
    }

    /** A criterion that failed, and the tester's reason. */
    public record FailedCriterion(String criterion, String reason) {
        public FailedCriterion {
            Objects.requireNonNull(criterion, "criterion == null");
            Objects.requireNonNull(reason, "reason == null");
        }
    }

    public Feedback {
        Objects.requireNonNull(previousPlan, "previousPlan == null");
        failedSteps = List.copyOf(failedSteps);
        failedCriteria = List.copyOf(failedCriteria);
    }

    /** The failed steps as prompt lines under a heading, empty when none failed. */
    public String failedStepsText() {
        if (failedSteps.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Steps that failed:\n");
        for (FailedStep step : failedSteps) {
            text.append("- ")
                    .append(oneLine(step.call()))
                    .append(" failed: ")
                    .append(oneLine(step.error()))
                    .append('\n');
        }
        return text.toString();
    }

    /** The failed criteria as prompt lines under a heading, empty when none failed. */
    public String failedCriteriaText() {
        if (failedCriteria.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Criteria that failed:\n");
        for (FailedCriterion criterion : failedCriteria) {
            text.append("- ")
                    .append(oneLine(criterion.criterion()))
                    .append(": ")
                    .append(oneLine(criterion.reason()))
                    .append('\n');
        }
        return text.toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
