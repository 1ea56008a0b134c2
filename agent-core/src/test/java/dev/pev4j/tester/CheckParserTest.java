package dev.pev4j.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckParserTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final List<String> VALID = List.of(
            "rows(#E4) <= 3",
            "has_column(#E2, \"revenue_sum\")",
            "nulls(#E2, \"revenue_sum\") == 0",
            "sorted(#E3, \"revenue_sum\", \"desc\")",
            "min(#E2, \"revenue_sum\") >= 0",
            "#E5 == #E6",
            "abs(#E5 - 1049.2) < 0.01",
            "between(mean(#E2, 'x') * 2, -1, 1e3)",
            "contains(#E1, 'North')",
            "#E2.revenue_sum != 'x'",
            "len(#E1) > count(#E2) + cols(#E3) / (2 - max(#E4, \"a\"))",
            "unique(#E1, \"k\")",
            "not_empty(#E9)",
            "sum(#E1, \"a\") == true");

    @Test
    void parses_every_example_of_the_spec() {
        for (String criterion : VALID) {
            assertThat(CheckParser.parse(criterion)).as(criterion).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "every region appears once",
                "rows(#E1) = 3",
                "rows(#E1) <= 3 and sorted",
                "sorted(#E1, \"x\", \"up\")",
                "foo(#E1) > 2",
                "1 < 2 < 3",
                "the total is > 0",
                "rows(#E1)",
                "rows(#E0) > 1",
                "rows(E1) > 1",
                "#E1x == 1",
                "10x > 1",
                "#E1 == 'unterminated",
                "#E1 == 1.",
                "rows(#E1, \"x\") > 1",
                "has_column(#E1)",
                "sum(#E1, x) > 1",
                "rows(#E1) <= 3)",
                "(rows(#E1) <= 3",
                "#E1 == 1e9999",
                "",
                "   ",
                "``",
                "The result's region column is sorted"
            })
    void does_not_take_other_text_for_a_check(String text) {
        assertThat(CheckParser.parse(text)).isEmpty();
    }

    @Test
    void gives_up_on_nesting_deeper_than_the_limit_without_exhausting_the_stack() {
        String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000) + " == 1";
        String minus = "-".repeat(10_000) + "1 == 1";
        String shallow = "(".repeat(10) + "#E1" + ")".repeat(10) + " == 1";

        assertThat(CheckParser.parse(deep)).isEmpty();
        assertThat(CheckParser.parse(minus)).isEmpty();
        assertThat(CheckParser.parse(shallow)).isPresent();
    }

    @Test
    void any_text_either_parses_or_is_not_a_check_and_never_throws() {
        // given: a seeded mix of random characters, random tokens of the language, and mutated valid criteria
        Random random = new Random(20250101L);
        String[] pieces = {
            "#E1",
            "#E2",
            "#e3",
            "#E",
            "rows",
            "cols",
            "nulls",
            "min",
            "max",
            "sum",
            "mean",
            "count",
            "abs",
            "len",
            "has_column",
            "sorted",
            "unique",
            "not_empty",
            "contains",
            "between",
            "(",
            ")",
            ",",
            ".",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "=",
            "!",
            "+",
            "-",
            "*",
            "/",
            "\"col\"",
            "'asc'",
            "\"desc\"",
            "\"",
            "'",
            "\\",
            "1",
            "0",
            "1.5",
            "1e3",
            "1e",
            "true",
            "false",
            "`",
            " ",
            "#",
            "$1",
            "\u00e9",
            "\ud83d\ude00",
            "\n"
        };
        char[] alphabet = "#E0123456789()\"',.+-*/<>=! abcdefghijklmnopqrstuvwxyz_e`\\\t\u0000".toCharArray();

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int parsed = 0;
            for (int i = 0; i < 20_000; i++) {
                String text;
                switch (i % 3) {
                    case 0 -> {
                        StringBuilder b = new StringBuilder();
                        int n = random.nextInt(40);
                        for (int k = 0; k < n; k++) {
                            b.append(alphabet[random.nextInt(alphabet.length)]);
                        }
                        text = b.toString();
                    }
                    case 1 -> {
                        StringBuilder b = new StringBuilder();
                        int n = random.nextInt(16);
                        for (int k = 0; k < n; k++) {
                            b.append(pieces[random.nextInt(pieces.length)]);
                            if (random.nextBoolean()) {
                                b.append(' ');
                            }
                        }
                        text = b.toString();
                    }
                    default -> text = mutate(VALID.get(random.nextInt(VALID.size())), random);
                }
                // when / then: parse returns (never throws), and a parsed check evaluates or fails with a reason
                if (CheckParser.parse(text).isPresent()) {
                    parsed++;
                    Runs run = CheckLanguageTest.evidence();
                    TestReport report = Tester.builder().build().test("task", run.plan(text), run.result());
                    Verdict verdict = report.verdicts().get(0);
                    assertThat(verdict.method()).as(text).isEqualTo(Verdict.Method.CHECK);
                    assertThat(verdict.reason()).as(text).doesNotContain(" could not be checked: ");
                }
            }
            assertThat(parsed).as("some generated texts are checks").isGreaterThan(300);
        });
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits && b.length() > 0; k++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, b.charAt(random.nextInt(b.length())));
                case 2 -> b.setCharAt(at, "()\"',#E1 <=".charAt(random.nextInt(11)));
                default -> b.replace(at, b.length(), "");
            }
        }
        return b.toString();
    }
}
