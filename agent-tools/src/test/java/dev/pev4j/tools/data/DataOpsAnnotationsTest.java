package dev.pev4j.tools.data;

import dev.pev4j.Suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the tool registry will read: pandas tool names, and a named, described {@code @P} on every parameter. */
class DataOpsAnnotationsTest {

    static Map<String, Method> tools() {
        Map<String, Method> tools = new LinkedHashMap<>();
        for (Method method : DataOps.class.getMethods()) {
            Tool tool = method.getAnnotation(Tool.class);
            if (tool != null) {
                tools.put(tool.name(), method);
            }
        }
        return tools;
    }

    @Test
    void tools_carry_pandas_names() {
        assertThat(tools().keySet())
                .containsExactlyInAnyOrder(
                        "read_csv", "head", "tail", "shape", "columns", "sort_values", "groupby_agg", "filter",
                        "assign");
    }

    @Test
    void every_tool_and_parameter_is_described_and_parameters_have_pandas_names() {
        Map<String, List<String>> parameterNames = new LinkedHashMap<>();
        tools().forEach((name, method) -> {
            assertThat(String.join(" ", method.getAnnotation(Tool.class).value())).as(name).isNotBlank();
            for (Parameter parameter : method.getParameters()) {
                P p = parameter.getAnnotation(P.class);
                assertThat(p).as(name + "." + parameter.getName()).isNotNull();
                assertThat(p.value()).as(name + "." + p.name()).isNotBlank();
            }
            parameterNames.put(name, Arrays.stream(method.getParameters())
                    .map(parameter -> parameter.getAnnotation(P.class).name())
                    .toList());
        });

        assertThat(parameterNames)
                .containsEntry("read_csv", List.of("path", "sep", "na_values", "header"))
                .containsEntry("head", List.of("table", "n"))
                .containsEntry("sort_values", List.of("table", "by", "ascending"))
                .containsEntry("groupby_agg", List.of("table", "by", "aggregations"))
                .containsEntry("filter", List.of("table", "expr"))
                .containsEntry("assign", List.of("table", "column", "expr"));
    }
}
