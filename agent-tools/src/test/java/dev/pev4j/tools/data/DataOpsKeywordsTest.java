package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOps.agg;
import static dev.pev4j.tools.data.DataOps.kw;
import static dev.pev4j.tools.data.DataOpsTest.sales;
import static dev.pev4j.tools.data.Tables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.tools.workspace.Workspace;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Issue 15: every DataOps tool with optional parameters can be called from Java without {@code null}s (keywords). */
class DataOpsKeywordsTest {

    @TempDir
    Path root;

    private DataOps data() {
        return new DataOps(Workspace.of(root));
    }

    @Test
    void every_tool_with_optional_parameters_has_an_overload_without_them() {
        List<String> missing = new ArrayList<>();
        for (Method tool : DataFrameTools.class.getMethods()) {
            if (!tool.isAnnotationPresent(Tool.class)) {
                continue;
            }
            List<Class<?>> required = new ArrayList<>();
            int optional = 0;
            for (Parameter parameter : tool.getParameters()) {
                P p = parameter.getAnnotation(P.class);
                if (p != null && !p.required()) {
                    optional++;
                } else {
                    required.add(parameter.getType());
                }
            }
            if (optional == 0) {
                continue;
            }
            List<Class<?>> withKeywords = new ArrayList<>(required);
            withKeywords.add(DataFrameTools.Kw[].class);
            boolean found = Arrays.stream(DataFrameTools.class.getMethods())
                    .filter(m -> m.getName().equals(tool.getName()) && !m.isAnnotationPresent(Tool.class))
                    .map(m -> List.of(m.getParameterTypes()))
                    .anyMatch(types -> types.equals(required) || types.equals(withKeywords));
            if (!found) {
                missing.add(tool.getName() + required);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void a_keyword_overload_gives_what_the_tool_gives_with_the_same_arguments() {
        DataOps data = data();

        Table byKeywords = data.rank(sales(), "revenue", kw("method", "dense"), kw("ascending", false));
        Table withNulls = data.rank(sales(), "revenue", "dense", false, null, null, null, null);

        assertThat(byKeywords.printAll()).isEqualTo(withNulls.printAll());
        assertThat(values(byKeywords, "revenue_rank")).containsExactly(2.0, 4.0, null, 3.0, 6.0, 5.0, 1.0);
    }

    @Test
    void a_keyword_overload_without_keywords_uses_the_defaults() {
        DataOps data = data();

        assertThat(data.shift(sales(), "units").printAll())
                .isEqualTo(data.shift(sales(), "units", null, null, null).printAll());
        assertThat(data.dropDuplicates(sales()).rowCount()).isEqualTo(7);
    }

    @Test
    void a_misspelt_keyword_fails_naming_the_nearest_parameters() {
        assertThatThrownBy(() -> data().rank(sales(), "revenue", kw("methd", "dense")))
                .hasMessage("tool 'rank' has no parameter 'methd'; did you mean 'method'? parameters: table, column,"
                        + " method, ascending, na_option, pct, by, name");
    }

    @Test
    void a_keyword_of_the_wrong_type_or_given_twice_fails_saying_so() {
        assertThatThrownBy(() -> data().shift(sales(), "units", kw("periods", "two")))
                .hasMessageStartingWith("tool 'shift' parameter 'periods' expects ");
        assertThatThrownBy(() -> data().shift(sales(), "units", kw("periods", 1), kw("periods", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool 'shift' option 'periods' is given twice: 1 and 2");
        assertThatThrownBy(() -> data().shift(sales(), "units", kw("column", "revenue")))
                .hasMessage("tool 'shift' parameter 'column' is given both by position and by name");
    }

    @Test
    void what_the_tool_throws_reaches_the_caller_as_it_is() {
        assertThatThrownBy(() -> data().rank(sales(), "revenu", kw("pct", true)))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("unknown column 'revenu'; did you mean 'revenue'?");
    }

    @Test
    void a_tool_with_one_optional_parameter_has_an_overload_with_its_default() {
        DataOps data = data();

        assertThat(data.cumsum(sales(), "units").printAll())
                .isEqualTo(data.cumsum(sales(), "units", null).printAll());
        assertThat(data.strLower(sales(), "region").printAll())
                .isEqualTo(data.strLower(sales(), "region", null).printAll());
        assertThat(data.nunique(sales())).isEqualTo(data.nunique(sales(), null));
    }

    @Test
    void groupby_agg_keeps_the_order_of_the_aggregations_given() {
        Table grouped =
                data().groupbyAgg(sales(), List.of("region"), agg("units", "sum"), agg("revenue", "max", "sum"));

        assertThat(grouped.columnNames()).containsExactly("region", "units_sum", "revenue_max", "revenue_sum");
        assertThat(values(grouped, "units_sum")).containsExactly(5L, 11L, 2L);
        assertThat(values(grouped, "revenue_sum")).containsExactly(2.0, 30.0, 8.0);
    }

    @Test
    void an_aggregation_repeated_for_a_column_fails_saying_how_to_give_it_once() {
        assertThatThrownBy(
                        () -> data().groupbyAgg(sales(), List.of("region"), agg("units", "sum"), agg("units", "mean")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'units' is aggregated twice; give all its functions in one agg(\"units\", ...)");
    }
}
