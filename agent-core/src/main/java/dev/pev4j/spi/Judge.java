package dev.pev4j.spi;

import dev.pev4j.internal.Checks;
import dev.pev4j.llm.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether one criterion holds for a task's evidence. Implementations are thread-safe: the tester asks about
 * several criteria, and one agent serves many runs, at once.
 *
 * <pre>{@code
 * Judgement j = judge.judge(new JudgeRequest("Total revenue by region", "every region appears once", evidenceText));
 * if (j.decision() == Judgement.Decision.ABSTAIN) { ... needs a human ... }
 * }</pre>
 */
@FunctionalInterface
public interface Judge {

    /**
     * Judges {@code request}. A judge that cannot reach a verdict it trusts returns {@link Judgement.Decision#ABSTAIN}
     * rather than guessing.
     *
     * @throws dev.pev4j.llm.LlmException when the model behind the judge fails
     */
    Judgement judge(JudgeRequest request);

    /** A short name for traces ("qwen2.5-0.5b judge", "cascade of 3"). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * What this judge guarantees about the verdicts it does not abstain on; empty (the default) for a judge whose
     * confidence is taken at face value. A judge that returns a guarantee promises that it passes or fails only when
     * its confidence clears a threshold calibrated on human-labelled items, as a calibrated
     * {@link dev.pev4j.judge.JudgeCascade} does, and abstains otherwise. The agent counts a judged criterion as
     * verified only when the judge's guarantee is at least as strict as the run's α and δ.
     */
    default Optional<Guarantee> guarantee() {
        return Optional.empty();
    }

    /**
     * A calibrated judge's promise: with probability at least {@code 1 - delta} over the draw of its calibration items,
     * the verdicts it does not abstain on disagree with humans at most {@code alpha} of the time (on items like the
     * calibration items). Immutable and thread-safe.
     */
    public record Guarantee(double alpha, double delta) {

        public Guarantee {
            Checks.strictlyBetween0And1("alpha", alpha);
            Checks.strictlyBetween0And1("delta", delta);
        }

        /** Whether this guarantee implies {@code required}: its α and δ are no larger. */
        public boolean covers(Guarantee required) {
            return alpha <= required.alpha && delta <= required.delta;
        }

        @Override
        public String toString() {
            return "alpha=" + alpha + ", delta=" + delta;
        }
    }

    /**
     * What a judge is asked: does {@code criterion} hold for this {@code task}, given {@code evidence} (the bounded
     * previews of the steps' results, as text)? Immutable and thread-safe.
     */
    public record JudgeRequest(String task, String criterion, String evidence) {

        public JudgeRequest {
            Objects.requireNonNull(task, "task == null");
            Objects.requireNonNull(criterion, "criterion == null");
            Objects.requireNonNull(evidence, "evidence == null");
            if (criterion.isBlank()) {
                throw new IllegalArgumentException("criterion must not be blank");
            }
        }
    }

    /**
     * A judge's answer. Immutable and thread-safe.
     *
     * @param decision pass, fail, or abstain
     * @param confidence the judge's confidence in its decision, between 0 and 1 (for an abstention: the highest confidence
     *     seen, which was not enough)
     * @param reason why, in a sentence, for the trace and for replanning
     * @param confidencesSeen for a cascade, each consulted judge's confidence in order; for a single judge, its own
     * @param usage the tokens the judgement cost
     */
    public record Judgement(
            Decision decision, double confidence, String reason, List<Double> confidencesSeen, TokenUsage usage) {

        /** A judge's decision about a criterion. */
        public enum Decision {
            PASS,
            FAIL,
            /** No judge was confident enough: a human should look. */
            ABSTAIN
        }

        public Judgement {
            Objects.requireNonNull(decision, "decision == null");
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(usage, "usage == null");
            Checks.between0And1("confidence", confidence);
            confidencesSeen = List.copyOf(confidencesSeen);
        }

        public static Judgement of(Decision decision, double confidence, String reason, TokenUsage usage) {
            return new Judgement(decision, confidence, reason, List.of(confidence), usage);
        }
    }
}
