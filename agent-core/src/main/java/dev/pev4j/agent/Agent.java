package dev.pev4j.agent;

import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.spi.Judge;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.internal.planner.Planner;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.internal.solver.Solver;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.internal.tester.Tester;
import dev.pev4j.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.pev4j.spi.Toolkit;

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
 * {@link #run}.
 */
public final class Agent {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    final Planner planner;
    final Solver solver;
    final PlanExecutor executor;
    final Verification verification;
    final List<AgentListener> listeners;
    final int maxReplans;
    final long maxTokens;
    final @Nullable Duration wallClock;
    final Clock clock;
    private final AtomicLong runs = new AtomicLong();

    private Agent(Builder b, Planner planner, Solver solver, PlanExecutor executor, Verification verification) {
        this.planner = planner;
        this.solver = solver;
        this.executor = executor;
        this.verification = verification;
        this.listeners = List.copyOf(b.listeners);
        this.maxReplans = b.maxReplans;
        this.maxTokens = b.maxTokens;
        this.wallClock = b.wallClock;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the task to an answer or until a budget runs out; never throws for what a model or a tool does (that is in
     * the result), only for a blank task.
     */
    public AgentResult run(String task) {
        Objects.requireNonNull(task, "task == null");
        if (task.isBlank()) {
            throw new IllegalArgumentException("task must not be blank");
        }
        return new AgentRun(this, "run-" + runs.incrementAndGet(), task).run();
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

    /** Configures an {@link Agent}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private @Nullable LocalLlm llm;
        private @Nullable LocalLlm plannerLlm;
        private @Nullable LocalLlm testerLlm;
        private @Nullable LocalLlm solverLlm;
        private @Nullable Judge judge;
        private final List<Object> tools = new ArrayList<>();
        private ToolSelector toolSelector = ToolSelector.all();
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

        private Builder() {}

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

        /** The judge of the criteria the tester cannot check in code; by default an LLM judge on the tester's model. */
        public Builder judge(Judge judge) {
            this.judge = Objects.requireNonNull(judge, "judge == null");
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

        /** Chooses the tools the planner sees for a task; all of them by default. */
        public Builder toolSelector(ToolSelector toolSelector) {
            this.toolSelector = Objects.requireNonNull(toolSelector, "toolSelector == null");
            return this;
        }

        /** Adds a listener told about every event of every run. */
        public Builder listener(AgentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /** New plans after a failed one, per run; 2 by default. */
        public Builder maxReplans(int maxReplans) {
            if (maxReplans < 0) {
                throw new IllegalArgumentException("maxReplans must be >= 0 but was " + maxReplans);
            }
            this.maxReplans = maxReplans;
            return this;
        }

        /** Repair rounds for a plan with problems, per attempt; 2 by default. */
        public Builder maxRepairs(int maxRepairs) {
            if (maxRepairs < 0) {
                throw new IllegalArgumentException("maxRepairs must be >= 0 but was " + maxRepairs);
            }
            this.maxRepairs = maxRepairs;
            return this;
        }

        /** The most steps a plan may have; 12 by default. */
        public Builder maxStepsPerPlan(int maxStepsPerPlan) {
            if (maxStepsPerPlan < 1) {
                throw new IllegalArgumentException("maxStepsPerPlan must be >= 1 but was " + maxStepsPerPlan);
            }
            this.maxStepsPerPlan = maxStepsPerPlan;
            return this;
        }

        /**
         * The model tokens (read and written, all roles) a run may use; no model call starts once they are used up.
         * No limit by default.
         */
        public Builder maxTokens(long maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1 but was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** The time a run may take, by the {@link #clock}; no new phase starts after it. No limit by default. */
        public Builder wallClock(Duration wallClock) {
            Objects.requireNonNull(wallClock, "wallClock == null");
            if (wallClock.isNegative() || wallClock.isZero()) {
                throw new IllegalArgumentException("wallClock must be positive but was " + wallClock);
            }
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
            if (maxParallelism < 1) {
                throw new IllegalArgumentException("maxParallelism must be >= 1 but was " + maxParallelism);
            }
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
            LocalLlm forPlanner = plannerLlm != null ? plannerLlm : llm;
            LocalLlm forSolver = solverLlm != null ? solverLlm : llm;
            LocalLlm forTester = testerLlm != null ? testerLlm : llm;
            if (forPlanner == null) {
                throw new IllegalStateException("An Agent needs a model for the planner: pass one to llm(...) or "
                        + "plannerLlm(...).");
            }
            if (forSolver == null) {
                throw new IllegalStateException("An Agent needs a model for the solver: pass one to llm(...) or "
                        + "solverLlm(...).");
            }
            Judge useJudge = judge;
            if (useJudge == null) {
                if (forTester == null) {
                    throw new IllegalStateException("An Agent needs a judge for the criteria that cannot be checked "
                            + "in code: pass one to judge(...), or a model to testerLlm(...) or llm(...).");
                }
                useJudge = new LlmJudge(forTester);
            }
            ToolRegistry registry = ToolRegistry.of(tools.toArray());
            List<String> context = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            PlanExecutor.Builder exec = PlanExecutor.builder()
                    .tools(registry)
                    .maxParallelism(maxParallelism)
                    .clock(clock);
            Tester.Builder tester = Tester.builder().judge(useJudge);
            for (Object tool : tools) {
                if (tool instanceof Toolkit toolkit) {
                    if (!toolkit.context().isBlank()) {
                        context.add(toolkit.context().strip());
                    }
                    if (!toolkit.examples().isBlank()) {
                        examples.add(toolkit.examples().strip());
                    }
                    for (ValuePreviewer previewer : toolkit.previewers()) {
                        exec.previewer(previewer);
                    }
                    for (EvidenceInspector inspector : toolkit.inspectors()) {
                        tester.inspector(inspector);
                    }
                }
            }
            if (stepTimeout != null) {
                exec.stepTimeout(stepTimeout);
            }
            if (executor != null) {
                exec.executor(executor);
                tester.executor(executor);
            }
            Planner planner = Planner.builder()
                    .llm(forPlanner)
                    .tools(registry)
                    .toolSelector(toolSelector)
                    .context(String.join("\n", context))
                    .examples(String.join("\n\n", examples))
                    .maxSteps(maxStepsPerPlan)
                    .maxRepairs(maxRepairs)
                    .build();
            Solver solver = Solver.builder().llm(forSolver).build();
            return new Agent(this, planner, solver, exec.build(), tester.build()::test);
        }
    }
}
