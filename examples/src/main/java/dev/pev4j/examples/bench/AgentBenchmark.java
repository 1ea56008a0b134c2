package dev.pev4j.examples.bench;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.ValuePreviewer;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.rag.ToolRag;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Model calls and prompt tokens per solved task of pev4j (plan once, execute, test, solve: ReWOO's shape) beside a
 * ReAct loop (one model call per tool call, the whole history re-sent each time), on twelve multi-step data tasks
 * with the same scripted content for both: the same tool calls with the same thoughts, the same answer. Tokens are
 * counted by a real BPE tokenizer (cl100k_base, offline) over every request's messages, identically for both. Tools
 * are DataOps over generated CSV files (sales, orders, customers). Prints {@code name=value} lines: the headline, a
 * breakdown that says where the tokens go, then one line per task.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.AgentBenchmark [--tool-rag]
 * </pre>
 *
 * <p>With {@code --tool-rag}, both systems see only the tools Tool RAG selects for each question (the same selection),
 * and pev4j's planner the examples it chooses; without it, both see every tool (the agent's default selection is
 * turned off so that the baseline figures stay comparable).
 */
public final class AgentBenchmark {

    static final long SEED = 42;
    private static final int REACT_MAX_TURNS = 12;

    private AgentBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("pev4j-agent-bench");
        try {
            boolean toolRag = List.of(args).contains("--tool-rag");
            System.out.println("tool_selection=" + (toolRag ? "tool-rag" : "all"));
            print(run(dir, BenchData.Size.DEFAULT, toolRag), System.out);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        System.exit(0); // the embedding model's threads must not keep the JVM alive
    }

    /** What became of one task in both systems. */
    record TaskResult(
            String name,
            int toolCalls,
            Side pev,
            Side react,
            int pevPlannerPromptTokens,
            int pevSolverPromptTokens,
            int pevOtherCalls,
            int pevUsagePromptTokens) {}

    /** One system's run of one task. */
    record Side(boolean solved, int llmCalls, int promptTokens, int outputTokens) {}

    /** The suite's results and the figures shared by all tasks. */
    record Report(List<TaskResult> tasks, int tools, int reactSystemPromptTokens) {

        Report {
            tasks = List.copyOf(tasks);
        }

        long solvedPev() {
            return tasks.stream().filter(t -> t.pev().solved()).count();
        }

        long solvedReact() {
            return tasks.stream().filter(t -> t.react().solved()).count();
        }

        /** The total over all tasks (solved or not) per solved task; infinite when none was solved. */
        double perSolved(ToIntFunction<TaskResult> value, long solved) {
            long total = tasks.stream().mapToLong(value::applyAsInt).sum();
            return solved == 0 ? Double.POSITIVE_INFINITY : (double) total / solved;
        }

        double pevCallsPerSolved() {
            return perSolved(t -> t.pev().llmCalls(), solvedPev());
        }

        double pevPromptTokensPerSolved() {
            return perSolved(t -> t.pev().promptTokens(), solvedPev());
        }

        double reactCallsPerSolved() {
            return perSolved(t -> t.react().llmCalls(), solvedReact());
        }

        double reactPromptTokensPerSolved() {
            return perSolved(t -> t.react().promptTokens(), solvedReact());
        }

        double promptTokensReactOverPev() {
            return reactPromptTokensPerSolved() / pevPromptTokensPerSolved();
        }
    }

    /** Generates the data into {@code dir} and runs every task through pev4j and through the ReAct loop. */
    static Report run(Path dir, BenchData.Size size) {
        return run(dir, size, false);
    }

