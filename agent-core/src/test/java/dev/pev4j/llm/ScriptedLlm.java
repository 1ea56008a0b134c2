package dev.pev4j.llm;

import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A fake {@link LocalLlm} for tests: replays scripted replies in order (or computes them from the request) and records
 * every request it was sent. Thread-safe, so one instance can serve concurrent runs.
 *
 * <pre>{@code
 * ScriptedLlm llm = ScriptedLlm.replying("#E1 = read_csv[sales.csv]", "The answer is 42.");
 * ... run the agent ...
 * assertThat(llm.requests()).hasSize(2);
 * }</pre>
 */
public final class ScriptedLlm implements LocalLlm {

    private final Deque<String> replies;
    private final Function<LlmRequest, String> responder;
    private final LlmCapabilities capabilities;
    private final List<LlmRequest> requests = new ArrayList<>();
    private final @Nullable Pacer pacer;

    private ScriptedLlm(Deque<String> replies, Function<LlmRequest, String> responder, LlmCapabilities capabilities) {
        this(replies, responder, capabilities, null);
    }

    private ScriptedLlm(
            Deque<String> replies,
            Function<LlmRequest, String> responder,
            LlmCapabilities capabilities,
            @Nullable Pacer pacer) {
        this.replies = replies;
        this.responder = responder;
        this.capabilities = capabilities;
        this.pacer = pacer;
    }

    /**
     * Paces a {@link ScriptedLlm} that decodes its replies token by token (see {@link #decoding}): called before each
     * token is handed over, on the generating thread, with the request and the reply's text written so far. A test
     * blocks here on a latch to hold the model mid-reply; a benchmark sleeps for a decode rate.
     */
    @FunctionalInterface
    public interface Pacer {

        /** Returns when the next token may be written; an interrupt ends the reply there, cancelled. */
        void beforeToken(LlmRequest request, String written) throws InterruptedException;

