package dev.pev4j.examples.bench;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;

/** Who sent a request to the benchmark's model, told by the opening of its system message. */
enum Role {
    /** pev4j's planner (the system prompt {@code planner-v1}). */
    PLANNER,
    /** pev4j's solver ({@code solver-v1}). */
    SOLVER,
    /** The ReAct baseline's loop. */
    REACT,
    /** Anything else, such as an LLM judge of the tester. */
    OTHER;

    static Role of(LlmRequest request) {
        ChatMessage first = request.messages().get(0);
        if (first.role() != ChatMessage.Role.SYSTEM) {
            return OTHER;
        }
        String system = first.text();
        if (system.startsWith("You are the planner of an agent.")) {
            return PLANNER;
        }
        if (system.startsWith("You write the final answer to a task from the results of a plan")) {
            return SOLVER;
        }
        if (system.startsWith(ReactLoop.OPENING)) {
            return REACT;
        }
        return OTHER;
    }
}
