package dev.pev4j.internal.planner;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One planning session: the first request for a plan, then repair rounds until the model writes a usable plan, the
 * planner's {@code maxRepairs} is used up, the caller's budget refuses another model call, or the model fails. Both the
 * agent and {@link Planner#plan(String)} plan through a session, so the repair loop exists once.
 *
 * <p>Used by one thread; not thread-safe.
 */
public final class PlanningSession {

    /** What the session reports to its caller around each model call. All methods have no-op defaults. */
    public interface Observer {

        /** Whether the session may make another model call; false ends it with {@link Halted}. */
        default boolean mayCallModel() {
            return true;
        }

        /** The model answered; its token usage is in the response. */
        default void answered(LlmResponse response) {}

        /** A reply had problems and the session asks for repair round {@code round} (1 for the first repair). */
        default void repairing(int round, PlanDraft draft) {}
    }

    /** How a session ended. */
    public sealed interface Outcome permits Planned, Unusable, Halted, ModelFailed {}

    /** The model wrote a usable plan. */
    public record Planned(PlanDraft draft) implements Outcome {}

    /** The last of {@code replies} replies still had problems and no repair round was left. */
    public record Unusable(PlanDraft last, int replies) implements Outcome {}

    /** The observer refused a model call (a budget ran out). */
    public record Halted() implements Outcome {}

    /** The model call failed. */
    public record ModelFailed(LlmException error) implements Outcome {}

    private final Planner planner;
    private final LlmRequest first;
    private final List<PlanDraft> drafts = new ArrayList<>();

    PlanningSession(Planner planner, LlmRequest first) {
        this.planner = planner;
        this.first = first;
    }

    /** The messages of the first request: the prompt this session's plan answers. */
    public List<ChatMessage> prompt() {
        return first.messages();
    }

    /** Every reply of the session so far, read and checked, in order. */
    public List<PlanDraft> drafts() {
        return List.copyOf(drafts);
    }

    /** Runs the session to its end. */
    public Outcome run(Observer observer) {
        Objects.requireNonNull(observer, "observer == null");
        LlmRequest request = first;
        for (int round = 0; ; round++) {
            if (!observer.mayCallModel()) {
                return new Halted();
            }
            LlmResponse response;
            try {
                response = planner.llm().chat(request);
            } catch (LlmException e) {
                return new ModelFailed(e);
            }
            observer.answered(response);
            PlanDraft draft = planner.read(response.text());
            drafts.add(draft);
            if (draft.isUsable()) {
                return new Planned(draft);
            }
            if (round == planner.maxRepairs()) {
                return new Unusable(draft, round + 1);
            }
            observer.repairing(round + 1, draft);
            request = planner.repair(request, response.text(), draft);
        }
    }
}
