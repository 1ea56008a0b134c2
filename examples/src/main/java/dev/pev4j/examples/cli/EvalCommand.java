package dev.pev4j.examples.cli;

import static dev.pev4j.examples.cli.CliOutput.fail;

import dev.pev4j.llm.LocalLlm;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.eval.ComparisonPage;
import dev.pev4j.tools.eval.EvalRun;
import dev.pev4j.tools.eval.EvalSuite;
import dev.pev4j.tools.eval.Evaluation;
import dev.pev4j.tools.eval.PlanFormat;
import dev.pev4j.tools.eval.Rate;
import dev.pev4j.tools.eval.ReferencePlanner;
import dev.pev4j.tools.eval.TaskResult;
import dev.pev4j.tools.eval.TrainingRecords;
import dev.pev4j.tools.rag.ToolRag;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pev4j eval --suite examples/eval/dataops/suite.json --model FILE.gguf}: runs the agent on every task of a
 * suite with one model and settings, and writes the result as JSON, an HTML page comparing it with earlier results,
 * a resumable checkpoint and, on request, fine-tuning records. Progress goes to stderr, the rates to stdout.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluate how well a model plans and solves the tasks of a suite.",
            "Scores plan parses, plan valid, plan graph isomorphic to the reference (strict and relaxed), answer "
                    + "correct and tester agreement, with 95%% Wilson intervals; counts replans, model calls, tokens "
                    + "per role and time.",
            "Resumable: a run killed midway continues from its checkpoint when started again with the same options.",
            "Example: pev4j eval --suite examples/eval/dataops/suite.json --ollama http://localhost:11434 --ollama-model qwen2.5:1.5b"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the evaluation ran (whatever the scores)",
            "2:bad command-line usage (including --tool-rag on without Tool RAG, --plan-format json without schemas)",
            "3:an input could not be read (suite file, data file, earlier result)",
            "4:no model available"
        })
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "The suite file (JSON).")
    Path suite;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(
            names = "--reference",
            description = "Plan with the suite's reference plans (a scripted model, no model needed): the yardstick.")
    boolean reference;

    @Option(
            names = "--tool-rag",
            paramLabel = "on|off",
            defaultValue = "off",
            description = "Show the planner only the tools closest to the task (default: ${DEFAULT-VALUE}).")
    String toolRag;

    @Option(
            names = "--plan-format",
            paramLabel = "auto|json|text",
            defaultValue = "auto",
            description = "The plan form to ask for: json under the plan schema, text, or auto (json when the "
                    + "backend supports schemas; default: ${DEFAULT-VALUE}).")
    String planFormat;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "The result as JSON (default: eval-<suite>-<model>.json).")
    @Nullable
    Path outFile;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "The comparison page (default: the --out file with .html).")
    @Nullable
    Path html;

    @Option(
            names = "--compare",
            arity = "1..*",
            paramLabel = "RESULT.json",
            description = "Earlier results to show beside this run on the HTML page.")
    List<Path> compare = new ArrayList<>();

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE",
            description = "The resumable checkpoint, JSON Lines (default: the --out file with .checkpoint.jsonl).")
    @Nullable
    Path checkpoint;

    @Option(
            names = "--training",
            paramLabel = "DIR",
            description = "Write verified, correct runs as fine-tuning "
                    + "records (chat.jsonl, alpaca.jsonl, function-calls.jsonl) into DIR.")
    @Nullable
    Path training;

    @Option(names = "--tasks", split = ",", paramLabel = "ID", description = "Run only these tasks.")
    List<String> tasks = new ArrayList<>();

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Tasks at once (default: 1 for an in-process model, "
                    + "4 for a server, the cores for --reference).")
    @Nullable
    Integer parallel;

    @Mixin
    AgentBudgetOptions budget = new AgentBudgetOptions();

    private final AskCommand.ModelSource models;

    EvalCommand() {
        this(AskCommand.DEFAULT_MODELS);
    }

    EvalCommand(AskCommand.ModelSource models) {
        this.models = models;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanFormat format;
        try {
            format = PlanFormat.valueOf(planFormat.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail(
                    err, Pev4jCli.EXIT_USAGE, "--plan-format must be auto, json or text but was '" + planFormat + "'");
        }
        if (!toolRag.equals("on") && !toolRag.equals("off")) {
            return fail(err, Pev4jCli.EXIT_USAGE, "--tool-rag must be on or off but was '" + toolRag + "'");
        }
        if (parallel != null && parallel < 1) {
            return fail(err, Pev4jCli.EXIT_USAGE, "--parallel must be >= 1 but was " + parallel);
        }
        try {
            budget.check();
        } catch (IllegalArgumentException e) {
            return fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
        }
        boolean server = model.ollama != null || model.openAiBaseUrl != null;
        if (reference && (server || model.model != null)) {
            return fail(
                    err,
                    Pev4jCli.EXIT_USAGE,
                    "--reference plans without a model: leave out --model, --ollama " + "and --openai-base-url");
        }
        try {
            model.check();
        } catch (IllegalArgumentException e) {
            return fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
        }
        EvalSuite loaded;
        List<EvalRun> earlier = new ArrayList<>();
        try {
            loaded = EvalSuite.load(suite);
            if (!tasks.isEmpty()) {
                loaded = loaded.only(tasks);
            }
            for (Path file : compare) {
                earlier.add(EvalRun.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (UncheckedIOException e) {
            return fail(err, Pev4jCli.EXIT_INPUT, e.getMessage());
        } catch (IOException e) {
            return fail(err, Pev4jCli.EXIT_INPUT, "cannot read an earlier result: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(err, Pev4jCli.EXIT_INPUT, e.getMessage());
        }
        LocalLlm llm;
        if (reference) {
            llm = ReferencePlanner.of(loaded);
        } else {
            Optional<LocalLlm> opened = models.openOrReport(model, err);
            if (opened.isEmpty()) {
                return Pev4jCli.EXIT_MODEL;
            }
            llm = opened.get();
        }
        try {
            int threads = parallel != null
                    ? parallel
                    : reference ? Math.max(1, Runtime.getRuntime().availableProcessors()) : server ? 4 : 1;
            Path result =
                    outFile != null ? outFile : Path.of("eval-" + loaded.name() + "-" + safe(llm.name()) + ".json");
            Path page = html != null ? html : sibling(result, ".html");
            Path resume = checkpoint != null ? checkpoint : sibling(result, ".checkpoint.jsonl");
            ProgressBar bar = new ProgressBar(err);
            Evaluation evaluation;
            try {
                evaluation = Evaluation.builder()
                        .suite(loaded)
                        .llm(llm)
                        .planFormat(format)
                        .maxReplans(budget.maxReplans)
                        .stepTimeout(budget.stepTimeout())
                        .parallelism(threads)
                        .checkpoint(resume)
                        .listener(bar)
                        .toolSelector(
                                toolRag.equals("on") ? new ToolRag() : ToolSelector.all(),
                                toolRag.equals("on") ? "tool-rag" : "all")
                        .build();
            } catch (IllegalArgumentException e) {
                return fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
            }
            err.println("suite " + loaded.name() + ": " + loaded.tasks().size() + " tasks, " + threads
                    + (threads == 1 ? " at a time" : " in parallel") + "; checkpoint " + resume);
            EvalRun run;
            try {
                run = evaluation.run();
            } catch (IllegalArgumentException e) {
                bar.finish();
                return fail(err, Pev4jCli.EXIT_INPUT, e.getMessage());
            }
            bar.finish();
            run.writeJson(result);
            List<EvalRun> shown = new ArrayList<>(earlier);
            shown.add(run);
            ComparisonPage.write(page, shown);
            print(stdout, run);
            err.println("result: " + result.toAbsolutePath());
            err.println("comparison: " + page.toAbsolutePath());
            if (training != null) {
                Path dir = Files.createDirectories(training);
                ToolRegistry tools = ToolRegistry.of(DataOps.in(Workspace.of(dir)));
                int n = TrainingRecords.write(dir, run, tools);
                err.println("fine-tuning records: " + n + " in " + dir.toAbsolutePath() + " ("
                        + String.join(", ", TrainingRecords.FILES) + ")");
            }
            if (reference) {
                err.println("note: the reference planner replays the suite's own plans; its answers check the suite "
                        + "against the toolkit, not a model.");
            }
            return Pev4jCli.EXIT_OK;
        } catch (IOException | UncheckedIOException e) {
            return fail(err, Pev4jCli.EXIT_INPUT, e.getMessage());
        } finally {
            CliOutput.close(llm, "the model", err);
        }
    }

    /** The rates as {@code name=value} lines, the interval beside each, then the totals. */
    static void print(PrintWriter out, EvalRun run) {
        out.println("eval_tasks=" + run.results().size());
        for (Map.Entry<String, Rate> rate : run.rates().entrySet()) {
            Rate r = rate.getValue();
            out.println(String.format(
                    Locale.ROOT,
                    "eval_%s=%.4f  # %d/%d, 95%% CI [%.3f, %.3f]",
                    rate.getKey(),
                    r.value(),
                    r.successes(),
                    r.n(),
                    r.low(),
                    r.high()));
        }
        for (Map.Entry<String, Number> total : run.totals().entrySet()) {
            if (total.getKey().equals("tasks")) {
                continue;
            }
            Number v = total.getValue();
            out.println("eval_" + total.getKey() + "="
                    + (v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : v.toString()));
        }
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(base + suffix);
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() <= 60 ? s : s.substring(s.length() - 60);
    }

    /** A one-line progress bar on stderr, redrawn as each task finishes. Thread-safe. */
    static final class ProgressBar implements dev.pev4j.tools.eval.EvalListener {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private int correct;
        private int seen;
        private boolean drawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void onTask(TaskResult result, boolean resumed, int done, int total) {
            seen++;
            correct += result.answerCorrect() ? 1 : 0;
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + " answers " + correct + "/" + seen + (resumed ? " (resumed) " : " ")
                    + pad(result.id()));
            err.flush();
            drawn = true;
        }

        synchronized void finish() {
            if (drawn) {
                err.println();
            }
        }

        private static String pad(String id) {
            String s = id.length() > 32 ? id.substring(0, 32) : id;
            return s + " ".repeat(32 - s.length());
        }
    }
}
