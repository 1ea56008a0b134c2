package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pev4j.plan.PlanParser.PlanParseException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the parser with Jazzer. A plain {@code mvn test} replays the seed inputs under
 * {@code src/test/resources/dev/pev4j/plan/PlanParserFuzzTestInputs/} (the fixtures, and any crash Jazzer found);
 * {@code JAZZER_FUZZ=1 mvn -pl agent-core test -Dtest=PlanParserFuzzTest} fuzzes for real and writes new crashes there.
 */
class PlanParserFuzzTest {

    private static final PlanParser PARSER = PlanParser.create();

    @FuzzTest(maxDuration = "2m")
    void parse_returns_a_plan_or_throws_a_plan_parse_exception(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Plan plan = PARSER.parse(text);
            assertThat(plan.steps()).isNotEmpty();
            assertThat(plan.toString()).isNotEmpty();
        } catch (PlanParseException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }
}
