package dev.pev4j.examples.bench;

import java.util.List;
import java.util.Objects;

/**
 * One task of the agent benchmark with the content a model would write for it: the tool calls (each with its
 * thought), the criteria a planner states, and the answer. {@code facts} are the answer's values, computed from the
 * data in plain Java: a run solves the task when they appear, in this order, in the preview of its last tool result.
 * Immutable.
 */
record BenchTask(
        String name, String question, List<Call> calls, List<String> criteria, List<String> facts, String answer) {

    /** A tool call: why, which tool, and its arguments as a plan writes them between the brackets. */
    record Call(String thought, String tool, String args) {
        Call {
            Objects.requireNonNull(thought, "thought == null");
            Objects.requireNonNull(tool, "tool == null");
            Objects.requireNonNull(args, "args == null");
        }
    }

    BenchTask {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(question, "question == null");
        calls = List.copyOf(calls);
        criteria = List.copyOf(criteria);
        facts = List.copyOf(facts);
        Objects.requireNonNull(answer, "answer == null");
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " needs at least one call");
        }
    }

    /** The plan in ReWOO's text form, as the scripted planner replies with it. */
    String planText() {
        StringBuilder plan = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            plan.append("Plan: ")
                    .append(call.thought())
                    .append('\n')
                    .append("#E")
                    .append(i + 1)
                    .append(" = ")
                    .append(call.tool())
                    .append('(')
                    .append(call.args())
                    .append(")\n");
        }
        plan.append("Criteria:\n");
        for (String criterion : criteria) {
            plan.append("- ").append(criterion).append('\n');
        }
        return plan.toString();
    }

    /** Whether every fact appears in {@code text}, each after the one before. */
    boolean factsIn(String text) {
        int from = 0;
        for (String fact : facts) {
            int at = text.indexOf(fact, from);
            if (at < 0) {
                return false;
            }
            from = at + fact.length();
        }
        return true;
    }
}
