package dev.pev4j.examples.judge;

import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.spi.Judge.Judgement;
import java.util.List;

/**
 * How a calibrated cascade did on labelled items: how many it answered (did not abstain on), how many of those agreed
 * with the human label, and what its calls cost. Immutable and thread-safe.
 */
public record CascadeScore(int items, int accepted, int agreed, double cost) {

    /** Asks {@code cascade} about every item and scores its answers against the labels. */
    public static CascadeScore of(JudgeCascade cascade, List<LabelledItem> items) {
        int accepted = 0;
        int agreed = 0;
        double cost = 0;
        for (LabelledItem item : items) {
            Judgement j = cascade.judge(item.request());
            cost += cascade.costOf(j);
            if (j.decision() != Judgement.Decision.ABSTAIN) {
                accepted++;
                if (j.decision() == item.verdict()) {
                    agreed++;
                }
            }
        }
        return new CascadeScore(items.size(), accepted, agreed, cost);
    }

    /** The share of the items answered; NaN without items. */
    public double coverage() {
        return items == 0 ? Double.NaN : (double) accepted / items;
    }

    /** The share of the answers that agreed with the label; NaN without answers. */
    public double agreement() {
        return accepted == 0 ? Double.NaN : (double) agreed / accepted;
    }
}
