package dev.pev4j.spi;

import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the tools the planner shows the model for a task: all of them by default; a Tool RAG selector shows only
 * those closest to the task, to keep small models' prompts short, and the worked examples that use them.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ToolSelector {

    /** The tools to show for {@code task}, a non-empty subset of {@code registry}'s tools, in the order to show them. */
    List<ToolDescriptor> select(String task, ToolRegistry registry);

    /**
     * The tools and examples to show for {@code task}, with scores and why each was chosen. {@code widen} names tools
     * to show besides the selection (a replan adds the tools nearest to one the model asked for but was not shown);
     * {@code examples} are the candidate examples. By default: {@link #select}'s tools (score 1), then {@code widen},
     * and the examples whose tools were all chosen, in their order (all of them when every tool was chosen).
     */
    default Selection choose(String task, ToolRegistry registry, Collection<String> widen, List<Example> examples) {
        Objects.requireNonNull(widen, "widen == null");
        Map<String, Scored> tools = new LinkedHashMap<>();
        for (ToolDescriptor tool : select(task, registry)) {
            tools.putIfAbsent(tool.name(), new Scored(tool.name(), 1.0, Scored.Reason.RANKED));
        }
        for (String name : widen) {
            if (registry.find(name).isPresent()) {
                tools.putIfAbsent(name, new Scored(name, 1.0, Scored.Reason.WIDENED));
            }
        }
        boolean everything = tools.size() == registry.tools().size();
        List<Example> shown = new ArrayList<>();
        List<Scored> exampleScores = new ArrayList<>();
        for (Example example : examples) {
            if (everything || tools.keySet().containsAll(example.tools())) {
                shown.add(example);
                exampleScores.add(new Scored(example.task(), 1.0, Scored.Reason.EXAMPLE));
            }
        }
        return new Selection(List.copyOf(tools.values()), shown, exampleScores, everything);
    }

    /**
     * Up to {@code limit} tools of {@code registry} not in {@code exclude} that best match {@code text} (the name of a
     * tool the model asked for and was not shown, with the task), best first. By default the names nearest in
     * spelling.
     */
    default List<Scored> nearest(String text, ToolRegistry registry, Set<String> exclude, int limit) {
        List<String> candidates =
                registry.names().stream().filter(n -> !exclude.contains(n)).toList();
        List<Scored> near = new ArrayList<>();
        for (String name :
                dev.pev4j.internal.Suggestions.closest(text.strip().split("\\s+", -1)[0], candidates, limit)) {
            near.add(new Scored(name, 1.0, Scored.Reason.WIDENED));
        }
        return near;
    }

    /**
     * The agent uses a selector it finds on the class path ({@link java.util.ServiceLoader}, when none is given) only
     * for registries with more tools than this; 0 by default.
     */
    default int minTools() {
        return 0;
    }

    /** Every registered tool. */
    static ToolSelector all() {
        return (task, registry) -> registry.tools();
    }

    /**
     * A tool or an example with its score (cosine similarity for an embedding selector, 1 for a fixed choice) and why
     * it was chosen.
     *
     * @param name the tool's name, or the example's task
     */
    record Scored(String name, double score, Reason reason) {

        /** Why a tool or an example was chosen. */
        public enum Reason {
            /** The toolkit marks the tool to be shown always. */
            ALWAYS_ON,
            /** Among the top k for the task (and above the threshold). */
            RANKED,
            /** A chosen tool needs it, as a toolkit declares. */
            DEPENDENCY,
            /** Added after the model asked for a tool it was not shown. */
            WIDENED,
            /** An example chosen for the task. */
            EXAMPLE
        }

        public Scored {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(reason, "reason == null");
        }

        /** {@code read_csv 0.61 ranked}. */
        @Override
        public String toString() {
            return name + " " + String.format(java.util.Locale.ROOT, "%.2f", score) + " "
                    + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What the planner shows for one task.
     *
     * @param tools the chosen tools, in the order to show them
     * @param examples the chosen examples, in the order to show them
     * @param exampleScores each chosen example's task, score and reason, in the same order
     * @param everything whether every registered tool was chosen (the planner then lays its prompt out as without
     *     selection)
     */
    record Selection(List<Scored> tools, List<Example> examples, List<Scored> exampleScores, boolean everything) {
        public Selection {
            tools = List.copyOf(tools);
            examples = List.copyOf(examples);
            exampleScores = List.copyOf(exampleScores);
            if (tools.isEmpty()) {
                throw new IllegalArgumentException("a selection needs at least one tool");
            }
        }

        /** The chosen tools' names, in order. */
        public List<String> toolNames() {
            return tools.stream().map(Scored::name).toList();
        }
    }

    /**
     * One worked example: a {@code Task:} line, a plan in the text form and criteria, as a toolkit's
     * {@link Toolkit#examples()} gives them (one block per example, blocks separated by a blank line).
     *
     * @param text the whole example as the prompt shows it
     * @param task what its {@code Task:} line asks
     * @param tools the tools its plan calls
     */
    record Example(String text, String task, Set<String> tools) {

        private static final Pattern CALL = Pattern.compile("#E\\d+\\s*=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

        public Example {
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(task, "task == null");
            tools = Set.copyOf(tools);
        }

        /** The examples in {@code text}: blocks separated by blank lines, each read by {@link #of(String)}. */
        public static List<Example> parseAll(String text) {
            List<Example> examples = new ArrayList<>();
            for (String block : text.strip().split("\\n\\s*\\n", -1)) {
                if (!block.isBlank()) {
                    examples.add(of(block.strip()));
                }
            }
            return examples;
        }

        /** One example: its task is its {@code Task:} line (else its first line), its tools the calls of its steps. */
        public static Example of(String text) {
            String task = text.strip().lines().findFirst().orElse("");
            for (String line : text.lines().toList()) {
                if (line.startsWith("Task:")) {
                    task = line.substring("Task:".length()).strip();
                    break;
                }
            }
            Set<String> tools = new LinkedHashSet<>();
            Matcher m = CALL.matcher(text);
            while (m.find()) {
                tools.add(m.group(1));
            }
            return new Example(text.strip(), task, tools);
        }
    }
}
