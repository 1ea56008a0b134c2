package dev.pev4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent benchmark's suite at small size: both systems solve every task and the counts add up. No timing. */
class AgentBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void every_task_is_solved_by_pev4j_and_by_react_with_consistent_counts() {
        // when
        AgentBenchmark.Report report = AgentBenchmark.run(dir, BenchData.Size.SMALL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AgentBenchmark.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);

        // then
        List<AgentBenchmark.TaskResult> tasks = report.tasks();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(10);
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.toolCalls()).as(t.name()).isBetween(3, 6);
            assertThat(t.pev().solved()).as(t.name() + " solved by pev4j").isTrue();
            assertThat(t.react().solved()).as(t.name() + " solved by ReAct").isTrue();
            // pev4j: one planner call, no tester call (every criterion is checked in code), one solver call.
            assertThat(t.pev().llmCalls()).as(t.name()).isEqualTo(2);
            assertThat(t.pevOtherCalls()).as(t.name()).isZero();
            assertThat(t.pevPlannerPromptTokens() + t.pevSolverPromptTokens())
                    .isEqualTo(t.pev().promptTokens());
            // The agent's own usage accounting agrees with the counted model's.
            assertThat(t.pevUsagePromptTokens()).as(t.name()).isEqualTo(t.pev().promptTokens());
            // ReAct: one call per tool call, then the final answer.
            assertThat(t.react().llmCalls()).as(t.name()).isEqualTo(t.toolCalls() + 1);
            assertThat(t.react().promptTokens())
                    .as(t.name())
                    .isGreaterThan(t.react().llmCalls() * report.reactSystemPromptTokens());
        });
        assertThat(report.solvedPev()).isEqualTo(tasks.size());
        assertThat(report.solvedReact()).isEqualTo(tasks.size());
        assertThat(report.pevCallsPerSolved()).isEqualTo(2.0);
        assertThat(printed)
                .contains("tasks=" + tasks.size() + "\n")
                .contains("solved_pev=" + tasks.size() + "\n")
                .contains("solved_react=" + tasks.size() + "\n")
                .contains("llm_calls_per_solved_task=2\n")
                .contains("prompt_tokens_per_solved_task=")
                .contains("react_llm_calls_per_solved_task=")
                .contains("react_prompt_tokens_per_solved_task=")
                .contains("prompt_tokens_react_over_pev=")
                .contains("tokenizer=cl100k_base\n");
    }

    @Test
    void a_run_solves_a_task_only_when_its_facts_appear_in_order() {
        // given
        BenchTask task = BenchSuite.tasks(BenchData.generate(BenchData.Size.SMALL, AgentBenchmark.SEED))
                .get(0);
        String rows = String.join("  ", task.facts());
        List<String> reversed = new java.util.ArrayList<>(task.facts());
        java.util.Collections.reverse(reversed);

        // when / then
        assertThat(task.factsIn("Table: 3 rows\n" + rows)).isTrue();
        assertThat(task.factsIn(String.join("  ", reversed))).isFalse();
        assertThat(task.factsIn(
                        String.join("  ", task.facts().subList(1, task.facts().size()))))
                .isFalse();
    }

    @Test
    void counts_cl100k_tokens_of_a_chat_with_the_template_overhead() {
        // given
        Cl100k tokens = Cl100k.INSTANCE;

        // when / then: "hello world" is two cl100k tokens
        assertThat(tokens.count("hello world")).isEqualTo(2);
        assertThat(tokens.countChat(List.of(dev.pev4j.llm.LlmRequest.ChatMessage.user("hello world"))))
                .isEqualTo(2 + Cl100k.PER_MESSAGE + Cl100k.REPLY_PRIMER);
        assertThat(tokens.count("<|endoftext|>")).isGreaterThan(1);
    }
}
