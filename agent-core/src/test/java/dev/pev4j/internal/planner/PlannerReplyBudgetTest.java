package dev.pev4j.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The plan reply's token budget under a JSON schema: raised to the model's bound on replies under that schema as far
 * as the context window holds it, so that a reply the grammar allows is never cut; counted in words.
 */
class PlannerReplyBudgetTest {

    private static final TokenCounter WORDS =
            text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;
    private static final String PLAN = "{\"steps\": [{\"id\": \"E1\", \"thought\": \"t\", \"tool\": \"series\","
            + " \"args\": {\"name\": \"a\"}}], \"criteria\": []}";

    public static final class Tools {
        @Tool("Reads a number series")
        public List<Long> series(String name) {
            return List.of();
        }
    }

    /** A model with a schema grammar that bounds replies under any schema at {@code bound} tokens. */
    private static final class BoundedLlm implements LocalLlm {
        private final OptionalInt bound;
        private final int window;
        private final List<LlmRequest> requests = new ArrayList<>();
        private final List<String> replies;

        BoundedLlm(OptionalInt bound, int window, String... replies) {
            this.bound = bound;
            this.window = window;
            this.replies = new ArrayList<>(List.of(replies));
        }

        @Override
        public LlmResponse generate(LlmRequest request) {
            requests.add(request);
            return new LlmResponse(replies.remove(0), TokenUsage.ZERO, LlmResponse.FinishReason.STOP);
        }

        @Override
        public LlmCapabilities capabilities() {
            return new LlmCapabilities(true, false, false, window);
        }

        @Override
        public OptionalInt replyTokenBound(String jsonSchema) {
            return bound;
        }
    }

    private static Planner planner(LocalLlm llm) {
        return Planner.builder()
                .llm(llm)
                .tools(ToolRegistry.of(new Tools()))
                .maxTokens(100)
                .tokenCounter(WORDS)
                .build();
    }

    private static int words(LlmRequest request) {
        int words = 0;
        for (LlmRequest.ChatMessage message : request.messages()) {
            words += WORDS.count(message.text());
        }
        return words;
    }

    @Test
    void a_bound_the_window_holds_becomes_the_reply_budget() {
        LlmRequest request =
                planner(new BoundedLlm(OptionalInt.of(5_000), 100_000)).request("Add up a");

        assertThat(request.maxTokens()).isEqualTo(5_000);
    }

    @Test
    void a_bound_the_window_cannot_hold_gets_what_is_left_after_the_prompt() {
        LlmRequest unbounded = planner(new BoundedLlm(OptionalInt.empty(), 0)).request("Add up a");
        int window = words(unbounded) + 2 * 16 + 300;

        LlmRequest request =
                planner(new BoundedLlm(OptionalInt.of(5_000), window)).request("Add up a");

        assertThat(request.maxTokens()).isEqualTo(300);
    }

    @Test
    void the_budget_never_drops_below_max_tokens() {
        assertThat(planner(new BoundedLlm(OptionalInt.of(40), 100_000))
                        .request("Add up a")
                        .maxTokens())
                .isEqualTo(100);
        assertThat(planner(new BoundedLlm(OptionalInt.empty(), 100_000))
                        .request("Add up a")
                        .maxTokens())
                .isEqualTo(100);
        assertThat(planner(new BoundedLlm(OptionalInt.of(5_000), 0))
                        .request("Add up a")
                        .maxTokens())
                .as("a window that is not known")
                .isEqualTo(100);
    }

    @Test
    void a_repair_round_is_budgeted_for_its_longer_prompt() {
        LlmRequest unbounded = planner(new BoundedLlm(OptionalInt.empty(), 0)).request("Add up a");
        int window = words(unbounded) + 2 * 16 + 300;
        BoundedLlm llm = new BoundedLlm(OptionalInt.of(5_000), window, "{\"steps\": []}", PLAN);

        Plan plan = planner(llm).plan("Add up a");

        assertThat(plan.steps()).hasSize(1);
        assertThat(llm.requests).hasSize(2);
        LlmRequest repair = llm.requests.get(1);
        assertThat(repair.maxTokens())
                .isEqualTo(window - words(repair) - 16 * repair.messages().size())
                .isLessThan(300);
    }
}
