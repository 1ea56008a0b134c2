package dev.pev4j.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LocalLlm.LlmCapabilities;

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

    private ScriptedLlm(Deque<String> replies, Function<LlmRequest, String> responder, LlmCapabilities capabilities) {
        this.replies = replies;
        this.responder = responder;
        this.capabilities = capabilities;
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
        return new ScriptedLlm(new ArrayDeque<>(), Objects.requireNonNull(responder, "responder == null"),
                LlmCapabilities.TEXT_ONLY);
    }

    /** The same script, declaring other capabilities (JSON schema, logprobs). */
    public ScriptedLlm withCapabilities(LlmCapabilities capabilities) {
        synchronized (this) {
            return new ScriptedLlm(new ArrayDeque<>(replies), responder, capabilities);
        }
    }

    @Override
    public LlmResponse generate(LlmRequest request) {
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
            throw new LlmException("ScriptedLlm has no reply left for request " + number + ": "
                    + abbreviate(request.lastUserText()), false);
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
