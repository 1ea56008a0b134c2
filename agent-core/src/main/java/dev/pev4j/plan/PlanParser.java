package dev.pev4j.plan;

import dev.pev4j.AgentException;
import dev.pev4j.internal.Bounds;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the plan a model wrote, in any of the forms models write: ReWOO ({@code Plan: ...} and
 * {@code #E1 = Tool[input]}), its call variant ({@code #E1 = tool("a", n=5)}), LLMCompiler ({@code 1. tool("x", $1)},
 * {@code Thought: ...}, {@code join()}, {@code <END_OF_PLAN>}) or JSON ({@code {"steps": [...], "criteria": [...]}}),
 * with prose and markdown fences around. It reads faithfully and checks no meaning: duplicate ids, references to later
 * steps and unknown tools are kept for {@link PlanValidator} to report.
 *
 * <pre>{@code
 * Plan plan = PlanParser.create().parse("""
 *         Plan: Find the file.
 *         #E1 = read_csv["sales.csv"]
 *         #E2 = filter[#E1, "amount > 100"]
 *         """);
 * plan.steps().get(1).dependencies(); // [E1]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PlanParser {

    private final JsonPlanReader json;

    private PlanParser() {
        this.json = new JsonPlanReader();
    }

    public static PlanParser create() {
        return new PlanParser();
    }

    /**
     * The plan in the model's text.
     *
     * @throws PlanParseException when the text holds no plan, or a step cannot be read; the message says what was
     *     expected and where, and quotes the text, so that it can go back to the model
     */
    public Plan parse(String modelText) {
        Objects.requireNonNull(modelText, "modelText == null");
        if (modelText.length() > Bounds.PLAN_CHARS) {
            throw new PlanParseException(
                    "the plan text has " + modelText.length() + " characters; at most " + Bounds.PLAN_CHARS
                            + " are read: write fewer, shorter steps",
                    Bounds.PLAN_CHARS);
        }
        Source source = new Source(modelText);
        JsonPlanReader.Found found = json.find(source);
        Plan plan = found.plan();
        if (plan == null) {
            plan = TextPlanReader.read(source);
            if (plan.steps().isEmpty() && found.error() != null) {
                throw found.error();
            }
        }
        if (plan.steps().isEmpty()) {
            throw new PlanParseException(
                    "no plan steps found: expected lines like '#E1 = tool[input]' or "
                            + "'1. tool(\"arg\")' or a JSON object with \"steps\"; got: '"
                            + Source.shorten(modelText.strip()) + "'",
                    -1);
        }
        checkSizes(plan);
        return plan;
    }

    /**
     * A reader of a plan that the model is still writing: feed it the reply piece by piece and it hands each step to
     * {@code onStep} as soon as the step is complete (in a text plan at the end of its line, in a JSON plan when its
     * object in the steps array closes), in plan order, each once. The steps are read as {@link #parse} reads them but
     * nothing else is checked: the caller parses and validates the whole reply once it is there, and must treat the
     * early steps as provisional until then.
     *
     * <pre>{@code
     * PlanParser.Incremental reading = PlanParser.create().incremental(step -> log.info("decoded {}", step));
     * LlmResponse reply = llm.stream(request, reading::append);
     * Plan plan = PlanParser.create().parse(reply.text());   // the plan that counts
     * }</pre>
     */
    public Incremental incremental(Consumer<Step> onStep) {
        return new Incremental(new IncrementalPlanReader(json, onStep));
    }

    /**
     * Reads a plan while it is written; see {@link PlanParser#incremental}. Not thread-safe: one instance reads one
     * reply, fed from one thread, and {@code onStep} is called on that thread.
     */
    public static final class Incremental {

        private final IncrementalPlanReader reader;

        private Incremental(IncrementalPlanReader reader) {
            this.reader = reader;
        }

        /** The next piece of the reply; hands over the steps it completes. */
        public void append(CharSequence piece) {
            reader.append(piece);
        }

        /** The steps handed over so far, in order. */
        public List<Step> steps() {
            return reader.emitted();
        }
    }

    /** Names, text arguments and criteria stay within {@link Bounds}, so that nothing downstream echoes megabytes. */
    private static void checkSizes(Plan plan) {
        for (Step step : plan.steps()) {
            if (step.tool().length() > Bounds.NAME_CHARS) {
                throw new PlanParseException(
                        "step " + step.id() + ": the tool name has "
                                + step.tool().length()
                                + " characters; at most " + Bounds.NAME_CHARS + " are allowed: '"
                                + Bounds.quote(step.tool()) + "'",
                        -1);
            }
            for (Arg arg : step.args()) {
                checkArgument(step, arg);
            }
            for (Map.Entry<String, Arg> named : step.namedArgs().entrySet()) {
                checkText(step, named.getKey(), Bounds.NAME_CHARS, "an argument name");
                checkArgument(step, named.getValue());
            }
        }
        for (String criterion : plan.criteria()) {
            if (criterion.length() > Bounds.CRITERION_CHARS) {
                throw new PlanParseException(
                        "a criterion has " + criterion.length() + " characters; at most " + Bounds.CRITERION_CHARS
                                + " are allowed: '" + Bounds.quote(criterion) + "'",
                        -1);
            }
        }
    }

    /** Fails on a text, map key or text with references inside {@code arg} that is longer than allowed. */
    private static void checkArgument(Step step, Arg arg) {
        arg.accept(new Arg.Visitor<Void>() {
            @Override
            public @Nullable Void value(Arg.Value value) {
                if (value.value() instanceof String text) {
                    checkText(step, text, Bounds.ARGUMENT_CHARS, "a text argument");
                }
                return null;
            }

            @Override
            public @Nullable Void ref(Arg.Ref ref) {
                return null;
            }

            @Override
            public @Nullable Void text(Arg.Text text) {
                int length = 0;
                for (Object part : text.parts()) {
                    length += part instanceof String s ? s.length() : 8;
                }
                if (length > Bounds.ARGUMENT_CHARS) {
                    checkText(step, text.toString(), Bounds.ARGUMENT_CHARS, "a text argument");
                }
                return null;
            }

            @Override
            public @Nullable Void list(Arg.ListOf list) {
                for (Arg item : list.items()) {
                    item.accept(this);
                }
                return null;
            }

            @Override
            public @Nullable Void map(Arg.MapOf map) {
                for (Map.Entry<String, Arg> entry : map.entries().entrySet()) {
                    checkText(step, entry.getKey(), Bounds.ARGUMENT_CHARS, "a map key");
                    entry.getValue().accept(this);
                }
                return null;
            }
        });
    }

    private static void checkText(Step step, String text, int max, String what) {
        if (text.length() > max) {
            throw new PlanParseException(
                    "step " + step.id() + ": " + what + " has " + text.length() + " characters; at most " + max
                            + " are allowed: '" + Bounds.quote(text) + "'",
                    -1);
        }
    }

    /**
     * The model's text holds no plan that could be read. The message says what was expected and where, and quotes the
     * offending text, so that it can go back to the model in a repair prompt.
     */
    public static final class PlanParseException extends AgentException {

        private final int position;

        public PlanParseException(String message, int position) {
            super(message);
            this.position = position;
        }

        /** The character offset in the parsed text where reading failed, or -1 when there is no single place. */
        public int position() {
            return position;
        }
    }
}
