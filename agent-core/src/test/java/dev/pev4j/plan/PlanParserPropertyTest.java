package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pev4j.plan.PlanParser.PlanParseException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the parser over thousands of generated texts: for any string it returns a plan with steps or throws
 * {@link PlanParseException}, never anything else, and never hangs. Seeded, so a failure repeats.
 */
class PlanParserPropertyTest {

    /** Generous: the whole batch takes a few seconds; the limit only catches a hang or a quadratic blow-up. */
    private static final Duration BATCH_LIMIT = Duration.ofMinutes(2);

    /** Pieces of the plan grammars, so that random texts get near the interesting paths. */
    private static final List<String> TOKENS = List.of(
            "#E",
            "#E1",
            "#E10",
            "#E0",
            "$",
            "$1",
            "${",
            "${2}",
            "$0",
            "=",
            "==",
            " = ",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "\"",
            "'",
            "\\",
            "\\u",
            "\\u00",
            ",",
            ":",
            ";",
            ".",
            "1.",
            "2)",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "Plan:",
            "Plan 1:",
            "Step 2:",
            "Thought:",
            "**",
            "- ",
            "* ",
            "`",
            "```",
            "```json\n",
            "~~~",
            "Criteria:",
            "Validation criteria:",
            "Checks:",
            "## Criteria",
            "join()",
            "<END_OF_PLAN>",
            "Search",
            "LLM",
            "read_csv",
            "filter",
            "x",
            "é",
            "\uD83D\uDE00",
            "\uD83D",
            "\u0000",
            "\u2022",
            "0",
            "7",
            "-3",
            "3.5",
            "1e9",
            "99999999999999999999",
            "true",
            "None",
            "null",
            "name=",
            "n=5",
            "\"steps\"",
            "\"tool\"",
            "\"args\"",
            "\"id\"",
            "\"criteria\"",
            "steps:",
            "tool:",
            "//",
            "/*",
            "*/",
            "NaN",
            "-Infinity");

    private final PlanParser parser = PlanParser.create();

    @Test
    void never_throws_anything_but_a_plan_parse_exception_for_random_grammar_tokens() {
        Random random = new Random(20_240_501L);
        assertTimeoutPreemptively(BATCH_LIMIT, () -> {
            for (int i = 0; i < 5_000; i++) {
                StringBuilder text = new StringBuilder();
                int tokens = random.nextInt(60);
                for (int t = 0; t < tokens; t++) {
                    text.append(TOKENS.get(random.nextInt(TOKENS.size())));
                }
                assertParsesOrRejects(text.toString());
            }
        });
    }

    @Test
    void never_throws_anything_but_a_plan_parse_exception_for_random_characters() {
        Random random = new Random(7L);
        assertTimeoutPreemptively(BATCH_LIMIT, () -> {
            for (int i = 0; i < 3_000; i++) {
                char[] text = new char[random.nextInt(200)];
                for (int c = 0; c < text.length; c++) {
                    // mostly ASCII, sometimes anything, surrogate halves included
                    text[c] = random.nextInt(10) == 0
                            ? (char) random.nextInt(Character.MAX_VALUE + 1)
                            : (char) random.nextInt(128);
                }
                assertParsesOrRejects(new String(text));
            }
        });
    }

    @Test
    void never_throws_anything_but_a_plan_parse_exception_for_mutated_plans() {
        Random random = new Random(42L);
        assertTimeoutPreemptively(BATCH_LIMIT, () -> {
            for (String fixture : PlanFixtures.ALL) {
                for (int i = 0; i < 1_500; i++) {
                    String text = fixture;
                    int mutations = 1 + random.nextInt(4);
                    for (int m = 0; m < mutations; m++) {
                        text = mutate(text, random);
                    }
                    assertParsesOrRejects(text);
                }
            }
        });
    }

