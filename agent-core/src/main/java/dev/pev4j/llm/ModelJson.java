package dev.pev4j.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * STAND-IN (branch agent): reads the JSON object in a model's reply, leniently, from prose or code fences. The real
 * class comes with branch tester and replaces this one. Thread-safe.
 */
public final class ModelJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .build())
            .build();

    private ModelJson() {}

    /** The first JSON object in {@code modelText}; throws {@link LlmException} when there is none. */
    public static JsonNode read(String modelText) {
        int at = modelText.indexOf('{');
        while (at >= 0) {
            try {
                JsonNode node = MAPPER.readerFor(JsonNode.class).readValue(modelText.substring(at));
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // try the next brace
            }
            at = modelText.indexOf('{', at + 1);
        }
        throw new LlmException("no JSON object in the model's reply: '" + modelText + "'", false);
    }
}
