package dev.pev4j.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pev4j.exec.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the check language with Jazzer: any text either is not a check or parses to one, and a
 * check either evaluates to an outcome with a reason or says why it cannot be checked — nothing else may escape. A plain
 * {@code mvn test} replays the inputs under {@code src/test/resources/dev/pev4j/tester/CheckLanguageFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 mvn -pl agent-core test -Dtest=CheckLanguageFuzzTest} fuzzes for real and writes new crashes
 * there.
 */
class CheckLanguageFuzzTest {

    /** Evidence of every shape a check meets: a table, a number, a text, a list, a map, a failed and a skipped step. */
    private static final ExecutionResult EVIDENCE = Runs.run()
            .done(
                    1,
                    Runs.table(
                            Map.of("region", "North", "revenue", 120.5, "units", 3L),
                            Map.of("region", "South", "revenue", 99.0, "units", 7L),
                            Map.of("region", "East", "revenue", 99.0, "units", 7L)))
            .done(2, 42L)
            .done(3, "North")
            .done(4, List.of(1L, 2L, 3L))
            .done(5, Map.of("mean", 2.5, "name", "x"))
            .failed(6, "tool", "boom")
            .skipped(7, "#E6 failed")
            .result();

    @FuzzTest(maxDuration = "2m")
    void a_criterion_parses_to_a_check_that_evaluates_or_cannot_be_checked(byte[] input) {
        String criterion = new String(input, StandardCharsets.UTF_8);
        Optional<Check> check = CheckParser.parse(criterion);
        if (check.isEmpty()) {
            return;
        }
        CheckContext context = new CheckContext(EVIDENCE, List.of());
        try {
            Check.Outcome outcome = check.get().evaluate(context);
            assertThat(outcome.reason()).isNotBlank();
        } catch (CheckContext.CannotCheck cannot) {
            assertThat(cannot.getMessage()).isNotBlank();
        }
    }
}
