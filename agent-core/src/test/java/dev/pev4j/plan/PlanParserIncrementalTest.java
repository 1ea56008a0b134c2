package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanParserIncrementalTest {

    private final PlanParser parser = PlanParser.create();

    /** Feeds {@code text} a character at a time; returns, for each step, how much text had come when it was handed over. */
    private List<Integer> feed(String text, List<Step> steps) {
        List<Integer> at = new ArrayList<>();
        int[] fed = {0};
        PlanParser.Incremental reading = parser.incremental(step -> {
            steps.add(step);
            at.add(fed[0]);
        });
        for (int i = 0; i < text.length(); i++) {
            fed[0] = i + 1;
            reading.append(text.substring(i, i + 1));
        }
        return at;
    }

    @Test
    void hands_over_each_text_step_at_the_end_of_its_line_as_the_whole_parse_reads_it() {
        String text = """
                Plan: fetch both.
                #E1 = fetch["a"]
                #E2 = fetch["bb"]
                #E3 = add[#E1, #E2]
                Criteria:
                - #E3 == 3
                """;
        List<Step> steps = new ArrayList<>();

        List<Integer> at = feed(text, steps);

        assertThat(steps).isEqualTo(parser.parse(text).steps());
        assertThat(at).containsExactly(text.indexOf("#E2"), text.indexOf("#E3"), text.indexOf("Criteria"));
    }

    @Test
    void a_text_step_whose_brackets_span_lines_waits_for_them_to_close() {
        String text = "1. search(\"a\",\n   \"b\")\n2. join()\n";
        List<Step> steps = new ArrayList<>();

        List<Integer> at = feed(text, steps);

        assertThat(steps).isEqualTo(parser.parse(text).steps());
        assertThat(at).containsExactly(text.indexOf("2."));
    }

    @Test
    void hands_over_each_json_step_when_its_object_closes() {
        String text = """
                {"steps": [
                  {"id": "E1", "tool": "fetch", "args": {"key": "a"}},
                  {"id": "E2", "tool": "fetch", "args": {"key": "b}b"}},
                  {"id": "E3", "tool": "add", "args": {"a": "#E1", "b": "#E2"}}
                ], "criteria": ["#E3 == 3"]}
                """;
        List<Step> steps = new ArrayList<>();

        List<Integer> at = feed(text, steps);

        assertThat(steps).isEqualTo(parser.parse(text).steps());
        assertThat(at)
                .containsExactly(
                        text.indexOf("},\n  {\"id\": \"E2\"") + 1,
                        text.indexOf("},\n  {\"id\": \"E3\"") + 1,
                        text.indexOf("}\n]") + 1);
    }

    @Test
    void reads_a_json_plan_after_prose_and_a_fence_and_a_bare_array_of_steps() {
        String fenced = "Here is the plan:\n```json\n{\"plan\": [{\"tool\": \"fetch\", \"args\": [\"a\"]}]}\n```\n";
        String bare = "[{\"tool\": \"fetch\", \"args\": [\"a\"]}, {\"tool\": \"fetch\", \"args\": [\"#E1\"]}]";
        List<Step> fromFenced = new ArrayList<>();
        List<Step> fromBare = new ArrayList<>();

        feed(fenced, fromFenced);
        feed(bare, fromBare);

        assertThat(fromFenced).isEqualTo(parser.parse(fenced).steps());
        assertThat(fromBare).isEqualTo(parser.parse(bare).steps()).hasSize(2);
    }

    @Test
    void hands_over_nothing_from_json_that_is_not_a_plan_and_keeps_arguments_that_hold_step_objects_whole() {
        String args = "{\"steps\": [{\"tool\": \"t\", \"args\": [{\"tool\": \"x\"}, [1, {\"a\": 2}]]}]}";
        String junk = "{\"answer\": [{\"tool\": \"x\"}]}";
        List<Step> fromArgs = new ArrayList<>();
        List<Step> fromJunk = new ArrayList<>();

        feed(args, fromArgs);
        feed(junk, fromJunk);

        assertThat(fromArgs).isEqualTo(parser.parse(args).steps()).hasSize(1);
        assertThat(fromJunk).isEmpty();
    }

    @Test
    void stops_handing_over_when_the_text_turns_out_to_be_another_form() {
        // given: numbered calls first, then a ReWOO line makes the whole text a ReWOO plan
        String text = "1. fetch(\"a\")\n#E1 = fetch[\"b\"]\n#E2 = fetch[\"c\"]\n";
        List<Step> steps = new ArrayList<>();

        feed(text, steps);

        assertThat(steps).hasSize(1);
        assertThat(parser.parse(text).steps())
                .extracting(Step::tool, s -> s.args().get(0).toString())
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("fetch", "\"a\""));
    }
}
