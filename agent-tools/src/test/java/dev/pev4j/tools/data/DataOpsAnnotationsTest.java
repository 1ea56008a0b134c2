package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.workspace.Workspace;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tool registry will read: pandas tool names, and a named, described {@code @P} on every parameter, declared
 * once on {@link DataFrameTools} for every engine.
 */
class DataOpsAnnotationsTest {

    static Map<String, Method> tools() {
        Map<String, Method> tools = new LinkedHashMap<>();
        for (Method method : DataFrameTools.class.getMethods()) {
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
                        "read_csv",
                        "read_json",
                        "read_parquet",
                        "write_csv",
                        "write_json",
                        "to_parquet",
                        "head",
                        "tail",
                        "shape",
                        "columns",
                        "info",
                        "describe",
                        "unique",
                        "nunique",
                        "value_counts",
                        "isnull",
                        "corr",
                        "select",
                        "drop",
                        "rename",
                        "filter",
                        "sort_values",
                        "groupby_agg",
                        "pivot_table",
                        "merge",
                        "concat",
                        "drop_duplicates",
                        "dropna",
                        "fillna",
                        "astype",
                        "assign",
                        "to_datetime",
                        "dt_part",
                        "nlargest",
                        "nsmallest",
                        "sample",
                        "cumsum",
                        "rolling",
                        "plot",
                        // issue 18
                        "shift",
                        "diff",
                        "pct_change",
                        "rank",
                        "expanding",
                        "ewm_mean",
                        "groupby_transform",
                        "quantile",
                        "mode",
                        "idxmax",
                        "idxmin",
                        "melt",
                        "cut",
                        "qcut",
                        "str_contains",
                        "str_replace",
                        "str_extract",
                        "str_split",
                        "str_strip",
                        "str_lower",
                        "str_upper",
                        "str_len",
                        "dt_strftime",
                        "dt_floor",
                        "dt_ceil",
                        "dt_tz_localize",
                        "dt_tz_convert",
                        "timedelta",
                        "resample",
                        "crosstab");
    }

    @Test
    void every_tool_and_parameter_is_described_and_parameters_have_pandas_names() {
        Map<String, List<String>> parameterNames = new LinkedHashMap<>();
        tools().forEach((name, method) -> {
            assertThat(String.join(" ", method.getAnnotation(Tool.class).value()))
                    .as(name)
                    .isNotBlank();
            for (Parameter parameter : method.getParameters()) {
                P p = parameter.getAnnotation(P.class);
                assertThat(p).as(name + "." + parameter.getName()).isNotNull();
                assertThat(p.value()).as(name + "." + p.name()).isNotBlank();
            }
            parameterNames.put(
                    name,
                    Arrays.stream(method.getParameters())
                            .map(parameter -> parameter.getAnnotation(P.class).name())
                            .toList());
        });

        assertThat(parameterNames)
                .containsEntry("read_csv", List.of("path", "sep", "na_values", "header"))
                .containsEntry("head", List.of("table", "n"))
                .containsEntry("sort_values", List.of("table", "by", "ascending"))
                .containsEntry("groupby_agg", List.of("table", "by", "aggregations"))
                .containsEntry("filter", List.of("table", "expr"))
                .containsEntry("assign", List.of("table", "column", "expr"))
                .containsEntry("read_json", List.of("path", "lines"))
                .containsEntry("write_csv", List.of("table", "path", "overwrite"))
                .containsEntry("write_json", List.of("table", "path", "overwrite"))
                .containsEntry("info", List.of("table"))
                .containsEntry("describe", List.of("table", "include"))
                .containsEntry("unique", List.of("table", "column"))
                .containsEntry("nunique", List.of("table", "columns"))
                .containsEntry("value_counts", List.of("table", "column", "normalize", "dropna"))
                .containsEntry("isnull", List.of("table"))
                .containsEntry("corr", List.of("table", "method"))
                .containsEntry("select", List.of("table", "columns"))
                .containsEntry("drop", List.of("table", "columns"))
                .containsEntry("rename", List.of("table", "columns"))
                .containsEntry(
                        "pivot_table",
                        List.of(
                                "table",
                                "index",
                                "columns",
                                "values",
                                "aggfunc",
                                "margins",
                                "margins_name",
                                "fill_value"))
                .containsEntry(
                        "merge",
                        List.of(
                                "left",
                                "right",
                                "on",
                                "how",
                                "suffixes",
                                "left_on",
                                "right_on",
                                "indicator",
                                "validate"))
                .containsEntry("crosstab", List.of("table", "index", "columns", "normalize", "margins"))
                .containsEntry("concat", List.of("tables"))
                .containsEntry("drop_duplicates", List.of("table", "subset", "keep"))
                .containsEntry("dropna", List.of("table", "how", "subset"))
                .containsEntry("fillna", List.of("table", "value", "method", "columns"))
                .containsEntry("astype", List.of("table", "dtype"))
                .containsEntry("to_datetime", List.of("table", "column", "format", "utc"))
                .containsEntry("dt_tz_localize", List.of("table", "column", "tz", "ambiguous", "nonexistent", "name"))
                .containsEntry("dt_tz_convert", List.of("table", "column", "tz", "from_tz", "ambiguous", "name"))
                .containsEntry("dt_part", List.of("table", "column", "part", "name"))
                .containsEntry("nlargest", List.of("table", "n", "columns"))
                .containsEntry("nsmallest", List.of("table", "n", "columns"))
                .containsEntry("sample", List.of("table", "n", "frac", "random_state"))
                .containsEntry("cumsum", List.of("table", "column", "name"))
                .containsEntry(
                        "rolling",
                        List.of("table", "column", "window", "func", "min_periods", "by", "name", "on", "closed"))
                .containsEntry("shift", List.of("table", "column", "periods", "by", "name"))
                .containsEntry(
                        "rank", List.of("table", "column", "method", "ascending", "na_option", "pct", "by", "name"))
                .containsEntry("quantile", List.of("table", "q", "columns", "by"))
                .containsEntry("groupby_transform", List.of("table", "by", "column", "func", "name"))
                .containsEntry("melt", List.of("table", "id_vars", "value_vars", "var_name", "value_name"))
                .containsEntry(
                        "cut",
                        List.of("table", "column", "bins", "bins_count", "labels", "right", "include_lowest", "name"))
                .containsEntry("resample", List.of("table", "on", "rule", "aggregations"))
                .containsEntry("plot", List.of("table", "kind", "x", "y", "path", "title", "overwrite"));
    }

