package dev.pev4j.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import de.kherud.llama.LlamaModel;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.internal.planner.Planner;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import dev.pev4j.llm.ScriptedLlm;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner's JSON plan schema as llama.cpp takes it: it converts to a grammar for the real DataOps tools and for a
 * small registry, and a tiny random-weight model constrained by it writes plans that parse and validate.
 */
class PlanSchemaGrammarTest {

    private static final LlmCapabilities JSON_SCHEMA = new LlmCapabilities(true, false, false, 0);

    @TempDir
    Path dir;

    /** What a plan for these tools computes; no tool returns anything another tool's parameters take. */
    public static final class Report {}

    /** Tools with every kind of literal argument, none of them text (random text may hold a "$1" reference). */
    public static final class SmallTools {
        public enum Order {
            ASC,
            DESC
        }

        @Tool(name = "top", value = "The top rows")
        public Report top(
                @P(name = "n", value = "how many") int n,
                @P(name = "order", value = "direction") Order order,
                @P(name = "ids", value = "row ids", required = false) List<Integer> ids) {
            return new Report();
        }
    }

    /** A tool taking a map and a record. */
    public static final class WeighTools {
        /** The rows a tool works on. */
        public record Range(int from, int to) {}

        @Tool(name = "weigh", value = "Weighs columns")
        public Report weigh(
                @P(name = "weights", value = "weight per column") Map<String, Double> weights,
                @P(name = "range", value = "the rows") Range range,
                @P(name = "normalize", value = "whether to normalize", required = false) Boolean normalize) {
            return new Report();
        }
    }

    private static String schema(ToolRegistry tools, int maxSteps) {
        Planner planner = Planner.builder()
                .llm(ScriptedLlm.replying().withCapabilities(JSON_SCHEMA))
                .tools(tools)
                .maxSteps(maxSteps)
                .build();
        return planner.request("Do the task").jsonSchema();
    }

    @Test
    void the_plan_schema_for_the_data_tools_converts_to_a_grammar() throws Exception {
        // given
        Files.writeString(dir.resolve("sales.csv"), "region,revenue\nNorth,10\n");
        ToolRegistry tools = ToolRegistry.of(DataOps.in(Workspace.of(dir)));

        // when
        String grammar = LlamaModel.jsonSchemaToGrammar(schema(tools, 12));

        // then
        assertThat(grammar)
                .contains("root ::=")
                .contains("\\\"groupby_agg\\\"")
                .contains("\\\"aggregations\\\"")
                .contains("\"#E\" [1-9]");
    }

    @Test
    void the_plan_schema_for_a_small_registry_converts_to_a_grammar() {
        // when
        String grammar = LlamaModel.jsonSchemaToGrammar(schema(ToolRegistry.of(new SmallTools(), new WeighTools()), 3));

        // then
        assertThat(grammar).contains("root ::=").contains("\\\"weigh\\\"").contains("\\\"ASC\\\"");
    }

    @ParameterizedTest
    @ValueSource(classes = {SmallTools.class, WeighTools.class})
    void a_tiny_model_under_the_schema_writes_plans_that_parse_and_validate(Class<?> toolClass) throws Exception {
        // given
        ToolRegistry tools = ToolRegistry.of(toolClass.getConstructor().newInstance());
        String schema = schema(tools, 1);
        PlanParser parser = PlanParser.create();
        PlanValidator validator = PlanValidator.forTools(tools);

        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (LlamaCppLlm llm = LlamaCppLlm.builder()
                    .modelFile(TinyModels.llama(dir))
                    .threads(1)
                    .contextSize(4096)
                    .build()) {
                for (long seed = 1; seed <= 4; seed++) {
                    // when
                    LlmResponse reply = llm.chat(LlmRequest.builder()
                            .user("Plan the task.")
                            .maxTokens(3500)
                            .temperature(1.0)
                            .seed(seed)
                            .jsonSchema(schema)
                            .build());

                    // then
                    assertThat(reply.finishReason())
                            .as("seed %d: %s", seed, reply.text())
                            .isEqualTo(LlmResponse.FinishReason.STOP);
                    Plan plan = parser.parse(reply.text());
                    ValidationReport report = validator.validate(plan);
                    assertThat(report.problems())
                            .as("seed %d: %s", seed, reply.text())
                            .isEmpty();
                    assertThat(plan.steps()).hasSize(1);
                }
            }
        });
    }
}
