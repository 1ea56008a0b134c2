package dev.pev4j.internal.planner;

import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenCounter;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.internal.prompt.PromptFitter;
import dev.pev4j.internal.prompt.PromptSection;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.internal.prompt.PromptTooLongException;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.plan.Feedback;

/**
 * Asks a model for a plan: writes the planning prompt (from the versioned resource {@code planner-v1.txt}), reads and
 * validates the reply, and writes repair and replanning prompts. The rounds of one plan run in a {@link
 * PlanningSession}, for the agent and for {@link #plan(String)} alike.
 *
 * <pre>{@code
 * Planner planner = Planner.builder().llm(llm).tools(ToolRegistry.of(new DataOps(dir))).build();
 * Plan plan = planner.plan("Top 3 regions by revenue in sales.csv");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Planner {

    /** The version of the prompt, recorded in traces and fine-tuning records. */
    public static final String PROMPT_VERSION = "planner-v1";

    private static final PromptTemplate SYSTEM = PromptTemplate.load(Planner.class, "planner-v1.txt");
    private static final PromptTemplate TASK = PromptTemplate.load(Planner.class, "planner-task-v1.txt");
    private static final PromptTemplate FORMAT_TEXT = PromptTemplate.load(Planner.class, "planner-format-text-v1.txt");
    private static final PromptTemplate FORMAT_JSON = PromptTemplate.load(Planner.class, "planner-format-json-v1.txt");
    private static final PromptTemplate CRITERIA = PromptTemplate.load(Planner.class, "planner-criteria-v1.txt");
    private static final PromptTemplate EXAMPLES = PromptTemplate.load(Planner.class, "planner-examples-v1.txt");
    private static final PromptTemplate REPAIR = PromptTemplate.load(Planner.class, "planner-repair-v1.txt");
    private static final PromptTemplate REPLAN = PromptTemplate.load(Planner.class, "planner-replan-v1.txt");

    /** Tokens left for the chat template's role markers around the two messages. */
    private static final int TEMPLATE_MARGIN = 16;

    private final LocalLlm llm;
    private final ToolRegistry tools;
    private final ToolSelector selector;
    private final PlanValidator validator;
    private final PlanParser parser = PlanParser.create();
    private final String context;
    private final int maxSteps;
    private final int maxTokens;
    private final int maxRepairs;
    private final String examples;
    private final PromptFitter fitter;

    private Planner(Builder builder, LocalLlm llm, ToolRegistry tools) {
        this.llm = llm;
        this.tools = tools;
        this.selector = builder.selector;
        this.validator = PlanValidator.forTools(tools);
        this.context = builder.context;
        this.maxSteps = builder.maxSteps;
        this.maxTokens = builder.maxTokens;
        this.maxRepairs = builder.maxRepairs;
        this.examples = builder.examples.isBlank() ? EXAMPLES.text() : builder.examples.strip() + "\n";
        TokenCounter counter = builder.tokenCounter != null ? builder.tokenCounter
                : llm instanceof TokenCounter c ? c : PromptFitter.ESTIMATE;
        this.fitter = new PromptFitter(counter);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model this planner asks. */
    public LocalLlm llm() {
        return llm;
    }

    /** The most repair rounds {@link #plan(String)} runs after the first reply. */
    public int maxRepairs() {
        return maxRepairs;
    }

    /** The most steps a plan may have. */
    public int maxSteps() {
        return maxSteps;
    }

    /** The first request for a plan for {@code task}: the system prompt and the task with its data context. */
    public LlmRequest request(String task) {
        Objects.requireNonNull(task, "task == null");
        return request(task, "");
    }

    /** A request for a new plan for {@code task}, telling the model what went wrong with the previous one. */
    public LlmRequest request(String task, Feedback feedback) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(feedback, "feedback == null");
        return request(task, "\n\n" + feedbackText(feedback));
    }

    /**
     * The replanning text that {@link #request(String, Feedback)} appends to the task, after a blank line: the
     * previous plan, the steps that failed with their errors, the criteria that failed with why.
     */
    public static String feedbackText(Feedback feedback) {
        return REPLAN.fill(Map.of(
                "previous_plan", feedback.previousPlan().strip(),
                "failed_steps", feedback.failedStepsText(),
                "failed_criteria", feedback.failedCriteriaText()));
    }

    private LlmRequest request(String task, String feedback) {
        List<ToolDescriptor> selected = selected(task);
        boolean json = llm.capabilities().jsonSchema();
        Function<Map<String, String>, String> systemLayout = texts -> SYSTEM.fill(Map.of(
                "tools", texts.get("tools"),
                "format", (json ? FORMAT_JSON : FORMAT_TEXT).text().strip(),
                "max_steps", Integer.toString(maxSteps),
                "criteria", CRITERIA.text(),
                "examples", texts.get("examples")));
        Function<Map<String, String>, String> userLayout = texts ->
                TASK.fill(Map.of("context", contextText(texts.getOrDefault("context", "")), "task", task.strip())).strip() + feedback;
        Map<String, String> texts = fitted(render(selected), systemLayout, userLayout);
        String system = systemLayout.apply(texts);
        String user = userLayout.apply(texts);
        LlmRequest.Builder request =
                LlmRequest.builder().system(system).user(user).maxTokens(maxTokens).temperature(0.0);
        if (json) {
            request.jsonSchema(jsonSchema(selected));
        }
        return request.build();
    }

    /**
     * The request after {@code previous} produced {@code reply} and {@code draft} has problems: the same conversation
     * with the reply and a message listing the problems.
     */
    LlmRequest repair(LlmRequest previous, String reply, PlanDraft draft) {
        Objects.requireNonNull(previous, "previous == null");
        Objects.requireNonNull(reply, "reply == null");
        Objects.requireNonNull(draft, "draft == null");
        return previous.toBuilder()
                .assistant(reply)
                .user(REPAIR.fill(Map.of("problems", draft.problemsText().stripTrailing())).strip())
                .build();
    }

    /** Reads the model's reply: parses it, validates the plan against the tools and the step limit. */
    PlanDraft read(String reply) {
        Objects.requireNonNull(reply, "reply == null");
        Plan plan;
        try {
            plan = parser.parse(reply);
        } catch (PlanParseException e) {
            return new PlanDraft(reply, null, List.of(e.getMessage()), false);
        }
        List<String> problems = new ArrayList<>();
        ValidationReport report = validator.validate(plan);
        for (PlanProblem problem : report.problems()) {
            problems.add(problem.message());
        }
        boolean over = plan.steps().size() > maxSteps;
        if (over) {
            problems.add("the plan has " + plan.steps().size() + " steps but at most " + maxSteps
                    + " are allowed; combine or drop steps");
        }
        return new PlanDraft(reply, plan, problems, over);
    }

    /** A planning session for {@code task}: the first request, then repair rounds as the replies need them. */
    public PlanningSession session(String task) {
        return new PlanningSession(this, request(task));
    }

    /** A planning session for a new plan for {@code task}, telling the model what went wrong with the previous one. */
    public PlanningSession session(String task, Feedback feedback) {
        return new PlanningSession(this, request(task, feedback));
    }

    /**
     * A usable plan for {@code task}, after at most {@link #maxRepairs()} repair rounds.
     *
     * @throws PlanningException when the last reply still has problems
     * @throws LlmException when the model call fails
     */
    public Plan plan(String task) {
        PlanningSession.Outcome outcome = session(task).run(new PlanningSession.Observer() {});
        if (outcome instanceof PlanningSession.Planned planned) {
            return planned.draft().plan().orElseThrow();
        }
        if (outcome instanceof PlanningSession.Unusable unusable) {
            throw new PlanningException("no usable plan after " + unusable.replies() + " replies (maxRepairs is "
                    + maxRepairs + "); the last one had these problems:\n" + unusable.last().problemsText(),
                    unusable.last());
        }
        if (outcome instanceof PlanningSession.ModelFailed failed) {
            throw failed.error();
        }
        throw new IllegalStateException("a session without a budget cannot halt: " + outcome);
    }

    private List<ToolDescriptor> selected(String task) {
        List<ToolDescriptor> selected = selector.select(task, tools);
        if (selected.isEmpty()) {
            throw new IllegalStateException("the tool selector " + selector + " chose no tool for task '" + task
                    + "'; it must choose at least one of " + tools.names());
        }
        return selected;
    }

    /** The registry's rendering, keeping the blocks (signature line and its indented notes) of the selected tools. */
    private String render(List<ToolDescriptor> selected) {
        String all = tools.render();
        if (selected.size() == tools.tools().size()) {
            return all;
        }
        Set<String> names = new HashSet<>();
        for (ToolDescriptor tool : selected) {
            names.add(tool.name());
        }
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : all.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                int paren = line.indexOf('(');
                keep = paren > 0 && names.contains(line.substring(0, paren));
            }
            if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String contextText(String context) {
        return context.isBlank() ? "" : "Data context:\n" + context.strip() + "\n\n";
    }

    /**
     * The tools, examples and data context, fitted to the context window less the reply's tokens when the model
     * declares a window (see {@link PromptFitter} for the order of trimming), else as they are.
     */
    private Map<String, String> fitted(String renderedTools, Function<Map<String, String>, String> systemLayout,
            Function<Map<String, String>, String> userLayout) {
        Map<String, String> whole = Map.of("tools", renderedTools, "examples", examples, "context", context);
        int window = llm.capabilities().contextWindow();
        if (window <= 0) {
            return whole;
        }
        String trailing = examples.endsWith("\n") ? "\n" : "";
        List<String> items = examples.isBlank() ? List.of() : List.of(examples.strip().split("\n\n"));
        List<PromptSection> sections = List.of(
                PromptSection.tools("tools", renderedTools),
                PromptSection.examples("examples", items, "\n\n"),
                PromptSection.evidence("context", context.isBlank() ? List.of() : List.of(context.strip()), "\n"));
        // Both messages count against one budget; the chat template's own tokens are left a margin.
        int budget = window - maxTokens - TEMPLATE_MARGIN;
        if (budget < 1) {
            throw new PromptTooLongException("model '" + llm.name() + "' has a context window of " + window
                    + " tokens, which leaves no room for a prompt after the reply's maxTokens " + maxTokens + " and "
                    + TEMPLATE_MARGIN + " tokens for the chat template; lower maxTokens", 0, budget);
        }
        PromptFitter.Fitted fitted = fitter.fit(sections, t -> systemLayout.apply(t) + "\n" + userLayout.apply(t),
                budget);
        if (fitted.trimmed().isEmpty()) {
            return whole;
        }
        Map<String, String> texts = new java.util.HashMap<>(fitted.texts());
        texts.put("tools", texts.get("tools") + (renderedTools.endsWith("\n") ? "\n" : ""));
        texts.put("examples", texts.get("examples") + trailing);
        return texts;
    }

    /**
     * The JSON plan form, typed per tool and bounded everywhere: each step is a call of one of the selected tools with
     * its arguments by name, each argument shaped by its parameter's Java type, so no unknown tool, unknown argument
     * or mistyped literal can be written.
     */
    String jsonSchema(List<ToolDescriptor> selected) {
        return PlanSchema.plan(selected, maxSteps).toString();
    }

    @Override
    public String toString() {
        return "Planner[" + llm.name() + ", " + PROMPT_VERSION + ", maxSteps=" + maxSteps + ", maxRepairs=" + maxRepairs
                + "]";
    }

    /** Configures a {@link Planner}. Not thread-safe. */
    public static final class Builder {
        private @Nullable LocalLlm llm;
        private @Nullable ToolRegistry tools;
        private ToolSelector selector = ToolSelector.all();
        private String context = "";
        private int maxSteps = 12;
        private int maxTokens = 1024;
        private int maxRepairs = 2;
        private String examples = "";
        private @Nullable TokenCounter tokenCounter;

        private Builder() {}

        /**
         * Example tasks with their plans and criteria for the prompt, written with these tools (the agent passes what
         * its toolkits give, see {@code Toolkit#examples()}); when blank, generic examples in the resource
         * {@code planner-examples-v1.txt} whose tools the model is told may not be its own.
         */
        public Builder examples(String examples) {
            this.examples = Objects.requireNonNull(examples, "examples == null");
            return this;
        }

        /**
         * Counts prompt tokens when the model declares a context window; by default the model itself when it is a
         * {@link TokenCounter}, else {@link PromptFitter#ESTIMATE} (a token per four characters).
         */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter == null");
            return this;
        }

        /** The model that writes plans; required. */
        public Builder llm(LocalLlm llm) {
            this.llm = Objects.requireNonNull(llm, "llm == null");
            return this;
        }

        /** The tools plans may call; required. */
        public Builder tools(ToolRegistry tools) {
            this.tools = Objects.requireNonNull(tools, "tools == null");
            return this;
        }

        /** Chooses the tools shown for a task; all of them by default. */
        public Builder toolSelector(ToolSelector selector) {
            this.selector = Objects.requireNonNull(selector, "selector == null");
            return this;
        }

        /** What the toolkits say about the data (file names, columns and types); none by default. */
        public Builder context(String context) {
            this.context = Objects.requireNonNull(context, "context == null");
            return this;
        }

        /** The most steps a plan may have; 12 by default. */
        public Builder maxSteps(int maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1 but was " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** The most tokens of one plan reply; 1024 by default. */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1 but was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Repair rounds after a reply with problems; 2 by default. */
        public Builder maxRepairs(int maxRepairs) {
            if (maxRepairs < 0) {
                throw new IllegalArgumentException("maxRepairs must be >= 0 but was " + maxRepairs);
            }
            this.maxRepairs = maxRepairs;
            return this;
        }

        public Planner build() {
            if (llm == null) {
                throw new IllegalStateException("A Planner needs a model: pass one to llm(...).");
            }
            if (tools == null) {
                throw new IllegalStateException("A Planner needs tools: pass a ToolRegistry to tools(...).");
            }
            return new Planner(this, llm, tools);
        }
    }
}
