package dev.pev4j.internal.planner;

import dev.pev4j.AgentException;
import java.util.Objects;

/** The model wrote no usable plan within the allowed repair rounds; {@link #lastDraft()} is its last attempt. */
public final class PlanningException extends AgentException {

    private final transient PlanDraft lastDraft;

    PlanningException(String message, PlanDraft lastDraft) {
        super(message);
        this.lastDraft = Objects.requireNonNull(lastDraft, "lastDraft == null");
    }

    public PlanDraft lastDraft() {
        return lastDraft;
    }
}
