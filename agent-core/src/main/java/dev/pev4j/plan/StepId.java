package dev.pev4j.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a plan step, {@code E1}, {@code E2}, ... Written {@code #E1} in ReWOO plans and {@code $1} in
 * LLMCompiler plans; both name the same step. Ids compare by number, so {@code E10} sorts after {@code E9}.
 *
 * <p>Immutable and thread-safe.
 */
public record StepId(int number) implements Comparable<StepId> {

    private static final Pattern FORM = Pattern.compile("(?:#?[Ee]|\\$)?(\\d{1,9})");

    public StepId {
        if (number < 1) {
            throw new IllegalArgumentException("step number must be >= 1 but was " + number);
        }
    }

    public static StepId of(int number) {
        return new StepId(number);
    }

    /** Reads {@code E3}, {@code #E3}, {@code $3} or {@code 3}. */
    public static StepId parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a step id: '" + text + "' (expected E1, #E1, $1 or 1)");
        }
        return new StepId(Integer.parseInt(m.group(1)));
    }

    @Override
    public int compareTo(StepId other) {
        return Integer.compare(number, other.number);
    }

    /** {@code E3}. */
    @Override
    public String toString() {
        return "E" + number;
    }
}
