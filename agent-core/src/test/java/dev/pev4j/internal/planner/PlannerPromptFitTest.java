package dev.pev4j.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.internal.prompt.PromptTooLongException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's prompt fitted to a declared context window, counted in words. */
class PlannerPromptFitTest {

    private static final TokenCounter WORDS =
            text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;
    private static final String LAST_EXAMPLE = "Task: How many orders in orders.csv were shipped late";
    private static final String FIRST_EXAMPLE = "Task: Which 3 regions had the highest total revenue in sales.csv?";

    public static final class Tools {
        @Tool("Reads a number series")
        public List<Long> series(String name) {
            return List.of();
        }
    }

    private final ToolRegistry registry = ToolRegistry.of(new Tools());

    private Planner planner(int contextWindow) {
        return Planner.builder()
                .llm(ScriptedLlm.replying().withCapabilities(new LlmCapabilities(false, false, false, contextWindow)))
                .tools(registry)
                .context("series: a, b")
                .maxTokens(100)
                .tokenCounter(WORDS)
                .build();
    }

    private static int words(LlmRequest request) {
        return WORDS.count(request.messages().get(0).text() + "\n"
                + request.messages().get(1).text());
    }

    @Test
    void a_prompt_that_fits_the_window_is_the_same_as_without_a_window() {
        LlmRequest unbounded = planner(0).request("Add up a");
        LlmRequest roomy = planner(words(unbounded) + 100 + 16).request("Add up a");

        assertThat(roomy.messages()).isEqualTo(unbounded.messages());
    }

    @Test
    void drops_the_last_example_first_when_the_prompt_is_one_token_over() {
        LlmRequest unbounded = planner(0).request("Add up a");

        LlmRequest fitted = planner(words(unbounded) - 1 + 100 + 16).request("Add up a");

        String system = fitted.messages().get(0).text();
        assertThat(system)
                .contains(FIRST_EXAMPLE)
                .doesNotContain(LAST_EXAMPLE)
                .contains("series(name: String) -> List<Long>: Reads a number series");
        assertThat(fitted.messages().get(1)).isEqualTo(unbounded.messages().get(1));
        assertThat(words(fitted)).isLessThanOrEqualTo(words(unbounded) - 1);
    }

    @Test
    void a_window_too_small_for_the_fixed_parts_is_an_error() {
        assertThatThrownBy(() -> planner(100 + 16 + 50).request("Add up a"))
                .isInstanceOf(PromptTooLongException.class)
                .hasMessageStartingWith("the prompt needs ")
                .hasMessageContaining(" tokens but its budget is 50 even with all it may trim trimmed (")
                .hasMessageEndingWith(" must fit: raise the context window or lower maxTokens");
    }

    @Test
    void a_window_without_room_after_the_reply_is_an_error() {
        assertThatThrownBy(() -> planner(116).request("Add up a"))
                .isInstanceOf(PromptTooLongException.class)
                .hasMessage("model 'scripted' has a context window of 116 tokens, which leaves no room for a prompt"
                        + " after the reply's maxTokens 100 and 16 tokens for the chat template; lower maxTokens");
    }
}
