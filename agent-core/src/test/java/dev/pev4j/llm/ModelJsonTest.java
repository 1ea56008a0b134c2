package dev.pev4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pev4j.internal.llm.ModelJson;
import dev.pev4j.internal.llm.ModelOutputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelJsonTest {

    record Reply(String verdict, double confidence, String reason) {}

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"}",
                "```json\n{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"}\n```",
                "Here is my answer:\n```\n{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"}\n```\nHope it helps.",
                "Sure! {\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"} That is all.",
                "{'verdict': 'pass', 'confidence': 0.9, 'reason': 'ok'}",
                "{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\",}",
                "{\n  // my verdict\n  \"verdict\": \"pass\", /* sure */ \"confidence\": 0.9, \"reason\": \"ok\"\n}",
                "{verdict: \"pass\", confidence: 0.9, reason: \"ok\"}",
                "{verdict: 'pass', confidence: +0.9, reason: 'ok',} # done",
                "I looked at [the evidence] and {the table}. ```json\n{'verdict': 'pass', 'confidence': 0.9, 'reason': 'ok'}",
                "[note] {\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"}",
            })
    void reads_json_the_way_models_write_it(String reply) {
        // when
        Reply read = ModelJson.read(reply, Reply.class);

        // then
        assertThat(read).isEqualTo(new Reply("pass", 0.9, "ok"));
    }

    @Test
    void prefers_the_json_in_a_fence_to_braces_in_the_prose_before_it() {
        // given
        String reply = "The criterion {rows <= 3} holds.\n```json\n{\"verdict\": \"pass\"}\n```";

        // when
        JsonNode node = ModelJson.read(reply);

        // then
        assertThat(node.get("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void does_not_count_brackets_inside_strings() {
        // when
        JsonNode node =
                ModelJson.read("Answer: {\"reason\": \"a } and a ] and a { in text\", \"n\": [1, {\"x\": 2}]} ok");

        // then
        assertThat(node.get("reason").asText()).isEqualTo("a } and a ] and a { in text");
        assertThat(node.get("n").get(1).get("x").asInt()).isEqualTo(2);
    }

    @Test
    void reads_an_array_for_a_list_type_and_non_numeric_numbers() {
        // when
        List<?> list = ModelJson.read("The values: [1, 2.5, NaN, 'x',]", List.class);

        // then
        assertThat(list).hasSize(4);
        assertThat(list.get(2)).isEqualTo(Double.NaN);
    }

    @Test
    void reports_a_reply_without_json_with_what_was_expected_and_the_reply() {
        assertThatThrownBy(() -> ModelJson.read("I think it passes.", Reply.class))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object in the model's reply but found none; "
                        + "the reply was: 'I think it passes.'")
                .satisfies(e -> {
                    ModelOutputException out = (ModelOutputException) e;
                    assertThat(out.reply()).isEqualTo("I think it passes.");
                    assertThat(out.expected()).isEqualTo("a JSON object");
                    assertThat(out.isRetriable()).isFalse();
                });
        assertThatThrownBy(() -> ModelJson.read("no json here"))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object or array in the model's reply but found none; "
                        + "the reply was: 'no json here'");
        assertThatThrownBy(() -> ModelJson.read("{\"a\": 1}", List.class))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON array in the model's reply but found none; the reply was: '{\"a\": 1}'");
    }

    @Test
    void reports_broken_json_with_the_parser_message() {
        assertThatThrownBy(() -> ModelJson.read("{\"verdict\": pass}", Reply.class))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object in the model's reply but it is not valid JSON: "
                        + "Unrecognized token 'pass': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, "
                        + "Object or token "
                        + "'null', 'true' or 'false'); the reply was: '{\"verdict\": pass}'");
    }

    @Test
    void does_not_take_a_piece_of_broken_json_for_the_whole() {
        assertThatThrownBy(() -> ModelJson.read("{\"verdict\": {\"value\": \"pass\"} oops}"))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object or array in the model's reply but it is not valid JSON: "
                        + "Unexpected character ('o' (code 111)): was expecting comma to separate Object entries; "
                        + "the reply was: '{\"verdict\": {\"value\": \"pass\"} oops}'");
    }

    @Test
    void reports_json_cut_short() {
        assertThatThrownBy(
                        () -> ModelJson.read("```json\n{\"verdict\": \"pass\", \"reason\": \"the table", Reply.class))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object in the model's reply but it is not valid JSON: "
                        + "Unexpected end-of-input: was expecting closing quote for a string value; "
                        + "the reply was: '```json\\n{\"verdict\": \"pass\", \"reason\": \"the table'");
    }

    @Test
    void reports_json_of_the_wrong_shape() {
        assertThatThrownBy(() -> ModelJson.read("{\"verdict\": \"pass\", \"confidence\": \"high\"}", Reply.class))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageStartingWith("expected a JSON object in the model's reply but its JSON does not fit Reply: ")
                .hasMessageEndingWith("; the reply was: '{\"verdict\": \"pass\", \"confidence\": \"high\"}'");
    }

    @Test
    void shows_at_most_200_characters_of_a_long_reply() {
        // given
        String reply = "word ".repeat(100);

        // when / then
        assertThatThrownBy(() -> ModelJson.read(reply))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("expected a JSON object or array in the model's reply but found none; the reply was: '"
                        + "word ".repeat(39) + "wo...'");
    }

    @Test
    void rejects_json_nested_deeper_than_a_reply_needs() {
        String deep = "[".repeat(1000) + "]".repeat(1000);

        assertThatThrownBy(() -> ModelJson.read(deep))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageStartingWith("expected a JSON object or array in the model's reply but it is not valid "
                        + "JSON: Document nesting depth (65) exceeds the maximum allowed (64");
    }
}
