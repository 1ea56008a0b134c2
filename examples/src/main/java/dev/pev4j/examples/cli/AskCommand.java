package dev.pev4j.examples.cli;

import static dev.pev4j.examples.cli.CliOutput.fail;
import static dev.pev4j.examples.cli.CliOutput.oneLine;

import dev.pev4j.AgentException;
import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.judge.CascadeCalibration;
import dev.pev4j.judge.JudgeCascade;
import dev.pev4j.judge.LlmJudge;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.report.RunReport;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.data.DataOpsException;
import dev.pev4j.tools.data.Engine;
import dev.pev4j.tools.data.SqlDataOps;
import dev.pev4j.tools.mcp.McpException;
import dev.pev4j.tools.mcp.McpServer;
import dev.pev4j.tools.mcp.McpTools;
import dev.pev4j.tools.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pev4j ask --data sales.csv "Which region sold most?"}: the whole agent on the user's files. The files are
 * copied, read-only, into a private temporary workspace that is deleted afterwards, so the agent's tools can neither
 * modify them nor write next to them. Progress goes to stderr, the answer and verdict (or the JSON trace) to stdout.
 */
@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Answer a question about data files with the plan-execute-verify agent.",
            "Progress (plan, steps, tests) goes to stderr; the answer and the verdict to stdout.",
            "Example: pev4j ask --data examples/data/sales.csv \"Which 3 regions had the highest revenue?\""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:answered (see the verdict: verified, or needs human review)",
            "1:no answer: the plans kept failing or a budget ran out",
            "2:bad command-line usage",
            "3:an input could not be read (missing data file, report folder)",
            "4:no model available (not cached while offline, not found, cannot be loaded)"
        })
final class AskCommand implements Callable<Integer> {

    /** Opens the model the options ask for; replaced in tests by one that hands out a scripted model. */
    @FunctionalInterface
    interface ModelSource {
        LocalLlm open(ModelOptions options);

        /**
         * The model the options ask for, after telling {@code err} which it is; empty, after telling {@code err} why
         * and how to supply one, when it cannot be had (the command then exits with {@link Pev4jCli#EXIT_MODEL}).
         */
        default Optional<LocalLlm> openOrReport(ModelOptions options, PrintWriter err) {
            err.println("model: " + options.describe());
            try {
                return Optional.of(open(options));
            } catch (ModelUnavailableException e) {
                fail(err, Pev4jCli.EXIT_MODEL, e.getMessage());
            } catch (AgentException | IllegalArgumentException e) {
                fail(
                        err,
                        Pev4jCli.EXIT_MODEL,
                        "cannot open the model: " + e.getMessage() + "; " + ModelOptions.HOW_TO_SUPPLY);
            }
            return Optional.empty();
        }
    }

