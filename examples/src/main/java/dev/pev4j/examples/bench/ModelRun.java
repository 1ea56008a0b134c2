package dev.pev4j.examples.bench;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.llamacpp.LlamaCppLlm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model half of {@link LlamaBenchmark}, run in a fresh JVM so that only loading and running the model count in its
 * peak resident memory. Prints {@code name=value} lines on its standard output; before each timed decode and after the
 * last it prints {@code sync=bandwidth} and waits for a line on standard input, while the parent measures the memory
 * bandwidth with this process idle. Not thread-safe.
 */
final class ModelRun {

    static final String SYNC = "sync=bandwidth";
    private static final int DECODE_TOKENS = 64;

    private final PrintStream out;
    private final BufferedReader in;

    private ModelRun(PrintStream out, BufferedReader in) {
        this.out = out;
        this.in = in;
    }

    /** Arguments: model file, threads, repetitions, batch size, context size. */
    static void runChild(String[] args) throws Exception {
        // The native library's loader prints on standard output; only name=value lines belong there.
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new ModelRun(out, in)
                .run(
                        Path.of(args[0]),
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
    }

    private void run(Path file, int threads, int reps, int batch, int context) throws Exception {
        long baselineRss = procStatus("VmRSS");
        List<Double> promptRates = new ArrayList<>();
        List<Double> reuseRatios = new ArrayList<>();
        List<Double> decodeRates = new ArrayList<>();
        int promptTokens = 0;
        try (LlamaCppLlm llm = open(file, threads, batch, context)) {
            chat(llm, "warm up", "hello", 2); // first touch of the mapped weights, not measured
            for (int r = 0; r < reps; r++) {
                String prefix = longPrefix(r);
                long cold = chat(llm, prefix, "Task: total the sales of region north.", 1);
                promptTokens = last.usage().inputTokens();
                long warm = chat(llm, prefix, "Task: count the orders of region south.", 1);
                promptRates.add(promptTokens / (cold / 1e9));
                reuseRatios.add((double) warm / cold);
                sync();
                decodeRates.add(decodeRate(llm, r));
            }
            sync();
            print("prompt_tokens", promptTokens);
            print("prompt_tok_per_s", LlamaBenchmark.format(LlamaBenchmark.median(promptRates)));
            print("decode_passes_tok_per_s", LlamaBenchmark.join(decodeRates));
            print("decode_tok_per_s", LlamaBenchmark.format(LlamaBenchmark.median(decodeRates)));
            print("prefix_reuse_prompt_time_ratio", LlamaBenchmark.format(LlamaBenchmark.median(reuseRatios)));
            print("jvm_baseline_rss_bytes", baselineRss);
            print("peak_rss_bytes", procStatus("VmHWM"));
            print("rss_file_bytes", procStatus("RssFile"));
            print("rss_anon_bytes", procStatus("RssAnon"));
            Runtime rt = Runtime.getRuntime();
            print("java_heap_committed_bytes", rt.totalMemory());
        }
        if (threads > 1) {
            // Decode with one thread: near the same speed means memory-bound, near 1/threads compute-bound.
            List<Double> oneThread = new ArrayList<>();
            try (LlamaCppLlm llm = open(file, 1, batch, context)) {
                chat(llm, "warm up", "hello", 2);
                for (int r = 0; r < reps; r++) {
                    oneThread.add(decodeRate(llm, r));
                }
            }
            print("decode_1_thread_passes_tok_per_s", LlamaBenchmark.join(oneThread));
            print("decode_1_thread_tok_per_s", LlamaBenchmark.format(LlamaBenchmark.median(oneThread)));
        }
    }

    private static LlamaCppLlm open(Path file, int threads, int batch, int context) {
        return LlamaCppLlm.builder()
                .modelFile(file)
                .threads(threads)
                .contextSize(context)
                .batchSize(batch)
                .build();
    }

    /** Tokens per second of decoding alone: a 64-token reply minus a 1-token reply to the same cached prompt. */
    private double decodeRate(LlamaCppLlm llm, int r) {
        String shortPrompt = "Write a long story. #" + r;
        chat(llm, "Be verbose.", shortPrompt, 1); // caches the prompt for both timed calls
        long one = chat(llm, "Be verbose.", shortPrompt, 1);
        long many = chat(llm, "Be verbose.", shortPrompt, DECODE_TOKENS);
        int generated = last.usage().outputTokens();
        return (generated - 1) / ((many - one) / 1e9);
    }

    private void sync() throws IOException {
        out.println(SYNC);
        if (in.readLine() == null) {
            throw new IOException("the parent closed the bandwidth handshake");
        }
    }

    private LlmResponse last = new LlmResponse("", dev.pev4j.llm.TokenUsage.ZERO, LlmResponse.FinishReason.STOP);

    /** Nanoseconds of one call; its reply goes to {@link #last}. */
    private long chat(LlamaCppLlm llm, String system, String user, int maxTokens) {
        LlmRequest request = LlmRequest.builder()
                .system(system)
                .user(user)
                .maxTokens(maxTokens)
                .temperature(0)
                .seed(1)
                .build();
        long start = System.nanoTime();
        last = llm.chat(request);
        return System.nanoTime() - start;
    }

    /** About 450 tokens of planner-like system prompt, different from the first character on for each {@code r}. */
    private static String longPrefix(int r) {
        StringBuilder b = new StringBuilder("Run ").append(r).append(". You are a planner. Tools:\n");
        String[] tools = {
            "load_csv(path: string) -> table",
            "filter(table, expr: string) -> table",
            "group_by(table, columns: list) -> table",
            "sum(table, column: string) -> number",
            "count(table) -> number",
            "join(left, right, on: string) -> table"
        };
        while (b.length() < 450) {
            for (String t : tools) {
                b.append("- ").append(t).append('\n');
            }
        }
        return b.toString();
    }

    /** A value in bytes from /proc/self/status, such as VmHWM (peak resident) or VmRSS; -1 where there is none. */
    static long procStatus(String key) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+", -1);
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private void print(String name, Object value) {
        out.println(name + "=" + value);
    }
}
