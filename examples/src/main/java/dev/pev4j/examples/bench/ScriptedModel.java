package dev.pev4j.examples.bench;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import java.util.List;

/**
 * The benchmark's model: replies with each task's scripted content, keyed on the request. The planner gets the task's
 * plan; the solver its answer; the ReAct loop, turn by turn, the same calls (Thought / Action / Action Input), one a
 * turn, then the answer. The task is the one whose question the first user message holds; the ReAct turn is the
 * number of the model's replies in the history. Reports no usage ({@link CountingLlm} counts). Thread-safe
 * (stateless).
 */
final class ScriptedModel implements LocalLlm {

    private final List<BenchTask> tasks;

    ScriptedModel(List<BenchTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        Role role = Role.of(request);
        BenchTask task = task(request);
        String reply = switch (role) {
            case PLANNER -> task.planText();
            case SOLVER -> task.answer();
            case REACT -> reactTurn(task, request);
            case OTHER ->
                throw new LlmException(
                        "the benchmark's scripted model has no reply for this request "
                                + "(neither planner, solver nor ReAct); its system message begins: "
                                + abbreviate(request.messages().get(0).text()),
                        false);
        };
        return new LlmResponse(reply, TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
    }

    @Override
    public String name() {
        return "scripted";
    }

    static String reactTurn(BenchTask task, LlmRequest request) {
        long turn = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.ASSISTANT)
                .count();
        if (turn < task.calls().size()) {
            BenchTask.Call call = task.calls().get((int) turn);
            return "Thought: " + call.thought() + "\nAction: " + call.tool() + "\nAction Input: " + call.args();
        }
        return "Thought: I now know the final answer.\nFinal Answer: " + task.answer();
    }

    private BenchTask task(LlmRequest request) {
        String user = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER)
                .findFirst()
                .map(ChatMessage::text)
                .orElse("");
        BenchTask found = null;
        for (BenchTask task : tasks) {
            if (user.contains(task.question())
                    && (found == null
                            || task.question().length() > found.question().length())) {
                found = task;
            }
        }
        if (found == null) {
            throw new LlmException("the benchmark's scripted model knows no task in: " + abbreviate(user), false);
        }
        return found;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
