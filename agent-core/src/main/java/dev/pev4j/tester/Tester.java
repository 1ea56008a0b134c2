package dev.pev4j.tester;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.StepOutcome;
import dev.pev4j.judge.Judge;
import dev.pev4j.judge.JudgeRequest;
import dev.pev4j.judge.Judgement;
import dev.pev4j.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * STAND-IN (branch agent): asks the judge about every criterion (the real Tester checks the checkable ones in code
 * first). Immutable and thread-safe.
 */
public final class Tester {

    private final @Nullable Judge judge;
    private final int evidenceChars;

    private Tester(Builder builder) {
        this.judge = builder.judge;
        this.evidenceChars = builder.evidenceChars;
    }

    public static Builder builder() {
        return new Builder();
    }

    public TestReport test(String task, Plan plan, ExecutionResult result) {
        StringBuilder evidence = new StringBuilder();
        for (StepOutcome outcome : result.outcomes().values()) {
            evidence.append(outcome).append('\n');
        }
        String text = evidence.length() > evidenceChars ? evidence.substring(0, evidenceChars) : evidence.toString();
        List<Verdict> verdicts = new ArrayList<>();
        for (String criterion : plan.criteria()) {
            if (judge == null) {
                verdicts.add(new Verdict(criterion, Verdict.Status.ABSTAINED, 0.0, "no judge",
                        Verdict.Method.JUDGE, dev.pev4j.llm.TokenUsage.ZERO));
                continue;
            }
            Judgement j = judge.judge(new JudgeRequest(task, criterion, text));
            Verdict.Status status = switch (j.decision()) {
                case PASS -> Verdict.Status.PASSED;
                case FAIL -> Verdict.Status.FAILED;
                case ABSTAIN -> Verdict.Status.ABSTAINED;
            };
            verdicts.add(new Verdict(criterion, status, j.confidence(), j.reason(), Verdict.Method.JUDGE, j.usage()));
        }
        Verdict.Status overall = Verdict.Status.PASSED;
        for (Verdict v : verdicts) {
            if (v.status() == Verdict.Status.FAILED) {
                overall = Verdict.Status.FAILED;
            } else if (v.status() == Verdict.Status.ABSTAINED && overall == Verdict.Status.PASSED) {
                overall = Verdict.Status.ABSTAINED;
            }
        }
        return new TestReport(verdicts, overall);
    }

    /** STAND-IN builder. Not thread-safe. */
    public static final class Builder {
        private @Nullable Judge judge;
        private int evidenceChars = 4000;

        private Builder() {}

        public Builder judge(Judge judge) {
            this.judge = Objects.requireNonNull(judge, "judge == null");
            return this;
        }

        public Builder inspector(EvidenceInspector inspector) {
            Objects.requireNonNull(inspector, "inspector == null");
            return this;
        }

        public Builder evidenceChars(int evidenceChars) {
            this.evidenceChars = evidenceChars;
            return this;
        }

        public Builder executor(Executor executor) {
            Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        public Tester build() {
            return new Tester(this);
        }
    }
}
