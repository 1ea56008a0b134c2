package dev.pev4j.tools.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.pev4j.internal.Checks;
import dev.pev4j.spi.ToolSelector;
import dev.pev4j.spi.Toolkit;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tool RAG: shows the planner the {@link Builder#topK top k} tools whose descriptions are most similar to the task
 * (cosine similarity of sentence embeddings, at least {@link Builder#minScore}), the tools their toolkits mark
 * {@linkplain Toolkit#alwaysOnTools() always on}, and the tools the chosen ones {@linkplain Toolkit#toolDependencies()
 * depend on}; and, among the worked examples whose tools were all chosen, the most similar to the task.
 *
 * <p>Each tool is embedded once per registry (its name, description and parameter descriptions, and separately the
 * {@linkplain Toolkit#retrievalText() retrieval text} its toolkit gives, such as pandas names; a tool scores the
 * better of the two), examples once per text; a task costs one embedding. The default model is the quantized
 * all-MiniLM-L6-v2 that ships inside a Maven artifact and runs in-process on ONNX Runtime: no download, no server. It
 * loads (about a second) on first use and is shared by every {@code ToolRag} that does not get a model of its own.
 *
 * <pre>{@code
 * Agent agent = Agent.builder().llm(llm).tools(dataOps, files)
 *         .toolSelector(ToolRag.builder().topK(10).minScore(0.15).build())
 *         .build();
 * }</pre>
 *
 * <p>The agent uses a {@code ToolRag} by default (found on the class path) for registries of more than
 * {@link #DEFAULT_MIN_TOOLS} tools. Thread-safe.
 */
public final class ToolRag implements ToolSelector {

    /**
     * The default top k: the smallest measured k whose tool recall on the labelled Tool RAG set (129 tasks over 69
     * tools) reached 0.98 (0.986; k = 10 gave 0.965, k = 15 gave 1.0), at 0.30 of the full planner prompt's tokens
     * (ToolRagBenchmark).
     */
    public static final int DEFAULT_TOP_K = 15;

    /** The default least similarity a ranked tool needs (always-on, dependency and widened tools need none). */
    public static final double DEFAULT_MIN_SCORE = 0.1;

    /** The default number of examples shown. */
    public static final int DEFAULT_MAX_EXAMPLES = 2;

    /**
     * The agent selects tools by default only for registries with more tools than this. At the default k a task is
     * shown 13.8 tools on average (always-on and dependencies included, ToolRagBenchmark); with 24 tools or fewer the
     * selection would save under half of the tool list while still missing 1.4% of the needed tools, so the whole list
     * is shown.
     */
    public static final int DEFAULT_MIN_TOOLS = 24;

    private final @Nullable EmbeddingModel model;
    private final int topK;
    private final double minScore;
    private final int maxExamples;
    private final List<Example> bank;
    private final Map<ToolRegistry, Index> indexes = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, float[]> exampleVectors = new ConcurrentHashMap<>();

    /**
     * A selector with the defaults: the shared all-MiniLM-L6-v2 model, {@link #DEFAULT_TOP_K}, {@link
     * #DEFAULT_MIN_SCORE}, {@link #DEFAULT_MAX_EXAMPLES}. The agent finds it through {@link java.util.ServiceLoader}.
     */
    public ToolRag() {
        this(builder());
    }

    private ToolRag(Builder b) {
        this.model = b.model;
        this.topK = b.topK;
        this.minScore = b.minScore;
        this.maxExamples = b.maxExamples;
        this.bank = List.copyOf(b.bank);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Registries with at most this many tools get them all by default (see {@link #DEFAULT_MIN_TOOLS}). */
    @Override
    public int minTools() {
        return DEFAULT_MIN_TOOLS;
    }

    /** The top k. */
    public int topK() {
        return topK;
    }

    /** The least similarity of a ranked tool. */
    public double minScore() {
        return minScore;
    }

    @Override
    public List<ToolDescriptor> select(String task, ToolRegistry registry) {
        Selection selection = choose(task, registry, List.of(), List.of());
        List<ToolDescriptor> tools = new ArrayList<>();
        for (Scored s : selection.tools()) {
            tools.add(registry.find(s.name()).orElseThrow());
        }
        return tools;
    }

    @Override
    public Selection choose(String task, ToolRegistry registry, Collection<String> widen, List<Example> examples) {
        Objects.requireNonNull(task, "task == null");
        Index index = index(registry);
        List<float[]> queries = embedAll(queries(task));
        float[] query = queries.get(0);
        double[][] perQuery = new double[queries.size()][];
        for (int q = 0; q < perQuery.length; q++) {
            perQuery[q] = index.scores(List.of(queries.get(q)));
            index.boost(perQuery[q], task);
        }
        double[] scores = new double[index.names.size()];
        java.util.Arrays.fill(scores, -1);
        for (double[] qs : perQuery) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Math.max(scores[i], qs[i]);
            }
        }

        Map<String, Scored> chosen = new LinkedHashMap<>();
        for (String name : index.alwaysOn) {
            chosen.put(name, new Scored(name, scores[index.position(name)], Scored.Reason.ALWAYS_ON));
        }
        // Round robin over the queries (the whole task, then each clause): every query's best tool first, then
        // every query's second best, ..., until k tools are ranked, so that each step of the task finds its tool.
        Integer[][] orders = new Integer[perQuery.length][];
        for (int q = 0; q < perQuery.length; q++) {
            orders[q] = index.byScore(perQuery[q]);
        }
        Set<String> ranked = new LinkedHashSet<>();
        for (int depth = 0; depth < index.names.size() && ranked.size() < topK; depth++) {
            for (int q = 0; q < orders.length && ranked.size() < topK; q++) {
                int i = orders[q][depth];
                if (ranked.isEmpty() || perQuery[q][i] >= minScore) {
                    ranked.add(index.names.get(i));
                }
            }
        }
        List<String> rankedByScore = new ArrayList<>(ranked);
        rankedByScore.sort(Comparator.comparingDouble((String n) -> scores[index.position(n)])
                .reversed());
        for (String name : rankedByScore) {
            chosen.putIfAbsent(name, new Scored(name, scores[index.position(name)], Scored.Reason.RANKED));
        }
        for (String name : widen) {
            if (index.has(name)) {
                chosen.putIfAbsent(name, new Scored(name, scores[index.position(name)], Scored.Reason.WIDENED));
            }
        }
        // Dependency closure: the tools the chosen ones need, and the tools those need.
        List<String> todo = new ArrayList<>(chosen.keySet());
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            for (String needed : index.dependencies.getOrDefault(name, List.of())) {
                if (index.has(needed) && !chosen.containsKey(needed)) {
                    chosen.put(needed, new Scored(needed, scores[index.position(needed)], Scored.Reason.DEPENDENCY));
                    todo.add(needed);
                }
            }
        }
        boolean everything = chosen.size() == index.names.size();
        List<Example> candidates = new ArrayList<>(examples);
        candidates.addAll(bank);
        return withExamples(query, chosen, candidates, everything);
    }

    private Selection withExamples(
            float[] query, Map<String, Scored> chosen, List<Example> candidates, boolean everything) {
        record Ranked(Example example, double score, boolean fits) {}
        List<Ranked> ranked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Example example : candidates) {
            if (seen.add(example.text())) {
                float[] v = exampleVectors.computeIfAbsent(example.text(), t -> embed(example.task()));
                ranked.add(new Ranked(example, cosine(query, v), chosen.keySet().containsAll(example.tools())));
            }
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        List<Ranked> fitting =
                ranked.stream().filter(Ranked::fits).limit(maxExamples).toList();
        if (fitting.isEmpty()) {
            // No example uses only chosen tools: the nearest one still shows the form of a plan.
            fitting = ranked.stream().limit(Math.min(1, maxExamples)).toList();
        }
        List<Example> shown = new ArrayList<>();
        List<Scored> scores = new ArrayList<>();
        for (Ranked r : fitting) {
            shown.add(r.example());
            scores.add(new Scored(r.example().task(), r.score(), Scored.Reason.EXAMPLE));
        }
        return new Selection(List.copyOf(chosen.values()), shown, scores, everything);
    }

    /** The unselected tools nearest to {@code text} by embedding, best first. */
    @Override
    public List<Scored> nearest(String text, ToolRegistry registry, Set<String> exclude, int limit) {
        Index index = index(registry);
        double[] scores = index.scores(List.of(embed(words(text))));
        List<Scored> near = new ArrayList<>();
        for (Integer i : index.byScore(scores)) {
            if (near.size() == limit) {
                break;
            }
            String name = index.names.get(i);
            if (!exclude.contains(name)) {
                near.add(new Scored(name, scores[i], Scored.Reason.WIDENED));
            }
        }
        return near;
    }

    /** Loads the embedding model now (the default model takes about a second), so the first task is not slowed. */
    public ToolRag warmUp() {
        embed("warm up");
        return this;
    }

    @Override
    public String toString() {
        return "ToolRag[topK=" + topK + ", minScore=" + minScore + ", maxExamples=" + maxExamples + ", model="
                + (model == null
                        ? "all-MiniLM-L6-v2 (quantized, ONNX)"
                        : model.getClass().getSimpleName()) + "]";
    }

    private EmbeddingModel model() {
        return model != null ? model : DefaultModel.INSTANCE;
    }

    private float[] embed(String text) {
        return normalized(model().embed(text).content().vector());
    }

    private List<float[]> embedAll(List<String> texts) {
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> normalized(e.vector()))
                .toList();
    }

    /**
     * The texts a task is matched by: the whole task, then each of its clauses of two words or more (split at
     * punctuation and at "and", "then", "with"), so that each step of a many-step task finds its tool.
     */
    static List<String> queries(String task) {
        Set<String> queries = new LinkedHashSet<>();
        queries.add(task.strip());
        for (String clause : CLAUSES.split(task, -1)) {
            String c = clause.strip();
            if (c.split("\\s+").length >= 2) {
                queries.add(c);
            }
        }
        return List.copyOf(queries);
    }

    private static final java.util.regex.Pattern CLAUSES =
            java.util.regex.Pattern.compile("[,;:?!()]|\\.(?=\\s|$)|\\s(?:and|then|with|so that|but)\\s|\\s[-—]\\s");

    private Index index(ToolRegistry registry) {
        Index index = indexes.get(registry);
        if (index == null) {
            index = new Index(registry, model());
            indexes.put(registry, index);
        }
        return index;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    /** {@code write_csv} → {@code write csv}: embedding models read words. */
    static String words(String name) {
        return name.replace('_', ' ');
    }

    /** The embeddings and toolkit declarations of one registry. */
    private static final class Index {
        final List<String> names;
        final Map<String, Integer> positions = new HashMap<>();
        /** Per tool: its description's vector, then one per phrase of its retrieval text. */
        final List<List<float[]>> vectors = new ArrayList<>();

        final Set<String> alwaysOn = new LinkedHashSet<>();
        final Map<String, List<String>> dependencies = new HashMap<>();

        Index(ToolRegistry registry, EmbeddingModel model) {
            this.names = registry.names();
            Map<String, String> retrieval = new HashMap<>();
            for (Object object : registry.toolObjects()) {
                if (object instanceof Toolkit toolkit) {
                    alwaysOn.addAll(toolkit.alwaysOnTools());
                    toolkit.toolDependencies()
                            .forEach((tool, needed) -> dependencies.merge(tool, List.copyOf(needed), (a, b) -> {
                                List<String> all = new ArrayList<>(a);
                                all.addAll(b);
                                return all;
                            }));
                    toolkit.retrievalText()
                            .forEach((tool, text) -> retrieval.merge(tool, text, (a, b) -> a + "; " + b));
                }
            }
            alwaysOn.retainAll(names);
            List<TextSegment> texts = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                ToolDescriptor tool = registry.tools().get(i);
                positions.put(tool.name(), i);
                vectors.add(new ArrayList<>());
                texts.add(TextSegment.from(document(tool)));
                owner.add(i);
                texts.add(TextSegment.from(words(tool.name())));
                owner.add(i);
                for (String phrase : retrieval.getOrDefault(tool.name(), "").split("[,;]", -1)) {
                    if (!phrase.isBlank()) {
                        texts.add(TextSegment.from(phrase.strip()));
                        owner.add(i);
                    }
                }
            }
            List<dev.langchain4j.data.embedding.Embedding> embedded =
                    model.embedAll(texts).content();
            for (int j = 0; j < embedded.size(); j++) {
                vectors.get(owner.get(j)).add(normalized(embedded.get(j).vector()));
            }
        }

        private static String document(ToolDescriptor tool) {
            StringBuilder text =
                    new StringBuilder(words(tool.name())).append(": ").append(tool.description());
            for (ToolParameter p : tool.parameters()) {
                if (!p.description().isBlank()) {
                    text.append(' ')
                            .append(words(p.name()))
                            .append(": ")
                            .append(p.description())
                            .append('.');
                }
            }
            return text.toString();
        }

        boolean has(String name) {
            return positions.containsKey(name);
        }

        int position(String name) {
            return Objects.requireNonNull(positions.get(name), name);
        }

        /**
         * Adds to each tool's score {@value #LEXICAL} times the share of its name's words that the task spells out
         * (by their first five letters: "filtered" finds {@code filter}, "sorted" {@code sort_values}).
         */
        void boost(double[] scores, String task) {
            Set<String> stems = new java.util.HashSet<>();
            for (String word : task.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+", -1)) {
                if (word.length() >= 3) {
                    stems.add(word.substring(0, Math.min(5, word.length())));
                }
            }
            for (int i = 0; i < scores.length; i++) {
                String[] parts = names.get(i).toLowerCase(java.util.Locale.ROOT).split("_", -1);
                int hit = 0;
                for (String part : parts) {
                    if (part.length() >= 3 && stems.contains(part.substring(0, Math.min(5, part.length())))) {
                        hit++;
                    }
                }
                scores[i] += LEXICAL * hit / parts.length;
            }
        }

        /** Weight of the name-words boost. */
        static final double LEXICAL = 0.15;

        /** Per tool, the best similarity of any query to any of its texts. */
        double[] scores(List<float[]> queries) {
            double[] scores = new double[names.size()];
            java.util.Arrays.fill(scores, -1);
            for (int i = 0; i < scores.length; i++) {
                for (float[] v : vectors.get(i)) {
                    for (float[] q : queries) {
                        scores[i] = Math.max(scores[i], cosine(q, v));
                    }
                }
            }
            return scores;
        }

        Integer[] byScore(double[] scores) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            return order;
        }
    }

    /** The shared default model, loaded on first use. */
    private static final class DefaultModel {
        static final EmbeddingModel INSTANCE =
                new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** Configures a {@link ToolRag}. Not thread-safe. */
    public static final class Builder {
        private @Nullable EmbeddingModel model;
        private int topK = DEFAULT_TOP_K;
        private double minScore = DEFAULT_MIN_SCORE;
        private int maxExamples = DEFAULT_MAX_EXAMPLES;
        private final List<Example> bank = new ArrayList<>();

        private Builder() {}

        /** The model that embeds tools, examples and tasks; the shared quantized all-MiniLM-L6-v2 by default. */
        public Builder embeddingModel(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "model == null");
            return this;
        }

        /** How many of the most similar tools to show; {@link #DEFAULT_TOP_K} by default. */
        public Builder topK(int topK) {
            Checks.atLeast("topK", topK, 1);
            this.topK = topK;
            return this;
        }

        /**
         * The least cosine similarity (-1 to 1) a ranked tool needs, the best one excepted; {@link #DEFAULT_MIN_SCORE}
         * by default.
         */
        public Builder minScore(double minScore) {
            if (!(minScore >= -1 && minScore <= 1)) {
                throw new IllegalArgumentException("minScore must be within [-1, 1] but was " + minScore);
            }
            this.minScore = minScore;
            return this;
        }

        /** How many examples to show; {@link #DEFAULT_MAX_EXAMPLES} by default, 0 for none. */
        public Builder maxExamples(int maxExamples) {
            Checks.atLeast("maxExamples", maxExamples, 0);
            this.maxExamples = maxExamples;
            return this;
        }

        /**
         * Adds the user's own worked examples to choose from, in the form of {@link Toolkit#examples()}: a
         * {@code Task:} line, a plan and criteria per example, examples separated by a blank line.
         */
        public Builder exampleBank(String examples) {
            Objects.requireNonNull(examples, "examples == null");
            if (!examples.isBlank()) {
                bank.addAll(Example.parseAll(examples));
            }
            return this;
        }

        public ToolRag build() {
            return new ToolRag(this);
        }
    }
}
