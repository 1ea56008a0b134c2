package dev.pev4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import org.junit.jupiter.api.Test;

class AgentTypedAnswerTest {

    /** The answer type of these tests. */
    public record Total(String series, long total) {}

    private final AgentTools tools = new AgentTools();

    private Agent agent(ScriptedLlm llm) {
        return Agent.builder().llm(llm).judge(Judges.passing()).tools(tools).build();
    }

    @Test
    void reads_the_solvers_json_into_the_answer_type() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "Here it is: {\"series\": \"a\", \"total\": 6}");

        // when
        AgentResult result = agent(llm).run(AgentTest.TASK, Total.class);

        // then
        assertThat(result.solved()).isTrue();
        assertThat(result.answer(Total.class)).isEqualTo(new Total("a", 6));
        assertThat(result.answer()).isEqualTo("Here it is: {\"series\": \"a\", \"total\": 6}");
        LlmRequest solver = llm.requests().get(1);
        assertThat(solver.lastUserText())
                .contains(
                        "Answer with one JSON value, and nothing else, that follows this JSON schema:\n{\"type\":\"object\"")
                .contains("\"series\"")
                .contains("\"total\"")
                .endsWith("\nAnswer:");
        assertThat(solver.jsonSchemaIfSet()).isEmpty();
    }

    @Test
    void constrains_the_reply_with_the_schema_on_models_that_support_one() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "{\"series\": \"a\", \"total\": 6}")
                .withCapabilities(new LlmCapabilities(true, false, false, 0));

        // when
        AgentResult result = agent(llm).run(AgentTest.TASK, Total.class);

        // then
        assertThat(result.answer(Total.class).total()).isEqualTo(6);
        assertThat(llm.requests().get(llm.requests().size() - 1).jsonSchemaIfSet())
                .hasValueSatisfying(schema -> assertThat(schema).contains("\"required\":[\"series\",\"total\"]"));
    }

    @Test
    void a_reply_that_does_not_fit_the_type_ends_the_run_saying_why() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).run(AgentTest.TASK, Total.class);

        // then
        assertThat(result.solved()).isFalse();
        assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.ANSWER_UNREADABLE);
        assertThat(result.stopReason().message())
                .startsWith("the solver's answer does not fit dev.pev4j.agent.AgentTypedAnswerTest$Total: ");
        assertThatThrownBy(() -> result.answer(Total.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("run run-1 has no answer: ANSWER_UNREADABLE");
    }

    @Test
    void a_free_text_run_has_no_typed_answer() {
        // given
        ScriptedLlm llm = ScriptedLlm.replying(AgentTest.PLAN_A, "The total is 6.");

        // when
        AgentResult result = agent(llm).run(AgentTest.TASK);

        // then
        assertThat(result.answer()).isEqualTo("The total is 6.");
        assertThatThrownBy(() -> result.answer(Total.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("run run-1 has a free-text answer; ask for a typed one with Agent.run(task, Total.class)");
    }
}