    static final ModelSource DEFAULT_MODELS = options -> options.open(System.getenv(), System.err);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "The data files (CSV) the question is about. The question may come last.")
    List<String> data = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question, in quotes.")
    List<String> question = new ArrayList<>();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    McpOptions mcp = new McpOptions();

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "tablesaw",
            description = "Where the data tools run: tablesaw (in memory, the default), duckdb (files read in place, "
                    + "lazy SQL, for data larger than the heap) or spark / spark:MASTER (lazy Spark SQL on local[*] or "
                    + "a cluster, or spark:sc://HOST:PORT for a Spark Connect server that sees this machine's files at "
                    + "the same paths; needs Spark on the classpath, see the README). The plan's tools are the same on "
                    + "all.")
    String engine = "tablesaw";

    @Option(names = "--json", description = "Print the run's trace as JSON instead of the answer and verdict.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write the run as a self-contained HTML report (written atomically).")
    @Nullable
    Path report;

    @Mixin
    AgentBudgetOptions budget = new AgentBudgetOptions();

    @Option(
            names = "--confirm",
            description = "Show each plan before it runs and ask on the terminal: y runs it; any other answer "
                    + "rejects it and is given to the planner as the reason for a new plan.")
    boolean confirm;

    @Option(
            names = "--judge-calibration",
            paramLabel = "FILE",
            description = "Judge the criteria that are not checks with the run's model judge, calibrated by FILE"
                    + " (made by calibrate-cascade for that judge): its verdicts count as verified only above the"
                    + " calibrated threshold; it abstains below.")
    @Nullable
    Path judgeCalibration;

    @Option(
            names = "--alpha",
            paramLabel = "A",
            defaultValue = "0.1",
            description = "Tolerated disagreement rate with humans of judged criteria (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--delta",
            paramLabel = "D",
            defaultValue = "0.1",
            description = "Tolerated risk that the judge's calibration misleads (default: ${DEFAULT-VALUE}).")
    double delta;

    private final ModelSource models;
    private final Supplier<BufferedReader> terminal;

    AskCommand() {
        this(DEFAULT_MODELS);
    }

    AskCommand(ModelSource models) {
        this(models, () -> new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    AskCommand(ModelSource models, Supplier<BufferedReader> terminal) {
        this.models = models;
        this.terminal = terminal;
    }

    /** Prints the plan to {@code err} and reads the decision from the terminal ({@code --confirm}). */
    private Agent.PlanApprover askOnTheTerminal(PrintWriter err) {
        BufferedReader in = terminal.get();
        return review -> {
            err.println("plan (attempt " + review.attempt() + "):");
            review.text().lines().forEach(line -> err.println("  " + line));
            err.print("Run this plan? y = yes; anything else = no, and tells the planner why: ");
            err.flush();
            String answer;
            try {
                answer = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the answer from the terminal: " + e.getMessage(), e);
            }
            if (answer == null) {
                throw new IllegalStateException("no answer on the terminal (end of input)");
            }
            String said = answer.strip();
            if (said.equalsIgnoreCase("y") || said.equalsIgnoreCase("yes")) {
                return Agent.Approval.approve();
            }
            return Agent.Approval.reject(
                    said.isEmpty() || said.equalsIgnoreCase("n") || said.equalsIgnoreCase("no")
                            ? "the user did not approve it"
                            : "the user did not approve it: " + said);
        };
    }

    private static List<String> judgeNames(CascadeCalibration calibration) {
        List<String> names = new ArrayList<>();
        calibration.judges().forEach(j -> names.add(j.judge()));
        return names;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> files = new ArrayList<>(data);
        List<String> words = new ArrayList<>(question);
        if (words.isEmpty() && files.size() > 1) {
            words.add(files.remove(files.size() - 1));
        }
        String task = String.join(" ", words).strip();
        if (task.isEmpty()) {
            return fail(
                    err,
                    Pev4jCli.EXIT_USAGE,
                    "give the question after the data files, e.g. "
                            + "ask --data sales.csv \"Which region sold most?\"");
        }
        try {
            budget.check();
            model.check();
        } catch (IllegalArgumentException e) {
            return fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
        }
        Engine dataEngine;
        try {
            dataEngine = Engine.parse(engine);
            SqlDataOps.requireLibrary(dataEngine);
        } catch (IllegalArgumentException | DataOpsException e) {
            return fail(err, Pev4jCli.EXIT_USAGE, "--engine: " + e.getMessage());
        }
        if (!(alpha > 0.0 && alpha < 1.0) || !(delta > 0.0 && delta < 1.0)) {
            return fail(
                    err,
                    Pev4jCli.EXIT_USAGE,
                    "--alpha and --delta must be between 0 and 1 (exclusive) but were " + alpha + " and " + delta);
        }
        CascadeCalibration calibration = null;
        if (judgeCalibration != null) {
            try {
                calibration = CascadeCalibration.load(judgeCalibration);
            } catch (CascadeCalibration.CalibrationException e) {
                return fail(err, Pev4jCli.EXIT_INPUT, "--judge-calibration: " + oneLine(e.getMessage()));
            }
            if (calibration.alpha() > alpha || calibration.delta() > delta) {
                return fail(
                        err,
                        Pev4jCli.EXIT_USAGE,
                        "--judge-calibration: " + judgeCalibration + " was calibrated at"
                                + " alpha=" + calibration.alpha() + ", delta=" + calibration.delta() + " for judges "
                                + judgeNames(calibration) + ", looser than --alpha " + alpha + " --delta " + delta
                                + "; calibrate again at these values or raise --alpha/--delta");
            }
        }
        Map<String, Path> inputs = new HashMap<>();
        for (String name : files) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                return fail(
                        err,
                        Pev4jCli.EXIT_INPUT,
                        (Files.isDirectory(file) ? "data file is a directory: " : "data file not found: ")
                                + file.toAbsolutePath());
            }
            if (!Files.isReadable(file)) {
                return fail(err, Pev4jCli.EXIT_INPUT, "data file cannot be read: " + file.toAbsolutePath());
            }
            Path previous = inputs.putIfAbsent(file.getFileName().toString(), file);
            if (previous != null && !sameFile(previous, file)) {
                return fail(
                        err,
                        Pev4jCli.EXIT_USAGE,
                        "two data files are named '" + file.getFileName() + "': " + previous + " and " + file
                                + "; rename one");
            }
        }
        List<McpServer> servers;
        try {
            servers = mcp.servers();
        } catch (IllegalArgumentException e) {
            return fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
        }
        if (report != null) {
            Path dir = report.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                return fail(err, Pev4jCli.EXIT_INPUT, "report folder not found: " + dir);
            }
        }
        Optional<LocalLlm> opened = models.openOrReport(model, err);
        if (opened.isEmpty()) {
            return Pev4jCli.EXIT_MODEL;
        }
        LocalLlm llm = opened.get();
        Path workspace = null;
        McpTools mcpTools = servers.isEmpty() ? null : McpTools.of(servers);
        Toolkit dataOps = null;
        try {
            workspace = copyInputs(inputs);
            dataOps = DataOps.on(dataEngine, Workspace.of(workspace));
            List<Object> tools = new ArrayList<>(List.of(dataOps));
            if (mcpTools != null) {
                try {
                    mcpTools.jsonSchemaTools(); // start the servers now, so that a bad one is reported as such
                } catch (McpException e) {
                    return fail(err, Pev4jCli.EXIT_INPUT, oneLine(e.getMessage()));
                }
                tools.add(mcpTools);
            }
            Agent.Builder builder = Agent.builder().judgeRisk(alpha, delta);
            if (calibration != null) {
                Judge judge = new LlmJudge(llm);
                List<String> names = judgeNames(calibration);
                if (!names.equals(List.of(judge.name()))) {
                    return fail(
                            err,
                            Pev4jCli.EXIT_USAGE,
                            "--judge-calibration: " + judgeCalibration
                                    + " is for judges " + names + " but this run's judge is '" + judge.name()
                                    + "'; calibrate that judge with calibrate-cascade and pass its file");
                }
                builder.judge(JudgeCascade.builder()
                        .judge(judge)
                        .calibration(calibration)
                        .build());
            }
            builder.llm(llm)
                    .tools(tools.toArray())
                    .maxReplans(budget.maxReplans)
                    .stepTimeout(budget.stepTimeout())
                    .listener(new ProgressPrinter(err));
            if (confirm) {
                builder.approver(askOnTheTerminal(err));
            }
            Agent agent = builder.build();
            AgentResult result = agent.run(task);
            if (report != null) {
                RunReport.builder(result).workspace(workspace).build().writeTo(report);
                err.println("report: " + report.toAbsolutePath());
            }
            if (json) {
                out.println(result.toJson());
            } else if (result.solved()) {
                printAnswer(out, result);
            }
            if (result.stopReason().kind() == AgentResult.StopReason.Kind.MODEL_FAILED) {
                return fail(
                        err,
                        Pev4jCli.EXIT_MODEL,
                        "no model available: " + model.describe() + ": "
                                + oneLine(result.stopReason().message()));
            }
            if (!result.solved()) {
                return fail(
                        err,
                        Pev4jCli.EXIT_FAILED,
                        "no answer: " + oneLine(result.stopReason().toString()));
            }
            return Pev4jCli.EXIT_OK;
        } catch (UncheckedIOException e) {
            return fail(err, Pev4jCli.EXIT_INPUT, oneLine(e.getMessage()));
        } finally {
            if (mcpTools != null) {
                mcpTools.close();
            }
            CliOutput.close(dataOps, "the data engine", err);
            if (workspace != null) {
                deleteTree(workspace);
            }
            CliOutput.close(llm, "the model", err);
        }
    }

    private static void printAnswer(PrintWriter out, AgentResult result) {
        out.println(result.answer().strip());
        out.println();
        TestReport report = result.verdict().orElse(new TestReport(List.of()));
        long passed = report.verdicts().stream().filter(Verdict::passed).count();
        String overall =
                result.verified() ? "verified" : result.needsHumanReview() ? "needs human review" : "not verified";
        out.println("verdict: " + overall + " (" + passed + " of "
                + report.verdicts().size() + " criteria passed, "
                + result.attempts().size() + (result.attempts().size() == 1 ? " attempt" : " attempts") + ", "
                + result.usage().total().totalTokens() + " tokens, "
                + result.timings().total().toMillis() + " ms)");
        for (Verdict verdict : report.verdicts()) {
            String mark = verdict.passed() ? "✓" : verdict.failed() ? "✗" : "?";
            out.println("  " + mark + " " + oneLine(verdict.criterion()) + " — "
                    + verdict.status().name().toLowerCase(Locale.ROOT) + " by "
                    + verdict.method().name().toLowerCase(Locale.ROOT)
                    + String.format(Locale.ROOT, " (confidence %.2f): ", verdict.confidence())
                    + oneLine(verdict.reason()));
        }
    }

    /** A fresh temporary folder holding read-only copies of the inputs, by file name. */
    private static Path copyInputs(Map<String, Path> inputs) {
        try {
            Path dir = Files.createTempDirectory("pev4j-ask-");
            for (Map.Entry<String, Path> input : inputs.entrySet()) {
                Path copy = dir.resolve(input.getKey());
                Files.copy(input.getValue(), copy);
                try {
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
                } catch (UnsupportedOperationException e) {
                    copy.toFile().setReadOnly();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workspace: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is not worth failing the run for.
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