    @Test
    void the_engines_declare_no_tool_of_their_own() {
        for (Class<?> engine : List.of(DataOps.class, SqlDataOps.class)) {
            List<String> declared = Arrays.stream(engine.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Tool.class))
                    .map(m -> m.getAnnotation(Tool.class).name())
                    .sorted()
                    .toList();
            assertThat(declared).as(engine.getSimpleName()).isEmpty();
        }
    }

    @Test
    void every_engine_registers_every_tool_with_the_same_description_and_parameters(@TempDir Path root) {
        ToolRegistry tablesaw = ToolRegistry.of(DataOps.in(Workspace.of(root)));
        try (SqlDataOps duck = SqlDataOps.open(Workspace.of(root), Engine.duckdb())) {
            ToolRegistry duckdb = ToolRegistry.of(duck);

            assertThat(duckdb.names()).isEqualTo(tablesaw.names());
            for (ToolDescriptor tool : tablesaw.tools()) {
                ToolDescriptor other = duckdb.find(tool.name()).orElseThrow();
                assertThat(other.description()).as(tool.name()).isEqualTo(tool.description());
                assertThat(other.parameterNames()).as(tool.name()).isEqualTo(tool.parameterNames());
                assertThat(other.effects()).as(tool.name()).isEqualTo(tool.effects());
            }
            assertThat(tablesaw.find("head").orElseThrow().signature())
                    .isEqualTo("head(table: Table, n?: Integer) -> Table");
            assertThat(duckdb.find("head").orElseThrow().signature())
                    .isEqualTo("head(table: Relation, n?: Integer) -> Relation");
            assertThat(duckdb.effects("write_json")).isEqualTo(ToolDescriptor.Effects.WRITES);
            assertThat(duckdb.effects("to_parquet")).isEqualTo(ToolDescriptor.Effects.WRITES);
            assertThat(duckdb.effects("read_parquet")).isEqualTo(ToolDescriptor.Effects.NONE);
        }
    }

    @Test
    void tablesaw_implements_every_tool_and_the_sql_engines_run_in_memory_exactly_the_tools_listed() throws Exception {
        List<String> inheritedBySql = new ArrayList<>();
        for (Method tool : tools().values()) {
            if (tool.getName().equals("merge")) {
                // its body only resolves the defaults; each engine implements merge(left, right, spec)
                for (Class<?> engine : List.of(DataOps.class, SqlDataOps.class)) {
                    assertThat(engine.getMethod("merge", Object.class, Object.class, DataFrameTools.MergeSpec.class)
                                    .getDeclaringClass())
                            .as(engine.getSimpleName())
                            .isEqualTo(engine);
                }
                continue;
            }
            assertThat(DataOps.class
                            .getMethod(tool.getName(), tool.getParameterTypes())
                            .getDeclaringClass())
                    .as(tool.getName())
                    .isEqualTo(DataOps.class);
            Method sql = SqlDataOps.class.getMethod(tool.getName(), tool.getParameterTypes());
            if (sql.getDeclaringClass() == DataFrameTools.class) {
                inheritedBySql.add(tool.getAnnotation(Tool.class).name());
            }
        }

        assertThat(inheritedBySql).containsExactlyInAnyOrderElementsOf(SqlDataOps.IN_MEMORY);
    }
}
