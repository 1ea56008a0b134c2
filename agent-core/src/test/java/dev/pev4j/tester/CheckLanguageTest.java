package dev.pev4j.tester;

import static dev.pev4j.tester.Runs.row;
import static dev.pev4j.tester.Runs.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.llm.TokenUsage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form of the check language (criteria-spec.md), holding and not, with the exact reason the tester gives. */
class CheckLanguageTest {

    /** {@code criterion => STATUS => reason}, one case a line. */
    private static final String CASES = """
            rows(#E1) <= 3 => PASSED => rows(#E1) <= 3 holds: rows(#E1) is 3
            rows(#E1) <= 2 => FAILED => rows(#E1) <= 2 is false: rows(#E1) is 3
            rows(#E16) == 0 => PASSED => rows(#E16) == 0 holds: rows(#E16) is 0
            cols(#E1) == 3 => PASSED => cols(#E1) == 3 holds: cols(#E1) is 3
            cols(#E1) > 3 => FAILED => cols(#E1) > 3 is false: cols(#E1) is 3
            nulls(#E1, "units") == 0 => PASSED => nulls(#E1, "units") == 0 holds: nulls(#E1, "units") is 0
            nulls(#E1, "revenue_sum") == 0 => FAILED => nulls(#E1, "revenue_sum") == 0 is false: \
            nulls(#E1, "revenue_sum") is 1
            min(#E1, "revenue_sum") >= 0 => PASSED => min(#E1, "revenue_sum") >= 0 holds: \
            min(#E1, "revenue_sum") is 80
            min(#E1, "revenue_sum") >= 100 => FAILED => min(#E1, "revenue_sum") >= 100 is false: \
            min(#E1, "revenue_sum") is 80
            max(#E1, "revenue_sum") == 120.5 => PASSED => max(#E1, "revenue_sum") == 120.5 holds: \
            max(#E1, "revenue_sum") is 120.5
            max(#E1, "region") == "South" => PASSED => max(#E1, "region") == "South" holds: \
            max(#E1, "region") is "South"
            min(#E1, "region") == "North" => FAILED => min(#E1, "region") == "North" is false: \
            min(#E1, "region") is "East"
            sum(#E1, "revenue_sum") == 200.5 => PASSED => sum(#E1, "revenue_sum") == 200.5 holds: \
            sum(#E1, "revenue_sum") is 200.5
            sum(#E1, "revenue_sum") == 200 => FAILED => sum(#E1, "revenue_sum") == 200 is false: \
            sum(#E1, "revenue_sum") is 200.5
            sum(#E18, "x") == 0 => PASSED => sum(#E18, "x") == 0 holds: sum(#E18, "x") is 0
            mean(#E1, "units") == 2 => PASSED => mean(#E1, "units") == 2 holds: mean(#E1, "units") is 2
            mean(#E1, "units") > 2 => FAILED => mean(#E1, "units") > 2 is false: mean(#E1, "units") is 2
            count(#E4) == 3 => PASSED => count(#E4) == 3 holds: count(#E4) is 3
            count(#E3) == 13 => PASSED => count(#E3) == 13 holds: count(#E3) is 13
            count(#E1) == 3 => PASSED => count(#E1) == 3 holds: count(#E1) is 3
            count(#E6) == 2 => PASSED => count(#E6) == 2 holds: count(#E6) is 2
            count(#E11) == 2 => PASSED => count(#E11) == 2 holds: count(#E11) is 2
            count(#E4) > 3 => FAILED => count(#E4) > 3 is false: count(#E4) is 3
            #E2 == 5 => PASSED => #E2 == 5 holds: #E2 is 5
            #E2 == #E13 => PASSED => #E2 == #E13 holds: #E2 is 5, #E13 is 5
            #E12 == 5 => PASSED => #E12 == 5 holds: #E12 is 5
            #E2 != 5 => FAILED => #E2 != 5 is false: #E2 is 5
            #E2 == #E5 => FAILED => #E2 == #E5 is false: #E2 is 5, #E5 is 1049.2
            #E2 >= 6 => FAILED => #E2 >= 6 is false: #E2 is 5
            #E2 > 4 => PASSED => #E2 > 4 holds: #E2 is 5
            #E2 < 5 => FAILED => #E2 < 5 is false: #E2 is 5
            #E5 == 1049.2 => PASSED => #E5 == 1049.2 holds: #E5 is 1049.2
            #E14 == 0.3 => FAILED => #E14 == 0.3 is false: #E14 is 0.30000000000000004
            abs(#E14 - 0.3) < 1e-9 => PASSED => abs(#E14 - 0.3) < 1e-9 holds: \
            abs(#E14 - 0.3) is 0.00000000000000004, #E14 is 0.30000000000000004
            abs(#E5 - 1049.2) < 0.01 => PASSED => abs(#E5 - 1049.2) < 0.01 holds: abs(#E5 - 1049.2) is 0, \
            #E5 is 1049.2
            abs(#E5 - 1050) < 0.01 => FAILED => abs(#E5 - 1050) < 0.01 is false: abs(#E5 - 1050) is 0.8, \
            #E5 is 1049.2
            len(#E3) == 13 => PASSED => len(#E3) == 13 holds: len(#E3) is 13, #E3 is "North America"
            len("abc") == 3 => PASSED => len("abc") == 3 holds: len("abc") is 3
            len(#E4) == 4 => FAILED => len(#E4) == 4 is false: len(#E4) is 3, #E4 is [1, 2, 3]
            #E2 * 2 + 1 == 11 => PASSED => #E2 * 2 + 1 == 11 holds: #E2 * 2 + 1 is 11, #E2 is 5
            (#E2 + 1) / 4 == 1.5 => PASSED => (#E2 + 1) / 4 == 1.5 holds: (#E2 + 1) / 4 is 1.5, #E2 is 5
            -#E2 < 0 => PASSED => -#E2 < 0 holds: -#E2 is -5, #E2 is 5
            #E2 - 10 == -5 => PASSED => #E2 - 10 == -5 holds: #E2 - 10 is -5, #E2 is 5
            1 + 2 * 3 == 7 => PASSED => 1 + 2 * 3 == 7 holds: 1 + 2 * 3 is 7
            #E3 == "North America" => PASSED => #E3 == "North America" holds: #E3 is "North America"
            #E3 != 'North America' => FAILED => #E3 != 'North America' is false: #E3 is "North America"
            #E3 < "Z" => PASSED => #E3 < "Z" holds: #E3 is "North America"
            #E7 == true => PASSED => #E7 == true holds: #E7 is true
            #E7 == false => FAILED => #E7 == false is false: #E7 is true
            #E10.total == 7.5 => PASSED => #E10.total == 7.5 holds: #E10.total is 7.5
            #E6.total == 42 => PASSED => #E6.total == 42 holds: #E6.total is 42
            #E6.name != "x" => FAILED => #E6.name != "x" is false: #E6.name is "x"
            #E10."total" > 7 => PASSED => #E10."total" > 7 holds: #E10."total" is 7.5
            #E4 == #E4 => PASSED => #E4 == #E4 holds: #E4 is [1, 2, 3]
            has_column(#E1, "revenue_sum") => PASSED => has_column(#E1, "revenue_sum") holds
            has_column(#E1, "revenue") => FAILED => has_column(#E1, "revenue") is false: \
            #E1 has columns region, revenue_sum, units
            sorted(#E1, "revenue_sum", "desc") => PASSED => sorted(#E1, "revenue_sum", "desc") holds
            sorted(#E1, "units", "DESC") => PASSED => sorted(#E1, "units", "DESC") holds
            sorted(#E1, "revenue_sum", "asc") => FAILED => sorted(#E1, "revenue_sum", "asc") is false: \
            120.5 (row 0) comes before 80 (row 1)
            sorted(#E1, "region", "asc") => FAILED => sorted(#E1, "region", "asc") is false: \
            "South" (row 1) comes before "East" (row 2)
            unique(#E1, "region") => PASSED => unique(#E1, "region") holds
            unique(#E15, "k") => FAILED => unique(#E15, "k") is false: 1 is in rows 0 and 2
            not_empty(#E1) => PASSED => not_empty(#E1) holds
            not_empty(#E6) => PASSED => not_empty(#E6) holds
            not_empty(#E16) => FAILED => not_empty(#E16) is false: #E16 is an empty list
            not_empty(#E17) => FAILED => not_empty(#E17) is false: #E17 is empty text
            not_empty(#E19) => FAILED => not_empty(#E19) is false: #E19 is null
            contains(#E3, "America") => PASSED => contains(#E3, "America") holds
            contains(#E3, "Europe") => FAILED => contains(#E3, "Europe") is false: #E3 is "North America"
            contains(#E4, 2) => PASSED => contains(#E4, 2) holds
            contains(#E4, 7) => FAILED => contains(#E4, 7) is false: #E4 is [1, 2, 3]
            contains(#E11, 2) => PASSED => contains(#E11, 2) holds
            contains(#E6, "total") => PASSED => contains(#E6, "total") holds
            contains(#E1, "South") => PASSED => contains(#E1, "South") holds
            contains(#E1, 80) => PASSED => contains(#E1, 80) holds
            contains(#E1, "West") => FAILED => contains(#E1, "West") is false: no cell of #E1 is "West"
            between(#E2, 1, 10) => PASSED => between(#E2, 1, 10) holds: #E2 is 5
            between(#E5, 1000, 1100) => PASSED => between(#E5, 1000, 1100) holds: #E5 is 1049.2
            between(#E2, 6, 10) => FAILED => between(#E2, 6, 10) is false: #E2 is 5
            `rows(#E1) == 3` => PASSED => rows(#E1) == 3 holds: rows(#E1) is 3
            """;

