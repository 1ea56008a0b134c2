package dev.pev4j.internal.solver;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.llm.ModelJson;
import dev.pev4j.internal.llm.ModelOutputException;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.tool.ToolParameter;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes the final answer to a task from the plan and its evidence previews, with one model call (ReWOO's solver).
 *
 * <pre>{@code
 * Solver solver = Solver.builder().llm(llm).build();
 * String answer = solver.solve(task, plan, executionResult).answer();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Solver {

    /** The version of the prompt, recorded in traces. */
    public static final String PROMPT_VERSION = "solver-v1";

    private static final PromptTemplate SYSTEM = PromptTemplate.load(Solver.class, "solver-v1.txt");
    private static final PromptTemplate TASK = PromptTemplate.load(Solver.class, "solver-task-v1.txt");

    private final LocalLlm llm;
    private final int maxTokens;

    private Solver(LocalLlm llm, int maxTokens) {
        this.llm = llm;
        this.maxTokens = maxTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request {@link #solve} sends. */
    public LlmRequest request(String task, Plan plan, ExecutionResult result) {
        return request(task, plan, result, null);
    }

    /**
     * The request {@link #solve(String, Plan, ExecutionResult, Class)} sends: with {@code answerType}, the prompt asks
     * for JSON under the type's schema, and the schema constrains the reply on models that support it.
     */
    public LlmRequest request(String task, Plan plan, ExecutionResult result, @Nullable Class<?> answerType) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(plan, "plan == null");
        Objects.requireNonNull(result, "result == null");
        String user = TASK.fill(Map.of("task", task.strip(), "evidence", evidence(plan, result)))
                .strip();
        LlmRequest.Builder request = LlmRequest.builder()
                .system(SYSTEM.text().strip())
                .maxTokens(maxTokens)
                .temperature(0.0);
        if (answerType != null) {
            String schema = schema(answerType);
            user = user.substring(0, user.length() - "Answer:".length()).stripTrailing()
                    + "\n\nAnswer with one JSON value, and nothing else, that follows this JSON schema:\n" + schema
                    + "\nAnswer:";
            if (llm.capabilities().jsonSchema()) {
                request.jsonSchema(schema);
            }
        }
        return request.user(user).build();
    }

    /**
     * The JSON schema of an answer of {@code answerType}: records, simple beans, lists, maps, enums and scalars, with
     * bounds on lengths and item counts so that grammar-constrained decoding ends (the same schemas as tool
     * parameters, see {@link ToolParameter#valueSchema()}).
     */
    public static String schema(Class<?> answerType) {
        return new ToolParameter("answer", "", answerType, true, null)
                .valueSchema()
                .toString();
    }

    /**
     * The answer to {@code task} from {@code result}, the run of {@code plan}.
     *
     * @throws dev.pev4j.llm.LlmException when the model fails
     */
    public Solution solve(String task, Plan plan, ExecutionResult result) {
        LlmRequest request = request(task, plan, result);
        LlmResponse response = llm.chat(request);
        return new Solution(response.text().strip(), request, response.usage());
    }

    /**
     * The answer to {@code task} from {@code result}, as JSON under {@code answerType}'s schema, bound to it.
     *
     * @throws dev.pev4j.llm.LlmException when the model fails
     * @throws ModelOutputException when the reply holds no JSON that binds to {@code answerType}
     */
    public <T> Typed<T> solve(String task, Plan plan, ExecutionResult result, Class<T> answerType) {
        LlmRequest request = request(task, plan, result, answerType);
        LlmResponse response = llm.chat(request);
        Solution solution = new Solution(response.text().strip(), request, response.usage());
        return new Typed<>(solution, ModelJson.read(response.text(), answerType));
    }

    /** A typed answer: the solution as the model wrote it, and the object it was read into. */
    public record Typed<T>(Solution solution, T value) {}

    /** Each step as the plan wrote it, then its result's preview, or why it has none. */
    static String evidence(Plan plan, ExecutionResult result) {
        StringBuilder text = new StringBuilder();
        for (Step step : plan.steps()) {
            if (!step.thought().isEmpty()) {
                text.append("Plan: ").append(step.thought()).append('\n');
            }
            text.append(step).append('\n');
            StepOutcome outcome = result.outcome(step.id()).orElse(null);
            if (outcome instanceof StepOutcome.Done done) {
                text.append("Result: ").append(done.preview()).append('\n');
            } else if (outcome instanceof StepOutcome.Failed failed) {
                text.append("Failed: ").append(failed.reason()).append('\n');
            } else if (outcome instanceof StepOutcome.Skipped skipped) {
                text.append("Skipped: ").append(skipped.why()).append('\n');
            } else {
                text.append("Not run\n");
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "Solver[" + llm.name() + ", " + PROMPT_VERSION + "]";
    }

    /** Configures a {@link Solver}. Not thread-safe. */
    public static final class Builder {
        private @Nullable LocalLlm llm;
        private int maxTokens = 512;

        private Builder() {}

        /** The model that writes answers; required. */
        public Builder llm(LocalLlm llm) {
            this.llm = Objects.requireNonNull(llm, "llm == null");
            return this;
        }

        /** The most tokens of an answer; 512 by default. */
        public Builder maxTokens(int maxTokens) {
            Checks.atLeast("maxTokens", maxTokens, 1);
            this.maxTokens = maxTokens;
            return this;
        }

        public Solver build() {
            if (llm == null) {
                throw new IllegalStateException("A Solver needs a model: pass one to llm(...).");
            }
            return new Solver(llm, maxTokens);
        }
    }
}