    @Test
    void keeps_every_step_whatever_the_line_breaks_between_steps() {
        Random random = new Random(11L);
        List<String> separators = List.of("\n", " ", "  ", "; ", " then ", "\t", ". ");
        for (int trial = 0; trial < 2_000; trial++) {
            int count = 1 + random.nextInt(8);
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                if (i > 1) {
                    text.append(separators.get(random.nextInt(separators.size())));
                }
                text.append("#E")
                        .append(i)
                        .append(" = tool")
                        .append(i)
                        .append(i == 1 ? "[\"x\"]" : "[#E" + (i - 1) + ", 2]");
            }

            Plan plan = parser.parse(text.toString());

            assertThat(plan.steps()).as(text.toString()).hasSize(count);
        }
    }

    @Test
    void reads_every_fixture() {
        for (String fixture : PlanFixtures.ALL) {
            assertThat(parser.parse(fixture).steps()).isNotEmpty();
        }
    }

    @Test
    void rejects_deep_nesting_without_overflowing_the_stack() {
        assertTimeoutPreemptively(BATCH_LIMIT, () -> {
            String deep = "[".repeat(10_000);
            List<String> texts = List.of(
                    deep,
                    "{".repeat(10_000),
                    "#E1 = T" + deep,
                    "#E1 = T[" + "[".repeat(10_000) + "]".repeat(10_001),
                    "1. f(" + "(".repeat(10_000) + ")".repeat(10_001),
                    "{\"steps\": [{\"tool\": \"t\", \"args\": " + deep + "1" + "]".repeat(10_000) + "}]}",
                    "#E1 = f(" + "[".repeat(60) + "1" + "]".repeat(60) + ")");
            for (String text : texts) {
                assertParsesOrRejects(text);
            }
            assertThatThrownBy(() -> parser.parse(deep)).isInstanceOf(PlanParseException.class);
        });
    }

    @Test
    void reads_large_texts_in_linear_time() {
        assertTimeoutPreemptively(BATCH_LIMIT, () -> {
            StringBuilder big = new StringBuilder();
            for (int i = 1; i <= 20_000; i++) {
                big.append("Plan: step ").append(i).append('\n');
                big.append("#E")
                        .append(i)
                        .append(" = LLM[Go on from #E")
                        .append(Math.max(1, i - 1))
                        .append("]\n");
            }
            assertThat(parser.parse(big.toString()).steps()).hasSize(20_000);

            List<String> pathological = List.of(
                    "Plan: x\n".repeat(100_000),
                    "{\n".repeat(100_000),
                    "[\n".repeat(100_000),
                    "#E1 = T[" + ", '".repeat(100_000) + "]",
                    "#E1 = T[" + "#E".repeat(100_000) + "]",
                    "1. f(" + "$".repeat(100_000) + ")",
                    "Criteria:\n" + "- x\n".repeat(100_000),
                    "<END_OF_PLAN>\n".repeat(100_000),
                    "#E1 = T[" + "\"a\", ".repeat(100_000) + "]");
            for (String text : pathological) {
                assertParsesOrRejects(text);
            }
        });
    }

    private void assertParsesOrRejects(String text) {
        try {
            Plan plan = parser.parse(text);
            assertThat(plan.steps()).as("steps of a parsed plan").isNotEmpty();
            assertThat(plan.toString()).isNotEmpty();
        } catch (PlanParseException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError unexpected) {
            throw new AssertionError(
                    "parse threw " + unexpected + " for: " + Source.shorten(text) + " (length " + text.length() + ")",
                    unexpected);
        }
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return TOKENS.get(random.nextInt(TOKENS.size()));
        }
        int at = random.nextInt(text.length());
        int to = Math.min(text.length(), at + 1 + random.nextInt(8));
        switch (random.nextInt(6)) {
            case 0 -> { // delete
                return text.substring(0, at) + text.substring(to);
            }
            case 1 -> { // duplicate
                return text.substring(0, to) + text.substring(at, to) + text.substring(to);
            }
            case 2 -> { // swap two characters
                char[] chars = text.toCharArray();
                int other = random.nextInt(chars.length);
                char kept = chars[at];
                chars[at] = chars[other];
                chars[other] = kept;
                return new String(chars);
            }
            case 3 -> { // insert a grammar token
                return text.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size())) + text.substring(at);
            }
            case 4 -> { // insert a random character
                return text.substring(0, at) + (char) random.nextInt(Character.MAX_VALUE + 1) + text.substring(at);
            }
            default -> { // truncate
                return text.substring(0, at);
            }
        }
    }
}
