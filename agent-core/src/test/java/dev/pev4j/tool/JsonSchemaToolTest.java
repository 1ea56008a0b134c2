package dev.pev4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JsonSchemaToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode schema(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final ObjectNode SEARCH = schema("""
            {"type": "object", "$schema": "http://json-schema.org/draft-07/schema#",
             "properties": {
               "query": {"type": "string", "description": "What to look for"},
               "limit": {"type": "integer"},
               "sort": {"type": "string", "enum": ["name", "size"]},
               "tags": {"type": "array", "items": {"type": "string"}}
             },
             "required": ["query"]}""");

    private final List<Map<String, @Nullable Object>> calls = new ArrayList<>();

    private JsonSchemaTool search() {
        return new JsonSchemaTool("search_files", "Finds files.", SEARCH, String.class, args -> {
            calls.add(args);
            return "found " + args.get("query");
        });
    }

    @Test
    void registers_one_parameter_per_schema_property_with_types_from_the_schema() {
        ToolRegistry registry = ToolRegistry.of(search());

        ToolDescriptor tool = registry.find("search_files").orElseThrow();

        assertThat(tool.signature())
                .isEqualTo("search_files(query: String, limit?: Long, sort?: String, tags?: List) -> String");
        assertThat(tool.parameter("query").orElseThrow().description()).isEqualTo("What to look for");
        assertThat(registry.render()).contains("    sort: one of name, size\n");
    }

    @Test
    void value_schema_is_the_property_schema_with_bounds_added() {
        ToolDescriptor tool = search().descriptor();

        assertThat(tool.parameter("query").orElseThrow().valueSchema())
                .isEqualTo(schema("{\"type\":\"string\",\"description\":\"What to look for\",\"maxLength\":300}"));
        assertThat(tool.parameter("sort").orElseThrow().valueSchema())
                .isEqualTo(schema("{\"type\":\"string\",\"enum\":[\"name\",\"size\"]}"));
        assertThat(tool.parameter("tags").orElseThrow().valueSchema())
                .isEqualTo(schema(
                        "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":300},\"maxItems\":20}"));
    }

    @Test
    void invokes_the_handler_with_the_given_arguments_converted_and_the_missing_ones_left_out() {
        ToolRegistry registry = ToolRegistry.of(search());

        Object result = registry.invoke("search_files", List.of(), Map.of("query", "csv", "limit", "5"));

        assertThat(result).isEqualTo("found csv");
        assertThat(calls).containsExactly(Map.of("query", "csv", "limit", 5L));
    }

    @Test
    void rejects_a_value_outside_the_schema_enum_naming_the_allowed_ones() {
        ToolDescriptor tool = search().descriptor();

        assertThat(tool.checkArgument("sort", "nmae"))
                .contains("tool 'search_files' parameter 'sort' expects one of "
                        + "name, size but got \"nmae\"; did you mean 'name'?");
    }

    @Test
    void rejects_a_missing_required_argument_before_calling_the_handler() {
        ToolRegistry registry = ToolRegistry.of(search());

        assertThatThrownBy(() -> registry.invoke("search_files", List.of(), Map.of("limit", 3L)))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessage("tool 'search_files' is missing required parameter 'query' (String); signature: "
                        + "search_files(query: String, limit?: Long, sort?: String, tags?: List) -> String");
        assertThat(calls).isEmpty();
    }

    @Test
    void a_handler_that_throws_fails_as_a_tool_execution() {
        JsonSchemaTool failing = new JsonSchemaTool("boom", "", schema("{\"type\":\"object\"}"), Object.class, args -> {
            throw new IllegalStateException("server said no");
        });

        assertThatThrownBy(() -> ToolRegistry.of(failing).invoke("boom", List.of(), Map.of()))
                .isInstanceOf(ToolExecutionException.class)
                .hasMessage("tool 'boom' failed: server said no");
    }

    @Test
    void tools_of_a_json_schema_tools_object_sit_next_to_annotated_methods() {
        JsonSchemaTool.Source source = () -> List.of(search());

        ToolRegistry registry = ToolRegistry.of(source, new DataTools());

        assertThat(registry.names()).startsWith("search_files").contains("shape");
    }

    @Test
    void rejects_a_name_used_by_two_json_schema_tools() {
        assertThatThrownBy(() -> ToolRegistry.of(search(), search()))
                .isInstanceOf(ToolRegistry.ToolRegistrationException.class)
                .hasMessage("tool name 'search_files' is used twice; the second is described by a JSON schema "
                        + "(JsonSchemaTool)");
    }

    @Test
    void rejects_an_input_schema_that_is_not_an_object() {
        assertThatThrownBy(() -> new JsonSchemaTool("t", "", schema("{\"type\":\"string\"}"), Object.class, a -> a))
                .isInstanceOf(ToolRegistry.ToolRegistrationException.class)
                .hasMessage("the input schema of tool 't' must be of type \"object\" but was \"string\"");
    }
}
