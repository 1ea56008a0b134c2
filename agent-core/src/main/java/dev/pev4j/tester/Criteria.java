package dev.pev4j.tester;

import dev.pev4j.internal.Bounds;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a plan's criteria before anything runs: a criterion that refers to a step no step defines, or
 * one that starts like a check ({@code rows(#E2) > 100 and and}) but does not parse, which would otherwise go to a
 * judge as prose or fail only after the whole plan ran. Prose criteria are not problems. Stateless and thread-safe.
 */
final class Criteria {

    /** A step reference anywhere in a criterion, prose or check. */
    private static final Pattern REFERENCE = Pattern.compile("#[Ee]([0-9]{1,9})(?![0-9A-Za-z_])");

    /** A step reference followed by an operator, as checks start ({@code #E5 - 1049.2}, {@code #E2.total >}). */
    private static final Pattern STARTS_WITH_REFERENCE = Pattern.compile("#[Ee][0-9]+\\s*[-+*/<>=!.]");

    /** A function or predicate of the check language called at the start. */
    private static final Pattern STARTS_WITH_CALL = Pattern.compile("([a-z_]+)\\s*\\(");

    private Criteria() {}

    /** Every problem of {@code plan}'s criteria, in plan order; empty when there is none. */
    static List<Tester.CriterionProblem> problems(Plan plan) {
        Set<StepId> defined = new LinkedHashSet<>();
        for (Step step : plan.steps()) {
            defined.add(step.id());
        }
        String steps = defined.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
        List<Tester.CriterionProblem> problems = new ArrayList<>();
        for (int i = 0; i < plan.criteria().size(); i++) {
            String criterion = plan.criteria().get(i);
            String quoted = "criterion '" + Bounds.quote(criterion) + "'";
            Matcher ref = REFERENCE.matcher(criterion);
            Set<String> unknown = new LinkedHashSet<>();
            while (ref.find()) {
                int number = Integer.parseInt(ref.group(1));
                if (number < 1 || !defined.contains(StepId.of(number))) {
                    unknown.add("#E" + ref.group(1));
                }
            }
            if (!unknown.isEmpty()) {
                problems.add(new Tester.CriterionProblem(
                        i,
                        criterion,
                        quoted + " refers to " + String.join(", ", unknown)
                                + (unknown.size() == 1 ? ", which no step defines" : ", which no steps define")
                                + "; the plan's steps are " + (steps.isEmpty() ? "none" : steps)));
            } else if (looksLikeCheck(criterion) && CheckParser.parse(criterion).isEmpty()) {
                problems.add(new Tester.CriterionProblem(
                        i,
                        criterion,
                        quoted + " starts like a check but does not parse; write "
                                + "one comparison or predicate, such as rows(#E2) > 0, sorted(#E3, \"revenue\", \"desc\") "
                                + "or abs(#E5 - 1049.2) < 0.01, or a sentence for the judge"));
            }
        }
        return List.copyOf(problems);
    }

    private static boolean looksLikeCheck(String criterion) {
        String text = criterion.strip();
        if (text.startsWith("`")) {
            text = text.substring(1).strip();
        }
        if (STARTS_WITH_REFERENCE.matcher(text).lookingAt()) {
            return true;
        }
        Matcher call = STARTS_WITH_CALL.matcher(text);
        if (!call.lookingAt()) {
            return false;
        }
        String name = call.group(1);
        return CheckParser.TERM_FUNCTIONS.contains(name) || CheckParser.PREDICATES.contains(name);
    }
}
