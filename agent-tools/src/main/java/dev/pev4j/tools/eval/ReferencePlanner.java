package dev.pev4j.tools.eval;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * A scripted model that plans every task of a suite with its reference plan: the yardstick run (a perfect planner
 * scores 1.0 on plan isomorphism, and on answers when the reference plans and the expected answers agree, which
 * checks the suite itself). Planner requests (the system message opens as the planner's prompt does) get the
 * reference plan of the task whose text the user message holds; any other request (the solver's) gets a fixed
 * sentence, as answers are scored on the plan's evidence. Reports no token usage. Stateless and thread-safe.
 */
public final class ReferencePlanner implements LocalLlm {

    /** How the planner's system prompt ({@code planner-v1}) opens. */
    static final String PLANNER_OPENING = "You are the planner of an agent.";

    /** The reply to requests other than the planner's. */
    public static final String SOLVER_REPLY = "The answer is the evidence of the plan's last step.";

    private final List<EvalTask> tasks;

    private ReferencePlanner(List<EvalTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** Plans the tasks of {@code suite} with their reference plans. */
    public static ReferencePlanner of(EvalSuite suite) {
        return new ReferencePlanner(
                Objects.requireNonNull(suite, "suite == null").tasks());
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        ChatMessage first = request.messages().get(0);
        if (first.role() != ChatMessage.Role.SYSTEM || !first.text().startsWith(PLANNER_OPENING)) {
            return new LlmResponse(SOLVER_REPLY, TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
        }
        String user = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER)
                .findFirst()
                .map(ChatMessage::text)
                .orElse("");
        EvalTask found = null;
        for (EvalTask task : tasks) {
            if (user.contains(task.task())
                    && (found == null || task.task().length() > found.task().length())) {
                found = task;
            }
        }
        if (found == null) {
            throw new LlmException(
                    "the reference planner knows no task in: "
                            + (user.length() <= 120 ? user : user.substring(0, 117) + "..."),
                    false);
        }
        return new LlmResponse(found.referencePlan(), TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
    }

    @Override
    public String name() {
        return "reference-planner";
    }
}
