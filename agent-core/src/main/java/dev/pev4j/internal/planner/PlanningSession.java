package dev.pev4j.internal.planner;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.Step;
import dev.pev4j.spi.ToolSelector.Scored;
import dev.pev4j.spi.ToolSelector.Selection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One planning session: the first request for a plan, then repair rounds until the model writes a usable plan, the
 * planner's {@code maxRepairs} is used up, the caller's budget refuses another model call, or the model fails. Both the
 * agent and {@link Planner#plan(String)} plan through a session, so the repair loop exists once. When a reply calls a
 * tool the selection did not show, the session adds the nearest unshown tools to the selection, names them in the
 * problem and lists them in the repair request.
 *
 * <p>Used by one thread; not thread-safe.
 */
public final class PlanningSession {

    private static final Logger log = LoggerFactory.getLogger(PlanningSession.class);

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

        /**
         * Whether the session reads each reply while the model writes it ({@link dev.pev4j.llm.LocalLlm#stream}),
         * handing every complete step to {@link #decoded}; false by default.
         */
        default boolean streams() {
            return false;
        }

        /**
         * A step of the reply being written, complete, in plan order, when {@link #streams()}. Provisional: the
         * reply's plan is parsed and validated as a whole once it is there, and may differ or have problems.
         */
        default void decoded(Step step) {}
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
    private final String task;
    private final LlmRequest first;
    private final List<PlanDraft> drafts = new ArrayList<>();
    private final Set<String> widened;
    private Selection selection;

    PlanningSession(Planner planner, String task, LlmRequest first, Selection selection, Collection<String> widen) {
        this.planner = planner;
        this.task = task;
        this.first = first;
        this.selection = selection;
        this.widened = new LinkedHashSet<>(widen);
    }

    /** The tools and examples shown, with scores; after a widening, the widened selection. */
    public Selection selection() {
        return selection;
    }

    /** The tools added to the selection so far (those given when the session began included). */
    public Set<String> widened() {
        return Set.copyOf(widened);
    }

    /** The messages of the first request: the prompt this session's plan answers. */
    public List<ChatMessage> prompt() {
        return first.messages();
    }

    /** Every reply of the session so far, read and checked, in order. */
    public List<PlanDraft> drafts() {
        return List.copyOf(drafts);
    }

    /**
     * Reads the reply as it comes, handing each complete step to the observer. Reading early is only a head start: if
     * it fails on the model's text, or the observer throws, it stops for this reply, which is still read as a whole.
     */
    private static Consumer<String> reader(Observer observer) {
        PlanParser.Incremental reading = PlanParser.create().incremental(observer::decoded);
        boolean[] failed = {false};
        return piece -> {
            if (failed[0]) {
                return;
            }
            try {
                reading.append(piece);
            } catch (RuntimeException e) {
                failed[0] = true;
                log.warn("reading the plan while it is written failed; its steps start once it is whole", e);
            }
        };
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
                if (observer.streams()) {
                    response = planner.llm().stream(request, reader(observer));
                } else {
                    response = planner.llm().chat(request);
                }
            } catch (LlmException e) {
                return new ModelFailed(e);
            }
            observer.answered(response);
            PlanDraft draft = planner.read(response.text(), selection);
            drafts.add(draft);
            if (draft.isUsable()) {
                return new Planned(draft);
            }
            if (round == planner.maxRepairs()) {
                return new Unusable(draft, round + 1);
            }
            observer.repairing(round + 1, draft);
            List<Scored> added = planner.widening(draft, selection);
            if (!added.isEmpty()) {
                added.forEach(tool -> widened.add(tool.name()));
                selection = planner.select(task, widened);
            }
            request = planner.repair(request, response.text(), draft, selection, added);
        }
    }
}
