package dev.pev4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.AgentException;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.StepId;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Tester;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.data.TableInspector;
import dev.pev4j.tools.data.TablePreviewer;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pev4j plan check|run}: what a model wrote, read and run the way the agent would. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Check or run a plan file (ReWOO '#E1 = tool[...]', LLMCompiler '1. tool(...)' or JSON).",
        subcommands = {PlanCommand.Check.class, PlanCommand.Run.class})
final class PlanCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Parse and validate a plan; print it as JSON, or every problem found.",
                "Tools and arguments are checked against the bundled toolkits (DataOps) unless --structure-only."
            })
    static final class Check extends PlanFileCommand {

        @Option(
                names = "--structure-only",
                description = "Check only references, cycles and duplicate ids (for plans written for other tools).")
        boolean structureOnly;

        @Override
        public Integer call() throws IOException {
            return withValidPlan(
                    () -> structureOnly
                            ? PlanValidator.structureOnly()
                            : PlanValidator.forTools(toolkits(Path.of("."))),
                    plan -> {
                        spec.commandLine().getOut().println(JSON.writeValueAsString(PlanJson.plan(plan)));
                        return Pev4jCli.EXIT_OK;
                    });
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Validate and execute a plan with the bundled toolkits, then check its criteria; print each step's "
                        + "outcome and each criterion's verdict as JSON.",
                "Criteria written in the check language (rows(#E2) > 0, sorted(#E3, \"x\", \"desc\"), ...) are "
                        + "checked; other sentences need a judge and are reported as not checked.",
                "The files in the workspace when the run starts are inputs: no step may replace them unless "
                        + "--allow-overwrite."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:every step ran and no checked criterion failed",
                "1:the plan is invalid, a step failed, or a criterion failed",
                "2:bad command-line usage",
                "3:an input could not be read (plan file, workspace, output folder)"
            })
    static final class Run extends PlanFileCommand {

        @Option(
                names = "--workspace",
                required = true,
                paramLabel = "DIR",
                description = "The folder tools may read from and write to; nothing outside it is reachable.")
        Path workspace;

        @Option(
                names = "--allow-overwrite",
                description = "Let steps replace files that were in the workspace when the run started "
                        + "(write_csv[..., true] over an input). Without it they fail and the inputs stay as they "
                        + "were.")
        boolean allowOverwrite;

        @Option(
                names = "--json",
                description = "Give each step's value as JSON (numbers at full precision, maps as objects, tables as "
                        + "rows of objects; at most " + ValueJson.ITEMS + " items each) instead of its text preview.")
        boolean json;

        @Option(
                names = "--full",
                paramLabel = "STEP",
                description = "Give this step's value whole (every row and item), in the JSON with --json and as a "
                        + "file with --output; repeatable, e.g. --full E3.")
        List<String> full = new ArrayList<>();

        @Option(
                names = "--output",
                paramLabel = "DIR",
                description = "Write results whole into this folder, atomically: tables as E<n>.csv (as pandas "
                        + "to_csv), other values as E<n>.json; the --full steps, or every step that ran.")
        @Nullable
        Path output;

        @Mixin
        StepTimeoutOption stepTimeout = new StepTimeoutOption();

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            try {
                stepTimeout.check();
            } catch (IllegalArgumentException e) {
                return CliOutput.fail(err, Pev4jCli.EXIT_USAGE, e.getMessage());
            }
            Set<StepId> wanted = new LinkedHashSet<>();
            for (String step : full) {
                try {
                    wanted.add(StepId.parse(step));
                } catch (IllegalArgumentException e) {
                    return CliOutput.fail(
                            err, Pev4jCli.EXIT_USAGE, "--full " + step + " is not a step id; give one like E3");
                }
            }
            if (output != null && !Files.isDirectory(output)) {
                return CliOutput.fail(err, Pev4jCli.EXIT_INPUT, "output folder not found: " + output.toAbsolutePath());
            }
            ToolRegistry tools;
            try {
                Workspace files = Workspace.of(workspace);
                tools = ToolRegistry.of(DataOps.in(allowOverwrite ? files : files.protectingInputs()));
            } catch (AgentException e) {
                return CliOutput.fail(err, Pev4jCli.EXIT_INPUT, e.getMessage());
            }
            return withValidPlan(() -> PlanValidator.forTools(tools), plan -> {
                for (StepId id : wanted) {
                    if (plan.steps().stream().noneMatch(step -> step.id().equals(id))) {
                        err.println("error: --full " + id + ": the plan has no step " + id + "; its steps are "
                                + plan.steps().stream()
                                        .map(step -> step.id().toString())
                                        .toList());
                        return Pev4jCli.EXIT_USAGE;
                    }
                }
                PlanExecutor executor = PlanExecutor.builder()
                        .tools(tools)
                        .previewer(new TablePreviewer())
                        .stepTimeout(stepTimeout.duration())
                        .build();
                ExecutionResult result = executor.execute(plan);
                TestReport verdicts =
                        Tester.builder().inspector(new TableInspector()).build().test(plan.toString(), plan, result);
                ObjectNode printed = PlanJson.result(result, json, wanted);
                PlanJson.addVerdicts(printed, verdicts);
                if (output != null) {
                    try {
                        ArrayNode written = printed.putArray("written");
                        for (Path path : Results.write(result, wanted, output)) {
                            written.add(path.toString());
                        }
                    } catch (IOException | AgentException e) {
                        spec.commandLine().getOut().println(JSON.writeValueAsString(printed));
                        err.println("error: cannot write the results to " + output.toAbsolutePath() + ": "
                                + CliOutput.oneLine(e.getMessage()));
                        return Pev4jCli.EXIT_INPUT;
                    }
                }
                spec.commandLine().getOut().println(JSON.writeValueAsString(printed));
                for (Verdict verdict : verdicts.verdicts()) {
                    if (verdict.failed()) {
                        err.println("criterion failed: " + CliOutput.oneLine(verdict.criterion()) + " — "
                                + CliOutput.oneLine(verdict.reason()));
                    }
                }
                boolean criteriaHold = verdicts.verdicts().stream().noneMatch(Verdict::failed);
                return result.succeeded() && criteriaHold ? Pev4jCli.EXIT_OK : Pev4jCli.EXIT_FAILED;
            });
        }
    }

    /** What a command does with a plan that parsed and validated; returns the exit code. */
    @FunctionalInterface
    private interface PlanAction {
        int apply(Plan plan) throws IOException;
    }

    /** A subcommand that reads a plan file: the file, and the spec that gives the command's streams. */
    private abstract static class PlanFileCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The plan file.")
        Path file;

        /**
         * Reads, parses and validates the plan in {@link #file}, then hands it to {@code action}; a plan that cannot
         * be read or is invalid prints its errors as JSON instead and returns the exit code that says so.
         */
        int withValidPlan(Supplier<PlanValidator> validator, PlanAction action) throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Loaded loaded = Loaded.read(file, spec.commandLine().getErr());
            if (loaded.plan == null) {
                out.println(JSON.writeValueAsString(loaded.errors));
                return loaded.exitCode;
            }
            ValidationReport report = validator.get().validate(loaded.plan);
            List<Tester.CriterionProblem> criteria = Tester.problems(loaded.plan);
            if (!report.isValid() || !criteria.isEmpty()) {
                out.println(JSON.writeValueAsString(PlanJson.errors(report, criteria)));
                return Pev4jCli.EXIT_FAILED;
            }
            return action.apply(loaded.plan);
        }
    }

    /** The toolkits the command line offers plans: DataOps confined to {@code workspace}. */
    static ToolRegistry toolkits(Path workspace) {
        return ToolRegistry.of(new DataOps(Workspace.of(workspace)));
    }

    /** A plan file read and parsed, or the JSON errors and exit code saying why not. */
    private static final class Loaded {
        final @Nullable Plan plan;
        final @Nullable ObjectNode errors;
        final int exitCode;

        private Loaded(@Nullable Plan plan, @Nullable ObjectNode errors, int exitCode) {
            this.plan = plan;
            this.errors = errors;
            this.exitCode = exitCode;
        }

        static Loaded read(Path file, PrintWriter err) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return failed("io", "plan file not found: " + file.toAbsolutePath(), err, Pev4jCli.EXIT_INPUT);
            } catch (IOException e) {
                return failed("io", "cannot read plan file " + file + ": " + e.getMessage(), err, Pev4jCli.EXIT_INPUT);
            }
            try {
                return new Loaded(PlanParser.create().parse(text), null, Pev4jCli.EXIT_OK);
            } catch (PlanParseException e) {
                return failed("parse", Objects.requireNonNull(e.getMessage()), err, Pev4jCli.EXIT_FAILED);
            }
        }

        private static Loaded failed(String kind, String message, PrintWriter err, int exitCode) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode errors = root.putArray("errors");
            ObjectNode error = errors.addObject();
            error.put("kind", kind);
            error.put("message", message);
            error.putArray("steps");
            err.println("error: " + message);
            return new Loaded(null, root, exitCode);
        }
    }

    private PlanCommand() {}
}
