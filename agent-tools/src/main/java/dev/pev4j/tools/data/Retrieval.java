package dev.pev4j.tools.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What DataOps tells a Tool RAG selector besides its tools' descriptions: words users say for each tool (synonyms,
 * pandas and SQL names, from the resource {@code retrieval-words-v1.txt}), and the tools a plan using a tool needs
 * too. Stateless.
 */
final class Retrieval {

    private Retrieval() {}

    /** The tools that read a table; every other tool takes one, so it needs a read first. */
    private static final Set<String> READERS = Set.of("read_csv", "read_json");

    static final Map<String, String> TEXT = words(Resources.text("retrieval-words-v1.txt"));

    static final Map<String, List<String>> DEPENDENCIES = dependencies();

    /** {@code tool: words} lines; blank lines and lines starting with {@code #} are skipped. */
    private static Map<String, String> words(String resource) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String line : resource.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new IllegalStateException("retrieval words: line '" + line + "' is not 'tool: words'");
            }
            String tool = line.substring(0, colon);
            if (words.put(tool, line.substring(colon + 2)) != null) {
                throw new IllegalStateException("retrieval words: tool '" + tool + "' has two lines");
            }
        }
        return Map.copyOf(words);
    }

    /** read_csv (the usual read; read_json is ranked) for every tool that takes a table, and a few more needs. */
    private static Map<String, List<String>> dependencies() {
        Map<String, List<String>> needs = new HashMap<>();
        for (String tool : TEXT.keySet()) {
            if (!READERS.contains(tool)) {
                needs.put(tool, new ArrayList<>(List.of("read_csv")));
            }
        }
        // parts come from a date column; CSV dates are text
        Objects.requireNonNull(needs.get("dt_part")).add("to_datetime");
        // a moving window runs over rows in time order
        Objects.requireNonNull(needs.get("rolling")).add("sort_values");
        // zones apply to date columns
        Objects.requireNonNull(needs.get("dt_tz_localize")).add("to_datetime");
        Objects.requireNonNull(needs.get("dt_tz_convert")).add("to_datetime");
        Map<String, List<String>> copy = new HashMap<>();
        needs.forEach((tool, list) -> copy.put(tool, List.copyOf(list)));
        return Map.copyOf(copy);
    }
}
