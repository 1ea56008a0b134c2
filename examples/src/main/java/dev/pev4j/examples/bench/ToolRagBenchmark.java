package dev.pev4j.examples.bench;

import dev.pev4j.agent.Agent;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.tool.ToolRegistry;
import dev.pev4j.tools.rag.LabelledTasks;
import dev.pev4j.tools.rag.ToolRag;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tool RAG on the labelled set (129 hand-written tasks over 69 tools: DataOps and agent-tools' file/text and calendar
 * test fixtures, each task with the tools a correct plan calls): the share of needed tools the selector shows at
 * {@code k} (default {@link ToolRag#DEFAULT_TOP_K}), the planner prompt's tokens with the selection over those with
 * every tool (both counted with the cl100k_base tokenizer over the planner's real request: system and user message,
 * the template's tokens included), and the selection's time per task after a warm-up pass (wall time, and the
 * process's CPU time over the same calls, which a loaded machine does not inflate). The embedding model is the
 * default in-process all-MiniLM-L6-v2 (quantized, ONNX Runtime). Prints {@code name=value} lines, then a line per
 * task that missed a tool.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.ToolRagBenchmark [k ...]
 * </pre>
 */
public final class ToolRagBenchmark {

    private ToolRagBenchmark() {}

    /** A model that is never called: the planner only writes requests here. */
    private static final LocalLlm NO_MODEL = new LocalLlm() {
        @Override
        public LlmResponse generate(LlmRequest request) {
            throw new UnsupportedOperationException("the Tool RAG benchmark only writes requests");
        }

        @Override
        public String name() {
            return "none";
        }
    };

    public static void main(String[] args) throws IOException {
        List<Integer> ks = new ArrayList<>();
        for (String arg : args) {
            ks.add(Integer.parseInt(arg));
        }
        if (ks.isEmpty()) {
            ks.add(ToolRag.DEFAULT_TOP_K);
        }
        Path dir = Files.createTempDirectory("pev4j-toolrag-bench");
        try {
            List<Object> objects = LabelledTasks.toolObjects(dir);
            ToolRegistry registry = ToolRegistry.of(objects.toArray());
            List<LabelledTasks.Task> tasks = LabelledTasks.all();
            System.out.println("tools=" + registry.tools().size());
            System.out.println("tasks=" + tasks.size());
            for (int k : ks) {
                run(objects, tasks, ToolRag.builder().topK(k).build(), k, System.out);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.exit(0); // ONNX Runtime's threads must not keep the JVM alive
    }

    /** An agent that shows the planner {@code objects}' tools as {@code selector} chooses them; it never runs. */
    private static Agent agent(List<Object> objects, ToolSelector selector) {
        return Agent.builder()
                .llm(NO_MODEL)
                .tools(objects.toArray())
                .toolSelector(selector)
                .toolSelection(true)
                .build();
    }

    static void run(List<Object> objects, List<LabelledTasks.Task> tasks, ToolRag rag, int k, PrintStream out) {
        Agent full = agent(objects, ToolSelector.all());
        Agent selected = agent(objects, rag);
        // Warm-up: loads the model, embeds the tools and examples once, and gives the JIT a pass.
        for (LabelledTasks.Task task : tasks) {
            selected.toolsFor(task.text());
        }
        int needed = 0;
        int shown = 0;
        int complete = 0;
        long toolsShown = 0;
        long examplesShown = 0;
        long tokensFull = 0;
        long tokensSelected = 0;
        long nanos = 0;
        long cpuNanos = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<String> misses = new ArrayList<>();
        for (LabelledTasks.Task task : tasks) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            ToolSelector.Selection selection = selected.toolsFor(task.text());
            nanos += System.nanoTime() - t0;
            cpuNanos += os.getProcessCpuTime() - c0;
            Set<String> names = Set.copyOf(selection.toolNames());
            toolsShown += names.size();
            examplesShown += selection.examples().size();
            List<String> missing = task.tools().stream()
                    .filter(t -> !names.contains(t))
                    .sorted()
                    .toList();
            needed += task.tools().size();
            shown += task.tools().size() - missing.size();
            if (missing.isEmpty()) {
                complete++;
            } else {
                misses.add("miss k=" + k + " task=\"" + task.text() + "\" missing=" + String.join(",", missing));
            }
            tokensSelected += Cl100k.INSTANCE.countChat(
                    selected.plannerRequest(task.text(), selection).messages());
            tokensFull +=
                    Cl100k.INSTANCE.countChat(full.plannerRequest(task.text()).messages());
        }
        int n = tasks.size();
        out.println("k=" + k);
        out.println("tool_recall=" + format((double) shown / needed));
        out.println("tasks_with_every_tool=" + complete + "/" + n);
        out.println("tools_shown_per_task=" + format((double) toolsShown / n));
        out.println("examples_shown_per_task=" + format((double) examplesShown / n));
        out.println("planner_prompt_tokens_full_per_task=" + format((double) tokensFull / n));
        out.println("planner_prompt_tokens_selected_per_task=" + format((double) tokensSelected / n));
        out.println("planner_prompt_tokens_selected_over_full=" + format((double) tokensSelected / tokensFull));
        out.println("tool_rag_ms_per_task=" + format(nanos / 1e6 / n));
        // CPU time of the whole process (all threads) during the selections: wall time on a loaded machine waits.
        out.println("tool_rag_cpu_ms_per_task=" + format(cpuNanos / 1e6 / n));
        out.println("load_average=" + format(os.getSystemLoadAverage()));
        out.println("tokenizer=" + Cl100k.NAME);
        misses.forEach(out::println);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
