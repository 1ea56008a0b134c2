package dev.pev4j.agent;

import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;

/** Says in one phrase why a tested run needs human review. Stateless and thread-safe. */
final class ReviewText {

    private ReviewText() {}

    /** {@code the tester abstained on 1 of 3 criteria; 1 criterion was judged without a guarantee}. */
    static String of(TestReport report) {
        int total = report.verdicts().size();
        int abstained = report.abstained().size();
        long unguaranteed = report.acceptsWithoutGuarantee()
                ? 0
                : report.withoutGuarantee().stream().filter(Verdict::passed).count();
        StringBuilder text = new StringBuilder();
        if (abstained > 0) {
            text.append("the tester abstained on ")
                    .append(abstained)
                    .append(" of ")
                    .append(total)
                    .append(" criteria");
        }
        if (unguaranteed > 0) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(unguaranteed)
                    .append(" of ")
                    .append(total)
                    .append(total == 1 ? " criterion" : " criteria")
                    .append(" judged without a guarantee (the judge is not calibrated for the run's alpha and delta)");
        }
        return text.toString();
    }
}
