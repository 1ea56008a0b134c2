package dev.pev4j.examples.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Measures the in-process llama.cpp runtime on a random-weight Q8_0 model of a real shape, generated into a temporary
 * directory and deleted afterwards. This process writes the model file, then runs the model in a fresh child JVM (same
 * class path) so that only the model's own memory counts in the peak resident memory reported. Prints only
 * {@code name=value} lines on standard output (the child's other output goes to standard error): prompt and decode
 * speed, the memory bandwidth, decode speed over the bandwidth bound, whether decoding is limited by compute or by
 * memory, the time of a prompt whose long prefix is cached over the same prompt computed whole, and the child's peak
 * resident memory over the model file's size.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp examples/target/pev4j.jar dev.pev4j.examples.bench.LlamaBenchmark [threads] [repetitions] [batchSize]
 *     [--shape qwen2.5-0.5b|llama-3.2-1b] [--context 1024] [--malloc-arena-max 2] [--child-jvm-opt -Xmx64m]...
 * </pre>
 *
 * <p>Medians over the repetitions (default 3). Threads default to the processors. The batch size (default 128) bounds
 * llama.cpp's per-step working memory (its logits alone take vocabulary × batch × 4 bytes), about 300 MiB for these
 * vocabularies at llama.cpp's own default of 512. The context (default 1024) holds the benchmark's prompts of about
 * 520 tokens plus 64 generated; each cell costs {@code 4 × layers × head size × key/value heads} bytes of F16
 * key/value cache (12 MiB for Qwen2.5-0.5B at 1024, 32 MiB for Llama-3.2-1B). These three are settings any user of
 * the library chooses for their own prompts; the benchmark prints the values it used. The child runs with the JVM's
 * default options and environment unless given {@code --child-jvm-opt} or {@code --malloc-arena-max} (glibc's arenas
 * per process; 2 made no measurable difference to peak memory here).
 *
 * <p>Peak memory of the child for Qwen2.5-0.5B at context 1024, batch 128 is about 684 MB: 553 MB file-backed
 * (the mapped model, 525 MB, plus the JDK's and llama.cpp's libraries) and 131 MB anonymous (the JVM's own
 * ~45 MB at start, llama.cpp's 75 MiB compute buffer and 12 MiB key/value cache, the Java heap's growth).
 *
 * <p>The bandwidth is measured by this process, with as many threads as llama.cpp uses, in passes just before each
 * timed decode and after the last, while the child waits; the median of all passes is the bound's bandwidth. Decoding
 * is also timed with one thread: {@code decode_limit=compute} when the threads speed it up by more than half of their
 * number, else {@code memory}. Run it on a quiet machine: other processes skew every number.
 */
public final class LlamaBenchmark {

    private static final Pattern NAME_VALUE = Pattern.compile("^[a-z_0-9.]+=.*");
    private static final int PASSES_PER_SYNC = 3;

    private LlamaBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            if (args.length > 0 && args[0].equals("--child")) {
                ModelRun.runChild(Arrays.copyOfRange(args, 1, args.length));
            } else {
                status = run(args);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // llama.cpp's native thread keeps the JVM alive otherwise (de.kherud:llama issue 116).
        System.exit(status);
    }

    private static int run(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> childOpts = new ArrayList<>();
        ModelShape shape = ModelShape.QWEN2_5_0_5B;
        int context = 1024;
        int arenas = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shape" -> shape = ModelShape.of(args[++i]);
                case "--context" -> context = Integer.parseInt(args[++i]);
                case "--malloc-arena-max" -> arenas = Integer.parseInt(args[++i]);
                case "--child-jvm-opt" -> childOpts.add(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        int threads = positional.size() > 0
                ? Integer.parseInt(positional.get(0))
                : Runtime.getRuntime().availableProcessors();
        int reps = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        int batch = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 128;

        Path dir = Files.createTempDirectory("pev4j-llama-bench");
        Path file = dir.resolve(shape.fileName());
        try {
            long t0 = System.nanoTime();
            long bytesPerToken = shape.write(file, 42L);
            long fileSize = Files.size(file);
            print("shape", shape.id);
            print("model", "random weights, " + shape.id + " shape, Q8_0");
            print("model_file_bytes", fileSize);
            print("model_write_s", format((System.nanoTime() - t0) / 1e9));
            print("threads", threads);
            print("batch_size", batch);
            print("context_size", context);
            print("kv_cache_bytes", shape.kvBytesPerCell() * context);
            print("child_malloc_arena_max", arenas == 0 ? "unset" : arenas);
            print("child_jvm_opts", String.join(" ", childOpts));

            List<Double> bandwidth = new ArrayList<>();
            Map<String, String> child = new LinkedHashMap<>();
            int exit;
            try (Bandwidth meter = new Bandwidth(threads)) {
                meter.warmUp(3);
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(childOpts);
                command.addAll(List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        LlamaBenchmark.class.getName(),
                        "--child",
                        file.toString(),
                        String.valueOf(threads),
                        String.valueOf(reps),
                        String.valueOf(batch),
                        String.valueOf(context)));
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
                if (arenas > 0) {
                    pb.environment().put("MALLOC_ARENA_MAX", String.valueOf(arenas));
                }
                Process process = pb.start();
                try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                        Writer toChild = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.equals(ModelRun.SYNC)) {
                            for (int p = 0; p < PASSES_PER_SYNC; p++) {
                                bandwidth.add(meter.pass());
                            }
                            toChild.write("go\n");
                            toChild.flush();
                        } else if (NAME_VALUE.matcher(line).matches()) {
                            print(line);
                            int eq = line.indexOf('=');
                            child.put(line.substring(0, eq), line.substring(eq + 1));
                        } else {
                            System.err.println(line);
                        }
                    }
                }
                exit = process.waitFor();
                if (meter.sink() == 42) {
                    print("sink", meter.sink());
                }
            }
            if (exit != 0 || !child.containsKey("decode_tok_per_s")) {
                System.err.println("the model process failed with exit status " + exit);
                return 1;
            }
            double gbps = median(bandwidth);
            double decode = Double.parseDouble(child.get("decode_tok_per_s"));
            double bound = gbps * 1e9 / bytesPerToken;
            long peak = Long.parseLong(child.get("peak_rss_bytes"));
            long baseline = Long.parseLong(child.get("jvm_baseline_rss_bytes"));
            print("bandwidth_passes_gb_per_s", join(bandwidth));
            print("bandwidth_gb_per_s", format(gbps));
            print("bytes_per_token", bytesPerToken);
            print("decode_bytes_per_s", format(decode * bytesPerToken));
            print("decode_bound_tok_per_s", format(bound));
            print("decode_over_bandwidth_bound", format(decode / bound));
            if (child.containsKey("decode_1_thread_tok_per_s")) {
                double speedup = decode / Double.parseDouble(child.get("decode_1_thread_tok_per_s"));
                print("decode_thread_speedup", format(speedup));
                print("decode_limit", speedup > 1 + (threads - 1) / 2.0 ? "compute" : "memory");
            }
            print("rss_over_model_file", format((double) peak / fileSize));
            print("rss_minus_jvm_baseline_over_model_file", format((double) (peak - baseline) / fileSize));
            return 0;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String join(List<Double> values) {
        List<String> shown = new ArrayList<>();
        for (double v : values) {
            shown.add(format(v));
        }
        return String.join(",", shown);
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void print(String name, Object value) {
        print(name + "=" + value);
    }

    private static void print(String line) {
        System.out.println(line);
    }
}
