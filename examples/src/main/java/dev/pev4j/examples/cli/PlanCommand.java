package dev.pev4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.AgentException;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser.PlanParseException;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.data.TablePreviewer;
import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
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
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The plan file.")
        Path file;

        @Option(
                names = "--structure-only",
                description = "Check only references, cycles and duplicate ids (for plans written for other tools).")
        boolean structureOnly;

        @Override
        public Integer call() throws IOException {
            return withValidPlan(
                    spec,
                    file,
                    () -> structureOnly ? PlanValidator.structureOnly() : PlanValidator.forTools(toolkits(Path.of("."))),
                    plan -> {
                        spec.commandLine().getOut().println(JSON.writeValueAsString(PlanJson.plan(plan)));
                        return Pev4jCli.EXIT_OK;
                    });
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Validate and execute a plan with the bundled toolkits; print each step's outcome as JSON.")
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The plan file.")
        Path file;

        @Option(
                names = "--workspace",
                required = true,
                paramLabel = "DIR",
                description = "The folder tools may read from and write to; nothing outside it is reachable.")
        Path workspace;

        @Option(
                names = "--step-timeout",
                paramLabel = "SECONDS",
                defaultValue = "60",
                description = "Fail a step that runs longer than this (default: ${DEFAULT-VALUE}).")
        long stepTimeoutSeconds;

        @Override
        public Integer call() throws IOException {
            if (stepTimeoutSeconds < 1) {
                spec.commandLine().getErr().println("error: --step-timeout must be >= 1 but was " + stepTimeoutSeconds);
                return Pev4jCli.EXIT_USAGE;
            }
            ToolRegistry tools;
            try {
                tools = toolkits(workspace);
            } catch (AgentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return Pev4jCli.EXIT_INPUT;
            }
            return withValidPlan(spec, file, () -> PlanValidator.forTools(tools), plan -> {
                PlanExecutor executor = PlanExecutor.builder()
                        .tools(tools)
                        .previewer(new TablePreviewer())
                        .stepTimeout(Duration.ofSeconds(stepTimeoutSeconds))
                        .build();
                ExecutionResult result = executor.execute(plan);
                spec.commandLine().getOut().println(JSON.writeValueAsString(PlanJson.result(result)));
                return result.succeeded() ? Pev4jCli.EXIT_OK : Pev4jCli.EXIT_FAILED;
            });
        }
    }

    /** What a command does with a plan that parsed and validated; returns the exit code. */
    @FunctionalInterface
    private interface PlanAction {
        int apply(Plan plan) throws IOException;
    }

    /**
     * Reads, parses and validates the plan in {@code file}, then hands it to {@code action}; a plan that cannot be read
     * or is invalid prints its errors as JSON instead and returns the exit code that says so.
     */
    private static int withValidPlan(
            CommandSpec spec, Path file, Supplier<PlanValidator> validator, PlanAction action) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Loaded loaded = Loaded.read(file, spec.commandLine().getErr());
        if (loaded.plan == null) {
            out.println(JSON.writeValueAsString(loaded.errors));
            return loaded.exitCode;
        }
        ValidationReport report = validator.get().validate(loaded.plan);
        if (!report.isValid()) {
            out.println(JSON.writeValueAsString(PlanJson.errors(report)));
            return Pev4jCli.EXIT_FAILED;
        }
        return action.apply(loaded.plan);
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
                return failed("parse", e.getMessage(), err, Pev4jCli.EXIT_FAILED);
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
