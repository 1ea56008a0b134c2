package dev.pev4j.tools.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a three-task suite over a four-row sales file into a folder; expected answers worked out by hand. */
final class MiniSuite {

    static final String ROWS_PLAN = "#E1 = read_csv(\"sales.csv\")\n#E2 = shape(#E1)\nCriteria:\n- len(#E2) == 2\n";
    static final String TOP_PLAN = "#E1 = read_csv(\"sales.csv\")\n"
            + "#E2 = groupby_agg(#E1, [\"region\"], {\"revenue\": [\"sum\"]})\n"
            + "#E3 = nlargest(#E2, 1, [\"revenue_sum\"])\nCriteria:\n- rows(#E3) == 1\n";
    static final String BIG_PLAN =
            "#E1 = read_csv(\"sales.csv\")\n#E2 = filter(#E1, \"revenue > 10\")\n" + "Criteria:\n- not_empty(#E2)\n";

    private MiniSuite() {}

    static Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data/sales.csv"), "region,revenue\nNorth,12\nSouth,5\nNorth,8\nEast,11\n");
            String suite = """
                    {"name": "mini", "description": "three tasks",
                     "tasks": [
                      {"id": "rows", "category": "lookup", "task": "How many rows does sales.csv have?",
                       "files": ["data/sales.csv"], "reference_plan": %s, "tools": ["read_csv", "shape"],
                       "expected": {"kind": "number", "value": 4, "index": 0}, "computed_with": "by hand"},
                      {"id": "top", "category": "top-n", "task": "Which region has the highest total revenue?",
                       "files": ["data/sales.csv"], "reference_plan": %s,
                       "expected": {"kind": "set", "values": ["North"], "column": "region"}},
                      {"id": "big", "category": "filter", "task": "Which sales were above 10?",
                       "files": ["data/sales.csv"], "reference_plan": %s,
                       "expected": {"kind": "table", "columns": ["region", "revenue"],
                                    "rows": [["East", 11], ["North", 12]], "ordered": false}}]}
                    """.formatted(quote(ROWS_PLAN), quote(TOP_PLAN), quote(BIG_PLAN));
            Path file = dir.resolve("suite.json");
            Files.writeString(file, suite);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
