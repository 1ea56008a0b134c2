package dev.pev4j.judge;

import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;

/**
 * A judge of known behaviour for statistical tests: its confidence is drawn from a distribution, possibly tied to how
 * hard the item is (a difficulty all judges share), and its verdict is right with a probability that is a function of
 * that confidence. The statistical tests draw answers in bulk with
 * {@link #draw}; {@link #judge} answers one request, deterministically for a given request, from the human verdict
 * {@code truth} gives. Thread-safe.
 */
final class SimulatedJudge implements Judge {

    private final String name;
    private final Confidence confidence;
    private final DoubleUnaryOperator accuracy;
    private final Predicate<JudgeRequest> truth;
    private final long seed;

    /** Draws a confidence for an item of a given difficulty (NaN when the items have none). */
    @FunctionalInterface
    private interface Confidence {
        double draw(SplittableRandom random, double difficulty);
    }

    private SimulatedJudge(
            String name,
            Confidence confidence,
            DoubleUnaryOperator accuracy,
            Predicate<JudgeRequest> truth,
            long seed) {
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
        return new SimulatedJudge(
                name, (r, difficulty) -> 0.5 + 0.5 * Math.pow(r.nextDouble(), shape), accuracy, req -> true, 0);
    }

    /**
     * A judge that finds an item hard when its difficulty (shared by all judges, in [0, 1]) passes the judge's
     * {@code skill}: confidence {@code 0.5 + 0.5 * sigmoid(8 * (skill - difficulty) + N(0, 1))}, right with probability
     * {@code 1 - (1 - c) * (1 + overconfidence)} (as {@code dev.pev4j.examples.judge.SimulatedJudges}).
     */
    static SimulatedJudge withSkill(String name, double skill, double overconfidence) {
        return new SimulatedJudge(
                name,
                (r, difficulty) -> 0.5
                        + 0.5
                                / (1.0
                                        + Math.exp(-(8.0 * (skill - (Double.isNaN(difficulty) ? 0.5 : difficulty))
                                                + r.nextGaussian()))),
                c -> Math.max(0.0, 1.0 - (1.0 - c) * (1.0 + overconfidence)),
                req -> true,
                0);
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
        draw(random, Double.NaN, confidences, correct, i);
    }

    /** Draws answer {@code i} about an item of the given difficulty. */
    void draw(SplittableRandom random, double difficulty, double[] confidences, boolean[] correct, int i) {
        double c = confidence.draw(random, difficulty);
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
        return Judgement.of(
                holds ? Judgement.Decision.PASS : Judgement.Decision.FAIL,
                c[0],
                "simulated " + name,
                new TokenUsage(1, 1));
    }

    @Override
    public String name() {
        return name;
    }
}
