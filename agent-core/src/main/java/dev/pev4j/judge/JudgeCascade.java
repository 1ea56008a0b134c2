package dev.pev4j.judge;

import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges with calibrated judges, cheapest first: judge i's verdict is accepted when its confidence reaches its
 * calibrated threshold, otherwise the question escalates to judge i + 1; when no judge is confident enough the cascade
 * abstains ("needs human review: no judge reached its threshold; small needs 0.900, large abstained") and reports every
 * confidence it saw in {@link Judgement#confidencesSeen()}. Judges calibrated never to accept, and judges the
 * calibration chose to skip ({@link CascadeCalibration#selection()}), are not asked.
 * Thread-safe when its judges are.
 *
 * <pre>{@code
 * Judge judge = JudgeCascade.builder()
 *         .judge(smallJudge, 0.5)   // cost per call, in any unit
 *         .judge(largeJudge, 7.0)
 *         .calibration(CascadeCalibration.load(Path.of("judges.calibration.json")))
 *         .build();
 * }</pre>
 */
public final class JudgeCascade implements Judge {

    private final List<Stage> stages;
    private final List<Stage> active;
    private final CascadeCalibration calibration;
    private final String name;

    private JudgeCascade(List<Stage> stages, CascadeCalibration calibration, String name) {
        this.stages = List.copyOf(stages);
        List<Stage> asked = new ArrayList<>();
        for (Stage s : stages) {
            if (s.calibration.acceptsAny()) {
                asked.add(s);
            }
        }
        this.active = List.copyOf(asked);
        this.calibration = calibration;
        this.name = name;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        Objects.requireNonNull(request, "request == null");
        List<Double> seen = new ArrayList<>(active.size());
        StringBuilder notes = new StringBuilder();
        TokenUsage usage = TokenUsage.ZERO;
        double highest = 0.0;
        for (Stage stage : active) {
            Judgement j = stage.judge.judge(request);
            usage = usage.plus(j.usage());
            seen.add(j.confidence());
            highest = Math.max(highest, j.confidence());
            JudgeCalibration cal = stage.calibration;
            if (j.decision() != Judgement.Decision.ABSTAIN && cal.accepts(j.confidence())) {
                String reason = stage.judge.name() + " (confidence " + format(j.confidence()) + " >= threshold "
                        + format(cal.threshold()) + "): " + j.reason();
                return new Judgement(j.decision(), j.confidence(), reason, seen, usage);
            }
            if (notes.length() > 0) {
                notes.append(", ");
            }
            notes.append(stage.judge.name());
            if (j.decision() == Judgement.Decision.ABSTAIN) {
                notes.append(" abstained");
            } else {
                notes.append(" needs ").append(format(cal.threshold()));
            }
        }
        // The confidences themselves are in confidencesSeen, which the tester appends ("(confidences seen: ...)"),
        // so the reason names only the thresholds they fell short of.
        String reason = active.isEmpty()
                ? "needs human review: no judge of the cascade is calibrated to be trusted at alpha="
                        + calibration.alpha()
                : "needs human review: no judge reached its threshold; " + notes;
        return new Judgement(Judgement.Decision.ABSTAIN, highest, reason, seen, usage);
    }

    /**
     * What a judgement of this cascade cost: the cost per call of each judge it consulted (as many as
     * {@link Judgement#confidencesSeen()} holds, in order, skipping judges that never accept).
     */
    public double costOf(Judgement judgement) {
        int consulted = judgement.confidencesSeen().size();
        if (consulted > active.size()) {
            throw new IllegalArgumentException("the judgement saw " + consulted
                    + " confidences but this cascade asks at most " + active.size() + " judges");
        }
        double cost = 0.0;
        for (int i = 0; i < consulted; i++) {
            cost += active.get(i).costPerCall;
        }
        return cost;
    }

    /**
     * The calibration's α and δ: a calibrated cascade passes or fails only when a judge's confidence clears its
     * calibrated threshold, and abstains otherwise.
     */
    @Override
    public Optional<Guarantee> guarantee() {
        return Optional.of(new Guarantee(calibration.alpha(), calibration.delta()));
    }

    /** The calibration this cascade applies. */
    public CascadeCalibration calibration() {
        return calibration;
    }

    /** Each judge's threshold, in order; infinite for a judge that never accepts. */
    public List<Double> thresholds() {
        List<Double> out = new ArrayList<>(stages.size());
        for (Stage s : stages) {
            out.add(s.calibration.threshold());
        }
        return List.copyOf(out);
    }

    @Override
    public String name() {
        return name;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static final class Stage {
        final Judge judge;
        final double costPerCall;
        final JudgeCalibration calibration;

        Stage(Judge judge, double costPerCall, JudgeCalibration calibration) {
            this.judge = judge;
            this.costPerCall = costPerCall;
            this.calibration = calibration;
        }
    }

    /** Builds a {@link JudgeCascade}; not thread-safe. */
    public static final class Builder {
        private final List<Judge> judges = new ArrayList<>();
        private final List<Double> costs = new ArrayList<>();
        private @Nullable CascadeCalibration calibration;
        private @Nullable String name;

        private Builder() {}

        /** Adds the next judge, with cost 1 per call. */
        public Builder judge(Judge judge) {
            return judge(judge, 1.0);
        }

        /** Adds the next judge and what one call to it costs (tokens, seconds, money: any unit, the same for all). */
        public Builder judge(Judge judge, double costPerCall) {
            Objects.requireNonNull(judge, "judge == null");
            if (!(costPerCall >= 0.0) || Double.isInfinite(costPerCall)) {
                throw new IllegalArgumentException("costPerCall must be >= 0 and finite but was " + costPerCall);
            }
            judges.add(judge);
            costs.add(costPerCall);
            return this;
        }

        /** The thresholds, calibrated for these judges in this order. */
        public Builder calibration(CascadeCalibration calibration) {
            this.calibration = Objects.requireNonNull(calibration, "calibration == null");
            return this;
        }

        /** The cascade's name in traces; default {@code "cascade of N"}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        public JudgeCascade build() {
            if (judges.isEmpty()) {
                throw new IllegalStateException("A cascade needs at least one judge; add one with judge(...).");
            }
            if (calibration == null) {
                throw new IllegalStateException(
                        "A cascade needs a calibration; calibrate its judges with Calibrator or load one.");
            }
            List<JudgeCalibration> cals = calibration.judges();
            if (cals.size() != judges.size()) {
                throw new IllegalStateException("The calibration is for " + cals.size() + " judges but the cascade has "
                        + judges.size() + "; calibrate these judges, in this order.");
            }
            List<Stage> stages = new ArrayList<>();
            for (int i = 0; i < judges.size(); i++) {
                Judge judge = judges.get(i);
                if (!judge.name().equals(cals.get(i).judge())) {
                    throw new IllegalStateException("Judge " + (i + 1) + " is '" + judge.name()
                            + "' but the calibration's judge " + (i + 1) + " is '"
                            + cals.get(i).judge()
                            + "'; calibrate these judges, in this order.");
                }
                stages.add(new Stage(judge, costs.get(i), cals.get(i)));
            }
            return new JudgeCascade(stages, calibration, name != null ? name : "cascade of " + judges.size());
        }
    }
}
