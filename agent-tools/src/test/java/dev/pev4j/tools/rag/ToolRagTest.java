package dev.pev4j.tools.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.spi.ToolSelector.Example;
import dev.pev4j.spi.ToolSelector.Scored;
import dev.pev4j.spi.ToolSelector.Selection;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tool RAG on the real embedding model (quantized all-MiniLM-L6-v2, in-process, shared by every test of the JVM) over
 * the labelled registry: DataOps and the file/text and calendar fixtures.
 */
class ToolRagTest {

    /** One registry for all tests: its tools are embedded once. */
    static final ToolRegistry REGISTRY =
            ToolRegistry.of(LabelledTasks.toolObjects(Path.of(".")).toArray());

    static final ToolRag RAG = new ToolRag();

    private static Map<String, Scored> byName(Selection selection) {
        return selection.tools().stream().collect(Collectors.toMap(Scored::name, s -> s));
    }

    @Test
    void labelled_set_has_at_least_120_tasks_over_at_least_60_registered_tools() {
        List<LabelledTasks.Task> tasks = LabelledTasks.all();
        Set<String> used = new HashSet<>();
        tasks.forEach(t -> used.addAll(t.tools()));

        assertThat(tasks).hasSizeGreaterThanOrEqualTo(120);
        assertThat(REGISTRY.tools()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(REGISTRY.names()).containsAll(used);
        assertThat(tasks.stream().map(LabelledTasks.Task::text).distinct().count())
                .isEqualTo(tasks.size());
    }

    @Test
    void shows_every_labelled_tool_of_at_least_98_percent_at_the_default_k() {
        int needed = 0;
        int shown = 0;
        for (LabelledTasks.Task task : LabelledTasks.all()) {
            Set<String> selected = Set.copyOf(
                    RAG.choose(task.text(), REGISTRY, List.of(), List.of()).toolNames());
            for (String tool : task.tools()) {
                needed++;
                shown += selected.contains(tool) ? 1 : 0;
            }
        }

        assertThat((double) shown / needed).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void shows_the_top_k_the_always_on_tools_and_their_dependencies_in_that_order() {
        Selection selection = ToolRag.builder()
                .topK(3)
                .build()
                .choose("Add a month column derived from the order date", REGISTRY, List.of(), List.of());
        Map<String, Scored> tools = byName(selection);

        assertThat(selection.tools().get(0))
                .extracting(Scored::name, Scored::reason)
                .containsExactly("today", Scored.Reason.ALWAYS_ON);
        assertThat(selection.tools().stream().filter(s -> s.reason() == Scored.Reason.RANKED))
                .hasSize(3);
        assertThat(tools).containsKey("dt_part");
        assertThat(tools.get("read_csv").reason()).isIn(Scored.Reason.RANKED, Scored.Reason.DEPENDENCY);
        assertThat(tools).containsKey("to_datetime");
        assertThat(selection.everything()).isFalse();
    }

    @Test
    void a_tool_only_a_dependency_reaches_is_shown_as_a_dependency() {
        Selection selection = ToolRag.builder()
                .topK(1)
                .build()
                .choose("Keep only the orders above 500 euros", REGISTRY, List.of(), List.of());

        // k = 1 ranks one table tool; the CSV reader it needs comes in as its dependency
        assertThat(selection.tools().stream().filter(t -> t.reason() == Scored.Reason.RANKED))
                .hasSize(1);
        assertThat(selection.tools())
                .extracting(Scored::name, Scored::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("read_csv", Scored.Reason.DEPENDENCY));
    }

    @Test
    void a_pandas_name_from_the_toolkits_retrieval_text_finds_the_tool() {
        Selection selection =
                ToolRag.builder().topK(2).build().choose("df.to_csv the result", REGISTRY, List.of(), List.of());

        assertThat(selection.toolNames()).contains("write_csv");
    }

    @Test
    void widened_tools_are_shown_besides_the_selection() {
        Selection selection = ToolRag.builder()
                .topK(1)
                .build()
                .choose(
                        "Keep only the orders above 500 euros",
                        REGISTRY,
                        List.of("write_csv", "no_such_tool"),
                        List.of());

        assertThat(byName(selection).get("write_csv").reason()).isEqualTo(Scored.Reason.WIDENED);
        assertThat(selection.toolNames()).doesNotContain("no_such_tool");
    }

    @Test
    void nearest_names_the_unselected_tools_closest_to_an_unknown_one() {
        List<Scored> near = RAG.nearest("to_csv", REGISTRY, Set.of("read_csv"), 3);

        assertThat(near)
                .extracting(Scored::name)
                .contains("write_csv")
                .doesNotContain("read_csv")
                .hasSize(3);
        assertThat(near.get(0).score()).isGreaterThanOrEqualTo(near.get(2).score());
    }

    @Test
    void examples_are_chosen_by_similarity_among_those_whose_tools_were_all_selected() {
        DataOps dataOps = DataOps.in(Workspace.of(Path.of(".")));
        List<Example> bank = Example.parseAll(dataOps.examples() + "\n\n" + dataOps.exampleBank());

        Selection selection = RAG.choose(
                "Fill in the missing prices of products.csv with the average and store the"
                        + " table as products_clean.csv",
                REGISTRY,
                List.of(),
                bank);

        assertThat(selection.examples()).isNotEmpty().hasSizeLessThanOrEqualTo(ToolRag.DEFAULT_MAX_EXAMPLES);
        assertThat(selection.examples().get(0).tools()).containsExactlyInAnyOrder("read_csv", "fillna", "write_csv");
        for (Example example : selection.examples()) {
            assertThat(selection.toolNames()).containsAll(example.tools());
        }
        assertThat(selection.exampleScores()).extracting(Scored::reason).containsOnly(Scored.Reason.EXAMPLE);
        assertThat(selection.exampleScores().get(0).score())
                .isGreaterThanOrEqualTo(selection
                        .exampleScores()
                        .get(selection.exampleScores().size() - 1)
                        .score());
    }

    @Test
    void a_users_example_bank_is_searched_too() {
        ToolRag rag = ToolRag.builder().exampleBank("""
                Task: Count the error lines of server.log.
                Plan: Find the error lines.
                #E1 = grep_lines("server.log", "ERROR")
                Criteria:
                - #E1 != null
                """).build();

        Selection selection = rag.choose("How many lines of app.log mention ERROR?", REGISTRY, List.of(), List.of());

        assertThat(selection.exampleScores())
                .extracting(Scored::name)
                .containsExactly("Count the error lines of server.log.");
    }

    @Test
    void every_example_of_the_dataops_bank_calls_only_dataops_tools() {
        DataOps dataOps = DataOps.in(Workspace.of(Path.of(".")));
        ToolRegistry dataOnly = ToolRegistry.of(dataOps);

        for (Example example : Example.parseAll(dataOps.exampleBank())) {
            assertThat(dataOnly.names()).as(example.task()).containsAll(example.tools());
        }
        assertThat(Example.parseAll(dataOps.exampleBank())).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void rejects_settings_out_of_range_naming_the_value() {
        assertThatThrownBy(() -> ToolRag.builder().topK(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK must be >= 1 but was 0");
        assertThatThrownBy(() -> ToolRag.builder().minScore(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minScore must be within [-1, 1] but was 1.5");
        assertThatThrownBy(() -> ToolRag.builder().maxExamples(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxExamples must be >= 0 but was -1");
    }
}
