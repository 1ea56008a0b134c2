package dev.pev4j.examples.tutorial;

import dev.pev4j.agent.Agent;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.examples.cli.ModelOptions;
import dev.pev4j.llm.LocalLlm;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Example 2, your own tools, ReWOO-style: the planner writes the whole plan over the {@link MovieCatalogue}'s tools up
 * front ({@code #E1 = movies_by_genre("sci-fi")}, {@code #E2 = best_rated(#E1)}, ...), the worker runs it without
 * asking the model again, and the solver answers from the evidence. Two model calls for the whole task, plus the
 * tester's for criteria that are not checks.
 *
 * <pre>
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.tutorial.MovieQuestion \
 *     "Which sci-fi movie in the catalogue is rated best, and what else did its director make?"
 * </pre>
 */
@Command(
        name = "movie-question",
        mixinStandardHelpOptions = true,
        description = "Ask the agent about a local movie catalogue exposed as @Tool methods.")
public final class MovieQuestion implements Callable<Integer> {

    public static final String DEFAULT_QUESTION =
            "Which sci-fi movie in the catalogue is rated best, and what else did its director make?";

    @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "Default: " + DEFAULT_QUESTION)
    String question = DEFAULT_QUESTION;

    @Mixin
    ModelOptions model = new ModelOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MovieQuestion()).execute(args));
    }

    @Override
    public Integer call() {
        return ExampleModels.run(model, (llm, out) -> run(llm, question, out));
    }

    /** Plans {@code question} over the catalogue's tools, runs the plan, answers; prints plan, evidence and answer. */
    public static AgentResult run(LocalLlm llm, String question, PrintWriter out) {
        Agent agent = Agent.builder().llm(llm).tools(new MovieCatalogue()).build();
        AgentResult result = agent.run(question);
        out.println("plan (ReWOO, written before any tool ran):");
        out.println(result.lastAttempt().planText().strip().indent(2).stripTrailing());
        out.println("evidence:");
        result.lastAttempt().steps().forEach(s -> out.println("  #" + s.step() + " = " + s.detail()));
        out.println(result.solved() ? "answer: " + result.answer().strip() : "no answer: " + result.stopReason());
        return result;
    }
}
