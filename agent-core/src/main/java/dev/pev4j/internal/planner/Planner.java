package dev.pev4j.internal.planner;

import dev.pev4j.internal.Checks;
import dev.pev4j.internal.prompt.PromptFitter;
import dev.pev4j.internal.prompt.PromptSection;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.internal.prompt.PromptTooLongException;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.ToolSelector.Example;
import dev.pev4j.spi.ToolSelector.Scored;
import dev.pev4j.spi.ToolSelector.Selection;
import dev.pev4j.tester.Tester;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Asks a model for a plan: writes the planning prompt (from the versioned resource {@code planner-v1.txt}), reads and
 * validates the reply, and writes repair and replanning prompts. The rounds of one plan run in a {@link
 * PlanningSession}, for the agent and for {@link #plan(String)} alike. A {@link ToolSelector} chooses the tools and
 * examples shown; a session widens that selection when the model calls a tool it was not shown.
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
    private static final PromptTemplate SELECTED = PromptTemplate.load(Planner.class, "planner-selected-v1.txt");
    private static final PromptTemplate SELECTED_TASK =
            PromptTemplate.load(Planner.class, "planner-selected-task-v1.txt");
    private static final PromptTemplate WIDENED = PromptTemplate.load(Planner.class, "planner-widened-v1.txt");

    /** How many unshown tools an unknown tool's error names, and a repair adds. */
    private static final int NEAREST = 3;

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
    private final List<Example> candidates;
    private final TokenCounter counter;
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
        List<Example> all = new ArrayList<>(Example.parseAll(builder.examples));
        all.addAll(Example.parseAll(builder.exampleBank));
        this.candidates = List.copyOf(all);
        this.counter = builder.tokenCounter != null
                ? builder.tokenCounter
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
        return request(task, select(task, List.of()));
    }

    /** The first request for a plan for {@code task}, showing the tools and examples of {@code selection}. */
    public LlmRequest request(String task, Selection selection) {
        Objects.requireNonNull(task, "task == null");
        return request(task, "", selection);
    }

    /** A request for a new plan for {@code task}, telling the model what went wrong with the previous one. */
    public LlmRequest request(String task, Feedback feedback) {
        Objects.requireNonNull(task, "task == null");
        return request(task, feedback, select(task, List.of()));
    }

    /** {@link #request(String, Feedback)} showing the tools and examples of {@code selection}. */
    public LlmRequest request(String task, Feedback feedback, Selection selection) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(feedback, "feedback == null");
        return request(task, "\n\n" + feedbackText(feedback), selection);
    }

    /**
     * The tools and examples the tool selector chooses for {@code task}, with {@code widen} (tools added after the model
     * asked for one it was not shown) besides.
     *
     * @throws IllegalStateException when the selector chose no tool
     */
    public Selection select(String task, Collection<String> widen) {
        Objects.requireNonNull(task, "task == null");
        Selection selection = selector.choose(task, tools, widen, candidates);
        if (selection.tools().isEmpty()) {
            throw new IllegalStateException("the tool selector " + selector + " chose no tool for task '" + task
                    + "'; it must choose at least one of " + tools.names());
        }
        return selection;
    }

    /**
     * The tools not in {@code selection} nearest to each unknown tool that {@code draft} calls (by the selector's
     * measure), at most {@value #NEAREST} per unknown tool; empty when the draft calls no unknown tool.
     */
    public List<Scored> widening(PlanDraft draft, Selection selection) {
        Objects.requireNonNull(draft, "draft == null");
        Set<String> shown = new HashSet<>(selection.toolNames());
        Map<String, Scored> added = new java.util.LinkedHashMap<>();
        for (String unknown : unknownTools(draft)) {
            for (Scored near : selector.nearest(unknown, tools, shown, NEAREST)) {
                added.putIfAbsent(near.name(), near);
            }
        }
        return List.copyOf(added.values());
    }

    private Set<String> unknownTools(PlanDraft draft) {
        Set<String> unknown = new LinkedHashSet<>();
        draft.plan().ifPresent(plan -> {
            for (Step step : plan.steps()) {
                if (tools.find(step.tool()).isEmpty()) {
                    unknown.add(step.tool());
                }
            }
        });
        return unknown;
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

    private LlmRequest request(String task, String feedback, Selection selection) {
        List<ToolDescriptor> selected = descriptors(selection.toolNames());
        boolean json = llm.capabilities().jsonSchema();
        if (!selection.everything()) {
            return selectedRequest(task, feedback, selection, selected, json);
        }
        Function<Map<String, String>, String> systemLayout = texts -> SYSTEM.fill(Map.of(
                "tools", texts.get("tools"),
                "format", (json ? FORMAT_JSON : FORMAT_TEXT).text().strip(),
                "max_steps", Integer.toString(maxSteps),
                "criteria", CRITERIA.text(),
                "examples", texts.get("examples")));
        Function<Map<String, String>, String> userLayout = texts ->
                TASK.fill(Map.of("context", contextText(texts.getOrDefault("context", "")), "task", task.strip()))
                                .strip()
                        + feedback;
        Map<String, String> texts = fitted(tools.render(selected), systemLayout, userLayout);
        String system = systemLayout.apply(texts);
        String user = userLayout.apply(texts);
        LlmRequest.Builder request = LlmRequest.builder()
                .system(system)
                .user(user)
                .maxTokens(maxTokens)
                .temperature(0.0);
        if (json) {
            request.jsonSchema(jsonSchema(selected));
        }
        return budgeted(request.build());
    }

    /**
     * The request after {@code previous} produced {@code reply} and {@code draft} has problems: the same conversation
     * with the reply and a message listing the problems.
     */
    LlmRequest repair(LlmRequest previous, String reply, PlanDraft draft) {
        Objects.requireNonNull(previous, "previous == null");
        Objects.requireNonNull(reply, "reply == null");
        Objects.requireNonNull(draft, "draft == null");
        return budgeted(previous.toBuilder()
                .assistant(reply)
                .user(REPAIR.fill(Map.of("problems", draft.problemsText().stripTrailing()))
                        .strip())
                .build());
    }

    /**
     * {@link #read(String)}, and an unknown tool's problem also names the tools nearest to it that {@code selection}
     * did not show.
     */
    PlanDraft read(String reply, Selection selection) {
        PlanDraft draft = read(reply);
        if (selection.everything() || unknownTools(draft).isEmpty()) {
            return draft;
        }
        Set<String> shown = new HashSet<>(selection.toolNames());
        List<String> problems = new ArrayList<>();
        for (String problem : draft.problems()) {
            String extra = "";
            for (String unknown : unknownTools(draft)) {
                if (problem.contains("unknown tool '" + unknown + "'")) {
                    List<String> near = selector.nearest(unknown, tools, shown, NEAREST).stream()
                            .map(Scored::name)
                            .toList();
                    extra = near.isEmpty()
                            ? ""
                            : " Nearest tools not shown before: " + String.join(", ", near) + " (now listed below).";
                }
            }
            problems.add(problem + extra);
        }
        return new PlanDraft(draft.text(), draft.plan().orElse(null), problems, draft.overStepLimit());
    }

    /**
     * {@link #repair(LlmRequest, String, PlanDraft)} that also shows the tools in {@code added} (see {@link
     * #widening}), and in JSON form allows every tool of {@code selection} (which includes them).
     */
    LlmRequest repair(LlmRequest previous, String reply, PlanDraft draft, Selection selection, List<Scored> added) {
        if (added.isEmpty()) {
            return repair(previous, reply, draft);
        }
        String text = REPAIR.fill(Map.of("problems", draft.problemsText().stripTrailing()))
                        .strip() + "\n\n"
                + WIDENED.fill(Map.of(
                                "tools",
                                tools.render(descriptors(
                                        added.stream().map(Scored::name).toList()))))
                        .strip();
        LlmRequest.Builder request = previous.toBuilder().assistant(reply).user(text);
        if (llm.capabilities().jsonSchema()) {
            request.jsonSchema(jsonSchema(descriptors(selection.toolNames())));
        }
        return budgeted(request.build());
    }

    /**
     * Reads the model's reply: parses it, validates the plan against the tools and the step limit, and its criteria
     * ({@link Tester#problems}: a criterion that refers to no step, or starts like a check but does not parse, is
     * repaired now rather than failed after the whole plan ran or sent to a judge as prose).
     */
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
        for (Tester.CriterionProblem problem : Tester.problems(plan)) {
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
        return session(task, List.of());
    }

    /**
     * A planning session for {@code task} whose selection shows {@code widen} too (tools added after the model called
     * one it was not shown, in an earlier attempt of the run).
     */
    public PlanningSession session(String task, Collection<String> widen) {
        Selection selection = select(task, widen);
        return new PlanningSession(this, task, request(task, selection), selection, widen);
    }

    /** A planning session for a new plan for {@code task}, telling the model what went wrong with the previous one. */
    public PlanningSession session(String task, Feedback feedback) {
        return session(task, feedback, List.of());
    }

    /** {@link #session(String, Feedback)} whose selection shows {@code widen} too. */
    public PlanningSession session(String task, Feedback feedback, Collection<String> widen) {
        Selection selection = select(task, widen);
        return new PlanningSession(this, task, request(task, feedback, selection), selection, widen);
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
            throw new PlanningException(
                    "no usable plan after " + unusable.replies() + " replies (maxRepairs is " + maxRepairs
                            + "); the last one had these problems:\n"
                            + unusable.last().problemsText(),
                    unusable.last());
        }
        if (outcome instanceof PlanningSession.ModelFailed failed) {
            throw failed.error();
        }
        throw new IllegalStateException("a session without a budget cannot halt: " + outcome);
    }

    private List<ToolDescriptor> descriptors(List<String> names) {
        List<ToolDescriptor> found = new ArrayList<>();
        for (String name : names) {
            found.add(tools.find(name)
                    .orElseThrow(() -> new IllegalStateException("the tool selector " + selector + " chose '" + name
                            + "', which is not a registered tool; tools: " + tools.names())));
        }
        return found;
    }

    /**
     * The prompt when tools were selected, laid out for the model server's prefix cache: the system message is the
     * same for every task (role, always-on tools, format, rules, criteria), the per-task part (the selected tools,
     * the chosen examples, the data context, the task) follows in the user message.
     */
    private LlmRequest selectedRequest(
            String task, String feedback, Selection selection, List<ToolDescriptor> selected, boolean json) {
        List<String> fixedNames = new ArrayList<>();
        List<String> taskNames = new ArrayList<>();
        for (Scored tool : selection.tools()) {
            (tool.reason() == Scored.Reason.ALWAYS_ON ? fixedNames : taskNames).add(tool.name());
        }
        String fixedTools = tools.render(descriptors(fixedNames));
        String taskTools = tools.render(descriptors(taskNames));
        List<String> shownExamples =
                selection.examples().stream().map(Example::text).toList();
        if (candidates.isEmpty()) { // no toolkit gives examples: the generic ones, as without selection
            shownExamples = List.of(EXAMPLES.text().strip().split("\n\n"));
        }
        String exampleText = shownExamples.isEmpty() ? "" : String.join("\n\n", shownExamples) + "\n";
        Function<Map<String, String>, String> systemLayout = texts -> SELECTED.fill(Map.of(
                        "tools",
                                texts.getOrDefault("fixed_tools", "").isBlank()
                                        ? "(none)\n"
                                        : texts.getOrDefault("fixed_tools", ""),
                        "format", (json ? FORMAT_JSON : FORMAT_TEXT).text().strip(),
                        "max_steps", Integer.toString(maxSteps),
                        "criteria", CRITERIA.text()))
                .strip();
        Function<Map<String, String>, String> userLayout = texts -> SELECTED_TASK
                        .fill(Map.of(
                                "tools",
                                texts.getOrDefault("tools", "").isBlank()
                                        ? "(none)\n"
                                        : texts.getOrDefault("tools", ""),
                                "examples",
                                texts.getOrDefault("examples", "").isBlank()
                                        ? "(none)\n"
                                        : texts.getOrDefault("examples", ""),
                                "context",
                                contextText(texts.getOrDefault("context", "")),
                                "task",
                                task.strip()))
                        .strip()
                + feedback;
        Map<String, String> whole =
                Map.of("fixed_tools", fixedTools, "tools", taskTools, "examples", exampleText, "context", context);
        Map<String, String> texts = whole;
        int window = llm.capabilities().contextWindow();
        if (window > 0) {
            int budget = budget(window);
            List<PromptSection> sections = List.of(
                    PromptSection.tools("fixed_tools", fixedTools),
                    PromptSection.tools("tools", taskTools),
                    PromptSection.examples("examples", shownExamples, "\n\n"),
                    PromptSection.evidence("context", context.isBlank() ? List.of() : List.of(context.strip()), "\n"));
            PromptFitter.Fitted fitted =
                    fitter.fit(sections, t -> systemLayout.apply(t) + "\n" + userLayout.apply(t), budget);
            if (!fitted.trimmed().isEmpty()) {
                texts = new java.util.HashMap<>(fitted.texts());
                texts.put("fixed_tools", texts.get("fixed_tools") + (fixedTools.endsWith("\n") ? "\n" : ""));
                texts.put("tools", texts.get("tools") + (taskTools.endsWith("\n") ? "\n" : ""));
                texts.put("examples", texts.get("examples") + (exampleText.endsWith("\n") ? "\n" : ""));
            }
        }
        LlmRequest.Builder request = LlmRequest.builder()
                .system(systemLayout.apply(texts))
                .user(userLayout.apply(texts))
                .maxTokens(maxTokens)
                .temperature(0.0);
        if (json) {
            request.jsonSchema(jsonSchema(selected));
        }
        return budgeted(request.build());
    }

    /**
     * {@code request} with room for any reply its JSON schema allows: {@code maxTokens} raised to the model's {@link
     * LocalLlm#replyTokenBound} as far as the context window holds it after the prompt, so that a model filling every
     * string to its bound (multi-byte characters take up to four tokens each) is not cut off inside the JSON. Never
     * below {@code maxTokens}; unchanged without a schema, a bound or a known window.
     */
    private LlmRequest budgeted(LlmRequest request) {
        String schema = request.jsonSchema();
        int window = llm.capabilities().contextWindow();
        if (schema == null || window <= 0) {
            return request;
        }
        java.util.OptionalInt bound = llm.replyTokenBound(schema);
        if (bound.isEmpty() || bound.getAsInt() <= maxTokens) {
            return request;
        }
        StringBuilder prompt = new StringBuilder();
        for (LlmRequest.ChatMessage message : request.messages()) {
            prompt.append(message.text()).append('\n');
        }
        int room = window
                - counter.count(prompt.toString())
                - TEMPLATE_MARGIN * request.messages().size();
        return request.toBuilder()
                .maxTokens(Math.max(maxTokens, Math.min(bound.getAsInt(), room)))
                .build();
    }

    private int budget(int window) {
        int budget = window - maxTokens - TEMPLATE_MARGIN;
        if (budget < 1) {
            throw new PromptTooLongException(
                    "model '" + llm.name() + "' has a context window of " + window
                            + " tokens, which leaves no room for a prompt after the reply's maxTokens " + maxTokens
                            + " and "
                            + TEMPLATE_MARGIN + " tokens for the chat template; lower maxTokens",
                    0,
                    budget);
        }
        return budget;
    }

    private static String contextText(String context) {
        return context.isBlank() ? "" : "Data context:\n" + context.strip() + "\n\n";
    }

    /**
     * The tools, examples and data context, fitted to the context window less the reply's tokens when the model
     * declares a window (see {@link PromptFitter} for the order of trimming), else as they are.
     */
    private Map<String, String> fitted(
            String renderedTools,
            Function<Map<String, String>, String> systemLayout,
            Function<Map<String, String>, String> userLayout) {
        Map<String, String> whole = Map.of("tools", renderedTools, "examples", examples, "context", context);
        int window = llm.capabilities().contextWindow();
        if (window <= 0) {
            return whole;
        }
        String trailing = examples.endsWith("\n") ? "\n" : "";
        List<String> items =
                examples.isBlank() ? List.of() : List.of(examples.strip().split("\n\n"));
        List<PromptSection> sections = List.of(
                PromptSection.tools("tools", renderedTools),
                PromptSection.examples("examples", items, "\n\n"),
                PromptSection.evidence("context", context.isBlank() ? List.of() : List.of(context.strip()), "\n"));
        // Both messages count against one budget; the chat template's own tokens are left a margin.
        int budget = budget(window);
        PromptFitter.Fitted fitted =
                fitter.fit(sections, t -> systemLayout.apply(t) + "\n" + userLayout.apply(t), budget);
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
        private String exampleBank = "";
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
         * More examples, in the form of {@link #examples}, that a tool selector may choose from (the toolkits'
         * {@code Toolkit#exampleBank()}); shown only when the selector selects tools.
         */
        public Builder exampleBank(String exampleBank) {
            this.exampleBank = Objects.requireNonNull(exampleBank, "exampleBank == null");
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
            Checks.atLeast("maxSteps", maxSteps, 1);
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * The most tokens of one plan reply; 1024 by default. Under a JSON schema the reply may get more, up to the
         * most the schema allows ({@link LocalLlm#replyTokenBound}) when the context window has room for it.
         */
        public Builder maxTokens(int maxTokens) {
            Checks.atLeast("maxTokens", maxTokens, 1);
            this.maxTokens = maxTokens;
            return this;
        }

        /** Repair rounds after a reply with problems; 2 by default. */
        public Builder maxRepairs(int maxRepairs) {
            Checks.atLeast("maxRepairs", maxRepairs, 0);
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
