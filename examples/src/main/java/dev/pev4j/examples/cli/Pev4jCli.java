package dev.pev4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pev4j} command: {@code java -jar pev4j.jar plan check sales.plan}.
 *
 * <p>Exit codes: 0 success; 1 the plan is invalid, a step failed, or {@code ask} found no answer within its budgets;
 * 2 bad command-line usage; 3 an input could not be read (missing file, workspace outside reach); 4 no model available.
 */
@Command(
        name = "pev4j",
        mixinStandardHelpOptions = true,
        versionProvider = Pev4jCli.Version.class,
        description = "Plan, execute and verify agents on local models.",
        subcommands = {AskCommand.class, PlanCommand.class, McpCommand.class, EvalCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the plan is invalid, a step failed, or ask found no answer within its budgets",
            "2:bad command-line usage",
            "3:an input could not be read (missing plan or data file, report folder)",
            "4:no model available (not cached while offline, not found, cannot be loaded)"
        })
public final class Pev4jCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INPUT = 3;
    static final int EXIT_MODEL = 4;

    public static void main(String[] args) {
        // Exit explicitly: a native model runtime may keep a non-daemon thread alive (llama.cpp, upstream issue 116).
        System.exit(run(
                new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()),
                args));
    }

    /** Runs the command line with these streams and returns the exit code; for tests and embedding. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, CommandLine.defaultFactory(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, creating commands with {@code factory} (tests). */
    static int run(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
        CommandLine cli = new CommandLine(new Pev4jCli(), factory);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + CliOutput.oneLine(e.getMessage()));
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /** The Maven project version, from {@code version.properties} (filtered at build time). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Pev4jCli.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the pev4j jar");
                }
                properties.load(in);
            }
            return new String[] {"pev4j " + properties.getProperty("version", "unknown")};
        }
    }
}
