package dev.pev4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.plan.Plan;
import dev.pev4j.plan.PlanParser;
import dev.pev4j.plan.PlanValidator;
import dev.pev4j.plan.Step;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.eval.EvalSuite;
import dev.pev4j.tools.eval.EvalTask;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledEvalSuiteTest {

    private static final EvalSuite SUITE = EvalSuite.load(Path.of("eval", "dataops", "suite.json"));

    @TempDir
    Path dir;

    @Test
    void has_at_least_sixty_tasks_in_every_category_from_lookups_to_charts() {
        assertThat(SUITE.tasks()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(SUITE.tasks())
                .extracting(EvalTask::category)
                .contains(
                        "lookup",
                        "filter",
                        "group-by",
                        "top-n",
                        "join",
                        "dates",
                        "cleaning",
                        "reshape",
                        "statistics",
                        "windows",
                        "charts");
        PlanParser parser = PlanParser.create();
        assertThat(SUITE.tasks())
                .anyMatch(t -> parser.parse(t.referencePlan()).steps().size() >= 6);
        assertThat(SUITE.tasks())
                .anyMatch(t -> parser.parse(t.referencePlan()).steps().size() <= 2);
    }

    @Test
    void every_reference_plan_is_valid_for_dataops_and_lists_the_tools_it_uses() {
        ToolRegistry tools = ToolRegistry.of(DataOps.in(Workspace.of(dir)));
        PlanValidator validator = PlanValidator.forTools(tools);
        PlanParser parser = PlanParser.create();
        for (EvalTask task : SUITE.tasks()) {
            Plan plan = parser.parse(task.referencePlan());
            assertThat(validator.validate(plan).problems()).as(task.id()).isEmpty();
            Set<String> used = new TreeSet<>();
            plan.steps().stream().map(Step::tool).forEach(used::add);
            assertThat(task.tools()).as(task.id()).containsExactlyInAnyOrderElementsOf(used);
        }
    }

    @Test
    void every_expected_answer_says_how_pandas_computed_it_and_the_data_is_in_the_repository() {
        Path examples = Path.of("").toAbsolutePath();
        for (EvalTask task : SUITE.tasks()) {
            assertThat(task.computedWith()).as(task.id()).startsWith("pandas 1.5.3: ");
            assertThat(task.files()).as(task.id()).isNotEmpty().allMatch(file -> file.startsWith(examples));
        }
    }
}
