package dev.pev4j.judge;

import dev.pev4j.llm.TokenUsage;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A judge of known behaviour for statistical tests: its confidence is drawn from a distribution, and its verdict is
 * right with a probability that is a function of that confidence. The statistical tests draw answers in bulk with
 * {@link #draw}; {@link #judge} answers one request, deterministically for a given request, from the human verdict
 * {@code truth} gives. Thread-safe.
 */
final class SimulatedJudge implements Judge {

    private final String name;
    private final ToDoubleFunction<SplittableRandom> confidence;
    private final DoubleUnaryOperator accuracy;
    private final Predicate<JudgeRequest> truth;
    private final long seed;

    private SimulatedJudge(String name, ToDoubleFunction<SplittableRandom> confidence, DoubleUnaryOperator accuracy,
            Predicate<JudgeRequest> truth, long seed) {
        this.name = name;
        this.confidence = confidence;
        this.accuracy = accuracy;
        this.truth = truth;
        this.seed = seed;
    }

    /**
     * A judge whose confidence is {@code 0.5 + 0.5 * U^shape} (U uniform in [0, 1): shape below 1 leans towards 1, a
     * strong judge; above 1 towards 0.5, a weak one) and which is right with probability {@code accuracy(c)}.
     */
    static SimulatedJudge of(String name, double shape, DoubleUnaryOperator accuracy) {
        return new SimulatedJudge(name, r -> 0.5 + 0.5 * Math.pow(r.nextDouble(), shape), accuracy, req -> true, 0);
    }

    /** A calibrated judge: right with probability equal to its confidence. */
    static SimulatedJudge calibrated(String name, double shape) {
        return of(name, shape, c -> c);
    }

    /** The same judge, answering {@link #judge} calls about requests whose human verdict {@code truth} gives. */
    SimulatedJudge answering(Predicate<JudgeRequest> truth, long seed) {
        return new SimulatedJudge(name, confidence, accuracy, Objects.requireNonNull(truth), seed);
    }

    /** Draws answer {@code i}: its confidence and whether it is right. */
    void draw(SplittableRandom random, double[] confidences, boolean[] correct, int i) {
        double c = confidence.applyAsDouble(random);
        confidences[i] = c;
        correct[i] = random.nextDouble() < accuracy.applyAsDouble(c);
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        SplittableRandom random = new SplittableRandom(seed * 31 + request.hashCode());
        double[] c = new double[1];
        boolean[] right = new boolean[1];
        draw(random, c, right, 0);
        boolean holds = truth.test(request) == right[0];
        return Judgement.of(holds ? Judgement.Decision.PASS : Judgement.Decision.FAIL, c[0],
                "simulated " + name, new TokenUsage(1, 1));
    }

    @Override
    public String name() {
        return name;
    }
}
