package dev.pev4j.tools.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.internal.Checks;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.Step;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs the agent on every task of a suite with one model and one set of settings, and scores each run (see {@link
 * TaskResult}). Each task gets a fresh temporary workspace holding copies of its data files; after a solved run, the
 * final plan runs once more in another fresh copy, so that its last step's evidence (which the trace keeps only as
 * a preview) can be compared with the expected answer.
 *
 * <pre>{@code
 * EvalRun run = Evaluation.builder()
 *         .suite(EvalSuite.load(Path.of("examples/eval/dataops/suite.json")))
 *         .llm(llm)
 *         .checkpoint(Path.of("run.jsonl"))   // resumable: finished tasks are skipped on the next run
 *         .parallelism(4)                     // for a server; 1 for an in-process model
 *         .build()
 *         .run();
 * run.rates().get("answer_correct");          // 57/81 = 0.704 [0.596, 0.792]
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #run()} blocks until every task finished.
 */
public final class Evaluation {

    private final EvalSuite suite;
    private final LocalLlm llm;
    private final String modelName;
    private final PlanFormat planFormat;
    private final @Nullable ToolSelector toolSelector;
    private final String toolSelection;
    private final boolean neededToolsOnly;
    private final Function<Path, List<Object>> tools;
    private final int maxReplans;
    private final int maxStepsPerPlan;
    private final Duration stepTimeout;
    private final int parallelism;
    private final @Nullable Path checkpoint;
    private final EvalListener listener;
    private final Clock clock;

    private Evaluation(Builder b, EvalSuite suite, LocalLlm llm) {
        this.suite = suite;
        this.llm = llm;
        this.modelName = b.modelName != null ? b.modelName : llm.name();
        this.planFormat = b.planFormat;
        this.toolSelector = b.toolSelector;
        this.toolSelection = b.toolSelection;
        this.neededToolsOnly = b.neededToolsOnly;
        this.tools = b.tools;
        this.maxReplans = b.maxReplans;
        this.maxStepsPerPlan = b.maxStepsPerPlan;
        this.stepTimeout = b.stepTimeout;
        this.parallelism = b.parallelism;
        this.checkpoint = b.checkpoint;
        this.listener = b.listener;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings that tell this run from others of the same model, as the comparison shows them. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("plan_format", planFormat.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("tool_selection", toolSelection);
        settings.put("max_replans", Integer.toString(maxReplans));
        return settings;
    }

    /**
     * Runs every task not already in the checkpoint, {@link Builder#parallelism} at a time, and returns all results
     * in suite order.
     *
     * @throws IllegalArgumentException when a reference plan does not parse, or the checkpoint belongs to another
     *     run
     */
    public EvalRun run() {
        PlanParser parser = PlanParser.create();
        Map<String, Plan> references = new HashMap<>();
        for (EvalTask task : suite.tasks()) {
            try {
                references.put(task.id(), parser.parse(task.referencePlan()));
            } catch (PlanParseException e) {
                throw new IllegalArgumentException(
                        "the reference plan of task " + task.id() + " does not parse: " + e.getMessage(), e);
            }
        }
        long t0 = clock.millis();
        Map<String, String> settings = settings();
        Checkpoint saved = checkpoint == null ? null : Checkpoint.open(checkpoint, suite.name(), modelName, settings);
        Map<String, TaskResult> done = new LinkedHashMap<>(saved == null ? Map.of() : saved.done());
        int total = suite.tasks().size();
        AtomicInteger finished = new AtomicInteger();
        for (EvalTask task : suite.tasks()) {
            TaskResult earlier = done.get(task.id());
            if (earlier != null) {
                listener.onTask(earlier, true, finished.incrementAndGet(), total);
            }
        }
        List<EvalTask> todo =
                suite.tasks().stream().filter(t -> !done.containsKey(t.id())).toList();
        Map<String, TaskResult> results = new java.util.concurrent.ConcurrentHashMap<>(done);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "pev4j-eval");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (EvalTask task : todo) {
                futures.add(pool.submit(() -> {
                    TaskResult result = runTask(task, references.get(task.id()));
                    if (saved != null) {
                        saved.append(result);
                    }
                    results.put(task.id(), result);
                    listener.onTask(result, false, finished.incrementAndGet(), total);
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the evaluation was interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<TaskResult> ordered =
                suite.tasks().stream().map(t -> results.get(t.id())).toList();
        return new EvalRun(suite.name(), modelName, settings, ordered, clock.millis() - t0);
    }

    /** Runs one task and scores it; a failure of the harness itself becomes a failed result, never an exception. */
    TaskResult runTask(EvalTask task, Plan reference) {
        Path workspace = null;
        CountingLlm counted = CountingLlm.of(llm, planFormat);
        try {
            workspace = copyFiles(task);
            List<Object> toolObjects = tools.apply(workspace);
            ToolRegistry registry = ToolRegistry.of(toolObjects.toArray());
            Agent.Builder agent = Agent.builder()
                    .llm(counted)
                    .tools(toolObjects.toArray())
                    .maxReplans(maxReplans)
                    .maxStepsPerPlan(maxStepsPerPlan)
                    .stepTimeout(stepTimeout)
                    .clock(clock);
            if (toolSelector != null) {
                agent.toolSelector(toolSelector);
            } else if (neededToolsOnly && !task.tools().isEmpty()) {
                agent.toolSelector((text, tools) -> tools.tools().stream()
                        .filter(tool -> task.tools().contains(tool.name()))
                        .toList());
            } else {
                agent.toolSelection(false); // "all": every tool, whatever selector the class path offers
            }
            AgentResult result = agent.build().run(task.task());
            return score(task, reference, result, registry, counted.calls());
        } catch (RuntimeException e) {
            return new TaskResult(
                    task.id(),
                    task.category(),
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    null,
                    0,
                    0,
                    counted.calls(),
                    0,
                    0,
                    TokenUsage.ZERO,
                    TokenUsage.ZERO,
                    TokenUsage.ZERO,
                    0,
                    "HARNESS_ERROR: " + e,
                    "",
                    "the harness failed on this task: " + e,
                    "",
                    Optional.empty());
        } finally {
            if (workspace != null) {
                deleteTree(workspace);
            }
        }
    }

    private TaskResult score(EvalTask task, Plan reference, AgentResult result, ToolRegistry registry, int calls) {
        PlanGraphs graphs = PlanGraphs.forTools(registry);
        boolean parses = false;
        boolean valid = false;
        boolean iso = false;
        boolean relaxed = false;
        String problems = "";
        if (!result.attempts().isEmpty() && !result.attempts().get(0).rounds().isEmpty()) {
            PlannerRound first = result.attempts().get(0).rounds().get(0);
            problems = String.join("\n", first.problems());
            try {
                Plan plan = PlanParser.create().parse(first.reply());
                parses = true;
                valid = first.problems().isEmpty();
                iso = graphs.isomorphic(plan, reference, PlanGraphs.Mode.STRICT);
                relaxed = graphs.isomorphic(plan, reference, PlanGraphs.Mode.RELAXED);
            } catch (PlanParseException e) {
                parses = false;
            }
        }
        int plannerCalls =
                result.attempts().stream().mapToInt(a -> a.rounds().size()).sum();
        int repairs = result.attempts().stream()
                .mapToInt(a -> Math.max(0, a.rounds().size() - 1))
                .sum();
        int attempts = (int)
                result.attempts().stream().filter(a -> a.plan().isPresent()).count();
        int solverCalls = result.solved() ? 1 : 0;
        int testerCalls = Math.max(0, calls - plannerCalls - solverCalls);
        AnswerCheck answer = result.solved()
                ? rerun(task, result.lastAttempt().plan().orElseThrow())
                : AnswerCheck.fail("not solved: " + result.stopReason());
        Boolean testerPassed =
                result.verdict().map(r -> r.overall() == Verdict.Status.PASSED).orElse(null);
        Optional<TaskResult.TrainingExample> training = result.verified() && answer.correct()
                ? Optional.of(training(result.lastAttempt(), registry))
                : Optional.empty();
        boolean usable =
                !result.attempts().isEmpty() && result.attempts().get(0).plan().isPresent();
        return new TaskResult(
                task.id(),
                task.category(),
                parses,
                valid,
                usable,
                iso,
                relaxed,
                result.solved(),
                result.verified(),
                answer.correct(),
                testerPassed,
                attempts,
                repairs,
                plannerCalls,
                testerCalls,
                solverCalls,
                result.usage().planner(),
                result.usage().tester(),
                result.usage().solver(),
                result.timings().total().toMillis(),
                stopText(result.stopReason()),
                result.answer(),
                answer.detail(),
                problems,
                training);
    }

    /** Runs the solved plan again in a fresh copy of the files and checks its last step's evidence. */
    private AnswerCheck rerun(EvalTask task, Plan plan) {
        Path workspace = copyFiles(task);
        try {
            List<Object> toolObjects = tools.apply(workspace);
            PlanExecutor.Builder executor = PlanExecutor.builder()
                    .tools(ToolRegistry.of(toolObjects.toArray()))
                    .stepTimeout(stepTimeout)
                    .clock(clock);
            for (Object tool : toolObjects) {
                if (tool instanceof Toolkit toolkit) {
                    for (ValuePreviewer previewer : toolkit.previewers()) {
                        executor.previewer(previewer);
                    }
                }
            }
            ExecutionResult result = executor.build().execute(plan);
            return AnswerCheck.of(task.expected(), plan, result, workspace, ToolRegistry.of(toolObjects.toArray()));
        } finally {
            deleteTree(workspace);
        }
    }

    private static String stopText(StopReason reason) {
        String text = reason.toString().strip().replaceAll("\\s*\\R\\s*", " ");
        return text.length() <= 400 ? text : text.substring(0, 399) + "…";
    }

    /** The last attempt as a fine-tuning example; its plan as OpenAI-style tool calls. */
    static TaskResult.TrainingExample training(Attempt attempt, ToolRegistry registry) {
        String system = "";
        String user = "";
        for (ChatMessage message : attempt.prompt()) {
            if (message.role() == ChatMessage.Role.SYSTEM && system.isEmpty()) {
                system = message.text();
            } else if (message.role() == ChatMessage.Role.USER && user.isEmpty()) {
                user = message.text();
            }
        }
        ArrayNode calls = EvalJson.JSON.createArrayNode();
        for (Step step : attempt.plan().orElseThrow().steps()) {
            ObjectNode arguments = EvalJson.JSON.createObjectNode();
            AnswerCheck.argsByName(step, registry).forEach((name, arg) -> arguments.set(name, json(arg)));
            ObjectNode call = calls.addObject().put("id", step.id().toString()).put("type", "function");
            call.putObject("function").put("name", step.tool()).put("arguments", EvalJson.toString(arguments));
        }
        return new TaskResult.TrainingExample(system, user, attempt.planText(), EvalJson.toString(calls));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Arg arg) {
        var f = EvalJson.JSON.getNodeFactory();
        return arg.accept(new Arg.Visitor<com.fasterxml.jackson.databind.JsonNode>() {
            @Override
            public com.fasterxml.jackson.databind.JsonNode value(Arg.Value value) {
                Object v = value.value();
                if (v == null) {
                    return f.nullNode();
                }
                if (v instanceof Long l) {
                    return f.numberNode(l);
                }
                if (v instanceof Double d) {
                    return f.numberNode(d);
                }
                if (v instanceof Boolean b) {
                    return f.booleanNode(b);
                }
                return f.textNode(v.toString());
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode ref(Arg.Ref ref) {
                return f.textNode("#" + ref.step());
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode text(Arg.Text text) {
                StringBuilder s = new StringBuilder();
                for (Object part : text.parts()) {
                    s.append(part instanceof String p ? p : part.toString());
                }
                return f.textNode(s.toString());
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode list(Arg.ListOf list) {
                ArrayNode array = f.arrayNode();
                list.items().forEach(item -> array.add(item.accept(this)));
                return array;
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode map(Arg.MapOf map) {
                ObjectNode object = f.objectNode();
                map.entries().forEach((k, v) -> object.set(k, v.accept(this)));
                return object;
            }
        });
    }

    private static Path copyFiles(EvalTask task) {
        try {
            Path dir = Files.createTempDirectory("pev4j-eval-");
            for (Path file : task.files()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the workspace of task " + task.id() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is not worth failing the evaluation for.
        }
    }

    @Override
    public String toString() {
        return "Evaluation[" + suite.name() + ", " + modelName + ", " + settings() + "]";
    }

    /** Configures an {@link Evaluation}. Not thread-safe. */
    public static final class Builder {
        private @Nullable EvalSuite suite;
        private @Nullable LocalLlm llm;
        private @Nullable String modelName;
        private PlanFormat planFormat = PlanFormat.AUTO;
        private @Nullable ToolSelector toolSelector;
        private String toolSelection = "all";
        private boolean neededToolsOnly;
        private Function<Path, List<Object>> tools = dir -> List.of(DataOps.in(Workspace.of(dir)));
        private int maxReplans = 2;
        private int maxStepsPerPlan = 12;
        private Duration stepTimeout = Duration.ofSeconds(60);
        private int parallelism = 1;
        private @Nullable Path checkpoint;
        private EvalListener listener = (result, resumed, done, total) -> {};
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder suite(EvalSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite == null");
            return this;
        }

        /** The model of every role. */
        public Builder llm(LocalLlm llm) {
            this.llm = Objects.requireNonNull(llm, "llm == null");
            return this;
        }

        /** The model's name in results and comparisons; the model's own {@link LocalLlm#name()} by default. */
        public Builder modelName(String modelName) {
            this.modelName = Objects.requireNonNull(modelName, "modelName == null");
            return this;
        }

        /** The plan form to ask for; {@link PlanFormat#AUTO} by default. */
        public Builder planFormat(PlanFormat planFormat) {
            this.planFormat = Objects.requireNonNull(planFormat, "planFormat == null");
            return this;
        }

        /** Chooses the tools the planner sees (Tool RAG); {@code name} labels the setting. All tools by default. */
        public Builder toolSelector(ToolSelector toolSelector, String name) {
            this.toolSelector = Objects.requireNonNull(toolSelector, "toolSelector == null");
            this.toolSelection = Objects.requireNonNull(name, "name == null");
            this.neededToolsOnly = false;
            return this;
        }

        /**
         * Shows the planner only the tools each task lists as needed (all tools for a task that lists none): an
         * oracle tool selection, the upper bound of what Tool RAG can do, and a short prompt for small models.
         */
        public Builder neededToolsOnly() {
            this.toolSelector = null;
            this.toolSelection = "needed";
            this.neededToolsOnly = true;
            return this;
        }

        /** The tool objects of a task, given its workspace folder; DataOps on that folder by default. */
        public Builder tools(Function<Path, List<Object>> tools) {
            this.tools = Objects.requireNonNull(tools, "tools == null");
            return this;
        }

        /** New plans after a failed one, per task; 2 by default. */
        public Builder maxReplans(int maxReplans) {
            Checks.atLeast("maxReplans", maxReplans, 0);
            this.maxReplans = maxReplans;
            return this;
        }

        /** The most steps a plan may have; 12 by default. */
        public Builder maxStepsPerPlan(int maxStepsPerPlan) {
            Checks.atLeast("maxStepsPerPlan", maxStepsPerPlan, 1);
            this.maxStepsPerPlan = maxStepsPerPlan;
            return this;
        }

        /** A step that runs longer fails; 60 s by default. */
        public Builder stepTimeout(Duration stepTimeout) {
            Checks.positive("stepTimeout", stepTimeout);
            this.stepTimeout = stepTimeout;
            return this;
        }

        /**
         * Tasks run at once; 1 by default. Use more for a model server or a scripted model; an in-process model
         * serves one request at a time, so more only queues.
         */
        public Builder parallelism(int parallelism) {
            Checks.atLeast("parallelism", parallelism, 1);
            this.parallelism = parallelism;
            return this;
        }

        /** A JSON Lines file keeping finished tasks: a run with the same file and settings skips them. */
        public Builder checkpoint(Path checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint == null");
            return this;
        }

        public Builder listener(EvalListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** Times the runs; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * @throws IllegalStateException without a suite or a model
         * @throws IllegalArgumentException when the plan format needs what the model cannot do
         */
        public Evaluation build() {
            if (suite == null) {
                throw new IllegalStateException("An Evaluation needs a suite: pass one to suite(...).");
            }
            if (llm == null) {
                throw new IllegalStateException("An Evaluation needs a model: pass one to llm(...).");
            }
            CountingLlm.of(llm, planFormat); // fails now, not per task, when the format cannot be had
            return new Evaluation(this, suite, llm);
        }
    }
}
