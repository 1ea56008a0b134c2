package dev.pev4j.agent;

import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Hand-written judges for agent tests. */
final class Judges {

    private Judges() {}

    /** A judge that passes everything and claims a guarantee at alpha = delta = 0.1, as a calibrated one would. */
    static Judge passing() {
        return calibrated(request -> Judgement.of(Judgement.Decision.PASS, 0.9, "holds", new TokenUsage(10, 2)));
    }

    /** Passes everything at confidence 0.01, without a guarantee: the default LLM judge at its worst. */
    static Judge uncalibratedPassing() {
        return request -> Judgement.of(Judgement.Decision.PASS, 0.01, "holds, I guess", new TokenUsage(10, 2));
    }

    /** {@code judge}, claiming a guarantee at alpha = delta = 0.1. */
    static Judge calibrated(Judge judge) {
        return new Judge() {
            @Override
            public Judgement judge(JudgeRequest request) {
                return judge.judge(request);
            }

            @Override
            public Optional<Guarantee> guarantee() {
                return Optional.of(new Guarantee(0.1, 0.1));
            }
        };
    }

    static Judge abstaining() {
        return request -> Judgement.of(Judgement.Decision.ABSTAIN, 0.4, "cannot tell", new TokenUsage(10, 2));
    }

    /** Gives these judgements in order, then passes; claims a guarantee at alpha = delta = 0.1. Thread-safe. */
    static Judge scripted(Judgement... judgements) {
        Deque<Judgement> queue = new ArrayDeque<>(List.of(judgements));
        return new Judge() {
            @Override
            public synchronized Judgement judge(JudgeRequest request) {
                Judgement next = queue.poll();
                return next != null ? next : Judgement.of(Judgement.Decision.PASS, 0.9, "holds", TokenUsage.ZERO);
            }

            @Override
            public Optional<Guarantee> guarantee() {
                return Optional.of(new Guarantee(0.1, 0.1));
            }
        };
    }

    static Judgement fail(String reason) {
        return Judgement.of(Judgement.Decision.FAIL, 0.95, reason, new TokenUsage(10, 2));
    }
}
