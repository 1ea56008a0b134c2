package dev.pev4j.examples.tutorial;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.examples.cli.ModelOptions;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.report.RunReport.StepTimeline;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Example 3, a wide plan run in parallel, LLMCompiler-style: six independent station lookups have no dependencies
 * between them, so the executor starts them together; the mean waits for all six. The timeline (a text Gantt chart
 * from the agent's step events) shows it.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.tutorial.ParallelPlan
 * </pre>
 */
@Command(
        name = "parallel-plan",
        mixinStandardHelpOptions = true,
        description = "A wide plan whose independent steps run at once, with its timeline.")
public final class ParallelPlan implements Callable<Integer> {

    public static final String DEFAULT_QUESTION = "What is the mean temperature of Oslo, Lisbon, Cairo, Lima, Tokyo "
            + "and Quito right now? Look each one up.";

    @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "Default: " + DEFAULT_QUESTION)
    String question = DEFAULT_QUESTION;

    @Option(
            names = "--lookup-millis",
            defaultValue = "300",
            description = "How long one lookup takes (default: " + "${DEFAULT-VALUE}).")
    long lookupMillis;

    @Mixin
    ModelOptions model = new ModelOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParallelPlan()).execute(args));
    }

    @Override
    public Integer call() {
        return ExampleModels.run(model, (llm, out) -> run(llm, question, lookupMillis, out));
    }

    /** Runs {@code question} over slow station lookups, at most 8 steps at once; prints the timeline and answer. */
    public static AgentResult run(LocalLlm llm, String question, long lookupMillis, PrintWriter out) {
        return run(llm, question, new WeatherStations(lookupMillis), out);
    }

    static AgentResult run(LocalLlm llm, String question, WeatherStations stations, PrintWriter out) {
        StepTimeline timeline = new StepTimeline();
        Agent agent = Agent.builder()
                .llm(llm)
                .tools(stations)
                .maxParallelism(8)
                .listener(timeline)
                .build();
        AgentResult result = agent.run(question);
        out.println("timeline (each line a step; bars overlap where steps ran at once):");
        out.print(timeline.gantt(50));
        out.println("execution took " + result.timings().execution().toMillis() + " ms for "
                + result.lastAttempt().steps().size() + " steps");
        out.println(result.solved() ? "answer: " + result.answer().strip() : "no answer: " + result.stopReason());
        return result;
    }
}
