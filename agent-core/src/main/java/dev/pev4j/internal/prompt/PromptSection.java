package dev.pev4j.internal.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named part of a prompt, made of whole items that are kept, shortened or dropped as units. Immutable and
 * thread-safe.
 *
 * @param name the name the layout finds the section's text by
 * @param kind how the section may be trimmed
 * @param items the items, in prompt order
 * @param separator what goes between two items
 */
public record PromptSection(String name, Kind kind, List<Item> items, String separator) {

    /** How a section may be trimmed, in the order {@link PromptFitter} trims them. */
    public enum Kind {
        /** Examples: whole examples are dropped, the last first. Trimmed first. */
        EXAMPLES,
        /** Evidence previews: lines are dropped from the end of the longest preview, its head kept. Trimmed second. */
        EVIDENCE,
        /** Tools: descriptions are dropped, the last tool's first; signatures (the heads) are kept. Trimmed third. */
        TOOLS,
        /** Never trimmed: the task, the output format, feedback. */
        FIXED
    }

    /**
     * One item: a head that stays as long as the item does (a tool's signature, a preview's first line, an example)
     * and lines that may go (a description, preview rows).
     */
    public record Item(String head, List<String> lines) {
        public Item {
            Objects.requireNonNull(head, "head == null");
            lines = List.copyOf(lines);
        }

        /** The item as it appears in the prompt: the head, then each line on a line of its own. */
        public String text() {
            return lines.isEmpty() ? head : head + "\n" + String.join("\n", lines);
        }
    }

    public PromptSection {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(kind, "kind == null");
        items = List.copyOf(items);
        Objects.requireNonNull(separator, "separator == null");
    }

    /** A section that is never trimmed. */
    public static PromptSection fixed(String name, String text) {
        return new PromptSection(name, Kind.FIXED, List.of(new Item(text, List.of())), "");
    }

    /** Examples separated by {@code separator}; each is dropped whole. */
    public static PromptSection examples(String name, List<String> examples, String separator) {
        List<Item> items = new ArrayList<>();
        for (String e : examples) {
            items.add(new Item(e, List.of()));
        }
        return new PromptSection(name, Kind.EXAMPLES, items, separator);
    }

    /**
     * Evidence previews, one per item, separated by {@code separator}: each preview's first line is its head and the
     * rest its lines, so shortening keeps the first line and drops whole lines after it.
     */
    public static PromptSection evidence(String name, List<String> previews, String separator) {
        List<Item> items = new ArrayList<>();
        for (String p : previews) {
            items.add(headAndLines(p));
        }
        return new PromptSection(name, Kind.EVIDENCE, items, separator);
    }

    /**
     * Tools as a registry renders them: a line that starts without whitespace is a tool's signature, the indented
     * lines after it its description. Blank lines are dropped.
     */
    public static PromptSection tools(String name, String rendered) {
        List<Item> items = new ArrayList<>();
        String head = null;
        List<String> lines = new ArrayList<>();
        for (String line : rendered.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (head != null) {
                    items.add(new Item(head, lines));
                }
                head = line;
                lines = new ArrayList<>();
            } else if (head == null) {
                head = line;
            } else {
                lines.add(line);
            }
        }
        if (head != null) {
            items.add(new Item(head, lines));
        }
        return new PromptSection(name, Kind.TOOLS, items, "\n");
    }

    private static Item headAndLines(String text) {
        String[] lines = text.split("\n", -1);
        return new Item(lines[0], List.of(lines).subList(1, lines.length));
    }

    /** The section as it appears in the prompt. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(items.get(i).text());
        }
        return b.toString();
    }
}
