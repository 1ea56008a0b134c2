package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.ScriptedLlm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentConcurrencyTest {

    private static final int RUNS = 1000;
    private static final Pattern TASK = Pattern.compile("Task: What is the total of series n(\\d+)\\?");
    private static final Pattern RESULT = Pattern.compile("#E2 = sum\\(#E1\\)\nResult: (\\d+)");

    /** The planner's reply reads the task's own series; the solver's reply quotes the task's own result. */
    private static String respond(LlmRequest request) {
        String user = request.lastUserText();
        Matcher task = TASK.matcher(user);
        if (!task.find()) {
            throw new IllegalStateException("no task in: " + user);
        }
        String n = task.group(1);
        if (request.messages().get(0).text().startsWith("You write the final answer")) {
            Matcher result = RESULT.matcher(user);
            if (!result.find()) {
                throw new IllegalStateException("no result in: " + user);
            }
            return "series n" + n + " totals " + result.group(1);
        }
        return "#E1 = series(\"n" + n + "\")\n#E2 = sum(#E1)\nCriteria:\n- the total is right\n";
    }

    @Test
    void one_agent_serves_a_thousand_concurrent_runs_each_with_its_own_answer() {
        // given
        AgentTools tools = new AgentTools();
        Set<String> solvedRuns = ConcurrentHashMap.newKeySet();
        Agent agent = Agent.builder()
                .llm(ScriptedLlm.answering(AgentConcurrencyTest::respond))
                .judge(Judges.passing())
                .tools(tools)
                .listener(event -> {
                    if (event instanceof AgentEvent.Solved solved) {
                        solvedRuns.add(solved.runId());
                    }
                })
                .build();
        ExecutorService callers = Executors.newFixedThreadPool(16);

        try {
            // when
            List<AgentResult> results = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                List<CompletableFuture<AgentResult>> runs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    String task = "What is the total of series n" + i + "?";
                    runs.add(CompletableFuture.supplyAsync(() -> agent.run(task), callers));
                }
                List<AgentResult> all = new ArrayList<>();
                for (CompletableFuture<AgentResult> run : runs) {
                    all.add(run.join());
                }
                return all;
            });

            // then
            assertThat(results).hasSize(RUNS);
            for (int i = 0; i < RUNS; i++) {
                AgentResult result = results.get(i);
                assertThat(result.task()).isEqualTo("What is the total of series n" + i + "?");
                assertThat(result.solved()).as(result.stopReason().toString()).isTrue();
                assertThat(result.answer()).isEqualTo("series n" + i + " totals " + (i + 1));
                assertThat(result.lastAttempt().steps().get(0).call()).isEqualTo("#E1 = series(\"n" + i + "\")");
            }
            assertThat(results).extracting(AgentResult::runId).doesNotHaveDuplicates();
            assertThat(solvedRuns).hasSize(RUNS);
            assertThat(tools.calls("series")).isEqualTo(RUNS);
        } finally {
            callers.shutdownNow();
        }
    }
}