        /**
         * A model decoding {@code tokensPerSecond} tokens a second (a token being at most {@value #TOKEN_CHARS}
         * characters), as the in-process llama.cpp runtime does on this machine at about 20.
         */
        static Pacer tokensPerSecond(double tokensPerSecond) {
            if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
                throw new IllegalArgumentException("tokensPerSecond must be > 0 but was " + tokensPerSecond);
            }
            double nanosPerToken = 1e9 / tokensPerSecond;
            // Paced against the reply's start, not token by token, so that sleeping late does not add up.
            ThreadLocal<long[]> start = ThreadLocal.withInitial(() -> new long[1]);
            return (request, written) -> {
                long now = System.nanoTime();
                if (written.isEmpty()) {
                    start.get()[0] = now;
                }
                long due = start.get()[0] + Math.round((written.length() / TOKEN_CHARS + 1) * nanosPerToken);
                if (due > now) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(due - now);
                }
            };
        }

        /** Characters per simulated token: the estimate of four characters a token that the prompt fitter uses. */
        int TOKEN_CHARS = 4;
    }

    /**
     * The same script, decoding each reply token by token: tokens of at most {@value Pacer#TOKEN_CHARS} characters,
     * {@code pacer} called before each. {@link #stream} hands the tokens over one by one; {@link #chat} returns after the
     * last, so both take the same time.
     */
    public ScriptedLlm decoding(Pacer pacer) {
        Objects.requireNonNull(pacer, "pacer == null");
        synchronized (this) {
            return new ScriptedLlm(new ArrayDeque<>(replies), responder, capabilities, pacer);
        }
    }

    /** Replies with these texts, one a request, in order; a request after the last one fails. */
    public static ScriptedLlm replying(String... replies) {
        return replying(List.of(replies));
    }

    /** Replies with these texts, one a request, in order; a request after the last one fails. */
    public static ScriptedLlm replying(List<String> replies) {
        return new ScriptedLlm(new ArrayDeque<>(replies), null, LlmCapabilities.TEXT_ONLY);
    }

    /** Replies with whatever {@code responder} makes of each request (for concurrent runs with different tasks). */
    public static ScriptedLlm answering(Function<LlmRequest, String> responder) {
        return new ScriptedLlm(
                new ArrayDeque<>(), Objects.requireNonNull(responder, "responder == null"), LlmCapabilities.TEXT_ONLY);
    }

    /**
     * Starts a script with replies per role: each role's replies are used in order by that role's requests only, so
     * a test need not know in which order the agent calls its roles.
     *
     * <pre>{@code
     * ScriptedLlm llm = ScriptedLlm.byRole()
     *         .planner(PLAN)                        // the planner's first plan
     *         .tester("{\"verdict\": \"pass\", \"confidence\": 0.9, \"reason\": \"ok\"}")
     *         .solver("The total is 6.")
     *         .worker("[\"Paris\", \"Lyon\"]")          // the replies to the plan's llm steps, if any
     *         .build();
     * }</pre>
     */
    public static Roles byRole() {
        return new Roles();
    }

    /** The roles of the agent whose requests a {@link ScriptedLlm} tells apart (see {@link #role}). */
    public enum Role {
        /** Writes and repairs plans. */
        PLANNER,
        /** The LLM judge of criteria that cannot be checked in code. */
        TESTER,
        /** Writes the final answer. */
        SOLVER,
        /** Runs a plan's {@code llm} steps (the worker model). */
        WORKER
    }

    /**
     * The role that sent {@code request}, told by the opening of its system prompt.
     *
     * @throws IllegalArgumentException for a request of no known role
     */
    public static Role role(LlmRequest request) {
        String system =
                request.messages().isEmpty() ? "" : request.messages().get(0).text();
        if (system.startsWith("You are the planner of an agent.")) {
            return Role.PLANNER;
        }
        if (system.startsWith("You check whether the result of a task meets one criterion.")) {
            return Role.TESTER;
        }
        if (system.startsWith("You write the final answer to a task")) {
            return Role.SOLVER;
        }
        if (system.startsWith("You do one step of an agent's plan")) {
            return Role.WORKER;
        }
        throw new IllegalArgumentException(
                "a request of no known role; its system prompt opens with: " + abbreviate(system));
    }

    /** The requests received so far from {@code role}, in order. */
    public synchronized List<LlmRequest> requests(Role role) {
        return requests.stream().filter(r -> role(r) == role).toList();
    }

    /** Collects replies per role for {@link #byRole()}. Not thread-safe; the model it builds is. */
    public static final class Roles {
        private final java.util.EnumMap<Role, List<String>> replies = new java.util.EnumMap<>(Role.class);
        private LlmCapabilities capabilities = LlmCapabilities.TEXT_ONLY;

        private Roles() {}

        /** The planner's replies (plans, repaired plans, new plans after a failure), in order. */
        public Roles planner(String... plans) {
            return add(Role.PLANNER, plans);
        }

        /** The LLM judge's replies, one per criterion it is asked about, in order. */
        public Roles tester(String... verdicts) {
            return add(Role.TESTER, verdicts);
        }

        /** The solver's replies (answers), in order. */
        public Roles solver(String... answers) {
            return add(Role.SOLVER, answers);
        }

        /** The replies to the plans' {@code llm} steps, in the order the steps call the model. */
        public Roles worker(String... replies) {
            return add(Role.WORKER, replies);
        }

        /** Declares other capabilities (JSON schema, logprobs); text only by default. */
        public Roles capabilities(LlmCapabilities declared) {
            this.capabilities = Objects.requireNonNull(declared, "declared == null");
            return this;
        }

        private Roles add(Role role, String... texts) {
            replies.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of(texts));
            return this;
        }

        /** The model; a request of a role whose replies are used up fails, naming the role. */
        public ScriptedLlm build() {
            java.util.EnumMap<Role, Deque<String>> queues = new java.util.EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                queues.put(role, new ArrayDeque<>(replies.getOrDefault(role, List.of())));
            }
            return new ScriptedLlm(
                    new ArrayDeque<>(),
                    request -> {
                        Role role = role(request);
                        Deque<String> queue = queues.get(role);
                        synchronized (queue) {
                            String reply = queue.poll();
                            if (reply == null) {
                                throw new LlmException(
                                        "ScriptedLlm has no " + role.name().toLowerCase(java.util.Locale.ROOT)
                                                + " reply left for: " + abbreviate(request.lastUserText()),
                                        false);
                            }
                            return reply;
                        }
                    },
                    capabilities);
        }
    }

    /** The same script, declaring other capabilities (JSON schema, logprobs). */
    public ScriptedLlm withCapabilities(LlmCapabilities capabilities) {
        synchronized (this) {
            return new ScriptedLlm(new ArrayDeque<>(replies), responder, capabilities, pacer);
        }
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
        return pacer == null ? reply(request) : generateStreaming(request, piece -> {});
    }

    @Override
    public LlmResponse generateStreaming(LlmRequest request, Consumer<String> pieces) {
        LlmResponse reply = reply(request);
        Pacer paced = pacer;
        if (paced == null || reply.finishReason() == LlmResponse.FinishReason.CANCELLED) {
            if (!reply.text().isEmpty()) {
                pieces.accept(reply.text());
            }
            return reply;
        }
        String text = reply.text();
        for (int at = 0; at < text.length(); at += Pacer.TOKEN_CHARS) {
            try {
                paced.beforeToken(request, text.substring(0, at));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LlmResponse(text.substring(0, at), reply.usage(), LlmResponse.FinishReason.CANCELLED);
            }
            pieces.accept(text.substring(at, Math.min(text.length(), at + Pacer.TOKEN_CHARS)));
        }
        return reply;
    }

    private LlmResponse reply(LlmRequest request) {
        if (Thread.currentThread().isInterrupted()) {
            // like a real backend: an interrupted caller gets a cancelled reply (using up no scripted reply), its
            // interrupt status kept
            return new LlmResponse("", new TokenUsage(wordCount(request), 0), LlmResponse.FinishReason.CANCELLED);
        }
        String text;
        int number;
        synchronized (this) {
            requests.add(request);
            number = requests.size();
            text = responder != null ? null : replies.poll();
        }
        if (responder != null) {
            text = responder.apply(request);
        }
        if (text == null) {
            throw new LlmException(
                    "ScriptedLlm has no reply left for request " + number + ": " + abbreviate(request.lastUserText()),
                    false);
        }
        String cut = text;
        LlmResponse.FinishReason reason = LlmResponse.FinishReason.STOP;
        for (String stop : request.stop()) {
            int at = cut.indexOf(stop);
            if (at >= 0) {
                cut = cut.substring(0, at);
                reason = LlmResponse.FinishReason.STOP_STRING;
            }
        }
        // Words stand in for tokens; like a real model, never write more than the request allows.
        String[] words = cut.strip().split("\\s+");
        if (wordCount(cut) > request.maxTokens()) {
            cut = String.join(" ", Arrays.copyOf(words, request.maxTokens()));
            reason = LlmResponse.FinishReason.LENGTH;
        }
        return new LlmResponse(cut, new TokenUsage(wordCount(request), wordCount(cut)), reason);
    }

    @Override
    public LlmCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public String name() {
        return "scripted";
    }

    /** Every request received so far, in order. */
    public synchronized List<LlmRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many scripted replies have not been used. */
    public synchronized int remaining() {
        return replies.size();
    }

    // Words stand in for tokens: deterministic and good enough for budget tests.
    private static int wordCount(LlmRequest request) {
        int n = 0;
        for (ChatMessage m : request.messages()) {
            n += wordCount(m.text());
        }
        return n;
    }

    private static int wordCount(String text) {
        String s = text.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
