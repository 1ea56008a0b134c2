package dev.pev4j.examples.judge;

import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.Map;
import java.util.Objects;

/**
 * A judge that replays judgements recorded earlier (from a labelled file, or a simulation), so that a cascade can be
 * calibrated and evaluated without running models again. Immutable and thread-safe.
 */
public final class ReplayJudge implements Judge {

    private final String name;
    private final Map<JudgeRequest, Judgement> recorded;

    public ReplayJudge(String name, Map<JudgeRequest, Judgement> recorded) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.recorded = Map.copyOf(recorded);
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        Judgement j = recorded.get(request);
        if (j == null) {
            throw new IllegalArgumentException("judge '" + name + "' has no recorded judgement for criterion '"
                    + request.criterion() + "' with evidence '" + request.evidence() + "'");
        }
        return j;
    }

    @Override
    public String name() {
        return name;
    }
}
