package dev.pev4j.tools.eval;

import dev.pev4j.plan.Arg;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolParameter;
import dev.pev4j.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether two plans have isomorphic dependency graphs, as TinyAgent scores plans: a node per step labelled with its
 * tool and its literal arguments, an edge from each step to each step whose evidence it uses. {@link Mode#STRICT}
 * compares the literals, {@link Mode#RELAXED} ignores them (tool names and the graph's shape only). Evidence ids do
 * not matter, nor does the order of independent steps.
 *
 * <p>Arguments are compared by parameter name: positional arguments are named after the tool's parameters when the
 * tool is known, so {@code head(#E1, 3)} and the JSON form {@code {"table": "#E1", "n": 3}} are the same node.
 * Numbers compare by value ({@code 3} and {@code 3.0} are equal). An edge also records the argument it feeds
 * ({@code merge(left=#E1, right=#E2)} differs from {@code merge(left=#E2, right=#E1)}), so swapping two dependencies
 * breaks isomorphism even when the unlabelled graphs would still match.
 *
 * <p>The check is an exact backtracking search over label- and degree-compatible candidates, refined by the labels
 * of each node's neighbours (plans have at most a few dozen steps). Stateless and thread-safe.
 */
public final class PlanGraphs {

    /** Which node labels to compare. */
    public enum Mode {
        /** Tool and literal arguments (TinyAgent's definition). */
        STRICT,
        /** Tool only: the literals may differ. */
        RELAXED
    }

    private final ToolRegistry tools;

    private PlanGraphs(ToolRegistry tools) {
        this.tools = tools;
    }

    /** Compares plans of these tools (positional arguments are named after their parameters). */
    public static PlanGraphs forTools(ToolRegistry tools) {
        return new PlanGraphs(Objects.requireNonNull(tools, "tools == null"));
    }

    /** Whether {@code a} and {@code b} have isomorphic labelled dependency graphs under {@code mode}. */
    public boolean isomorphic(Plan a, Plan b, Mode mode) {
        Objects.requireNonNull(a, "a == null");
        Objects.requireNonNull(b, "b == null");
        Objects.requireNonNull(mode, "mode == null");
        Graph ga = graph(a, mode);
        Graph gb = graph(b, mode);
        if (ga.size() != gb.size() || ga.edgeCount() != gb.edgeCount()) {
            return false;
        }
        String[] ca = refine(ga);
        String[] cb = refine(gb);
        String[] sa = ca.clone();
        String[] sb = cb.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        if (!Arrays.equals(sa, sb)) {
            return false;
        }
        int[] mapping = new int[ga.size()];
        Arrays.fill(mapping, -1);
        boolean[] used = new boolean[gb.size()];
        return match(0, ga, gb, ca, cb, mapping, used);
    }

    /** A plan as nodes (labels) and labelled edges {@code from -> to} (to uses from's evidence in argument label). */
    private record Graph(
            String[] labels, List<Map<Integer, TreeSet<String>>> out, List<Map<Integer, TreeSet<String>>> in) {
        int size() {
            return labels.length;
        }

        int edgeCount() {
            int n = 0;
            for (Map<Integer, TreeSet<String>> edges : out) {
                for (TreeSet<String> labels : edges.values()) {
                    n += labels.size();
                }
            }
            return n;
        }
    }

    private Graph graph(Plan plan, Mode mode) {
        List<Step> steps = plan.steps();
        Map<StepId, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            index.putIfAbsent(steps.get(i).id(), i);
        }
        String[] labels = new String[steps.size()];
        List<Map<Integer, TreeSet<String>>> out = new ArrayList<>();
        List<Map<Integer, TreeSet<String>>> in = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(new HashMap<>());
            in.add(new HashMap<>());
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Map<String, Arg> args = named(step);
            StringBuilder label = new StringBuilder(step.tool());
            if (mode == Mode.STRICT) {
                label.append('(');
                String sep = "";
                for (Map.Entry<String, Arg> arg : args.entrySet()) {
                    label.append(sep).append(arg.getKey()).append('=');
                    canonical(arg.getValue(), label);
                    sep = ", ";
                }
                label.append(')');
            }
            labels[i] = label.toString();
            for (Map.Entry<String, Arg> arg : args.entrySet()) {
                List<String[]> refs = new ArrayList<>();
                references(arg.getValue(), arg.getKey(), refs);
                for (String[] ref : refs) {
                    Integer from = index.get(StepId.parse(ref[0]));
                    // A reference to a missing step becomes a self-loop marker: such plans only match each other.
                    int source = from == null ? i : from;
                    String edge = from == null ? ref[1] + "->missing" : ref[1];
                    out.get(source).computeIfAbsent(i, k -> new TreeSet<>()).add(edge);
                    in.get(i).computeIfAbsent(source, k -> new TreeSet<>()).add(edge);
                }
            }
        }
        return new Graph(labels, out, in);
    }

    /** The step's arguments by parameter name, sorted; positional ones named after the tool's parameters. */
    private Map<String, Arg> named(Step step) {
        Optional<ToolDescriptor> tool = tools.find(step.tool());
        List<String> parameters = tool.map(
                        t -> t.parameters().stream().map(ToolParameter::name).toList())
                .orElse(List.of());
        Map<String, Arg> args = new TreeMap<>();
        for (int i = 0; i < step.args().size(); i++) {
            String name = i < parameters.size() ? parameters.get(i) : "#" + i;
            args.put(name, step.args().get(i));
        }
        args.putAll(step.namedArgs());
        return args;
    }

    private static void canonical(Arg arg, StringBuilder out) {
        arg.accept(new Arg.Visitor<Void>() {
            @Override
            public @Nullable Void value(Arg.Value value) {
                Object v = value.value();
                if (v instanceof Long || v instanceof Double) {
                    double d = ((Number) v).doubleValue();
                    out.append(
                            d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d));
                } else {
                    out.append(value);
                }
                return null;
            }

            @Override
            public @Nullable Void ref(Arg.Ref ref) {
                out.append('#');
                return null;
            }

            @Override
            public @Nullable Void text(Arg.Text text) {
                out.append('"');
                for (Object part : text.parts()) {
                    out.append(part instanceof String s ? s : "#");
                }
                out.append('"');
                return null;
            }

            @Override
            public @Nullable Void list(Arg.ListOf list) {
                return join('[', Collections.nCopies(list.items().size(), ""), list.items(), ']');
            }

            @Override
            public @Nullable Void map(Arg.MapOf map) {
                TreeMap<String, Arg> sorted = new TreeMap<>(map.entries());
                List<String> keys = sorted.keySet().stream().map(k -> k + ": ").toList();
                return join('{', keys, List.copyOf(sorted.values()), '}');
            }

            /** {@code open}, each value after its key, separated by commas, then {@code close}. */
            private @Nullable Void join(char open, List<String> keys, List<Arg> values, char close) {
                out.append(open);
                for (int i = 0; i < values.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(keys.get(i));
                    values.get(i).accept(this);
                }
                out.append(close);
                return null;
            }
        });
    }

    /** Each reference inside {@code arg} as {step id, where it sits: {@code table}, {@code tables[1]}, ...}. */
    private static void references(Arg arg, String path, List<String[]> into) {
        arg.accept(new Arg.Visitor<Void>() {
            @Override
            public @Nullable Void value(Arg.Value value) {
                return null;
            }

            @Override
            public @Nullable Void ref(Arg.Ref ref) {
                into.add(new String[] {ref.step().toString(), path});
                return null;
            }

            @Override
            public @Nullable Void text(Arg.Text text) {
                for (Object part : text.parts()) {
                    if (part instanceof Arg.Ref ref) {
                        into.add(new String[] {ref.step().toString(), path + "~text"});
                    }
                }
                return null;
            }

            @Override
            public @Nullable Void list(Arg.ListOf list) {
                for (int i = 0; i < list.items().size(); i++) {
                    references(list.items().get(i), path + "[" + i + "]", into);
                }
                return null;
            }

            @Override
            public @Nullable Void map(Arg.MapOf map) {
                for (Map.Entry<String, Arg> entry : map.entries().entrySet()) {
                    references(entry.getValue(), path + "." + entry.getKey(), into);
                }
                return null;
            }
        });
    }

    /**
     * Colour refinement (1-dimensional Weisfeiler-Leman): a node's colour becomes its label with the sorted colours
     * and edge labels of its neighbours, repeated until stable. Isomorphic graphs get equal colour multisets, and a
     * node can only map to a node of its colour.
     */
    private static String[] refine(Graph g) {
        int n = g.size();
        String[] colours = g.labels().clone();
        for (int round = 0; round < n; round++) {
            String[] next = new String[n];
            for (int i = 0; i < n; i++) {
                List<String> outs = new ArrayList<>();
                g.out().get(i).forEach((to, labels) -> outs.add(labels + ">" + colours[to]));
                List<String> ins = new ArrayList<>();
                g.in().get(i).forEach((from, labels) -> ins.add(labels + "<" + colours[from]));
                outs.sort(null);
                ins.sort(null);
                next[i] = Integer.toHexString((colours[i] + "|" + outs + "|" + ins).hashCode()) + ":" + g.labels()[i];
            }
            if (partitionCount(next) == partitionCount(colours)) {
                return next;
            }
            System.arraycopy(next, 0, colours, 0, n);
        }
        return colours;
    }

    private static int partitionCount(String[] colours) {
        return new TreeSet<>(Arrays.asList(colours)).size();
    }

    /** Maps node {@code i} of {@code a} onward, keeping every edge between mapped nodes the same in both graphs. */
    private static boolean match(int i, Graph a, Graph b, String[] ca, String[] cb, int[] mapping, boolean[] used) {
        if (i == a.size()) {
            return true;
        }
        for (int j = 0; j < b.size(); j++) {
            if (used[j] || !ca[i].equals(cb[j]) || !consistent(i, j, a, b, mapping)) {
                continue;
            }
            mapping[i] = j;
            used[j] = true;
            if (match(i + 1, a, b, ca, cb, mapping, used)) {
                return true;
            }
            mapping[i] = -1;
            used[j] = false;
        }
        return false;
    }

    private static boolean consistent(int i, int j, Graph a, Graph b, int[] mapping) {
        if (!Objects.equals(a.out().get(i).get(i), b.out().get(j).get(j))) {
            return false;
        }
        for (int k = 0; k < i; k++) {
            int m = mapping[k];
            if (!Objects.equals(a.out().get(i).get(k), b.out().get(j).get(m))
                    || !Objects.equals(a.in().get(i).get(k), b.in().get(j).get(m))) {
                return false;
            }
        }
        return true;
    }

    /** The labels of {@code plan}'s nodes in step order, for reports and tests. */
    List<String> labels(Plan plan, Mode mode) {
        return List.of(graph(plan, mode).labels());
    }

    @Override
    public String toString() {
        return "PlanGraphs[" + tools.names().size() + " tools]";
    }
}
