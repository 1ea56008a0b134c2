package dev.pev4j.agent;

import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import dev.pev4j.llm.TokenUsage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Hand-written judges for agent tests. */
final class Judges {

    private Judges() {}

    static Judge passing() {
        return request -> Judgement.of(Judgement.Decision.PASS, 0.9, "holds", new TokenUsage(10, 2));
    }

    static Judge abstaining() {
        return request -> Judgement.of(Judgement.Decision.ABSTAIN, 0.4, "cannot tell", new TokenUsage(10, 2));
    }

    /** Gives these judgements in order, then passes. Thread-safe. */
    static Judge scripted(Judgement... judgements) {
        Deque<Judgement> queue = new ArrayDeque<>(List.of(judgements));
        return new Judge() {
            @Override
            public synchronized Judgement judge(JudgeRequest request) {
                Judgement next = queue.poll();
                return next != null ? next : Judgement.of(Judgement.Decision.PASS, 0.9, "holds", TokenUsage.ZERO);
            }
        };
    }

    static Judgement fail(String reason) {
        return Judgement.of(Judgement.Decision.FAIL, 0.95, reason, new TokenUsage(10, 2));
    }
}
