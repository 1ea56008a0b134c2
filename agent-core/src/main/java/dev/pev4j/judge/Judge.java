package dev.pev4j.judge;

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
}
