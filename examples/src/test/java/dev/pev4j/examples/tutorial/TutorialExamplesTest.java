package dev.pev4j.examples.tutorial;

import static dev.pev4j.agent.AgentResult.StepTrace.Status.DONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.pev4j.agent.AgentResult;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.langchain4j.ServerLlms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Each example's {@code run}, on a scripted model (example 5 on a fake OpenAI-compatible server). */
class TutorialExamplesTest {

    static final String SALES_PLAN = """
            Plan: Load the sales data.
            #E1 = read_csv("sales.csv")
            #E2 = groupby_agg(#E1, ["region"], {"revenue": ["sum"]})
            #E3 = sort_values(#E2, ["revenue_sum"], [false])
            #E4 = head(#E3, 3)
            Criteria:
            - rows(#E4) <= 3
            - sorted(#E4, "revenue_sum", "desc")
            """;

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void sales_question_plans_executes_tests_and_answers() {
        ScriptedLlm llm = ScriptedLlm.replying(SALES_PLAN, "North, East and South.");

        AgentResult result = SalesQuestion.run(llm, Path.of("data"), SalesQuestion.DEFAULT_QUESTION, out);

        assertThat(result.verified()).isTrue();
        assertThat(result.lastAttempt().steps()).extracting(StepTrace::status).containsOnly(StepTrace.Status.DONE);
        assertThat(text.toString())
                .contains("  [1] #E4 = head(#E3, 3)  -> DONE")
                .contains("answer: North, East and South.")
                .contains("verdict: PASSED");
    }

    @Test
    void movie_question_runs_a_rewoo_plan_over_your_own_tools() {
        ScriptedLlm llm = ScriptedLlm.replying(
                """
                Plan: Find the sci-fi movies.
                #E1 = movies_by_genre["sci-fi"]
                Plan: Pick the best rated one.
                #E2 = best_rated[#E1]
                Plan: Look it up.
                #E3 = movie[#E2]
                Plan: What else did its director make?
                #E4 = movies_by_director["Denis Villeneuve"]
                Criteria:
                - len(#E1) >= 1
                """, "Blade Runner 2049 (8.0), by Denis Villeneuve, who also made Prisoners and Arrival.");

        AgentResult result = MovieQuestion.run(llm, MovieQuestion.DEFAULT_QUESTION, out);

        assertThat(result.verified()).isTrue();
        assertThat(llm.requests()).hasSize(2);
        assertThat(text.toString())
                .contains("#E2 = Blade Runner 2049")
                .contains("#E3 = Movie[title=\"Blade Runner 2049\", year=2017")
                .contains("#E4 = [\"Prisoners\", \"Arrival\", \"Blade Runner 2049\"]")
                .contains("answer: Blade Runner 2049");
    }

    @Test
    void parallel_plan_runs_independent_steps_at_once_and_prints_the_timeline() {
        ScriptedLlm llm = ScriptedLlm.replying("""
                1. temperature("Oslo")
                2. temperature("Lisbon")
                3. temperature("Cairo")
                4. temperature("Lima")
                5. temperature("Tokyo")
                6. temperature("Quito")
                7. mean([$1, $2, $3, $4, $5, $6])
                Criteria:
                - #E7 > 0
                """, "The mean temperature is 15.25 °C.");

        // every lookup waits at a barrier for all six: the plan only succeeds if the six lookups overlap
        CyclicBarrier allSixRunning = new CyclicBarrier(6);
        WeatherStations stations = new WeatherStations(100, () -> {
            try {
                allSixRunning.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the six lookups did not all run at once", e);
            }
        });

        AgentResult result = ParallelPlan.run(llm, ParallelPlan.DEFAULT_QUESTION, stations, out);

        assertThat(result.lastAttempt().steps())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(DONE));
        assertThat(allSixRunning.isBroken()).isFalse();
        assertThat(result.verified()).isTrue();
        assertThat(result.lastAttempt().steps().get(6).detail()).isEqualTo("15.25");
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(1)).startsWith("step  tool         0 ms");
        assertThat(lines.subList(2, 9))
                .allSatisfy(line -> assertThat(line).contains("|").contains(" ms"));
        assertThat(lines.get(8)).startsWith("E7    mean");
        assertThat(text.toString()).contains("answer: The mean temperature is 15.25 °C.");
    }

    @Test
    void server_model_runs_the_sales_agent_on_an_openai_compatible_server() throws IOException {
        Deque<String> replies = new ArrayDeque<>(List.of(SALES_PLAN, "North, East and South."));
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            ObjectNode body = json.createObjectNode();
            body.put("id", "x")
                    .put("object", "chat.completion")
                    .put("created", 0)
                    .put("model", "fake");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            String reply;
            synchronized (replies) {
                reply = replies.isEmpty() ? "" : replies.poll();
            }
            choice.putObject("message").put("role", "assistant").put("content", reply);
            body.putObject("usage")
                    .put("prompt_tokens", 10)
                    .put("completion_tokens", 5)
                    .put("total_tokens", 15);
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";

            AgentResult result = ServerModel.run(
                    ServerLlms.openAiCompatible(url, "fake").maxAttempts(1).build(),
                    Path.of("data"),
                    SalesQuestion.DEFAULT_QUESTION,
                    out);

            assertThat(result.verified()).as(result.stopReason().toString()).isTrue();
            assertThat(result.answer()).isEqualTo("North, East and South.");
            assertThat(result.usage().planner().inputTokens()).isEqualTo(10);
        } finally {
            server.stop(0);
        }
    }
}
