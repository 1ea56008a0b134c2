package dev.pev4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.plan.ValidationReport.PlanProblem;
import dev.pev4j.plan.ValidationReport.PlanProblem.Kind;
import dev.pev4j.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    /** Stands in for a dataframe. */
    public static final class Table {}

    public static class Tools {
        @Tool(name = "read_csv", value = "Reads a CSV file.")
        public Table readCsv(String path) {
            return new Table();
        }

        @Tool
        public Table head(Table table, @P(value = "rows", required = false) Integer n) {
            return table;
        }

        @Tool
        public String shape(Table table) {
            return "";
        }

        @Tool
        public long add(long a, long b) {
            return a + b;
        }

        @Tool
        public void log(String message) {}
    }

    private final PlanValidator validator = PlanValidator.forTools(ToolRegistry.of(new Tools()));

    private static Step step(int id, String tool, Arg... args) {
        return new Step(StepId.of(id), "", tool, List.of(args));
    }

    private static Step step(int id, String tool, List<Arg> args, Map<String, Arg> named) {
        return new Step(StepId.of(id), "", tool, args, named);
    }

    private static Arg.Ref ref(int id) {
        return Arg.ref(id);
    }

    private static List<String> messages(ValidationReport report) {
        return report.problems().stream().map(PlanProblem::message).toList();
    }

    @Test
    void accepts_a_valid_plan() {
        Plan plan = new Plan(List.of(
                step(1, "read_csv", Arg.of("sales.csv")),
                step(2, "head", ref(1), Arg.of(5L)),
                step(3, "shape", ref(2)),
                step(4, "add", Arg.of("2"), Arg.of(3.0)),
                step(5, "log", new Arg.Text(List.of("shape is ", ref(3))))));

        ValidationReport report = validator.validate(plan);

        assertThat(report.isValid()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.toPromptText()).isEmpty();
    }

    @Test
    void rejects_an_empty_plan() {
        ValidationReport report = validator.validate(new Plan(List.of()));

        assertThat(report.problems())
                .containsExactly(
                        new PlanProblem(Kind.EMPTY_PLAN, "the plan has no steps; write at least one step", List.of()));
        assertThat(report.toPromptText()).isEqualTo("- the plan has no steps; write at least one step\n");
    }

    @Test
    void rejects_plan_that_uses_an_unknown_tool() {
        Plan plan = new Plan(
                List.of(step(1, "read_csv", Arg.of("a.csv")), step(2, "read_cvs", Arg.of("b.csv")), step(3, "sum")));

        ValidationReport report = validator.validate(plan);

        assertThat(report.problems())
                .containsExactly(
                        new PlanProblem(
                                Kind.UNKNOWN_TOOL,
                                "#E2: unknown tool 'read_cvs'; did you mean 'read_csv'? Available"
                                        + " tools: add, head, log, read_csv, shape",
                                List.of(StepId.of(2))),
                        new PlanProblem(
                                Kind.UNKNOWN_TOOL,
                                "#E3: unknown tool 'sum'. Available tools: add, head, log," + " read_csv, shape",
                                List.of(StepId.of(3))));
    }

    @Test
    void reports_every_problem_at_once_as_prompt_text() {
        Plan plan = new Plan(List.of(
                step(1, "read_cvs", Arg.of("sales.csv")),
                step(2, "head", ref(1), Arg.of("ten")),
                step(3, "add", Arg.of(1L), Arg.of(2L), Arg.of(3L)),
                step(4, "shape", ref(9)),
                step(5, "shape", ref(6)),
                step(6, "read_csv", Arg.of("b.csv"))));

        ValidationReport report = validator.validate(plan);

        assertThat(report.isValid()).isFalse();
        assertThat(report.toPromptText())
                .isEqualTo(
                        "- #E1: unknown tool 'read_cvs'; did you mean 'read_csv'? Available tools: add, head, log, read_csv, shape\n"
                                + "- #E2: tool 'head' parameter 'n' expects Integer but got \"ten\" (String)\n"
                                + "- #E3: tool 'add' takes at most 2 arguments but got 3; signature: add(a: long, b: long) -> long\n"
                                + "- #E4: refers to #E9, which no step defines; steps: #E1, #E2, #E3, #E4, #E5, #E6\n"
                                + "- #E5: refers to #E6, which comes later; a step can only use the evidence of steps before it\n");
        assertThat(report.problems())
                .extracting(PlanProblem::kind)
                .containsExactly(
                        Kind.UNKNOWN_TOOL,
                        Kind.ARGUMENT_TYPE,
                        Kind.ARGUMENT_COUNT,
                        Kind.UNDEFINED_REFERENCE,
                        Kind.FORWARD_REFERENCE);
        assertThat(report.problems(Kind.FORWARD_REFERENCE).get(0).steps()).containsExactly(StepId.of(5), StepId.of(6));
    }

    @Test
    void reports_missing_required_arguments_with_the_signature() {
        Plan plan = new Plan(List.of(step(1, "add", Arg.of(1L)), step(2, "add"), step(3, "head")));

        assertThat(messages(validator.validate(plan)))
                .containsExactly(
                        "#E1: tool 'add' is missing required parameter 'b' (long); signature: add(a: long, b: long) -> long",
                        "#E2: tool 'add' is missing required parameters 'a' (long), 'b' (long); signature: add(a: long, b: long) ->"
                                + " long",
                        "#E3: tool 'head' is missing required parameter 'table' (Table); signature: head(table: Table, n?:"
                                + " Integer) -> Table");
    }

    @Test
    void reports_unknown_and_repeated_named_arguments() {
        Plan plan = new Plan(List.of(
                step(1, "read_csv", Arg.of("a.csv")),
                step(2, "head", List.of(ref(1)), Map.of("m", Arg.of(3L))),
                step(3, "head", List.of(ref(1)), Map.of("rows", Arg.of(3L))),
                step(4, "head", List.of(ref(1), Arg.of(2L)), Map.of("n", Arg.of(3L))),
                step(5, "add", List.of(), Map.of("b", Arg.of(1L), "a", Arg.of(2L)))));

        ValidationReport report = validator.validate(plan);

        assertThat(messages(report))
                .containsExactly(
                        "#E2: tool 'head' has no parameter 'm'; did you mean 'n'? parameters: table, n",
                        "#E3: tool 'head' has no parameter 'rows'; parameters: table, n",
                        "#E4: tool 'head' parameter 'n' is given both by position and by name");
        assertThat(report.problems())
                .extracting(PlanProblem::kind)
                .containsExactly(Kind.UNKNOWN_ARGUMENT, Kind.UNKNOWN_ARGUMENT, Kind.DUPLICATE_ARGUMENT);
    }

    @Test
    void checks_literal_types_through_the_binder() {
        Plan plan = new Plan(List.of(
                step(1, "add", Arg.of(1.5), Arg.of("2")),
                step(2, "add", new Arg.ListOf(List.of(Arg.of(1L), Arg.of(2L))), Arg.of(true)),
                step(3, "add", List.of(Arg.of(1L)), Map.of("b", Arg.of("three")))));

        assertThat(messages(validator.validate(plan)))
                .containsExactly(
                        "#E1: tool 'add' parameter 'a' expects long but got 1.5 (Double): not a whole number",
                        "#E2: tool 'add' parameter 'a' expects long but got [1, 2] (List)",
                        "#E2: tool 'add' parameter 'b' expects long but got true (Boolean)",
                        "#E3: tool 'add' parameter 'b' expects long but got \"three\" (String)");
    }

    @Test
    void checks_references_against_what_the_producing_tool_returns() {
        Plan plan = new Plan(List.of(
                step(1, "read_csv", Arg.of("a.csv")),
                step(2, "add", ref(1), Arg.of(1L)),
                step(3, "shape", ref(2)),
                step(4, "log", Arg.of("hi")),
                step(5, "head", ref(4)),
                step(6, "shape", ref(1)),
                step(7, "add", ref(6), ref(2)),
                step(8, "head", new Arg.Text(List.of("rows of ", ref(1)))),
                step(9, "log", ref(6))));

        ValidationReport report = validator.validate(plan);

        assertThat(messages(report))
                .containsExactly(
                        "#E2: tool 'add' parameter 'a' expects long but #E1 is a Table (from tool 'read_csv')",
                        "#E3: tool 'shape' parameter 'table' expects Table but #E2 is a long (from tool 'add')",
                        "#E5: tool 'head' parameter 'table' expects Table but #E4 has no value (tool 'log' returns void)",
                        "#E8: tool 'head' parameter 'table' expects Table but got \"rows of #E1\" (text)");
        assertThat(report.problems()).extracting(PlanProblem::kind).containsOnly(Kind.ARGUMENT_TYPE);
    }

    @Test
    void reports_a_step_that_refers_to_itself() {
        Plan plan = new Plan(List.of(step(1, "read_csv", Arg.of("a.csv")), step(2, "head", ref(2))));

        assertThat(validator.validate(plan).problems())
                .containsExactly(new PlanProblem(
                        Kind.SELF_REFERENCE,
                        "#E2: refers to its own evidence #E2; a step can only use the evidence of steps before it",
                        List.of(StepId.of(2))));
    }

    @Test
    void reports_a_cycle_once_with_its_path_instead_of_forward_references() {
        Plan plan = new Plan(List.of(
                step(1, "head", ref(3)),
                step(2, "head", ref(1)),
                step(3, "head", ref(2)),
                step(4, "read_csv", Arg.of("a.csv"))));

        ValidationReport report = validator.validate(plan);

        assertThat(report.problems())
                .containsExactly(new PlanProblem(
                        Kind.CYCLE,
                        "#E1 -> #E3 -> #E2 -> #E1: these steps need each other's evidence; a step can only use the evidence of"
                                + " steps before it",
                        List.of(StepId.of(1), StepId.of(3), StepId.of(2))));
    }

    @Test
    void reports_duplicate_ids_once() {
        Plan plan = new Plan(List.of(
                step(1, "read_csv", Arg.of("a.csv")),
                step(1, "read_csv", Arg.of("b.csv")),
                step(1, "read_csv", Arg.of("c.csv")),
                step(2, "head", ref(1))));

        assertThat(validator.validate(plan).problems())
                .containsExactly(new PlanProblem(
                        Kind.DUPLICATE_ID,
                        "#E1: 3 steps have this id; give each step its own id",
                        List.of(StepId.of(1))));
    }

    @Test
    void checks_only_structure_without_tools() {
        Plan plan = new Plan(List.of(
                step(1, "anything", Arg.of("x")), step(2, "whatever", ref(1), ref(3)), step(2, "more", ref(1))));

        ValidationReport report = PlanValidator.structureOnly().validate(plan);

        assertThat(messages(report))
                .containsExactly(
                        "#E2: refers to #E3, which no step defines; steps: #E1, #E2",
                        "#E2: 2 steps have this id; give each step its own id");
    }
}
