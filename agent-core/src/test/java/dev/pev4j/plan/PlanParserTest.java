package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.plan.PlanParser.PlanParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanParserTest {

    private final PlanParser parser = PlanParser.create();

    private static Arg.Value str(String text) {
        return Arg.of(text);
    }

    private static Arg.Ref ref(int step) {
        return Arg.ref(step);
    }

    private static Arg.Text text(Object... parts) {
        return new Arg.Text(List.of(parts));
    }

    private static Step step(int id, String thought, String tool, Arg... args) {
        return new Step(StepId.of(id), thought, tool, List.of(args));
    }

    private List<Arg> argsOf(String plan) {
        return parser.parse(plan).steps().get(0).args();
    }

    @Nested
    class ReWoo {

        @Test
        void reads_the_rewoo_paper_plan_with_its_thoughts_and_dependencies() {
            // when
            Plan plan = parser.parse(PlanFixtures.REWOO_PAPER);

            // then
            assertThat(plan.steps())
                    .containsExactly(
                            step(
                                    1,
                                    "Search for more information about Colorado orogeny.",
                                    "Wikipedia",
                                    str("Colorado orogeny")),
                            step(
                                    2,
                                    "Find out the area that eastern sector of the Colorado orogeny extends into.",
                                    "LLM",
                                    text(
                                            "What is the name of the area that eastern sector of Colorado extends into?"
                                                    + " Given context: ",
                                            ref(1))),
                            step(3, "Search for more information about the area.", "Wikipedia", ref(2)),
                            step(
                                    4,
                                    "Find out the elevation range of the area.",
                                    "LLM",
                                    text("What is elevation range of the area ", ref(2), "? Given context: ", ref(3))));
            assertThat(plan.steps())
                    .extracting(s -> List.copyOf(s.dependencies()))
                    .containsExactly(
                            List.of(),
                            List.of(StepId.of(1)),
                            List.of(StepId.of(2)),
                            List.of(StepId.of(2), StepId.of(3)));
            assertThat(plan.criteria()).isEmpty();
        }

        @Test
        void reads_a_chatty_plan_with_a_fence_prose_a_two_line_thought_and_criteria() {
            // when
            Plan plan = parser.parse(PlanFixtures.REWOO_CHATTY);

            // then
            assertThat(plan.steps())
                    .containsExactly(
                            step(1, "Load the sales table.", "read_csv", str("sales.csv")),
                            step(
                                    2,
                                    "Keep the orders above 100 dollars, since the question is about big orders.",
                                    "filter",
                                    ref(1),
                                    str("amount > 100")),
                            step(3, "Sum the amounts per region.", "group_sum", ref(2), str("region"), str("amount")),
                            step(
                                    4,
                                    "Write the answer.",
                                    "LLM",
                                    text("Which region has the highest total in ", ref(3), "?")));
            assertThat(plan.criteria())
                    .containsExactly("the answer names one region", "the total is a positive number");
        }

        @Test
        void reads_unquoted_text_with_commas_as_one_string() {
            assertThat(argsOf("#E1 = Search[Hello, world]")).containsExactly(str("Hello, world"));
        }

        @Test
        void reads_one_quoted_string_without_its_quotes() {
            assertThat(argsOf("#E1 = read_csv[\"sales.csv\"]")).containsExactly(str("sales.csv"));
            assertThat(argsOf("#E1 = read_csv['sales.csv']")).containsExactly(str("sales.csv"));
        }

        @Test
        void strips_one_pair_of_outer_quotes_from_text_that_is_no_token() {
            assertThat(argsOf("#E1 = LLM[\"Say \"hi\" to #E2\"]")).containsExactly(text("Say \"hi\" to ", ref(2)));
        }

        @Test
        void reads_a_reference_and_a_string_as_two_arguments() {
            assertThat(argsOf("#E2 = filter[#E1, \"amount > 100\"]")).containsExactly(ref(1), str("amount > 100"));
        }

        @Test
        void reads_references_inside_text_as_text_with_parts() {
            assertThat(argsOf("#E2 = LLM[What is the population of #E1?]"))
                    .containsExactly(text("What is the population of ", ref(1), "?"));
        }

        @Test
        void keeps_brackets_that_are_inside_quotes() {
            assertThat(argsOf("#E1 = Search[\"a [b] c\"]")).containsExactly(str("a [b] c"));
            assertThat(argsOf("#E2 = filter[#E1, \"x in [1,2]\"]")).containsExactly(ref(1), str("x in [1,2]"));
        }

        @Test
        void reads_nested_brackets_in_text() {
            assertThat(argsOf("#E1 = LLM[Explain f(x[0]) and {a: [1]}]"))
                    .containsExactly(str("Explain f(x[0]) and {a: [1]}"));
        }

        @Test
        void reads_closing_brackets_that_close_nothing_as_text() {
            assertThat(argsOf("#E1 = LLM[What's new? :) ]")).containsExactly(str("What's new? :)"));
        }

        @Test
        void reads_an_input_that_spans_lines() {
            // given
            String plan = """
                    Plan: Summarize.
                    #E1 = LLM[Summarize the report below in two sentences:
                    first the sales [in EUR],
                    then the costs.]
                    Plan: Search.
                    #E2 = Search[#E1]
                    """;

            // when
            Plan parsed = parser.parse(plan);

            // then
            assertThat(parsed.steps())
                    .containsExactly(
                            step(
                                    1,
                                    "Summarize.",
                                    "LLM",
                                    str("Summarize the report below in two sentences:\n"
                                            + "first the sales [in EUR],\nthen the costs.")),
                            step(2, "Search.", "Search", ref(1)));
        }

        @Test
        void reads_e10_as_a_reference_to_step_ten_not_step_one() {
            assertThat(argsOf("#E11 = LLM[Compare #E10 with #E1]"))
                    .containsExactly(text("Compare ", ref(10), " with ", ref(1)));
            assertThat(argsOf("#E11 = join_tables[#E10, #E1]")).containsExactly(ref(10), ref(1));
        }

        @Test
        void reads_a_plan_of_twelve_steps() {
            // given
            StringBuilder text = new StringBuilder();
            List<Step> expected = new ArrayList<>();
            text.append("Plan: Start.\n#E1 = Search[start]\n");
            expected.add(step(1, "Start.", "Search", str("start")));
            for (int i = 2; i <= 12; i++) {
                text.append("Plan: Step ").append(i).append(".\n");
                text.append("#E")
                        .append(i)
                        .append(" = LLM[Go on from #E")
                        .append(i - 1)
                        .append("]\n");
                expected.add(step(i, "Step " + i + ".", "LLM", text("Go on from ", ref(i - 1))));
            }

            // when
            Plan plan = parser.parse(text.toString());

            // then
            assertThat(plan.steps()).containsExactlyElementsOf(expected);
            assertThat(plan.steps().get(11).dependencies()).containsExactly(StepId.of(11));
        }

        @Test
        void reads_a_step_written_on_its_thought_line() {
            assertThat(parser.parse("Plan: Look it up. #E1 = Search[Ada Lovelace]")
                            .steps())
                    .containsExactly(step(1, "Look it up.", "Search", str("Ada Lovelace")));
        }

        @Test
        void reads_a_step_right_after_an_empty_thought_header() {
            assertThat(parser.parse("Plan: #E1 = Search[Ada Lovelace]").steps())
                    .containsExactly(step(1, "", "Search", str("Ada Lovelace")));
        }

        @Test
        void reads_steps_in_markdown_lists_and_bold() {
            // given
            String plan = """
                    1. **Plan:** Look it up.
                       #E1 = Search[Ada Lovelace]
                    - **#E2** = LLM[Born when? #E1]
                    """;

            // then
            assertThat(parser.parse(plan).steps())
                    .containsExactly(
                            step(1, "Look it up.", "Search", str("Ada Lovelace")),
                            step(2, "", "LLM", text("Born when? ", ref(1))));
        }

        @Test
        void keeps_dollar_amounts_in_rewoo_text_as_text() {
            assertThat(argsOf("#E1 = LLM[Which items cost more than $5?]"))
                    .containsExactly(str("Which items cost more than $5?"));
        }

        @Test
        void reads_an_empty_input_as_no_arguments() {
            assertThat(argsOf("#E1 = list_files[]")).isEmpty();
        }

        @Test
        void keeps_duplicate_ids_and_forward_references_for_the_validator() {
            // given
            String plan = """
                    #E1 = Search[#E2]
                    #E1 = Search[again]
                    """;

            // then
            assertThat(parser.parse(plan).steps())
                    .containsExactly(step(1, "", "Search", ref(2)), step(1, "", "Search", str("again")));
        }
    }

    @Nested
    class StepCalls {

        @Test
        void reads_step_thoughts_named_arguments_escapes_and_numbered_criteria() {
            // when
            Plan plan = parser.parse(PlanFixtures.STEP_CALLS);

            // then
            Map<String, Arg> readNamed = new LinkedHashMap<>();
            readNamed.put("path", str("data/sales.csv"));
            readNamed.put("sep", str(";"));
            Map<String, Arg> topNamed = new LinkedHashMap<>();
            topNamed.put("column", str("amount"));
            topNamed.put("n", Arg.of(5L));
            topNamed.put("descending", Arg.of(true));
            assertThat(plan.steps())
                    .containsExactly(
                            new Step(StepId.of(1), "Read the file with the sales.", "read_csv", List.of(), readNamed),
                            step(2, "Keep the rows of the \"EU\" region.", "filter", ref(1), str("region == \"EU\"")),
                            new Step(StepId.of(3), "Take the top 5.", "top_n", List.of(ref(2)), topNamed));
            assertThat(plan.criteria()).containsExactly("at most 5 rows", "every row is in the EU region");
        }

        @Test
        void reads_literals_of_every_kind() {
            // when
            List<Arg> args = argsOf(
                    "#E1 = f(42, -7, 3.5, 1e3, true, false, null, 'it\\'s', \"tab\\there\\u0021\", [1, [\"a\"]], "
                            + "{\"k\": #E2, other: [], 'q': {}},)");

            // then
            Map<String, Arg> map = new LinkedHashMap<>();
            map.put("k", ref(2));
            map.put("other", new Arg.ListOf(List.of()));
            map.put("q", new Arg.MapOf(Map.of()));
            assertThat(args)
                    .containsExactly(
                            Arg.of(42L),
                            Arg.of(-7L),
                            Arg.of(3.5),
                            Arg.of(1000.0),
                            Arg.of(true),
                            Arg.of(false),
                            Arg.of(null),
                            str("it's"),
                            str("tab\there!"),
                            new Arg.ListOf(List.of(Arg.of(1L), new Arg.ListOf(List.of(str("a"))))),
                            new Arg.MapOf(map));
        }

        @Test
        void reads_numbers_too_big_for_a_long_as_doubles() {
            assertThat(argsOf("#E1 = f(123456789012345678901234567890)"))
                    .containsExactly(Arg.of(1.2345678901234568E29));
        }

        @Test
        void reads_an_unquoted_argument_as_one_string() {
            assertThat(argsOf("#E1 = search(capital of France)")).containsExactly(str("capital of France"));
        }
    }

    @Nested
    class LlmCompiler {

        @Test
        void reads_a_tiny_agent_plan_until_join() {
            // when
            Plan plan = parser.parse(PlanFixtures.TINY_AGENT);

            // then
            assertThat(plan.steps())
                    .containsExactly(
                            step(1, "", "get_email_address", str("Sid")),
                            step(2, "", "get_email_address", str("Lutfi")),
                            step(
                                    3,
                                    "",
                                    "create_calendar_event",
                                    str("Meeting with Sid and Lutfi"),
                                    str("2024-02-01 10:00:00"),
                                    str("2024-02-01 10:30:00"),
                                    str(""),
                                    new Arg.ListOf(List.of(ref(1), ref(2))),
                                    str(""),
                                    Arg.of(null)));
            assertThat(plan.steps().get(2).dependencies()).containsExactly(StepId.of(1), StepId.of(2));
        }

        @Test
        void reads_thoughts_and_references_inside_strings() {
            // when
            Plan plan = parser.parse(PlanFixtures.LLM_COMPILER);

            // then
            assertThat(plan.steps())
                    .containsExactly(
                            step(1, "I need the birth dates of both people.", "search", str("Ragnar Lothbrok")),
                            step(2, "", "search", str("Bjorn Ironside")),
                            step(
                                    3,
                                    "Then compare them.",
                                    "llm",
                                    text("Who was born first, given ", ref(1), " and ", ref(2), "?")));
        }

        @Test
        void reads_bare_dollar_references_and_the_braced_form() {
            assertThat(argsOf("1. f($1, ${12}, \"$3\", \"${4}\")")).containsExactly(ref(1), ref(12), ref(3), ref(4));
        }

        @Test
        void takes_the_step_id_from_the_line_number_and_ignores_steps_after_the_end() {
            // given
            String plan = """
                    Thought: go
                    7. search("x")
                    <END_OF_PLAN>
                    8. search("ignored")
                    """;

            // then
            assertThat(parser.parse(plan).steps()).containsExactly(step(7, "go", "search", str("x")));
        }

        @Test
        void ignores_numbered_prose_that_is_no_call() {
            // given
            String plan = """
                    Here is what I will do:
                    1. Search the web for the answer.
                    1. search("the answer")
                    """;

            // then
            assertThat(parser.parse(plan).steps()).containsExactly(step(1, "", "search", str("the answer")));
        }
    }

    @Nested
    class Json {

        @Test
        void reads_a_small_model_json_plan_inside_a_fence_with_a_trailing_comma() {
            // when
            Plan plan = parser.parse(PlanFixtures.SMALL_MODEL_JSON);

            // then
            Map<String, Arg> options = new LinkedHashMap<>();
            options.put("round", Arg.of(2L));
            options.put("ratio", Arg.of(0.5));
            Map<String, Arg> named = new LinkedHashMap<>();
            named.put("table", ref(2));
            named.put("by", new Arg.ListOf(List.of(str("region"))));
            named.put("options", new Arg.MapOf(options));
            assertThat(plan.steps())
                    .containsExactly(
                            step(1, "Load the sales data.", "read_csv", str("sales.csv")),
                            step(2, "Keep big orders.", "filter", ref(1), str("amount > 100")),
                            new Step(StepId.of(3), "Sum per region.", "group_sum", List.of(), named));
            assertThat(plan.criteria()).containsExactly("the result has one row per region", "amounts are positive");
            assertThat(plan.steps().get(2).dependencies()).containsExactly(StepId.of(2));
        }

        @Test
        void reads_a_bare_array_with_other_key_names_and_id_forms() {
            // given
            String plan = """
                    [
                      // the first step
                      {id: 1, name: 'search', input: 'Ada Lovelace'},
                      {"id": "#E2", "action": "llm", "arguments": ["Born when? $1", null, true, 2.5]},
                      {"id": "$3", "tool": "llm", "args": "#E2"},
                      {"tool": "done"}
                    ]
                    """;

            // then
            assertThat(parser.parse(plan).steps())
                    .containsExactly(
                            step(1, "", "search", str("Ada Lovelace")),
                            step(2, "", "llm", text("Born when? ", ref(1)), Arg.of(null), Arg.of(true), Arg.of(2.5)),
                            step(3, "", "llm", ref(2)),
                            step(4, "", "done"));
        }

        @Test
        void reads_json_after_prose_on_the_same_line() {
            assertThat(parser.parse("The plan is {\"steps\": [{\"tool\": \"search\", \"args\": [\"x\"]}]}. Done.")
                            .steps())
                    .containsExactly(step(1, "", "search", str("x")));
        }
    }

    @Nested
    class AcrossFormats {

        private static final String REWOO = """
                Plan: Load the sales data.
                #E1 = read_csv["sales.csv"]
                Plan: Keep big orders.
                #E2 = filter[#E1, "amount > 100"]
                Plan: Sum per region.
                #E3 = group_sum[#E2, "region", 2]

                Checks:
                * one row per region
                """;

        private static final String LLM_COMPILER = """
                Thought: Load the sales data.
                1. read_csv("sales.csv")
                Thought: Keep big orders.
                2. filter($1, "amount > 100")
                Thought: Sum per region.
                3. group_sum($2, "region", 2)
                4. join()<END_OF_PLAN>
                Criteria:
                - one row per region
                """;

        private static final String JSON = """
                {"steps": [
                  {"id": "E1", "thought": "Load the sales data.", "tool": "read_csv", "args": ["sales.csv"]},
                  {"id": "E2", "thought": "Keep big orders.", "tool": "filter", "args": ["#E1", "amount > 100"]},
                  {"id": "E3", "thought": "Sum per region.", "tool": "group_sum", "args": ["$2", "region", 2]}
                 ],
                 "criteria": ["one row per region"]}
                """;

        @Test
        void reads_the_same_plan_from_rewoo_llm_compiler_and_json() {
            // when
            Plan fromRewoo = parser.parse(REWOO);

            // then
            assertThat(fromRewoo.steps()).hasSize(3);
            assertThat(fromRewoo.criteria()).containsExactly("one row per region");
            assertThat(parser.parse(LLM_COMPILER)).isEqualTo(fromRewoo);
            assertThat(parser.parse(JSON)).isEqualTo(fromRewoo);
        }

        @Test
        void reads_back_the_rewoo_form_a_plan_prints() {
            // given
            Plan plan = parser.parse(REWOO);

            // then
            assertThat(parser.parse(plan.toString())).isEqualTo(plan);
        }
    }

    @Nested
    class Errors {

        @Test
        void says_what_a_plan_looks_like_when_there_is_none() {
            assertThatThrownBy(() -> parser.parse("I'm sorry, I cannot help with that request because it needs"
                            + " internet access.\nPlease try again."))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessage("no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")'"
                            + " or a JSON object with \"steps\"; got: 'I'm sorry, I cannot help with that request"
                            + " because it needs internet access.\\nPl...'");
        }

        @Test
        void says_so_when_the_text_is_empty() {
            assertThatThrownBy(() -> parser.parse("  \n"))
                    .hasMessage("no plan steps found: expected lines like '#E1 = tool[input]' or '1. tool(\"arg\")'"
                            + " or a JSON object with \"steps\"; got: ''");
        }

        @Test
        void names_the_step_and_place_of_a_bracket_never_closed() {
            // given
            String plan = """
                    #E1 = Search[x]
                    #E2 = LLM[Summarize #E1
                    Plan: go on
                    """;

            // then
            assertThatThrownBy(() -> parser.parse(plan))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessage("step #E2 at 2:10: '[' is never closed (expected ']'); the step reads:"
                            + " '#E2 = LLM[Summarize #E1'")
                    .extracting(e -> ((PlanParseException) e).position())
                    .isEqualTo(25);
        }

        @Test
        void names_the_step_and_place_of_a_quote_never_closed() {
            assertThatThrownBy(() -> parser.parse("1. search(\"Ada Lovelace)\n2. join()"))
                    .hasMessage("step 1 at 1:11: the quote \" is not closed on its line; the step reads:"
                            + " '1. search(\"Ada Lovelace)'");
        }

        @Test
        void caps_the_nesting_depth_of_brackets() {
            assertThatThrownBy(() -> parser.parse("#E1 = T" + "[".repeat(10_000)))
                    .hasMessage("step #E1 at 1:72: brackets are nested deeper than 64 levels; the step reads: '#E1 = T"
                            + "[".repeat(73) + "...'");
        }

        @Test
        void asks_for_brackets_after_the_tool_name() {
            assertThatThrownBy(() -> parser.parse("#E1 = Search \"Ada\""))
                    .hasMessage("step #E1 at 1:14: expected '[' or '(' after the tool name 'Search', as in"
                            + " '#E1 = tool[input]'; the step reads: '#E1 = Search \"Ada\"'");
        }

        @Test
        void asks_for_a_tool_name() {
            assertThatThrownBy(() -> parser.parse("#E1 = [Ada]"))
                    .hasMessage("step #E1 at 1:7: expected a tool name after '#E1 =', as in '#E1 = tool[input]';"
                            + " the step reads: '#E1 = [Ada]'");
        }

        @Test
        void rejects_a_reference_to_step_zero() {
            assertThatThrownBy(() -> parser.parse("#E1 = LLM[What is #E0?]"))
                    .hasMessage("step #E1 at 1:11: '#E0' does not name a step: step numbers run from 1 to 999999999;"
                            + " the step reads: '#E1 = LLM[What is #E0?]'");
            assertThatThrownBy(() -> parser.parse("0. search(\"x\")"))
                    .hasMessage("step 0 at 1:1: '0' does not name a step: step numbers run from 1 to 999999999;"
                            + " the step reads: '0. search(\"x\")'");
        }

        @Test
        void rejects_a_named_argument_given_twice() {
            assertThatThrownBy(() -> parser.parse("#E1 = f(n=1, n=2)"))
                    .hasMessage("step #E1 at 1:14: argument 'n' is given twice; the step reads: '#E1 = f(n=1, n=2)'");
        }

        @Test
        void reports_broken_json_that_was_meant_as_a_plan() {
            // given
            String plan = """
                    ```json
                    {"steps": [
                      {"id": "E1", "tool": "search" "args": ["x"]}
                    ]}
                    ```
                    """;

            // then
            assertThatThrownBy(() -> parser.parse(plan))
                    .hasMessage("the JSON plan at 2:1 is not valid JSON at 3:33: Unexpected character ('\"' (code 34)):"
                            + " was expecting comma to separate Object entries; the line reads:"
                            + " '{\"id\": \"E1\", \"tool\": \"search\" \"args\": [\"x\"]}'");
        }

        @Test
        void names_the_json_step_without_a_tool() {
            assertThatThrownBy(() -> parser.parse("{\"steps\": [{\"id\": \"E1\", \"args\": [\"x\"]}]}"))
                    .hasMessage("step E1 of the JSON plan has no tool name: expected a \"tool\" field, as in"
                            + " {\"id\": \"E1\", \"tool\": \"search\", \"args\": [\"...\"]}; got:"
                            + " {\"id\":\"E1\",\"args\":[\"x\"]}");
        }

        @Test
        void names_the_json_step_with_a_bad_id() {
            assertThatThrownBy(() ->
                            parser.parse("{\"steps\": [{\"tool\": \"a\"}, {\"id\": \"first\", \"tool\": \"b\"}]}"))
                    .hasMessage("step 2 of the JSON plan has the id \"first\": expected \"E2\", \"#E2\", \"$2\" or 2");
        }

        @Test
        void says_the_steps_must_be_an_array() {
            assertThatThrownBy(() -> parser.parse("{\"steps\": \"search for x\"}"))
                    .hasMessage("\"steps\" in the JSON plan must be an array of steps such as [{\"id\": \"E1\","
                            + " \"tool\": \"search\", \"args\": [\"...\"]}]; got: \"search for x\"");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"REWOO_PAPER", "REWOO_CHATTY", "STEP_CALLS", "TINY_AGENT", "LLM_COMPILER", "SMALL_MODEL_JSON"})
    void a_plan_written_back_as_text_parses_to_the_same_plan(String fixture) throws ReflectiveOperationException {
        Plan plan = parser.parse(
                (String) PlanFixtures.class.getDeclaredField(fixture).get(null));

        Plan again = parser.parse(plan.toString());

        assertThat(again).isEqualTo(plan);
    }

    @Test
    void text_written_back_escapes_quotes_backslashes_and_line_breaks() {
        Plan plan = new Plan(List.of(new Step(
                StepId.of(1),
                "",
                "say",
                List.of(
                        Arg.of("a \"quoted\" \\ word\nand a line"),
                        new Arg.MapOf(java.util.Map.of("k\"ey", Arg.of(1L)))))));

        assertThat(plan.toString())
                .isEqualTo("#E1 = say(\"a \\\"quoted\\\" \\\\ word\\nand a line\", {\"k\\\"ey\": 1})\n");
        assertThat(parser.parse(plan.toString())).isEqualTo(plan);
    }

    @Nested
    class StepsSharingALine {

        @Test
        void reads_both_rewoo_steps_written_on_one_line() {
            // when
            Plan plan = parser.parse("#E1 = read_csv[\"titanic.csv\"] #E2 = head[#E1, 3]");

            // then
            assertThat(plan.steps()).extracting(Step::tool).containsExactly("read_csv", "head");
            assertThat(plan.steps().get(1).dependencies()).containsExactly(StepId.of(1));
        }

        @Test
        void reads_rewoo_steps_separated_by_prose_on_one_line() {
            // when
            Plan plan =
                    parser.parse("Plan: load. #E1 = read_csv[\"a.csv\"]; then #E2 = head[#E1, 3] and #E3 = tail[#E2]");

            // then
            assertThat(plan.steps()).extracting(s -> s.id().toString()).containsExactly("E1", "E2", "E3");
        }

        @Test
        void reads_both_numbered_calls_written_on_one_line() {
            // when
            Plan plan = parser.parse("1. read_csv(\"a.csv\") 2. head($1, 3)\njoin()");

            // then
            assertThat(plan.steps()).extracting(Step::tool).containsExactly("read_csv", "head");
        }
    }

    @Nested
    class Sizes {

        @Test
        void rejects_a_plan_text_beyond_the_limit_quoting_none_of_it() {
            String name = "n".repeat(10 * 1024 * 1024);
            String plan = "#E1 = read_csv[\"" + name + "\"]";

            assertThatThrownBy(() -> parser.parse(plan))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessage("the plan text has " + plan.length() + " characters; at most 2000000 are read: "
                            + "write fewer, shorter steps");
        }

        @Test
        void rejects_a_text_argument_beyond_the_limit_quoting_its_beginning() {
            String name = "n".repeat(150_000);

            assertThatThrownBy(() -> parser.parse("#E1 = read_csv[\"" + name + "\"]"))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessage("step E1: a text argument has 150000 characters; at most 10000 are allowed: '"
                            + "n".repeat(120) + "... (149880 more characters)'");
        }

        @Test
        void rejects_a_tool_name_and_a_criterion_beyond_their_limits() {
            String tool = "t".repeat(300);
            String criterion = "rows(#E1) > 0 and " + "x".repeat(3000);

            assertThatThrownBy(() -> parser.parse("#E1 = " + tool + "[\"a\"]"))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessage("step E1: the tool name has 300 characters; at most 200 are allowed: '"
                            + "t".repeat(120) + "... (180 more characters)'");
            assertThatThrownBy(() -> parser.parse("#E1 = a[\"a\"]\nCriteria:\n- " + criterion))
                    .isInstanceOf(PlanParseException.class)
                    .hasMessageStartingWith("a criterion has 3018 characters; at most 2000 are allowed: 'rows(#E1)");
        }
    }
}
