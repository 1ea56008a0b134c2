package dev.pev4j.tester;

import dev.pev4j.llm.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verdicts on a plan's criteria, in the plan's order, and what they add up to: {@link Verdict.Status#FAILED} if any
 * failed; else {@link Verdict.Status#ABSTAINED} (needs human review) if any abstained, or if a judge passed one without
 * a guarantee ({@link Verdict#withoutGuarantee()}) and the user did not accept such passes; else
 * {@link Verdict.Status#PASSED} (also when there were no criteria). Immutable and thread-safe.
 *
 * @param verdicts one per criterion, in the plan's order
 * @param overall what they add up to, as above
 * @param acceptsWithoutGuarantee whether the user opted out of review for criteria a judge passed without a guarantee
 */
public record TestReport(List<Verdict> verdicts, Verdict.Status overall, boolean acceptsWithoutGuarantee) {

    public TestReport {
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(overall, "overall == null");
        Verdict.Status expected = overallOf(verdicts, acceptsWithoutGuarantee);
        if (overall != expected) {
            throw new IllegalArgumentException(
                    "overall must be " + expected + " for these verdicts but was " + overall);
        }
    }

    /** A report whose overall status follows from {@code verdicts}; a pass without a guarantee needs review. */
    public TestReport(List<Verdict> verdicts) {
        this(verdicts, false);
    }

    /** A report whose overall status follows from {@code verdicts} and whether passes without guarantee count. */
    public TestReport(List<Verdict> verdicts, boolean acceptsWithoutGuarantee) {
        this(verdicts, overallOf(verdicts, acceptsWithoutGuarantee), acceptsWithoutGuarantee);
    }

    private static Verdict.Status overallOf(List<Verdict> verdicts, boolean acceptsWithoutGuarantee) {
        boolean review = false;
        for (Verdict verdict : verdicts) {
            if (verdict.failed()) {
                return Verdict.Status.FAILED;
            }
            review |= verdict.abstained() || (verdict.withoutGuarantee() && !acceptsWithoutGuarantee);
        }
        return review ? Verdict.Status.ABSTAINED : Verdict.Status.PASSED;
    }

    /** The verdicts a judge passed or failed without a guarantee ({@link Verdict#withoutGuarantee()}), in order. */
    public List<Verdict> withoutGuarantee() {
        return verdicts.stream().filter(Verdict::withoutGuarantee).toList();
    }

    /**
     * Why a human should review the run, one line per criterion ({@code criterion: abstained: reason} or
     * {@code criterion: judged without a guarantee}); empty when nothing needs review.
     */
    public List<String> reviewReasons() {
        List<String> out = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            if (verdict.abstained()) {
                out.add(verdict.criterion() + ": abstained: " + verdict.reason());
            } else if (verdict.passed() && verdict.withoutGuarantee() && !acceptsWithoutGuarantee) {
                out.add(verdict.criterion() + ": judged without a guarantee");
            }
        }
        return List.copyOf(out);
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
            text.append("- ")
                    .append(verdict.criterion())
                    .append(": ")
                    .append(verdict.reason())
                    .append('\n');
        }
        return text.toString();
    }
}
