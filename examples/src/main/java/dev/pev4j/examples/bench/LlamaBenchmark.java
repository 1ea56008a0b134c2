package dev.pev4j.examples.bench;

import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.llm.llamacpp.LlamaCppLlm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the in-process llama.cpp runtime on a random-weight model with the shape of Qwen2.5-0.5B at Q8_0, generated
 * into a temporary directory and deleted afterwards. Prints {@code name=value} lines: prompt and decode speed, the
 * memory bandwidth measured in the same run, decode speed over the bandwidth bound, the time of a prompt whose long
 * prefix is cached over the same prompt computed whole, and peak resident memory over the model file's size.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.LlamaBenchmark [threads] [repetitions] [batchSize]
 * </pre>
 *
 * <p>Medians over the repetitions (default 3). The batch size (default 128) bounds llama.cpp's per-step working memory,
 * which for this vocabulary is about 300 MiB at llama.cpp's own default of 512. Run it on a quiet machine: other processes skew every number.
 */
public final class LlamaBenchmark {

    private static final int DECODE_TOKENS = 64;
    private static final long BANDWIDTH_BYTES = 1L << 30;

    private LlamaBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // llama.cpp's native thread keeps the JVM alive otherwise (de.kherud:llama issue 116).
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        long baselineRss = procStatus("VmRSS");
        long baselineHwm = procStatus("VmHWM");
        Path dir = Files.createTempDirectory("pev4j-llama-bench");
        Path file = dir.resolve("random-qwen2.5-0.5b-q8_0.gguf");
        try {
            long t0 = System.nanoTime();
            long bytesPerToken = QwenShapeModel.write(file, 42L);
            long fileSize = Files.size(file);
            print("model", "random weights, Qwen2.5-0.5B shape, Q8_0");
            print("model_file_bytes", fileSize);
            print("model_write_s", seconds(System.nanoTime() - t0));
            print("threads", threads);
            print("batch_size", batch);

            List<Double> promptRates = new ArrayList<>();
            List<Double> reuseRatios = new ArrayList<>();
            List<Double> decodeRates = new ArrayList<>();
            int promptTokens = 0;
            long hwm;
            try (LlamaCppLlm llm = LlamaCppLlm.builder().modelFile(file).threads(threads).contextSize(2048)
                    .batchSize(batch).build()) {
                chat(llm, "warm up", "hello", 2); // first touch of the mapped weights, not measured
                for (int r = 0; r < reps; r++) {
                    String prefix = longPrefix(r);
                    long cold = chat(llm, prefix, "Task: total the sales of region north.", 1);
                    LlmResponse coldReply = last;
                    long warm = chat(llm, prefix, "Task: count the orders of region south.", 1);
                    promptTokens = coldReply.usage().inputTokens();
                    promptRates.add(promptTokens / (cold / 1e9));
                    reuseRatios.add((double) warm / cold);

                    String shortPrompt = "Write a long story. #" + r;
                    chat(llm, "Be verbose.", shortPrompt, 1); // caches the prompt for both timed calls
                    long one = chat(llm, "Be verbose.", shortPrompt, 1);
                    long many = chat(llm, "Be verbose.", shortPrompt, DECODE_TOKENS);
                    int generated = last.usage().outputTokens();
                    if (generated > 1) {
                        decodeRates.add((generated - 1) / ((many - one) / 1e9));
                    }
                }
                hwm = procStatus("VmHWM");
            }
            double bandwidth = bandwidthGBps(threads, 7);
            double decode = median(decodeRates);
            double bound = bandwidth * 1e9 / bytesPerToken;
            print("prompt_tokens", promptTokens);
            print("prompt_tok_per_s", format(median(promptRates)));
            print("decode_tok_per_s", format(decode));
            print("bandwidth_gb_per_s", format(bandwidth));
            print("bytes_per_token", bytesPerToken);
            print("decode_bound_tok_per_s", format(bound));
            print("decode_over_bandwidth_bound", format(decode / bound));
            print("prefix_reuse_prompt_time_ratio", format(median(reuseRatios)));
            print("jvm_baseline_rss_bytes", baselineRss);
            print("jvm_baseline_hwm_bytes", baselineHwm);
            print("peak_rss_bytes", hwm);
            print("rss_over_model_file", format((double) hwm / fileSize));
            print("rss_minus_jvm_baseline_over_model_file", format((double) (hwm - baselineRss) / fileSize));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static LlmResponse last = new LlmResponse("", TokenUsage.ZERO, LlmResponse.FinishReason.STOP);

    /** Nanoseconds of one call; its reply goes to {@link #last}. */
    private static long chat(LlamaCppLlm llm, String system, String user, int maxTokens) {
        LlmRequest request = LlmRequest.builder().system(system).user(user).maxTokens(maxTokens).temperature(0)
                .seed(1).build();
        long start = System.nanoTime();
        last = llm.chat(request);
        return System.nanoTime() - start;
    }

    /** About 450 tokens of planner-like system prompt, different from the first character on for each {@code r}. */
    private static String longPrefix(int r) {
        StringBuilder b = new StringBuilder("Run ").append(r).append(". You are a planner. Tools:\n");
        String[] tools = {"load_csv(path: string) -> table", "filter(table, expr: string) -> table",
            "group_by(table, columns: list) -> table", "sum(table, column: string) -> number",
            "count(table) -> number", "join(left, right, on: string) -> table"};
        while (b.length() < 450) {
            for (String t : tools) {
                b.append("- ").append(t).append('\n');
            }
        }
        return b.toString();
    }

    /** Median GB/s of streaming reads, one long[] per thread, {@value #BANDWIDTH_BYTES} bytes in all per pass. */
    private static double bandwidthGBps(int threads, int passes) throws Exception {
        int perThread = (int) (BANDWIDTH_BYTES / 8 / threads);
        long[][] arrays = new long[threads][];
        for (int t = 0; t < threads; t++) {
            arrays[t] = new long[perThread];
            // Distinct values: pages of one repeated value could be merged by the host and read from cache.
            long x = 0x9E3779B97F4A7C15L * (t + 1);
            for (int i = 0; i < perThread; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                arrays[t][i] = x;
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Double> rates = new ArrayList<>();
            long sink = 0;
            for (int p = 0; p < passes + 2; p++) {
                List<Callable<Long>> tasks = new ArrayList<>();
                for (long[] a : arrays) {
                    tasks.add(() -> sum(a));
                }
                long start = System.nanoTime();
                for (Future<Long> f : pool.invokeAll(tasks)) {
                    sink += f.get();
                }
                long elapsed = System.nanoTime() - start;
                if (p >= 2) { // two warm-up passes for the JIT
                    rates.add((double) perThread * 8 * threads / elapsed);
                }
            }
            if (sink == 42) {
                print("sink", sink);
            }
            List<String> shown = new ArrayList<>();
            for (double r : rates) {
                shown.add(format(r));
            }
            print("bandwidth_passes_gb_per_s", String.join(",", shown));
            return median(rates);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long sum(long[] a) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        for (int i = 0; i + 3 < a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        return s0 + s1 + s2 + s3;
    }

    /** A value in bytes from /proc/self/status, such as VmHWM (peak resident) or VmRSS; -1 where there is none. */
    private static long procStatus(String key) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String seconds(long nanos) {
        return format(nanos / 1e9);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
