package dev.pev4j.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pev4j.internal.exec.Previews;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.llm.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Worker worker(ScriptedLlm llm) {
        return Worker.of(llm, 64, Previews.defaults(), 100);
    }

    @Test
    void keeps_only_the_parts_of_a_planner_written_schema_that_are_safe_for_a_grammar() throws Exception {
        ObjectNode written = (ObjectNode) JSON.readTree("{\"type\": \"object\", \"$ref\": \"#/nowhere\","
                + " \"properties\": {\"city\": {\"type\": \"string\", \"pattern\": \"^[A-Z\"},"
                + " \"n\": {\"type\": \"integer\", \"minimum\": -2147483648}, \"tags\": {\"type\": \"list\","
                + " \"items\": {\"enum\": [\"a\", {\"b\": 1}]}, \"maxItems\": 3}}, \"required\": [\"city\", \"zzz\"]}");

        assertThat(Worker.safe(written, 0).toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                        + "\"n\":{\"type\":\"integer\"},\"tags\":{\"items\":{\"enum\":[\"a\"]},\"maxItems\":3}},"
                        + "\"required\":[\"city\"]}");
    }

    @Test
    void reads_scalar_replies_under_scalar_schemas() {
        ScriptedLlm llm = ScriptedLlm.replying("42", "7.0", "true", "Paris");

        Worker worker = worker(llm);

        assertThat(worker.invoke(List.of("How many?", Map.of("type", "integer")), Map.of(), Worker.Meter.NONE))
                .isEqualTo(42L);
        assertThat(worker.invoke(List.of("How many?", Map.of("type", "integer")), Map.of(), Worker.Meter.NONE))
                .isEqualTo(7L);
        assertThat(worker.invoke(List.of("Is it?", Map.of("type", "boolean")), Map.of(), Worker.Meter.NONE))
                .isEqualTo(true);
        assertThat(worker.invoke(List.of("Which city?", Map.of("type", "string")), Map.of(), Worker.Meter.NONE))
                .isEqualTo("Paris");
    }

    @Test
    void a_reply_of_the_wrong_scalar_type_fails_saying_what_was_expected() {
        Worker worker = worker(ScriptedLlm.replying("many"));

        assertThatThrownBy(() ->
                        worker.invoke(List.of("How many?", Map.of("type", "number")), Map.of(), Worker.Meter.NONE))
                .hasMessage("tool 'llm' failed: the worker model's reply does not follow the schema: expected a JSON"
                        + " number but found none; the reply was: 'many'");
    }

    @Test
    void evidence_given_whole_as_the_prompt_is_shown_as_its_preview() {
        ScriptedLlm llm = ScriptedLlm.replying("ok");
        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            numbers.add(i);
        }

        worker(llm).invoke(List.of(numbers), Map.of(), Worker.Meter.NONE);

        assertThat(llm.requests().get(0).lastUserText())
                .hasSizeLessThanOrEqualTo(100)
                .endsWith(" more of 1000)]");
    }

    @Test
    void counts_each_model_call_on_the_meter_and_calls_no_model_when_it_refuses() {
        ScriptedLlm llm = ScriptedLlm.replying("one two three");
        List<TokenUsage> used = new ArrayList<>();
        Worker.Meter meter = new Worker.Meter() {
            @Override
            public void beforeCall() {
                if (!used.isEmpty()) {
                    throw new IllegalStateException("no budget left");
                }
            }

            @Override
            public void used(TokenUsage usage) {
                used.add(usage);
            }
        };
        Worker worker = worker(llm);

        assertThat(worker.invoke(List.of("Say three words"), Map.of(), meter)).isEqualTo("one two three");
        assertThatThrownBy(() -> worker.invoke(List.of("Again"), Map.of(), meter))
                .hasMessage("tool 'llm' failed: no budget left");
        assertThat(used).containsExactly(new TokenUsage(wordCount(llm), 3));
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void sends_the_schema_as_a_constraint_only_to_models_that_take_one() {
        ScriptedLlm plain = ScriptedLlm.replying();
        ScriptedLlm constrained = ScriptedLlm.replying().withCapabilities(new LlmCapabilities(true, false, false, 0));

        assertThat(worker(plain).request("Which?", "{\"type\":\"string\"}").jsonSchemaIfSet())
                .isEmpty();
        assertThat(worker(constrained)
                        .request("Which?", "{\"type\":\"string\"}")
                        .jsonSchemaIfSet())
                .contains("{\"type\":\"string\"}");
    }

    private static int wordCount(ScriptedLlm llm) {
        return llm.requests().get(0).messages().stream()
                .mapToInt(m -> m.text().strip().split("\\s+").length)
                .sum();
    }
}
