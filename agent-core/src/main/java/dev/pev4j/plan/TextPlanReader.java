package dev.pev4j.plan;

import dev.pev4j.plan.PlanParser.PlanParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads plans written as lines: ReWOO ({@code Plan: ...} then {@code #E1 = Tool[input]}), its call variant
 * ({@code Step 1: ...} then {@code #E1 = tool("a", n=5)}) and LLMCompiler ({@code Thought: ...},
 * {@code 1. tool("x", $1)}, {@code join()}, {@code <END_OF_PLAN>}), with prose, markdown fences and a criteria section
 * around them. One pass over the lines; a step's input may span lines. Not thread-safe: one instance reads one text.
 */
final class TextPlanReader {

    static final String END_OF_PLAN = "<END_OF_PLAN>";

    private static final String[] THOUGHT_WORDS = {"plan", "step", "thought"};
    private static final String[] CRITERIA_WORDS = {
        "validation criteria", "success criteria", "criteria", "validation", "checks"
    };

    private final Source source;
    /** ReWOO when some line holds {@code #E<n> =}: then only such lines are steps, else numbered calls are. */
    private final boolean rewoo;

    private final RefSyntax syntax;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> criteria = new ArrayList<>();
    private final StringBuilder thought = new StringBuilder();
    /** Prose lines right after a thought line continue it. */
    private boolean thoughtOpen;

    private boolean inCriteria;
    /** After {@code join()} or {@code <END_OF_PLAN>}: no more steps, but criteria may still follow. */
    private boolean ended;
    /** The next {@code <END_OF_PLAN>} at or after the line being read, or -1; searched once per marker. */
    private int nextMarker;

    private TextPlanReader(Source source) {
        this.source = source;
        this.rewoo = hasRewooStep(source);
        this.syntax = rewoo ? RefSyntax.HASH_ONLY : RefSyntax.ANY;
        this.nextMarker = source.text.indexOf(END_OF_PLAN);
    }

    /** The steps and criteria of a text plan; no steps when the text holds none. */
    static Plan read(Source source) {
        TextPlanReader reader = new TextPlanReader(source);
        int pos = 0;
        while (pos < source.length()) {
            pos = reader.line(pos, source.lineEnd(pos));
        }
        return new Plan(reader.steps, reader.criteria);
    }

    /** Reads the line from {@code start} to {@code lineEnd} and returns where the next unread line starts. */
    private int line(int start, int lineEnd) {
        int s = skipSpace(start, lineEnd);
        int e = trimEnd(s, lineEnd);
        int next = lineEnd + 1;
        if (nextMarker >= 0 && nextMarker < s) {
            nextMarker = source.text.indexOf(END_OF_PLAN, s);
        }
        int marker = nextMarker;
        boolean endsHere = marker >= 0 && marker < e;
        if (endsHere) {
            e = trimEnd(s, marker);
        }
        if (s == e) {
            thoughtOpen = false;
        } else if (startsWith(s, "```") || startsWith(s, "~~~")) {
            thoughtOpen = false;
        } else {
            int header = criteriaHeader(s, e);
            int item = inCriteria ? listItem(s, e) : -1;
            if (header >= 0) {
                inCriteria = true;
                clearThought();
                addCriterion(header, e);
            } else if (item >= 0) {
                addCriterion(item, e);
            } else {
                inCriteria = false;
                if (!ended) {
                    next = stepOrThought(s, e, lineEnd);
                }
            }
        }
        if (endsHere) {
            ended = true;
        }
        return next;
    }

    private int stepOrThought(int s, int e, int lineEnd) {
        int body = skipMarkup(s, e);
        int afterHeader = thoughtHeader(body, e);
        if (afterHeader >= 0) {
            int inline = rewoo ? inlineRewooStep(afterHeader, e) : -1;
            int thoughtEnd = inline >= 0 ? trimEnd(afterHeader, inline) : e;
            clearThought();
            thought.append(source.text, skipSpace(afterHeader, thoughtEnd), thoughtEnd);
            thoughtOpen = true;
            return inline >= 0 ? rewooStep(inline) : lineEnd + 1;
        }
        if (rewoo) {
            if (rewooStepAt(body, e)) {
                return rewooStep(body);
            }
        } else {
            int afterNumber = numberedCall(body, e);
            if (afterNumber >= 0) {
                return numberedStep(body, afterNumber);
            }
        }
        if (isJoin(body, e)) {
            ended = true;
        } else if (thoughtOpen && thought.length() > 0) {
            thought.append(' ').append(source.text, s, e);
        }
        return lineEnd + 1;
    }

    // ---- steps ----

    /** {@code #E1 = Tool[input]} at {@code at}; returns where the next line after the step starts. */
    private int rewooStep(int at) {
        int digitsEnd = ArgReader.skipDigits(source.text, at + 2);
        String label = source.text.substring(at, digitsEnd);
        ErrorSink errors = sink(label, at);
        StepId id = ArgReader.stepNumber(source.text, at + 2, digitsEnd);
        if (id == null) {
            throw errors.error(ArgReader.badReference(label), at);
        }
        int i = digitsEnd;
        while (source.charAt(i) != '=') {
            i++;
        }
        return call(id, label, skipInlineSpace(i + 1), errors, "'" + label + " = tool[input]'");
    }

    /** {@code 3. tool("x", $1)} at {@code at}, the call starting at {@code callAt}. */
    private int numberedStep(int at, int callAt) {
        int digitsEnd = ArgReader.skipDigits(source.text, at);
        String label = source.text.substring(at, digitsEnd);
        ErrorSink errors = sink(label, at);
        StepId id = ArgReader.stepNumber(source.text, at, digitsEnd);
        if (id == null) {
            throw errors.error(ArgReader.badReference(label), at);
        }
        return call(id, label, callAt, errors, "'" + label + ". tool(\"arg\")'");
    }

    /** Reads {@code tool[...]} or {@code tool(...)} at {@code at} as step {@code id}. */
    private int call(StepId id, String label, int at, ErrorSink errors, String example) {
        int nameEnd = toolNameEnd(at);
        if (nameEnd == at) {
            throw errors.error("expected a tool name after '" + label + " =', as in " + example, at);
        }
        String tool = source.text.substring(at, nameEnd);
        int open = skipInlineSpace(nameEnd);
        if (open == source.length() || (source.charAt(open) != '[' && source.charAt(open) != '(')) {
            throw errors.error(
                    "expected '[' or '(' after the tool name '" + Source.shorten(tool) + "', as in " + example, open);
        }
        int close = Brackets.close(source, open, errors);
        ArgReader.Args args = ArgReader.read(source, open + 1, close, syntax, errors);
        if (tool.equals("join") && args.positional().isEmpty() && args.named().isEmpty()) {
            ended = true;
        } else {
            steps.add(new Step(id, thought.toString().strip(), tool, args.positional(), args.named()));
        }
        clearThought();
        return afterStep(close + 1);
    }

    /**
     * Where reading goes on after a step that ends at {@code from}: at another step written on the same line
     * ({@code #E1 = a[x] #E2 = b[#E1]}, {@code 1. a(x) 2. b($1)}), which models write and which must not be lost,
     * else at the next line.
     */
    private int afterStep(int from) {
        int lineEnd = source.lineEnd(from);
        if (rewoo) {
            int another = inlineRewooStep(from, lineEnd);
            if (another >= 0) {
                return another;
            }
        } else {
            int at = skipMarkup(skipInlineSpace(from), lineEnd);
            if (at < lineEnd && numberedCall(at, lineEnd) >= 0) {
                return at;
            }
        }
        return lineEnd + 1;
    }

    private ErrorSink sink(String label, int stepStart) {
        return (problem, offset) -> new PlanParseException(
                "step " + label + " at " + source.lineColumn(offset) + ": " + problem + "; the step reads: '"
                        + source.lineAt(stepStart) + "'",
                offset);
    }

    private int toolNameEnd(int at) {
        if (at >= source.length() || !ArgReader.isIdentifierStart(source.charAt(at))) {
            return at;
        }
        int i = at + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (!(ArgReader.isIdentifierPart(c) || c == '.' || c == '-')) {
                break;
            }
            i++;
        }
        return i;
    }

    // ---- line shapes ----

    private static boolean hasRewooStep(Source source) {
        int i = source.text.indexOf("#E");
        while (i >= 0) {
            if (rewooStepAt(source, i, source.length())) {
                return true;
            }
            i = source.text.indexOf("#E", i + 2);
        }
        return false;
    }

    private boolean rewooStepAt(int i, int e) {
        return rewooStepAt(source, i, e);
    }

    /** {@code #E<digits>}, spaces or '*', then '=' but not '=='. */
    private static boolean rewooStepAt(Source source, int i, int e) {
        if (i + 2 >= e
                || source.charAt(i) != '#'
                || source.charAt(i + 1) != 'E'
                || !ArgReader.isDigit(source.charAt(i + 2))) {
            return false;
        }
        int j = ArgReader.skipDigits(source.text, i + 2);
        while (j < e && (source.charAt(j) == ' ' || source.charAt(j) == '\t' || source.charAt(j) == '*')) {
            j++;
        }
        return j < e && source.charAt(j) == '=' && (j + 1 == e || source.charAt(j + 1) != '=');
    }

    /** A ReWOO step written on its thought's line ({@code Plan: search. #E1 = Search[x]}), or -1. */
    private int inlineRewooStep(int from, int e) {
        for (int i = from; i < e; i++) {
            if (rewooStepAt(i, e)) {
                return i;
            }
        }
        return -1;
    }

    /** After {@code 3.} or {@code 3)} comes a call {@code tool(} or {@code tool[}: the offset of the tool, or -1. */
    private int numberedCall(int s, int e) {
        int i = ArgReader.skipDigits(source.text, s);
        if (i == s || i >= e || (source.charAt(i) != '.' && source.charAt(i) != ')')) {
            return -1;
        }
        int callAt = skipMarkup(skipInlineSpace(i + 1), e);
        int nameEnd = toolNameEnd(callAt);
        if (nameEnd == callAt) {
            return -1;
        }
        int open = skipInlineSpace(nameEnd);
        return open < e && (source.charAt(open) == '(' || source.charAt(open) == '[') ? callAt : -1;
    }

    /** {@code join()} on a line of its own. */
    private boolean isJoin(int s, int e) {
        if (!startsWith(s, "join")) {
            return false;
        }
        int i = skipInlineSpace(s + 4);
        if (i >= e || source.charAt(i) != '(') {
            return false;
        }
        i = skipInlineSpace(i + 1);
        return i < e && source.charAt(i) == ')';
    }

    /** {@code Plan:}, {@code Plan 2:}, {@code Step 1:}, {@code Thought:}: the offset after the colon, or -1. */
    private int thoughtHeader(int s, int e) {
        for (String word : THOUGHT_WORDS) {
            if (source.text.regionMatches(true, s, word, 0, word.length())) {
                int i = skipInlineSpace(s + word.length());
                i = ArgReader.skipDigits(source.text, i);
                i = skipStars(i, e);
                if (i < e && source.charAt(i) == ':') {
                    return skipStars(i + 1, e);
                }
            }
        }
        return -1;
    }

    /** {@code Criteria:}, {@code **Checks:**}, {@code ## Validation}: the offset after the header, or -1. */
    private int criteriaHeader(int s, int e) {
        int i = s;
        boolean heading = false;
        while (i < e && source.charAt(i) == '#') {
            i++;
            heading = true;
        }
        if (heading && (i == e || source.charAt(i) != ' ')) {
            return -1;
        }
        i = skipStars(skipInlineSpace(i), e);
        for (String word : CRITERIA_WORDS) {
            if (source.text.regionMatches(true, i, word, 0, word.length())) {
                int j = skipStars(i + word.length(), e);
                if (j < e && source.charAt(j) == ':') {
                    return skipStars(j + 1, e);
                }
                if (heading && j == e) {
                    return e;
                }
            }
        }
        return -1;
    }

    /** {@code - x}, {@code * x}, {@code • x}, {@code 1. x}, {@code 1) x}: the offset of the item's text, or -1. */
    private int listItem(int s, int e) {
        char c = source.charAt(s);
        int i;
        if (c == '-' || c == '*' || c == '+' || c == '\u2022') {
            i = s + 1;
        } else {
            i = ArgReader.skipDigits(source.text, s);
            if (i == s || i >= e || (source.charAt(i) != '.' && source.charAt(i) != ')')) {
                return -1;
            }
            i++;
        }
        return i < e && Character.isWhitespace(source.charAt(i)) ? i : -1;
    }

    /** Leading markdown a model puts before a step: bullets, bold, a backtick; in ReWOO plans also {@code 1.}. */
    private int skipMarkup(int s, int e) {
        int i = s;
        if (i + 1 < e
                && (source.charAt(i) == '-' || source.charAt(i) == '*' || source.charAt(i) == '+')
                && source.charAt(i + 1) == ' ') {
            i = skipInlineSpace(i + 1);
        }
        if (rewoo) {
            int digits = ArgReader.skipDigits(source.text, i);
            if (digits > i
                    && digits + 1 < e
                    && (source.charAt(digits) == '.' || source.charAt(digits) == ')')
                    && source.charAt(digits + 1) == ' ') {
                i = skipInlineSpace(digits + 1);
            }
        }
        while (i < e && (source.charAt(i) == '*' || source.charAt(i) == '`')) {
            i++;
        }
        return i;
    }

    private void addCriterion(int from, int e) {
        String text = source.text.substring(from, e).strip();
        if (!text.isEmpty()) {
            criteria.add(text);
        }
    }

    private void clearThought() {
        thought.setLength(0);
        thoughtOpen = false;
    }

    private boolean startsWith(int at, String prefix) {
        return source.text.startsWith(prefix, at);
    }

    private int skipStars(int i, int e) {
        int j = i;
        while (j < e && (source.charAt(j) == '*' || source.charAt(j) == '_')) {
            j++;
        }
        return j;
    }

    private int skipSpace(int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipInlineSpace(int from) {
        int i = from;
        while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int trimEnd(int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(source.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
