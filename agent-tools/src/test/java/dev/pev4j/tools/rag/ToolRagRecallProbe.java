package dev.pev4j.tools.rag;

import dev.pev4j.spi.ToolSelector;
import dev.pev4j.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Prints recall and selection size per k (a probe for choosing defaults; run by hand). */
final class ToolRagRecallProbe {
    public static void main(String[] args) {
        ToolRegistry registry = ToolRegistry.of(LabelledTasks.toolObjects(Path.of(".")).toArray());
        System.out.println("tools=" + registry.tools().size());
        for (double min : new double[] {0.1}) {
            for (int k : new int[] {8, 10, 12, 15}) {
                ToolRag rag = ToolRag.builder().topK(k).minScore(min).build();
                int needed = 0, found = 0, shown = 0, full = 0;
                StringBuilder misses = new StringBuilder();
                for (LabelledTasks.Task t : LabelledTasks.all()) {
                    ToolSelector.Selection s = rag.choose(t.text(), registry, List.of(), List.of());
                    Set<String> names = Set.copyOf(s.toolNames());
                    shown += names.size();
                    boolean all = true;
                    for (String tool : t.tools()) {
                        needed++;
                        if (names.contains(tool)) { found++; } else { all = false; misses.append(" ").append(tool); }
                    }
                    if (all) full++;
                    if (!all && k == 10 && min == 0.1) System.out.println("MISS " + t.text() + " -> " + s.toolNames());
                }
                System.out.printf("min=%.2f k=%d recall=%.4f tasks_full=%d/%d avg_shown=%.1f misses=%s%n", min, k,
                        (double) found / needed, full, LabelledTasks.all().size(),
                        (double) shown / LabelledTasks.all().size(), misses.length() > 200 ? misses.substring(0, 200) : misses);
            }
        }
        System.exit(0);
    }
}
