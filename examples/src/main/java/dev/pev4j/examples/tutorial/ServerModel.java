package dev.pev4j.examples.tutorial;

import dev.pev4j.agent.AgentResult;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.langchain4j.ServerLlms;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Example 5, a model server instead of the in-process model: the same DataOps agent as {@link SalesQuestion}, its
 * model behind Ollama or any OpenAI-compatible server (llama.cpp's {@code llama-server}, vLLM, LM Studio) through
 * LangChain4j. Nothing else changes: {@code LocalLlm} is the one interface every backend implements.
 *
 * <pre>
 * ollama pull qwen2.5:1.5b
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.tutorial.ServerModel \
 *     --ollama http://localhost:11434 --ollama-model qwen2.5:1.5b
 * llama-server -hf Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M --port 8080
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.tutorial.ServerModel \
 *     --openai-base-url http://localhost:8080/v1 --openai-model qwen2.5
 * </pre>
 */
@Command(
        name = "server-model",
        mixinStandardHelpOptions = true,
        description = "The DataOps agent on a model served by Ollama or an OpenAI-compatible server.")
public final class ServerModel implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "Default: " + SalesQuestion.DEFAULT_QUESTION)
    String question = SalesQuestion.DEFAULT_QUESTION;

    @Option(names = "--ollama", paramLabel = "URL", description = "e.g. http://localhost:11434")
    String ollama = "";

    @Option(names = "--ollama-model", paramLabel = "NAME", description = "e.g. qwen2.5:1.5b")
    String ollamaModel = "";

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "e.g. http://localhost:8080/v1")
    String openAiBaseUrl = "";

    @Option(names = "--openai-model", paramLabel = "NAME")
    String openAiModel = "";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Default: examples/data")
    Path dataDir = Path.of("examples", "data");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerModel()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        LocalLlm llm;
        if (!ollama.isEmpty() && !ollamaModel.isEmpty() && openAiBaseUrl.isEmpty()) {
            llm = ServerLlms.ollama(ollama, ollamaModel).build();
        } else if (ollama.isEmpty() && !openAiBaseUrl.isEmpty() && !openAiModel.isEmpty()) {
            llm = ServerLlms.openAiCompatible(openAiBaseUrl, openAiModel).build();
        } else {
            err.println("error: give a server: --ollama URL --ollama-model NAME (e.g. --ollama http://localhost:11434 "
                    + "--ollama-model qwen2.5:1.5b after 'ollama pull qwen2.5:1.5b'), or --openai-base-url URL "
                    + "--openai-model NAME");
            return 2;
        }
        AgentResult result = run(llm, dataDir, question, new PrintWriter(System.out, true, Charset.defaultCharset()));
        return result.solved() ? 0 : 1;
    }

    /** {@link SalesQuestion#run} on {@code llm}, a server model: plans come as JSON under the planner's schema. */
    public static AgentResult run(LocalLlm llm, Path dataDir, String question, PrintWriter out) {
        out.println("model: " + llm.name());
        return SalesQuestion.run(llm, dataDir, question, out);
    }
}
