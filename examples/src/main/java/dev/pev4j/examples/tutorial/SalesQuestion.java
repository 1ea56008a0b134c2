package dev.pev4j.examples.tutorial;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.examples.cli.ModelOptions;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.report.RunReport;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Example 1, the DataOps agent: a question about the bundled sales data, planned as pandas-like tool calls, executed,
 * tested against the plan's criteria and answered.
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.tutorial.SalesQuestion \
 *     "Which 3 regions had the highest total revenue?" --report sales-run.html
 * </pre>
 */
@Command(
        name = "sales-question",
        mixinStandardHelpOptions = true,
        description = "Ask the DataOps agent a question about examples/data/sales.csv.")
public final class SalesQuestion implements Callable<Integer> {

    public static final String DEFAULT_QUESTION = "Which 3 regions had the highest total revenue?";

    @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "Default: " + DEFAULT_QUESTION)
    String question = DEFAULT_QUESTION;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Default: examples/data")
    Path dataDir = Path.of("examples", "data");

    @Option(names = "--report", paramLabel = "FILE", description = "Write the HTML run report here.")
    @Nullable
    Path report;

    @Mixin
    ModelOptions model = new ModelOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SalesQuestion()).execute(args));
    }

    @Override
    public Integer call() {
        Path written = report;
        return ExampleModels.run(model, (llm, out) -> {
            AgentResult result = run(llm, dataDir, question, out);
            if (written != null) {
                RunReport.builder(result).workspace(dataDir).build().writeTo(written);
                out.println("report: " + written.toAbsolutePath());
            }
            return result;
        });
    }

    /** Asks {@code question} about the CSV files in {@code dataDir} and prints the answer and verdicts. */
    public static AgentResult run(LocalLlm llm, Path dataDir, String question, PrintWriter out) {
        DataOps dataOps = DataOps.in(Workspace.of(dataDir));
        Agent agent = Agent.builder().llm(llm).tools(dataOps).maxReplans(2).build();
        AgentResult result = agent.run(question);
        print(result, out);
        return result;
    }

    static void print(AgentResult result, PrintWriter out) {
        out.println("plan:");
        result.attempts()
                .forEach(a -> a.steps()
                        .forEach(s -> out.println("  [" + a.number() + "] " + s.call() + "  -> " + s.status())));
        if (result.solved()) {
            out.println("answer: " + result.answer().strip());
        } else {
            out.println("no answer: " + result.stopReason());
        }
        result.verdict().ifPresent(report -> {
            out.println("verdict: " + report.overall());
            for (Verdict verdict : report.verdicts()) {
                out.println("  " + verdict);
            }
        });
    }
}
