package dev.pev4j.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.llm.LocalLlm.TokenCounter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptFitterTest {

    /** One token per whitespace-separated word. */
    private static final TokenCounter WORDS =
            text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private static final PromptSection TOOLS = PromptSection.tools("tools", """
            load(path) -> table
              Reads a CSV file into a table.
            sum(table, column) -> number
              Adds up one column.
            """);
    private static final PromptSection EVIDENCE = PromptSection.evidence(
            "evidence",
            List.of(
                    "#E1 table 4 rows\n" + row("north", 10) + "\n" + row("south", 20) + "\n" + row("east", 30) + "\n"
                            + row("west", 40),
                    "#E2 number\n42"),
            "\n");
    private static final PromptSection EXAMPLES = PromptSection.examples(
            "examples", List.of("Example one: load then sum.", "Example two: load, filter, count."), "\n\n");
    private static final PromptSection TASK = PromptSection.fixed("task", "Task: total the sales.");
    private static final List<PromptSection> ALL = List.of(TOOLS, EVIDENCE, EXAMPLES, TASK);

    private final PromptFitter fitter = new PromptFitter(WORDS);

    private static String layout(Map<String, String> t) {
        return "Tools:\n" + t.get("tools") + "\nEvidence:\n" + t.get("evidence") + "\nExamples:\n" + t.get("examples")
                + "\n" + t.get("task");
    }

    /** A JSON row of four words. */
    private static String row(String region, int sales) {
        return "{\"region\": \"" + region + "\", \"sales\": " + sales + "}";
    }

    @Test
    void a_prompt_within_budget_is_left_as_it_is() {
        PromptFitter.Fitted fitted = fitter.fit(ALL, PromptFitterTest::layout, 100);

        assertThat(fitted.tokens()).isEqualTo(58);
        assertThat(fitted.trimmed()).isEmpty();
        assertThat(fitted.texts().get("tools"))
                .isEqualTo("load(path) -> table\n  Reads a CSV file into a table.\n"
                        + "sum(table, column) -> number\n  Adds up one column.");
    }

    @Test
    void drops_examples_first_the_last_one_first() {
        PromptFitter.Fitted fitted = fitter.fit(ALL, PromptFitterTest::layout, 55);

        assertThat(fitted.trimmed()).containsExactly("dropped example 2 of section 'examples'");
        assertThat(fitted.texts().get("examples")).isEqualTo("Example one: load then sum.");
        assertThat(fitted.texts().get("evidence")).isEqualTo(EVIDENCE.text());
        assertThat(fitted.tokens()).isEqualTo(53);
    }

    @Test
    void then_shortens_the_longest_evidence_preview_keeping_its_first_line() {
        PromptFitter.Fitted fitted = fitter.fit(ALL, PromptFitterTest::layout, 44);

        assertThat(fitted.trimmed())
                .containsExactly(
                        "dropped example 2 of section 'examples'",
                        "dropped example 1 of section 'examples'",
                        "dropped a line of preview 1 of section 'evidence'",
                        "dropped a line of preview 1 of section 'evidence'");
        assertThat(fitted.texts().get("evidence"))
                .isEqualTo("#E1 table 4 rows\n" + row("north", 10) + "\n" + row("south", 20)
                        + "\n(2 more lines)\n#E2 number\n42");
        assertThat(fitted.texts().get("tools")).isEqualTo(TOOLS.text());
        assertThat(fitted.tokens()).isEqualTo(43);
    }

    @Test
    void then_drops_tool_descriptions_keeping_every_signature_but_never_the_task() {
        PromptFitter.Fitted fitted = fitter.fit(ALL, PromptFitterTest::layout, 26);

        assertThat(fitted.prompt()).isEqualTo("""
                Tools:
                load(path) -> table
                sum(table, column) -> number
                Evidence:
                #E1 table 4 rows
                (4 more lines)
                #E2 number
                (1 more line)
                Examples:

                Task: total the sales.""");
        assertThat(fitted.trimmed())
                .endsWith(
                        "dropped the description of 'sum(table, column) -> number' in section 'tools'",
                        "dropped the description of 'load(path) -> table' in section 'tools'");
        assertThat(fitted.trimmed()).hasSize(9);
        assertThat(fitted.tokens()).isEqualTo(26);
    }

    @Test
    void a_prompt_whose_fixed_parts_are_over_budget_is_an_error() {
        assertThatThrownBy(() -> fitter.fit(ALL, PromptFitterTest::layout, 25))
                .isInstanceOf(PromptTooLongException.class)
                .hasMessage("the prompt needs 26 tokens but its budget is 25 even with all it may trim trimmed"
                        + " (9 steps); its fixed sections (the task, the format) and the tool signatures must fit:"
                        + " raise the context window or lower maxTokens");
    }

    @Test
    void the_estimate_counts_a_token_per_four_characters_rounded_up() {
        assertThat(PromptFitter.ESTIMATE.count("")).isZero();
        assertThat(PromptFitter.ESTIMATE.count("abcd")).isEqualTo(1);
        assertThat(PromptFitter.ESTIMATE.count("abcde")).isEqualTo(2);
    }

    @Test
    void rejects_two_sections_of_the_same_name() {
        assertThatThrownBy(() -> fitter.fit(List.of(TASK, TASK), PromptFitterTest::layout, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("section 'task' appears twice; names must be unique");
    }
}
