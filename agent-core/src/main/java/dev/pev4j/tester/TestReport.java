package dev.pev4j.tester;

import dev.pev4j.llm.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * The verdicts on a plan's criteria, in the plan's order, and what they add up to: {@link Verdict.Status#FAILED} if any
 * failed, else {@link Verdict.Status#ABSTAINED} if any abstained, else {@link Verdict.Status#PASSED} (also when there
 * were no criteria). Immutable and thread-safe.
 */
public record TestReport(List<Verdict> verdicts, Verdict.Status overall) {

    public TestReport {
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(overall, "overall == null");
        Verdict.Status expected = overallOf(verdicts);
        if (overall != expected) {
            throw new IllegalArgumentException(
                    "overall must be " + expected + " for these verdicts but was " + overall);
        }
    }

    /** A report whose overall status follows from {@code verdicts}. */
    public TestReport(List<Verdict> verdicts) {
        this(verdicts, overallOf(verdicts));
    }

    private static Verdict.Status overallOf(List<Verdict> verdicts) {
        boolean abstained = false;
        for (Verdict verdict : verdicts) {
            if (verdict.failed()) {
                return Verdict.Status.FAILED;
            }
            abstained |= verdict.abstained();
        }
        return abstained ? Verdict.Status.ABSTAINED : Verdict.Status.PASSED;
    }

    public boolean passed() {
        return overall == Verdict.Status.PASSED;
    }

    /** The verdicts that failed, in order. */
    public List<Verdict> failed() {
        return verdicts.stream().filter(Verdict::failed).toList();
    }

    /** The verdicts that abstained (need human review), in order. */
    public List<Verdict> abstained() {
        return verdicts.stream().filter(Verdict::abstained).toList();
    }

    /** The tokens all judging cost. */
    public TokenUsage usage() {
        TokenUsage total = TokenUsage.ZERO;
        for (Verdict verdict : verdicts) {
            total = total.plus(verdict.usage());
        }
        return total;
    }

    /**
     * The failed criteria for a replanning prompt, one line each, {@code - criterion: why it failed}; empty when none
     * failed. Abstentions are left out: a new plan cannot settle them.
     */
    public String toPromptText() {
        StringBuilder text = new StringBuilder();
        for (Verdict verdict : failed()) {
            text.append("- ").append(verdict.criterion()).append(": ").append(verdict.reason()).append('\n');
        }
        return text.toString();
    }
}