    /** Checks that cannot be evaluated fail, and say why. */
    private static final String CANNOT_CHECK = """
            sum(#E1, "revenu") > 0 => unknown column 'revenu' in #E1; columns: region, revenue_sum, units
            sorted(#E1, "revenu", "asc") => unknown column 'revenu' in #E1; columns: region, revenue_sum, units
            rows(#E8) > 0 => #E8 did not run: tool 'filter' failed: unknown column 'x'
            rows(#E9) > 0 => #E9 did not run: depends on #E8, which failed
            not_empty(#E9) => #E9 did not run: depends on #E8, which failed
            rows(#E4) == 3 => rows(#E4) needs a table but #E4 is a list ([1, 2, 3])
            has_column(#E4, "x") => has_column(#E4, "x") needs a table but #E4 is a list ([1, 2, 3])
            count(#E2) == 1 => count(#E2) needs text, a list, a map or a table but #E2 is a number (5)
            len(#E2) == 1 => len(#E2) needs text, a list, a map or a table but #E2 is a number (5)
            not_empty(#E2) => not_empty(#E2) needs text, a list, a map or a table but #E2 is a number (5)
            contains(#E2, 5) => contains(#E2, 5) needs text, a list, a map or a table but #E2 is a number (5)
            #E2 / 0 == 1 => cannot compute #E2 / 0: division by zero
            #E3 + 1 > 0 => cannot compute #E3 + 1: #E3 is text ("North America"), not a number
            #E7 < true => cannot order #E7 and true: true and false have no order
            #E3 > 5 => cannot compare #E3 with 5: #E3 is text ("North America"), not a number
            5 < #E3 => cannot compare 5 with #E3: #E3 is text ("North America"), not a number
            #E4 > 1 => cannot compare #E4 with 1: #E4 is a list ([1, 2, 3]), not a number
            #E19 == 1 => cannot compare #E19 with 1: #E19 is null, not a number
            between(#E3, 1, 2) => cannot compare 1 with #E3: #E3 is text ("North America"), not a number
            #E1.region == "North" => #E1.region needs a table of 1 row but #E1 has 3 rows
            #E6.missing == 1 => #E6 has no key 'missing'; keys: total, name
            #E2.x == 1 => #E2.x needs a table or a map but #E2 is a number (5)
            sum(#E1, "region") > 0 => sum(#E1, "region") needs numbers but column 'region' of #E1 holds \
            text ("North")
            mean(#E18, "x") > 0 => mean(#E18, "x") cannot be computed: column 'x' of #E18 has no values
            min(#E18, "x") > 0 => min(#E18, "x") cannot be computed: column 'x' of #E18 has no values
            #E20 == 1 => #E20 is NaN, which a check cannot compare
            """;

