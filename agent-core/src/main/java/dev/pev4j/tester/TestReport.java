package dev.pev4j.tester;

import dev.pev4j.llm.TokenUsage;
import java.util.List;
import java.util.Objects;

/** STAND-IN (branch agent): every criterion's verdict and the overall one. Immutable and thread-safe. */
public record TestReport(List<Verdict> verdicts, Verdict.Status overall) {

    public TestReport {
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(overall, "overall == null");
    }

    public List<Verdict> failed() {
        return verdicts.stream().filter(v -> v.status() == Verdict.Status.FAILED).toList();
    }

    public List<Verdict> abstained() {
        return verdicts.stream().filter(v -> v.status() == Verdict.Status.ABSTAINED).toList();
    }

    public TokenUsage usage() {
        TokenUsage sum = TokenUsage.ZERO;
        for (Verdict verdict : verdicts) {
            sum = sum.plus(verdict.usage());
        }
        return sum;
    }

    public String toPromptText() {
        StringBuilder text = new StringBuilder();
        for (Verdict verdict : failed()) {
            text.append("- ").append(verdict.criterion()).append(": ").append(verdict.reason()).append('\n');
        }
        return text.toString();
    }
}
