package dev.pev4j.plan;

import dev.pev4j.internal.Bounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a plan while the model writes it, handing over each step once it is complete: in a text plan at the end of
 * its line (the text up to the last line end is read as {@link TextPlanReader} reads a whole plan, so a step whose
 * brackets are still open waits), in a JSON plan when its object in the steps array closes (a small bracket tracker
 * over the untrusted text finds the steps array and each step object in it; the object is then read as {@link
 * JsonPlanReader} reads a step). Steps come in plan order, each once. It only reads: what a step means, and whether
 * the steps read early are those of the whole plan, is for the caller to check against the whole text's parse.
 *
 * <p>When a later read of the text disagrees with steps already handed over (the text turned out to be in another form),
 * or the text grows past {@link Bounds#PLAN_CHARS}, it hands over nothing more. Not thread-safe: one instance reads
 * one reply, fed from one thread.
 */
final class IncrementalPlanReader {

    private static final String[] STEPS_KEYS = {"steps", "plan"};

    private final JsonPlanReader json;
    private final Consumer<Step> onStep;
    private final StringBuilder text = new StringBuilder();
    private final List<Step> emitted = new ArrayList<>();
    /** Nothing more is handed over. */
    private boolean stopped;
    /** How much of {@link #text} the text form has read, up to a line end. */
    private int textRead;

    // The JSON form, from the first '{' (or '[' before a '{') at the start of a line, when no text step came first.
    private int jsonStart = -1;
    private int scanned;
    private final StringBuilder stack = new StringBuilder();
    private char quote;
    private boolean escaped;
    /** The size of {@link #stack} inside the steps array, or -1 before it. */
    private int stepsDepth = -1;

    private int stepStart = -1;
    private int stepIndex;

    IncrementalPlanReader(JsonPlanReader json, Consumer<Step> onStep) {
        this.json = json;
        this.onStep = Objects.requireNonNull(onStep, "onStep == null");
    }

    void append(CharSequence piece) {
        Objects.requireNonNull(piece, "piece == null");
        if (stopped || piece.length() == 0) {
            return;
        }
        if (text.length() + piece.length() > Bounds.PLAN_CHARS) {
            stopped = true; // the whole text will be refused too
            return;
        }
        text.append(piece);
        if (jsonStart < 0 && emitted.isEmpty()) {
            jsonStart = jsonStart();
        }
        if (jsonStart >= 0) {
            scanJson();
        } else {
            readLines();
        }
    }

    /** Steps handed over so far, in order. */
    List<Step> emitted() {
        return List.copyOf(emitted);
    }

    // ---- text ----

    private void readLines() {
        int lastLineEnd = text.lastIndexOf("\n");
        if (lastLineEnd < textRead) {
            return;
        }
        textRead = lastLineEnd + 1;
        Plan prefix;
        try {
            prefix = TextPlanReader.read(new Source(text.substring(0, lastLineEnd)));
        } catch (RuntimeException openOrBroken) { // a step's brackets still open, or a broken step: wait for more
            return;
        }
        offer(prefix.steps());
    }

    /** Hands over the steps after those already handed over; stops when the earlier ones read differently now. */
    private void offer(List<Step> steps) {
        if (steps.size() < emitted.size() || !steps.subList(0, emitted.size()).equals(emitted)) {
            stopped = true;
            return;
        }
        for (Step step : steps.subList(emitted.size(), steps.size())) {
            emit(step);
        }
    }

    private void emit(Step step) {
        emitted.add(step);
        onStep.accept(step);
    }

    // ---- JSON ----

    /** Where a JSON plan starts: a '{' at the start of a line, or a '[' there followed by a '{'; -1 when none yet. */
    private int jsonStart() {
        int lineStart = 0;
        while (lineStart < text.length()) {
            int i = lineStart;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '{') {
                return i;
            }
            if (i < text.length() && text.charAt(i) == '[') {
                int j = i + 1;
                while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                if (j < text.length() && text.charAt(j) == '{') {
                    return i;
                }
            }
            int lineEnd = text.indexOf("\n", lineStart);
            if (lineEnd < 0) {
                return -1;
            }
            lineStart = lineEnd + 1;
        }
        return -1;
    }

    private void scanJson() {
        int from = Math.max(scanned, jsonStart);
        for (int i = from; i < text.length() && !stopped; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                open(c, i);
            } else if (c == '}' || c == ']') {
                close(c, i);
            }
        }
        scanned = text.length();
    }

    private void open(char c, int at) {
        if (c == '[' && stepsDepth < 0 && (stack.length() == 0 || isStepsKey(at))) {
            stepsDepth = stack.length() + 1;
        } else if (c == '{' && stepsDepth > 0 && stack.length() == stepsDepth) {
            stepStart = at;
        }
        stack.append(c);
    }

    private void close(char c, int at) {
        int top = stack.length() - 1;
        if (top < 0 || stack.charAt(top) != (c == '}' ? '{' : '[')) {
            stopped = true; // not JSON as tracked here: the whole text's parse decides
            return;
        }
        stack.setLength(top);
        if (c == '}' && stepStart >= 0 && stack.length() == stepsDepth) {
            stepIndex++;
            @Nullable Step step = json.stepObject(text.substring(stepStart, at + 1), stepIndex);
            stepStart = -1;
            if (step == null) {
                stopped = true;
                return;
            }
            emit(step);
        } else if (c == ']' && stack.length() < stepsDepth) {
            stopped = true; // the steps array is over
        }
    }

    /** Whether the '[' at {@code at} is the value of a {@code "steps"} (or {@code "plan"}) field. */
    private boolean isStepsKey(int at) {
        int i = at - 1;
        while (i >= jsonStart && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < jsonStart || text.charAt(i) != ':') {
            return false;
        }
        i--;
        while (i >= jsonStart && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i >= jsonStart && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i--;
        }
        for (String key : STEPS_KEYS) {
            int start = i - key.length() + 1;
            if (start >= jsonStart && text.substring(start, i + 1).equals(key)) {
                char before = start == jsonStart ? ' ' : text.charAt(start - 1);
                if (!ArgReader.isIdentifierPart(before)) {
                    return true;
                }
            }
        }
        return false;
    }
}