    /** E1: a table of records; E2..E7 and E10..E20 other kinds of evidence; E8 failed; E9 was skipped. */
    static Runs evidence() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total", 42L);
        map.put("name", "x");
        return Runs.run()
                .done(
                        1,
                        table(
                                row("region", "North", "revenue_sum", 120.5, "units", 3L),
                                row("region", "South", "revenue_sum", 80.0, "units", 2L),
                                row("region", "East", "revenue_sum", null, "units", 1L)))
                .done(2, 5L)
                .done(3, "North America")
                .done(4, List.of(1, 2, 3))
                .done(5, 1049.2)
                .done(6, map)
                .done(7, true)
                .failed(8, "filter", "unknown column 'x'")
                .skipped(9, "depends on #E8, which failed")
                .done(10, table(row("total", 7.5)))
                .done(11, new int[] {1, 2})
                .done(12, new BigDecimal("5.00"))
                .done(13, 5)
                .done(14, 0.1 + 0.2)
                .done(15, table(row("k", 1L), row("k", 2L), row("k", 1.0)))
                .done(16, List.of())
                .done(17, "")
                .done(18, table(row("x", null), row("x", null)))
                .done(19, null)
                .done(20, Double.NaN);
    }

    static Stream<Arguments> cases() {
        return lines(CASES).map(parts -> Arguments.of(parts[0], Verdict.Status.valueOf(parts[1]), parts[2]));
    }

    static Stream<Arguments> cannotCheck() {
        return lines(CANNOT_CHECK).map(parts -> Arguments.of(parts[0], parts[1]));
    }

    private static Stream<String[]> lines(String table) {
        return table.lines().map(line -> line.split(" => "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checks_each_form_of_the_language_in_code_and_names_the_values_seen(
            String criterion, Verdict.Status status, String reason) {
        // given
        Runs run = evidence();

        // when
        TestReport report = Tester.builder().build().test("task", run.plan(criterion), run.result());

        // then
        assertThat(report.verdicts())
                .containsExactly(new Verdict(criterion, status, 1.0, reason, Verdict.Method.CHECK, TokenUsage.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cannotCheck")
    void fails_a_check_that_cannot_be_evaluated_and_says_why(String criterion, String reason) {
        // given
        Runs run = evidence();

        // when
        TestReport report = Tester.builder().build().test("task", run.plan(criterion), run.result());

        // then
        assertThat(report.verdicts())
                .containsExactly(new Verdict(
                        criterion, Verdict.Status.FAILED, 1.0, reason, Verdict.Method.CHECK, TokenUsage.ZERO));
    }
}
