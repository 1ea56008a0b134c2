package dev.pev4j.llm.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON-schema text to LangChain4j's schema tree, and what it refuses. */
class JsonSchemasTest {

    @Test
    void converts_objects_arrays_enums_and_scalars_with_descriptions() {
        JsonSchema schema = JsonSchemas.convert("reply", """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Plan",
                 "type":"object","description":"a plan","additionalProperties":false,
                 "properties":{
                   "steps":{"type":"array","maxItems":8,"items":{
                     "type":"object","properties":{
                       "tool":{"type":"string","enum":["load","filter"]},
                       "note":{"type":"string","maxLength":80,"description":"why"}},
                     "required":["tool"]}},
                   "count":{"type":"integer","minimum":0},
                   "score":{"type":"number"},
                   "done":{"type":"boolean"},
                   "mode":{"enum":["fast","slow"]}},
                 "required":["steps","done"]}""");

        JsonObjectSchema step = JsonObjectSchema.builder()
                .addProperty("tool", JsonEnumSchema.builder().enumValues("load", "filter").build())
                .addProperty("note", JsonStringSchema.builder().description("why").build())
                .required("tool")
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .description("a plan")
                .addProperty("steps", JsonArraySchema.builder().items(step).build())
                .addProperty("count", JsonIntegerSchema.builder().build())
                .addProperty("score", JsonNumberSchema.builder().build())
                .addProperty("done", JsonBooleanSchema.builder().build())
                .addProperty("mode", JsonEnumSchema.builder().enumValues("fast", "slow").build())
                .required("steps", "done")
                .additionalProperties(false)
                .build();
        assertThat(schema).isEqualTo(JsonSchema.builder().name("reply").rootElement(root).build());
    }

    static Stream<Arguments> inexpressible() {
        return Stream.of(
                Arguments.of(
                        "{\"type\":\"object\",\"properties\":{\"id\":{\"oneOf\":[{\"type\":\"string\"}]}}}",
                        "'oneOf' at $.properties.id is not supported"),
                Arguments.of(
                        "{\"$ref\":\"#/$defs/x\",\"$defs\":{\"x\":{\"type\":\"string\"}}}",
                        "'$ref' at $ is not supported"),
                Arguments.of(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"const\":1}}}",
                        "'const' at $.properties.a is not supported"),
                Arguments.of(
                        "{\"type\":[\"string\",\"null\"]}",
                        "type [\"string\",\"null\"] at $ "
                                + "must be a single type name: object, array, string, integer, number, boolean"),
                Arguments.of(
                        "{\"type\":\"date\"}",
                        "type 'date' at $ is not one of object, array, string, integer, number, boolean"),
                Arguments.of(
                        "{\"description\":\"no type\"}",
                        "no 'type' at $; give one of object, array, string, integer, number, boolean"),
                Arguments.of(
                        "{\"type\":\"array\"}",
                        "the array at $ has no 'items'; give the schema of its elements"),
                Arguments.of(
                        "{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}",
                        "the schema at $.items must be a JSON object"),
                Arguments.of(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"b\"]}",
                        "'required' at $ names 'b', which is not among its properties [a]"),
                Arguments.of(
                        "{\"type\":\"object\",\"required\":\"a\"}",
                        "'required' at $ must be an array of property names"),
                Arguments.of(
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
                        "'additionalProperties' at $ must be true or false"),
                Arguments.of(
                        "{\"type\":\"integer\",\"enum\":[1,2]}",
                        "enum at $ has type 'integer'; only string enums are supported"),
                Arguments.of(
                        "{\"enum\":[\"a\",2]}",
                        "enum at $ has the value 2; only string values are supported"),
                Arguments.of(
                        "{\"enum\":[]}",
                        "enum at $ must be a non-empty array of strings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inexpressible")
    void names_what_it_cannot_express_and_where(String schema, String message) {
        assertThatThrownBy(() -> JsonSchemas.convert("reply", schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
