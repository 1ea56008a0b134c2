package dev.pev4j.agent;

import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.internal.Checks;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.internal.planner.Planner;
import dev.pev4j.internal.solver.Solver;
import dev.pev4j.internal.worker.Worker;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.Step;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.Tester;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolInvoker;
import dev.pev4j.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan–execute–verify agent: the planner writes a whole plan of tool calls with criteria, the executor runs it as a
 * dependency graph, the tester checks the criteria, and the solver answers; a failed plan is replanned from what
 * failed, within budgets.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .llm(llm)
 *         .tools(new DataOps(Workspace.of(dataDir)))
 *         .maxReplans(2)
 *         .maxTokens(50_000)
 *         .build();
 * AgentResult result = agent.run("Which 3 regions had the highest revenue in sales.csv?");
 * }</pre>
 *
 * <p>Immutable and thread-safe: one agent serves any number of concurrent runs, each on the thread that calls
 * {@link #run}. {@link #close()} closes the tool objects that are {@link AutoCloseable} (MCP servers, for instance).
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    /** The longest preview of a step's evidence in prompts, in characters (the executor's default). */
    private static final int PREVIEW_CHARS = 1000;

    /** The most tokens of an LLM step's reply. */
    private static final int WORKER_MAX_TOKENS = 512;

    final Planner planner;
    final Solver solver;
    final PlanExecutor executor;
    final Verification verification;
    final List<AgentListener> listeners;
    final int maxReplans;
    final long maxTokens;
    final @Nullable Duration wallClock;
    final Clock clock;
    final ToolRegistry tools;
    final PlanValidator validator;
    final @Nullable PlanApprover approver;
    final boolean streamedExecution;
    /** Runs the plan's {@code llm} steps; null when the agent has no worker model or LLM steps are off. */
    final @Nullable Worker worker;
    /** A plan executor like {@link #executor} calling other tools, for the runs whose plans have LLM steps. */
    final Function<ToolInvoker, PlanExecutor> executors;

    private final AtomicLong runs = new AtomicLong();
    private final List<Object> toolObjects;

    private Agent(
            Builder b,
            ToolRegistry tools,
            Planner planner,
            Solver solver,
            PlanExecutor executor,
            Verification verification,
            @Nullable Worker worker,
            Function<ToolInvoker, PlanExecutor> executors) {
        this.tools = tools;
        this.worker = worker;
        this.executors = executors;
        this.validator = PlanValidator.forTools(tools);
        this.approver = b.approver;
        this.streamedExecution = b.streamedExecution;
        this.planner = planner;
        this.solver = solver;
        this.executor = executor;
        this.verification = verification;
        this.listeners = List.copyOf(b.listeners);
        this.maxReplans = b.maxReplans;
        this.maxTokens = b.maxTokens;
        this.wallClock = b.wallClock;
        this.clock = b.clock;
        this.toolObjects = List.copyOf(b.tools);
    }

    /**
     * Closes the tool objects that are {@link AutoCloseable}, each once even if it throws (then logged); runs started
     * afterwards fail at the steps that use them.
     */
    @Override
    public void close() {
        for (Object tool : toolObjects) {
            if (tool instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    log.warn("closing tool object {} failed", tool, e);
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the task to an answer or until a budget runs out; never throws for what a model or a tool does (that is in
     * the result), only for a blank task.
     */
    public AgentResult run(String task) {
        return new AgentRun(this, "run-" + runs.incrementAndGet(), requireTask(task)).run();
    }

    /**
     * As {@link #run(String)}, with the answer as an object of {@code answerType} (a record, a simple bean, a list,
     * map, enum or scalar): the solver answers in JSON under the type's schema (as a grammar on models that support
     * one), read into the type; {@link AgentResult#answer(Class)} returns it, {@link AgentResult#answer()} has the
     * JSON. A reply that does not fit ends the run as {@code ANSWER_UNREADABLE}, saying why.
     *
     * <pre>{@code
     * record TopRegions(List<String> regions, double total) {}
     * TopRegions top = agent.run("Top 3 regions by revenue", TopRegions.class).answer(TopRegions.class);
     * }</pre>
     */
    public AgentResult run(String task, Class<?> answerType) {
        requireTask(task);
        Objects.requireNonNull(answerType, "answerType == null");
        return new AgentRun(this, "run-" + runs.incrementAndGet(), task, answerType).run();
    }

    /**
     * The tools and worked examples the planner would show the model for {@code task}, with their scores and why each
     * was chosen: the {@linkplain Builder#toolSelector tool selector}'s choice, or every tool when selection is off.
     * Nothing is sent to a model. For seeing what a small model is shown and tuning Tool RAG.
     *
     * @throws IllegalStateException when the selector chooses no tool
     */
    public ToolSelector.Selection toolsFor(String task) {
        return planner.select(requireTask(task), List.of());
    }

    /**
     * The first request the planner would send the model for {@code task}: the system prompt with the tools and
     * examples of {@link #toolsFor(String)}, and the task with its data context, fitted to the token budget. Nothing
     * is sent. For reading the prompt or measuring its size with the model's tokenizer.
     */
    public LlmRequest plannerRequest(String task) {
        return planner.request(requireTask(task));
    }

    /** {@link #plannerRequest(String)} showing {@code selection}, a choice {@link #toolsFor(String)} made. */
    public LlmRequest plannerRequest(String task, ToolSelector.Selection selection) {
        return planner.request(requireTask(task), Objects.requireNonNull(selection, "selection == null"));
    }

    private static String requireTask(String task) {
        Objects.requireNonNull(task, "task == null");
        if (task.isBlank()) {
            throw new IllegalArgumentException("task must not be blank");
        }
        return task;
    }

    /**
     * The plan as text for a person: the plan's own text, with each step whose tool has side effects marked
     * {@code   [side effects: runs in plan order, never reused]}.
     */
    String describe(Plan plan) {
        StringBuilder text = new StringBuilder();
        for (Step step : plan.steps()) {
            if (!step.thought().isEmpty()) {
                text.append("Plan: ").append(step.thought()).append('\n');
            }
            text.append(step);
            if (tools.effects(step.tool()).ordered()) {
                text.append("   [side effects: runs in plan order, never reused]");
            }
            text.append('\n');
        }
        if (!plan.criteria().isEmpty()) {
            text.append("Criteria:\n");
            plan.criteria().forEach(c -> text.append("- ").append(c).append('\n'));
        }
        return text.toString();
    }

    void emit(AgentEvent event) {
        for (AgentListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) { // a listener never stops a run
                log.warn("agent listener {} threw on {}; ignoring it", listener, event, e);
            }
        }
    }

    @Override
    public String toString() {
        return "Agent[" + planner + ", " + solver + ", " + executor + ", maxReplans=" + maxReplans + ", maxTokens="
                + (maxTokens == Long.MAX_VALUE ? "none" : maxTokens) + ", wallClock="
                + (wallClock == null ? "none" : wallClock) + "]";
    }

    /**
     * Decides whether a validated plan may run, before any step of it does: for a person at a terminal ({@code ask
     * --confirm}) or a policy in code. Called on the thread of {@link Agent#run}; it may block.
     *
     * <pre>{@code
     * Agent.builder()...approver(review -> review.plan().steps().size() <= 5
     *         ? Agent.Approval.approve()
     *         : Agent.Approval.reject("use at most 5 steps")).build();
     * }</pre>
     */
    @FunctionalInterface
    public interface PlanApprover {

        /** The decision on {@code review}'s plan; an exception thrown here ends the run with its message. */
        Approval review(PlanReview review);
    }

    /**
     * A plan to approve: the task, the attempt's number (1 for the first plan), the validated plan, and the plan as
     * text with the steps that have side effects marked. Immutable.
     */
    public record PlanReview(String task, int attempt, Plan plan, String text) {
        public PlanReview {
            Objects.requireNonNull(task, "task == null");
            Objects.requireNonNull(plan, "plan == null");
            Objects.requireNonNull(text, "text == null");
        }
    }

    /** What a {@link PlanApprover} decided: approve, edit (run another plan instead) or reject. */
    public sealed interface Approval permits Approval.Approve, Approval.Edit, Approval.Reject {

        /** Run the plan as it is. */
        static Approval approve() {
            return new Approve();
        }

        /** Run {@code plan} instead; it is validated first, and a plan with problems counts as rejected. */
        static Approval edit(Plan plan) {
            return new Edit(plan);
        }

        /** Run nothing; the planner writes a new plan told {@code reason} (within {@code maxReplans}). */
        static Approval reject(String reason) {
            return new Reject(reason);
        }

        /** See {@link #approve()}. */
        record Approve() implements Approval {}

        /** See {@link #edit(Plan)}. */
        record Edit(Plan plan) implements Approval {
            public Edit {
                Objects.requireNonNull(plan, "plan == null");
            }
        }

        /** See {@link #reject(String)}. */
        record Reject(String reason) implements Approval {
            public Reject {
                Objects.requireNonNull(reason, "reason == null");
                if (reason.isBlank()) {
                    throw new IllegalArgumentException("a rejection needs a reason for the planner");
                }
            }
        }
    }

    /** Configures an {@link Agent}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private @Nullable LocalLlm llm;
        private @Nullable LocalLlm plannerLlm;
        private @Nullable LocalLlm testerLlm;
        private @Nullable LocalLlm solverLlm;
        private @Nullable LocalLlm workerLlm;
        private boolean llmSteps = true;
        private @Nullable Judge judge;
        private Judge.@Nullable Guarantee judgeRisk;
        private boolean acceptWithoutGuarantee;
        private final List<Object> tools = new ArrayList<>();
        private final Map<String, ToolDescriptor.Effects> toolEffects = new LinkedHashMap<>();
        private @Nullable ToolSelector toolSelector;
        private @Nullable Boolean toolSelection;
        private final List<AgentListener> listeners = new ArrayList<>();
        private int maxReplans = 2;
        private int maxRepairs = 2;
        private int maxStepsPerPlan = 12;
        private long maxTokens = Long.MAX_VALUE;
        private @Nullable Duration wallClock;
        private @Nullable Duration stepTimeout;
        private int maxParallelism = 8;
        private @Nullable Executor executor;
        private Clock clock = Clock.systemUTC();
        private @Nullable PlanApprover approver;
        private boolean streamedExecution;

        private Builder() {}

        /**
         * Streamed execution (LLMCompiler's planner and executor streaming): steps start while the planner still writes
         * the plan, each as soon as it is complete and the steps it uses are done, in the text and the JSON plan forms
         * alike; the whole plan is then parsed and validated as usual, and steps started early that are not in it
         * unchanged, or a whole plan with problems, are stopped and their results dropped before the repair round.
         * Only tools declared free of side effects ({@code @SideEffects(false)}) start early, and none after a step
         * with side effects: a tool with side effects ({@code @SideEffects}), or with none declared, never starts before
         * the whole plan is validated. Off by default (see {@link PlanExecutor.Streaming}); cannot be combined with
         * {@link #approver}, which must see a plan before any of its steps runs.
         */
        public Builder streamedExecution(boolean streamedExecution) {
            this.streamedExecution = streamedExecution;
            return this;
        }

        /**
         * Shows every validated plan to {@code approver} before any of its steps runs; it approves it, edits it (the
         * new plan is validated again) or rejects it with a reason the planner is given for its next plan. By default
         * every valid plan runs.
         */
        public Builder approver(PlanApprover approver) {
            this.approver = Objects.requireNonNull(approver, "approver == null");
            return this;
        }

        /** The model of every role that has no model of its own. */
        public Builder llm(LocalLlm llm) {
            this.llm = Objects.requireNonNull(llm, "llm == null");
            return this;
        }

        /** The planner's model, instead of {@link #llm}. */
        public Builder plannerLlm(LocalLlm plannerLlm) {
            this.plannerLlm = Objects.requireNonNull(plannerLlm, "plannerLlm == null");
            return this;
        }

        /** The model of the default LLM judge, instead of {@link #llm}; unused when a {@link #judge} is given. */
        public Builder testerLlm(LocalLlm testerLlm) {
            this.testerLlm = Objects.requireNonNull(testerLlm, "testerLlm == null");
            return this;
        }

        /** The solver's model, instead of {@link #llm}. */
        public Builder solverLlm(LocalLlm solverLlm) {
            this.solverLlm = Objects.requireNonNull(solverLlm, "solverLlm == null");
            return this;
        }

        /**
         * The model of the plans' LLM steps ({@code #E3 = llm("List the city names in #E2")}), instead of
         * {@link #llm}: a small, fast model can extract and classify while a larger one plans.
         */
        public Builder workerLlm(LocalLlm workerLlm) {
            this.workerLlm = Objects.requireNonNull(workerLlm, "workerLlm == null");
            return this;
        }

        /**
         * Whether plans may have LLM steps: the built-in tool {@code llm}, which asks the {@link #workerLlm worker
         * model} to extract, classify or summarise from the bounded previews of earlier evidence, optionally as JSON
         * under a schema. On by default when there is a worker model ({@link #workerLlm} or {@link #llm}); turn it off
         * to keep a tool of your own named {@code llm}.
         */
        public Builder llmSteps(boolean on) {
            this.llmSteps = on;
            return this;
        }

        /**
         * The judge of the criteria the tester cannot check in code; by default an LLM judge on the tester's model,
         * which is not calibrated. A judged criterion counts toward {@link AgentResult#verified()} only when the judge
         * is calibrated ({@link Judge#guarantee()}, e.g. a {@link dev.pev4j.judge.JudgeCascade}) for the run's
         * {@link #judgeRisk α and δ}; otherwise the run needs human review unless
         * {@link #acceptJudgementsWithoutGuarantee()}.
         */
        public Builder judge(Judge judge) {
            this.judge = Objects.requireNonNull(judge, "judge == null");
            return this;
        }

        /**
         * The disagreement rate with humans {@code alpha} and the risk {@code delta} a judged criterion needs a
         * guarantee for; by default a calibrated judge's own. {@link #build()} fails when the judge is calibrated
         * less strictly.
         */
        public Builder judgeRisk(double alpha, double delta) {
            this.judgeRisk = new Judge.Guarantee(alpha, delta);
            return this;
        }

        /**
         * Opts out of human review for criteria a judge passed without a guarantee: they count as passed, and the
         * trace still marks them {@code JUDGE}, not {@code CALIBRATED_JUDGE}. Off by default.
         */
        public Builder acceptJudgementsWithoutGuarantee() {
            this.acceptWithoutGuarantee = true;
            return this;
        }

        /**
         * Adds objects whose {@code @Tool} methods plans may call; those that implement {@link Toolkit} also give the
         * planner context, previewers and evidence inspectors.
         */
        public Builder tools(Object... toolObjects) {
            Objects.requireNonNull(toolObjects, "toolObjects == null");
            for (Object tool : toolObjects) {
                tools.add(Objects.requireNonNull(tool, "tool object == null"));
            }
            return this;
        }

        /**
         * Declares the side effects of one tool, over its {@link dev.pev4j.tool.SideEffects} annotation (for tools
         * you cannot annotate); {@link #build()} fails when no tool has this name.
         */
        public Builder toolEffects(String tool, ToolDescriptor.Effects effects) {
            toolEffects.put(
                    Objects.requireNonNull(tool, "tool == null"), Objects.requireNonNull(effects, "effects == null"));
            return this;
        }

        /**
         * Chooses the tools (and worked examples) the planner sees for a task. By default, a selector found on the
         * class path through {@link java.util.ServiceLoader} (agent-tools' Tool RAG) when the tools outnumber its
         * {@link ToolSelector#minTools()}, else all of them; see {@link #toolSelection(boolean)}.
         */
        public Builder toolSelector(ToolSelector toolSelector) {
            this.toolSelector = Objects.requireNonNull(toolSelector, "toolSelector == null");
            return this;
        }

        /**
         * Turns tool selection on (the {@link #toolSelector} given, else the one found on the class path, whatever the
         * number of tools) or off (the planner sees every tool). Unset, it is on for registries with more tools than
         * the found selector's {@link ToolSelector#minTools()}.
         */
        public Builder toolSelection(boolean on) {
            this.toolSelection = on;
            return this;
        }

        /** Adds a listener told about every event of every run. */
        public Builder listener(AgentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /** New plans after a failed one, per run; 2 by default. */
        public Builder maxReplans(int maxReplans) {
            Checks.atLeast("maxReplans", maxReplans, 0);
            this.maxReplans = maxReplans;
            return this;
        }

        /** Repair rounds for a plan with problems, per attempt; 2 by default. */
        public Builder maxRepairs(int maxRepairs) {
            Checks.atLeast("maxRepairs", maxRepairs, 0);
            this.maxRepairs = maxRepairs;
            return this;
        }

        /** The most steps a plan may have; 12 by default. */
        public Builder maxStepsPerPlan(int maxStepsPerPlan) {
            Checks.atLeast("maxStepsPerPlan", maxStepsPerPlan, 1);
            this.maxStepsPerPlan = maxStepsPerPlan;
            return this;
        }

        /**
         * The model tokens (read and written, all roles) a run may use; no model call starts once they are used up.
         * No limit by default.
         */
        public Builder maxTokens(long maxTokens) {
            Checks.atLeast("maxTokens", maxTokens, 1);
            this.maxTokens = maxTokens;
            return this;
        }

        /** The time a run may take, by the {@link #clock}; no new phase starts after it. No limit by default. */
        public Builder wallClock(Duration wallClock) {
            Checks.positive("wallClock", wallClock);
            this.wallClock = wallClock;
            return this;
        }

        /** A step that runs longer fails; none by default. */
        public Builder stepTimeout(Duration stepTimeout) {
            this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout == null");
            return this;
        }

        /** At most this many steps of one plan at once; 8 by default. */
        public Builder maxParallelism(int maxParallelism) {
            Checks.atLeast("maxParallelism", maxParallelism, 1);
            this.maxParallelism = maxParallelism;
            return this;
        }

        /** Runs plan steps (and the tester's work); by default virtual threads on Java 21+, else daemon threads. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** Times runs, phases and steps, and enforces {@link #wallClock}; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        private ToolSelector selector(ToolRegistry registry) {
            if (Boolean.FALSE.equals(toolSelection)) {
                return ToolSelector.all();
            }
            ToolSelector chosen = toolSelector;
            if (chosen == null) {
                chosen = java.util.ServiceLoader.load(ToolSelector.class, Agent.class.getClassLoader())
                        .findFirst()
                        .orElse(null);
            }
            if (chosen == null) {
                if (Boolean.TRUE.equals(toolSelection)) {
                    throw new IllegalStateException("toolSelection(true) needs a tool selector: pass one to "
                            + "toolSelector(...) or put agent-tools (its Tool RAG selector) on the class path");
                }
                return ToolSelector.all();
            }
            boolean on = toolSelector != null
                    || Boolean.TRUE.equals(toolSelection)
                    || registry.tools().size() > chosen.minTools();
            return on ? chosen : ToolSelector.all();
        }

        /**
         * The agent, ready to run.
         *
         * @throws IllegalStateException when no tools or no model for a role were given
         */
        public Agent build() {
            if (tools.isEmpty()) {
                throw new IllegalStateException(
                        "An Agent needs tools: pass the objects whose @Tool methods it may call to tools(...).");
            }
            if (streamedExecution && approver != null) {
                throw new IllegalStateException("streamedExecution(true) starts steps before the plan is whole, but "
                        + "an approver must see each plan before any of its steps runs: use one or the other.");
            }
            LocalLlm forPlanner = plannerLlm != null ? plannerLlm : llm;
            LocalLlm forSolver = solverLlm != null ? solverLlm : llm;
            LocalLlm forTester = testerLlm != null ? testerLlm : llm;
            if (forPlanner == null) {
                throw new IllegalStateException(
                        "An Agent needs a model for the planner: pass one to llm(...) or " + "plannerLlm(...).");
            }
            if (forSolver == null) {
                throw new IllegalStateException(
                        "An Agent needs a model for the solver: pass one to llm(...) or " + "solverLlm(...).");
            }
            Judge useJudge = judge;
            if (useJudge == null) {
                if (forTester == null) {
                    throw new IllegalStateException("An Agent needs a judge for the criteria that cannot be checked "
                            + "in code: pass one to judge(...), or a model to testerLlm(...) or llm(...).");
                }
                useJudge = new LlmJudge(forTester);
            }
            List<String> context = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            List<String> exampleBank = new ArrayList<>();
            List<ValuePreviewer> previewers = new ArrayList<>();
            Judge.@Nullable Guarantee has = useJudge.guarantee().orElse(null);
            if (judgeRisk != null && has != null && !has.covers(judgeRisk)) {
                throw new IllegalStateException("The judge '" + useJudge.name() + "' is calibrated at " + has
                        + " but the agent requires " + judgeRisk + "; calibrate it at alpha <= " + judgeRisk.alpha()
                        + " and delta <= " + judgeRisk.delta() + ", or set judgeRisk(" + has.alpha() + ", "
                        + has.delta() + ").");
            }
            Tester.Builder tester = Tester.builder().judge(useJudge).acceptWithoutGuarantee(acceptWithoutGuarantee);
            if (judgeRisk != null) {
                tester.requireGuarantee(judgeRisk);
            }
            for (Object tool : tools) {
                if (tool instanceof Toolkit toolkit) {
                    if (!toolkit.context().isBlank()) {
                        context.add(toolkit.context().strip());
                    }
                    if (!toolkit.examples().isBlank()) {
                        examples.add(toolkit.examples().strip());
                    }
                    if (!toolkit.exampleBank().isBlank()) {
                        exampleBank.add(toolkit.exampleBank().strip());
                    }
                    previewers.addAll(toolkit.previewers());
                    for (EvidenceInspector inspector : toolkit.inspectors()) {
                        tester.inspector(inspector);
                    }
                }
            }
            if (executor != null) {
                tester.executor(executor);
            }
            LocalLlm forWorker = workerLlm != null ? workerLlm : llm;
            Worker worker = llmSteps && forWorker != null
                    ? Worker.of(forWorker, WORKER_MAX_TOKENS, Previews.with(previewers), PREVIEW_CHARS)
                    : null;
            ToolRegistry registry = registry(worker);
            Function<ToolInvoker, PlanExecutor> executors = executors(previewers);
            Planner planner = Planner.builder()
                    .llm(forPlanner)
                    .tools(registry)
                    .toolSelector(selector(registry))
                    .context(String.join("\n", context))
                    .examples(String.join("\n\n", examples))
                    .exampleBank(String.join("\n\n", exampleBank))
                    .maxSteps(maxStepsPerPlan)
                    .maxRepairs(maxRepairs)
                    .build();
            Solver solver = Solver.builder().llm(forSolver).build();
            return new Agent(
                    this,
                    registry,
                    planner,
                    solver,
                    executors.apply(registry),
                    tester.build()::test,
                    worker,
                    executors);
        }

        /** The registry of the tools given, and of the LLM step tool last when there is a worker. */
        private ToolRegistry registry(@Nullable Worker worker) {
            ToolRegistry.Builder registryBuilder = ToolRegistry.builder();
            tools.forEach(registryBuilder::add);
            if (worker == null) {
                toolEffects.forEach(registryBuilder::effects);
                return registryBuilder.build();
            }
            registryBuilder.add(worker);
            registryBuilder.effects(Worker.TOOL, ToolDescriptor.Effects.NONE);
            toolEffects.forEach(registryBuilder::effects);
            try {
                return registryBuilder.build();
            } catch (ToolRegistry.ToolRegistrationException e) {
                if (String.valueOf(e.getMessage()).startsWith("tool name '" + Worker.TOOL + "' is used twice")) {
                    throw new IllegalStateException(
                            "A tool of yours is named '" + Worker.TOOL + "', the name of the built-in LLM step tool:"
                                    + " rename yours with @Tool(name = \"...\"), or turn LLM steps off with"
                                    + " llmSteps(false).",
                            e);
                }
                throw e;
            }
        }

        /** Plan executors configured alike, each calling the tools through the invoker it is given. */
        private Function<ToolInvoker, PlanExecutor> executors(List<ValuePreviewer> previewers) {
            List<ValuePreviewer> previewersCopy = List.copyOf(previewers);
            int parallelism = maxParallelism;
            Clock stepClock = clock;
            @Nullable Duration timeout = stepTimeout;
            @Nullable Executor threads = executor;
            return invoker -> {
                PlanExecutor.Builder exec = PlanExecutor.builder()
                        .tools(invoker)
                        .maxParallelism(parallelism)
                        .clock(stepClock)
                        .previewChars(PREVIEW_CHARS);
                previewersCopy.forEach(exec::previewer);
                if (timeout != null) {
                    exec.stepTimeout(timeout);
                }
                if (threads != null) {
                    exec.executor(threads);
                }
                return exec.build();
            };
        }
    }
}
