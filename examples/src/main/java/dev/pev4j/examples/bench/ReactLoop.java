package dev.pev4j.examples.bench;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ReAct baseline (Yao et al. 2022) in its minimal chat form: a system prompt with the tools, the data context and
 * the reply format; then per turn the model writes {@code Thought / Action / Action Input}, the loop runs that one
 * tool call and appends the model's reply and an {@code Observation} (the same bounded preview pev4j shows its
 * solver), and sends the whole history again. {@code Final Answer:} ends the loop. Tool calls go through the same
 * {@link ToolRegistry} and {@link PlanExecutor} (with the same previewers and preview size) as pev4j's, and an
 * observation's evidence stays a Java object that later calls use as {@code #E<n>}, so both systems can express the
 * same calls. A bad action or a failing tool becomes an {@code Error:} observation, as in ReAct. Thread-safe if the
 * model is.
 */
final class ReactLoop {

    /** How the system prompt begins; {@link Role} tells ReAct requests by it. */
    static final String OPENING = "You answer a question about data by calling tools, one call at a time";

    private static final String FORMAT = """
            ## How to answer
            Reply with exactly these three lines, then stop:
            Thought: <what you know so far and what to do next>
            Action: <the name of one tool listed above>
            Action Input: <the tool's arguments in the order shown: literals ("text", 42, 3.5, true, ["a", "b"], \
            {"key": ["value"]}) or #E<n>, the result of an earlier call>
            The tool then runs, and the next message is "Observation #E<n>: <a preview of its result>".
            Repeat until the observations answer the question; then reply:
            Thought: I now know the final answer.
            Final Answer: <the answer, using only values from the observations>""";

    private static final String FINAL = "Final Answer:";
    private static final String ACTION = "Action:";
    private static final String INPUT = "Action Input:";

    private final LocalLlm llm;
    private final PlanExecutor executor;
    private final ToolRegistry tools;
    private final String context;
    private final ToolSelector selector;
    private final int maxTurns;
    private final PlanParser parser = PlanParser.create();

    ReactLoop(LocalLlm llm, ToolRegistry tools, PlanExecutor executor, String context, int maxTurns) {
        this(llm, tools, executor, context, maxTurns, ToolSelector.all());
    }

    /** A loop whose system prompt lists the tools {@code selector} chooses for the question (the same as pev4j's). */
    ReactLoop(
            LocalLlm llm,
            ToolRegistry tools,
            PlanExecutor executor,
            String context,
            int maxTurns,
            ToolSelector selector) {
        this.llm = Objects.requireNonNull(llm, "llm == null");
        this.executor = Objects.requireNonNull(executor, "executor == null");
        this.tools = Objects.requireNonNull(tools, "tools == null");
        this.context = Objects.requireNonNull(context, "context == null");
        this.selector = Objects.requireNonNull(selector, "selector == null");
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be >= 1 but was " + maxTurns);
        }
        this.maxTurns = maxTurns;
    }

    /** The system prompt every request of a run for {@code question} begins with. */
    String systemPrompt(String question) {
        return OPENING + ": after each call you see its result, then decide on the next call.\n\n"
                + "## Tools\n" + tools.render(selector.select(question, tools))
                + (context.isBlank() ? "" : "\n## Data\n" + context.strip() + "\n")
                + "\n" + FORMAT;
    }

    /** How one question went. */
    record Outcome(
            String answer,
            boolean finished,
            int llmCalls,
            int promptTokens,
            int outputTokens,
            int toolErrors,
            String lastObservation) {}

    Outcome run(String question) {
        List<ChatMessage> history = new ArrayList<>();
        history.add(ChatMessage.system(systemPrompt(question)));
        history.add(ChatMessage.user("Question: " + question.strip()));
        List<Step> steps = new ArrayList<>();
        Map<StepId, StepOutcome.Done> results = new HashMap<>();
        int calls = 0;
        int promptTokens = 0;
        int outputTokens = 0;
        int errors = 0;
        String last = "";
        for (int turn = 0; turn < maxTurns; turn++) {
            LlmRequest request = LlmRequest.builder()
                    .messages(history)
                    .maxTokens(512)
                    .temperature(0.0)
                    .stop("\nObservation")
                    .build();
            LlmResponse response = llm.chat(request);
            calls++;
            promptTokens += response.usage().inputTokens();
            outputTokens += response.usage().outputTokens();
            String reply = response.text().strip();
            int answerAt = reply.indexOf(FINAL);
            if (answerAt >= 0) {
                return new Outcome(
                        reply.substring(answerAt + FINAL.length()).strip(),
                        true,
                        calls,
                        promptTokens,
                        outputTokens,
                        errors,
                        last);
            }
            StepId id = StepId.of(steps.size() + 1);
            String observation;
            try {
                Step step = step(id, reply);
                List<Step> plan = new ArrayList<>(steps);
                plan.add(step);
                ExecutionResult result = executor.execute(new Plan(plan), results, event -> {});
                StepOutcome outcome = result.outcome(id).orElseThrow();
                if (outcome instanceof StepOutcome.Done done) {
                    steps.add(step);
                    results.put(id, done);
                    observation = "Observation #" + id + ": " + done.preview();
                } else {
                    errors++;
                    observation = "Observation: Error: "
                            + (outcome instanceof StepOutcome.Failed failed ? failed.reason() : outcome.toString());
                }
            } catch (PlanParseException | IllegalArgumentException e) {
                errors++;
                observation = "Observation: Error: " + e.getMessage();
            }
            last = observation;
            history.add(ChatMessage.assistant(reply));
            history.add(ChatMessage.user(observation));
        }
        return new Outcome("", false, calls, promptTokens, outputTokens, errors, last);
    }

    /** The reply's action as step {@code id}, read by pev4j's plan parser so that both systems read calls alike. */
    private Step step(StepId id, String reply) {
        int action = reply.indexOf(ACTION);
        int input = reply.indexOf(INPUT);
        if (action < 0 || input < action) {
            throw new IllegalArgumentException(
                    "write \"" + ACTION + "\" and \"" + INPUT + "\" lines, or \"" + FINAL + "\"");
        }
        String tool = reply.substring(action + ACTION.length(), input).strip();
        String args = reply.substring(input + INPUT.length()).strip();
        Plan plan = parser.parse("#" + id + " = " + tool + "(" + args + ")");
        if (plan.steps().size() != 1) {
            throw new IllegalArgumentException("the action must be one tool call but was: " + tool + "(" + args + ")");
        }
        return plan.steps().get(0);
    }
}
