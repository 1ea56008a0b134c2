package dev.pev4j.internal.prompt;

import dev.pev4j.internal.Checks;
import dev.pev4j.internal.prompt.PromptSection.Item;
import dev.pev4j.internal.prompt.PromptSection.Kind;
import dev.pev4j.llm.LocalLlm.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Trims a prompt's sections until the whole prompt fits a token budget, by a fixed priority:
 * <ol>
 *   <li>examples are dropped, the last first;
 *   <li>evidence previews are shortened: the longest preview (in lines) loses its last line, again and again, its head
 *       (first line) always kept, and a line {@code "(n more lines)"} says how many went;
 *   <li>tool descriptions are dropped, the last tool's first; every signature stays;
 *   <li>fixed sections (the task, the output format) are never touched.
 * </ol>
 * Items are kept or dropped whole, so no item, and no JSON inside one, is cut in the middle. Each step recounts the
 * whole rendered prompt with the {@link TokenCounter}, so the count is the tokenizer's own, not a sum of estimates.
 * Without a model tokenizer, {@link #ESTIMATE} counts one token per four characters (rounded up), a common rule of thumb
 * for English with BPE vocabularies, which over-counts code and JSON less than it under-counts other scripts: give
 * such prompts room.
 *
 * <pre>{@code
 * PromptFitter.Fitted fitted = new PromptFitter(llm instanceof TokenCounter c ? c : PromptFitter.ESTIMATE)
 *         .fit(List.of(tools, examples, task), texts -> texts.get("tools") + texts.get("examples") + texts.get("task"),
 *              contextWindow - maxTokens);
 * }</pre>
 *
 * <p>Immutable and thread-safe when its counter is.
 */
public final class PromptFitter {

    /** One token per four characters, rounded up: the estimate used when no tokenizer is at hand. */
    public static final TokenCounter ESTIMATE = text -> (text.length() + 3) / 4;

    private final TokenCounter counter;

    public PromptFitter(TokenCounter counter) {
        this.counter = Objects.requireNonNull(counter, "counter == null");
    }

    /**
     * A fitted prompt.
     *
     * @param texts each section's text by name, trimmed
     * @param prompt the whole prompt, rendered by the layout from {@code texts}
     * @param tokens the tokens of {@code prompt}
     * @param trimmed what was trimmed, in order, such as {@code "dropped example 3 of section 'examples'"}
     */
    public record Fitted(Map<String, String> texts, String prompt, int tokens, List<String> trimmed) {
        public Fitted {
            texts = Map.copyOf(texts);
            trimmed = List.copyOf(trimmed);
        }
    }

    /**
     * Trims {@code sections} until {@code layout} renders them into a prompt of at most {@code budget} tokens.
     *
     * @param layout renders the whole prompt from each section's text, by section name
     * @throws PromptTooLongException when even the most trimmed prompt is over budget
     */
    public Fitted fit(List<PromptSection> sections, Function<Map<String, String>, String> layout, int budget) {
        Objects.requireNonNull(sections, "sections == null");
        Objects.requireNonNull(layout, "layout == null");
        Checks.atLeast("budget", budget, 1);
        Map<String, List<Item>> items = new LinkedHashMap<>();
        Map<String, PromptSection> byName = new LinkedHashMap<>();
        Map<String, int[]> hidden = new LinkedHashMap<>(); // evidence: lines dropped per item
        for (PromptSection s : sections) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("section '" + s.name() + "' appears twice; names must be unique");
            }
            items.put(s.name(), new ArrayList<>(s.items()));
            hidden.put(s.name(), new int[s.items().size()]);
        }
        List<String> trimmed = new ArrayList<>();
        while (true) {
            Map<String, String> texts = render(byName, items, hidden);
            String prompt = layout.apply(texts);
            int tokens = counter.count(prompt);
            if (tokens <= budget) {
                return new Fitted(texts, prompt, tokens, trimmed);
            }
            String step = trimOnce(byName, items, hidden);
            if (step == null) {
                throw new PromptTooLongException(
                        "the prompt needs " + tokens + " tokens but its budget is " + budget
                                + " even with "
                                + (trimmed.isEmpty()
                                        ? "nothing left to trim"
                                        : "all it may trim trimmed (" + trimmed.size() + " steps)")
                                + "; its fixed sections (the task, the format) and the tool"
                                + " signatures must fit: raise the context window or lower maxTokens",
                        tokens,
                        budget);
            }
            trimmed.add(step);
        }
    }

    private static Map<String, String> render(
            Map<String, PromptSection> byName, Map<String, List<Item>> items, Map<String, int[]> hidden) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (PromptSection s : byName.values()) {
            List<Item> current = Objects.requireNonNull(items.get(s.name()));
            if (s.kind() == Kind.EVIDENCE) {
                int[] h = Objects.requireNonNull(hidden.get(s.name()));
                List<Item> shown = new ArrayList<>();
                for (int i = 0; i < current.size(); i++) {
                    Item item = current.get(i);
                    if (h[i] == 0) {
                        shown.add(item);
                    } else {
                        List<String> lines = new ArrayList<>(
                                item.lines().subList(0, item.lines().size() - h[i]));
                        lines.add("(" + h[i] + " more line" + (h[i] == 1 ? "" : "s") + ")");
                        shown.add(new Item(item.head(), lines));
                    }
                }
                current = shown;
            }
            texts.put(s.name(), new PromptSection(s.name(), s.kind(), current, s.separator()).text());
        }
        return texts;
    }

    /** Trims one unit by the priority; null when nothing is left to trim. */
    private static @Nullable String trimOnce(
            Map<String, PromptSection> byName, Map<String, List<Item>> items, Map<String, int[]> hidden) {
        for (PromptSection s : byName.values()) {
            List<Item> current = Objects.requireNonNull(items.get(s.name()));
            if (s.kind() == Kind.EXAMPLES && !current.isEmpty()) {
                current.remove(current.size() - 1);
                return "dropped example " + (current.size() + 1) + " of section '" + s.name() + "'";
            }
        }
        @Nullable String longestSection = null;
        int longestItem = -1;
        int longestShown = 0;
        for (PromptSection s : byName.values()) {
            if (s.kind() != Kind.EVIDENCE) {
                continue;
            }
            List<Item> current = Objects.requireNonNull(items.get(s.name()));
            int[] h = Objects.requireNonNull(hidden.get(s.name()));
            for (int i = 0; i < current.size(); i++) {
                int shown = current.get(i).lines().size() - h[i];
                if (shown > longestShown) {
                    longestShown = shown;
                    longestSection = s.name();
                    longestItem = i;
                }
            }
        }
        if (longestSection != null) {
            Objects.requireNonNull(hidden.get(longestSection))[longestItem]++;
            return "dropped a line of preview " + (longestItem + 1) + " of section '" + longestSection + "'";
        }
        for (PromptSection s : byName.values()) {
            List<Item> current = Objects.requireNonNull(items.get(s.name()));
            if (s.kind() != Kind.TOOLS) {
                continue;
            }
            for (int i = current.size() - 1; i >= 0; i--) {
                Item item = current.get(i);
                if (!item.lines().isEmpty()) {
                    current.set(i, new Item(item.head(), List.of()));
                    return "dropped the description of '" + item.head() + "' in section '" + s.name() + "'";
                }
            }
        }
        return null;
    }
}