    /** {@link #run(Path, BenchData.Size)}, with Tool RAG selecting the tools of both systems when {@code toolRag}. */
    static Report run(Path dir, BenchData.Size size, boolean toolRag) {
        BenchData data = BenchData.generate(size, SEED);
        data.writeTo(dir);
        List<BenchTask> tasks = BenchSuite.tasks(data);
        CountingLlm model = new CountingLlm(new ScriptedModel(tasks), Cl100k.INSTANCE);
        DataOps dataOps = DataOps.in(Workspace.of(dir));

        // Defaults as a user gets them; the judge is the same counted model, so a criterion that the tester could not
        // check in code would cost a counted call (the scripted model has no reply for a judge: the run would fail).
        Agent.Builder builder = Agent.builder().llm(model).tools(dataOps);
        ToolSelector selector = ToolSelector.all();
        if (toolRag) {
            // Tool RAG as the agent picks it by default for DataOps' 37 tools; the ReAct loop gets the same selection.
            ToolRag rag = new ToolRag().warmUp();
            builder.toolSelector(rag);
            selector = rag;
        } else {
            builder.toolSelection(false);
        }
        Agent agent = builder.build();

        ToolRegistry registry = ToolRegistry.of(dataOps);
        PlanExecutor.Builder executor = PlanExecutor.builder().tools(registry);
        for (ValuePreviewer previewer : dataOps.previewers()) {
            executor.previewer(previewer);
        }
        ReactLoop react =
                new ReactLoop(model, registry, executor.build(), dataOps.context(), REACT_MAX_TURNS, selector);

        List<TaskResult> results = new ArrayList<>();
        int reactSystem = 0;
        for (BenchTask task : tasks) {
            int before = model.calls().size();
            AgentResult result = agent.run(task.question());
            List<CountingLlm.Call> pevCalls = model.callsSince(before);
            String lastEvidence = lastEvidence(result);
            boolean pevSolved = result.verified()
                    && result.answer().equals(task.answer())
                    && result.attempts().stream()
                            .allMatch(a -> a.steps().stream().allMatch(s -> s.status() == StepTrace.Status.DONE))
                    && task.factsIn(lastEvidence);
            Side pev = new Side(
                    pevSolved,
                    pevCalls.size(),
                    sum(pevCalls, CountingLlm.Call::inputTokens),
                    sum(pevCalls, CountingLlm.Call::outputTokens));

            before = model.calls().size();
            ReactLoop.Outcome outcome = react.run(task.question());
            List<CountingLlm.Call> reactCalls = model.callsSince(before);
            reactSystem = Cl100k.INSTANCE.count(react.systemPrompt(task.question())) + Cl100k.PER_MESSAGE;
            boolean reactSolved = outcome.finished()
                    && outcome.toolErrors() == 0
                    && outcome.answer().equals(task.answer())
                    && task.factsIn(outcome.lastObservation());
            Side reactSide = new Side(reactSolved, outcome.llmCalls(), outcome.promptTokens(), outcome.outputTokens());
            if (outcome.llmCalls() != reactCalls.size()
                    || outcome.promptTokens() != sum(reactCalls, CountingLlm.Call::inputTokens)) {
                throw new IllegalStateException("the ReAct loop's own counts (" + outcome.llmCalls() + " calls, "
                        + outcome.promptTokens() + " prompt tokens) differ from the model's (" + reactCalls.size()
                        + ", " + sum(reactCalls, CountingLlm.Call::inputTokens) + ") for task " + task.name());
            }

            results.add(new TaskResult(
                    task.name(),
                    task.calls().size(),
                    pev,
                    reactSide,
                    sum(pevCalls, c -> c.role() == Role.PLANNER ? c.inputTokens() : 0),
                    sum(pevCalls, c -> c.role() == Role.SOLVER ? c.inputTokens() : 0),
                    (int) pevCalls.stream()
                            .filter(c -> c.role() != Role.PLANNER && c.role() != Role.SOLVER)
                            .count(),
                    result.usage().total().inputTokens()));
        }
        return new Report(results, registry.tools().size(), reactSystem);
    }

    private static String lastEvidence(AgentResult result) {
        if (result.attempts().isEmpty()) {
            return "";
        }
        List<StepTrace> steps = result.lastAttempt().steps();
        return steps.isEmpty() ? "" : steps.get(steps.size() - 1).detail();
    }

    private static int sum(List<CountingLlm.Call> calls, ToIntFunction<CountingLlm.Call> value) {
        return calls.stream().mapToInt(value).sum();
    }

    static void print(Report report, PrintStream out) {
        List<TaskResult> tasks = report.tasks();
        int n = tasks.size();
        out.println("tasks=" + n);
        out.println("solved_pev=" + report.solvedPev());
        out.println("solved_react=" + report.solvedReact());
        out.println("llm_calls_per_solved_task=" + format(report.pevCallsPerSolved()));
        out.println("prompt_tokens_per_solved_task=" + format(report.pevPromptTokensPerSolved()));
        out.println("react_llm_calls_per_solved_task=" + format(report.reactCallsPerSolved()));
        out.println("react_prompt_tokens_per_solved_task=" + format(report.reactPromptTokensPerSolved()));
        out.println("prompt_tokens_react_over_pev=" + format(report.promptTokensReactOverPev()));
        out.println("tokenizer=" + Cl100k.NAME);
        // Where the tokens go.
        out.println("tools=" + report.tools());
        out.println("tool_calls_per_task=" + format(avg(tasks, TaskResult::toolCalls)));
        out.println("pev_planner_prompt_tokens_per_task=" + format(avg(tasks, TaskResult::pevPlannerPromptTokens)));
        out.println("pev_solver_prompt_tokens_per_task=" + format(avg(tasks, TaskResult::pevSolverPromptTokens)));
        out.println("pev_other_llm_calls="
                + tasks.stream().mapToInt(TaskResult::pevOtherCalls).sum());
        out.println("react_system_prompt_tokens=" + report.reactSystemPromptTokens());
        out.println(
                "pev_output_tokens_per_task=" + format(avg(tasks, t -> t.pev().outputTokens())));
        out.println("react_output_tokens_per_task="
                + format(avg(tasks, t -> t.react().outputTokens())));
        for (TaskResult t : tasks) {
            out.println("task=" + t.name() + " tool_calls=" + t.toolCalls()
                    + " pev_solved=" + t.pev().solved() + " pev_llm_calls="
                    + t.pev().llmCalls()
                    + " pev_prompt_tokens=" + t.pev().promptTokens()
                    + " react_solved=" + t.react().solved() + " react_llm_calls="
                    + t.react().llmCalls()
                    + " react_prompt_tokens=" + t.react().promptTokens()
                    + " ratio="
                    + format((double) t.react().promptTokens() / t.pev().promptTokens()));
        }
    }

    private static double avg(List<TaskResult> tasks, ToIntFunction<TaskResult> value) {
        return tasks.stream().mapToInt(value).average().orElse(0);
    }

    private static String format(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
