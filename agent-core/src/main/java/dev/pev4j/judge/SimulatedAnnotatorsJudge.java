package dev.pev4j.judge;

import dev.pev4j.internal.Checks;
import dev.pev4j.internal.prompt.PromptTemplate;
import dev.pev4j.judge.Calibrator.LabelledItem;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.LlmResponse.TokenLogprob;
import dev.pev4j.llm.LocalLlm;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A judge whose confidence comes from simulated annotators (Trust or Escalate, arXiv 2407.18370): the model is asked
 * the same question N times (default 3), each time with a different small set of labelled examples in the prompt, as
 * if N people with different experience answered. Thread-safe when the model is.
 *
 * <p>Where the model reports token log-probabilities, an annotator's probability that the criterion holds is the
 * probability of the answer letter, asked twice with the options swapped and averaged; otherwise it is the share of
 * its sampled answers (temperature above 0, a different seed each) that say so. The prediction is the annotators'
 * majority and the confidence the mean probability they give it. Replies are read leniently (a letter wrapped in
 * prose counts); an annotator without a readable answer has no vote, and when no annotator has one the judge
 * abstains.
 *
 * <pre>{@code
 * Judge judge = SimulatedAnnotatorsJudge.builder()
 *         .llm(model)
 *         .examples(labelledExamples)   // a few items humans answered
 *         .build();
 * }</pre>
 */
public final class SimulatedAnnotatorsJudge implements Judge {

    /** The version of the prompt resource, for traces and calibration files. */
    public static final String PROMPT_VERSION = "simulated-annotator-v1";

    private static final Map<String, String> TEMPLATE = loadTemplate(PROMPT_VERSION + ".txt");
    private static final int TOP_LOGPROBS = 5;

    private final LocalLlm llm;
    private final List<LabelledItem> examples;
    private final int annotators;
    private final int examplesPerAnnotator;
    private final int samples;
    private final double temperature;
    private final int maxTokens;
    private final long seed;
    private final String name;

    private SimulatedAnnotatorsJudge(Builder b, LocalLlm llm) {
        this.llm = llm;
        List<LabelledItem> pool = new ArrayList<>(b.examples);
        // A fixed shuffle, so each annotator gets a different but reproducible set.
        Collections.shuffle(pool, new Random(b.seed));
        this.examples = List.copyOf(pool);
        this.annotators = b.annotators;
        this.examplesPerAnnotator = b.examplesPerAnnotator;
        this.samples = b.samples;
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.seed = b.seed;
        this.name = b.name != null ? b.name : "annotators(" + llm.name() + ")";
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        Objects.requireNonNull(request, "request == null");
        boolean logprobs = llm.capabilities().logprobs();
        double sumHolds = 0.0;
        int answered = 0;
        int votesHolds = 0;
        int votesFails = 0;
        TokenUsage usage = TokenUsage.ZERO;
        String unreadable = "";
        for (int a = 0; a < annotators; a++) {
            List<LabelledItem> shots = shotsFor(a);
            double sum = 0.0;
            int readable = 0;
            int calls = logprobs ? 2 : samples;
            for (int s = 0; s < calls; s++) {
                boolean swapped = s % 2 == 1;
                LlmRequest.Builder ask = LlmRequest.builder()
                        .user(prompt(request, shots, swapped))
                        .maxTokens(maxTokens);
                if (logprobs) {
                    ask.temperature(0.0).topLogprobs(TOP_LOGPROBS);
                } else {
                    ask.temperature(temperature).seed(seed + 1_000_003L * a + s);
                }
                LlmResponse reply = llm.chat(ask.build());
                usage = usage.plus(reply.usage());
                OptionalDouble holds = logprobs ? holdsFromLogprobs(reply, swapped) : holdsFromText(reply, swapped);
                if (holds.isPresent()) {
                    sum += holds.getAsDouble();
                    readable++;
                } else {
                    unreadable = reply.text();
                }
            }
            if (readable == 0) {
                continue;
            }
            double p = sum / readable;
            sumHolds += p;
            answered++;
            if (p > 0.5) {
                votesHolds++;
            } else if (p < 0.5) {
                votesFails++;
            }
        }
        if (answered == 0) {
            return Judgement.of(
                    Judgement.Decision.ABSTAIN,
                    0.0,
                    "no annotator gave a readable answer; expected the letter A or B, last reply: \""
                            + abbreviate(unreadable) + "\"",
                    usage);
        }
        double meanHolds = sumHolds / answered;
        boolean holds = votesHolds != votesFails ? votesHolds > votesFails : meanHolds > 0.5;
        double confidence = Math.min(1.0, Math.max(0.0, holds ? meanHolds : 1.0 - meanHolds));
        int majority = holds ? votesHolds : votesFails;
        String reason = majority + " of " + annotators + " annotators say the criterion "
                + (holds ? "holds" : "does not hold")
                + String.format(Locale.ROOT, " (mean probability %.3f)", confidence)
                + (answered < annotators ? "; " + (annotators - answered) + " gave no readable answer" : "");
        return Judgement.of(holds ? Judgement.Decision.PASS : Judgement.Decision.FAIL, confidence, reason, usage);
    }

    @Override
    public String name() {
        return name;
    }

    /** The prompt an annotator with these examples is sent, options in the given order; for tests and traces. */
    String prompt(JudgeRequest request, List<LabelledItem> shots, boolean swapped) {
        StringBuilder block = new StringBuilder();
        for (LabelledItem shot : shots) {
            JudgeRequest r = shot.request();
            block.append(section("example")
                    .fill(Map.of(
                            "task", r.task(),
                            "criterion", r.criterion(),
                            "evidence", r.evidence(),
                            "answer", String.valueOf(letterFor(shot.holds(), swapped)))));
        }
        String holds = templateText("holds").strip();
        String fails = templateText("fails").strip();
        return section("question")
                .fill(Map.of(
                        "first", "A: " + (swapped ? fails : holds),
                        "second", "B: " + (swapped ? holds : fails),
                        "examples", block.toString(),
                        "task", request.task(),
                        "criterion", request.criterion(),
                        "evidence", request.evidence()));
    }

    /** The labelled examples annotator {@code annotator} sees. */
    List<LabelledItem> shotsFor(int annotator) {
        int k = Math.min(examplesPerAnnotator, examples.size());
        List<LabelledItem> shots = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            shots.add(examples.get((annotator * k + i) % examples.size()));
        }
        return shots;
    }

    private static char letterFor(boolean holds, boolean swapped) {
        return holds != swapped ? 'A' : 'B';
    }

    private static OptionalDouble holdsFromText(LlmResponse reply, boolean swapped) {
        Optional<Character> letter = VerdictReplies.letter(reply.text());
        if (letter.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(letter.get() == letterFor(true, swapped) ? 1.0 : 0.0);
    }

    // The probability of the letter meaning "holds", among the two letters, at the first position that gave a letter.
    private static OptionalDouble holdsFromLogprobs(LlmResponse reply, boolean swapped) {
        for (TokenLogprob token : reply.logprobs()) {
            String bare = VerdictReplies.strip(token.token());
            if (bare.isEmpty()) {
                continue;
            }
            if (!bare.equalsIgnoreCase("A") && !bare.equalsIgnoreCase("B")) {
                break;
            }
            Map<String, Double> candidates = new HashMap<>();
            for (TokenLogprob.Alternative alt : token.top()) {
                candidates.putIfAbsent(alt.token(), alt.logprob());
            }
            candidates.putIfAbsent(token.token(), token.logprob());
            double pA = 0.0;
            double pB = 0.0;
            for (Map.Entry<String, Double> e : candidates.entrySet()) {
                String option = VerdictReplies.strip(e.getKey());
                if (option.equalsIgnoreCase("A")) {
                    pA += Math.exp(e.getValue());
                } else if (option.equalsIgnoreCase("B")) {
                    pB += Math.exp(e.getValue());
                }
            }
            double pHolds = letterFor(true, swapped) == 'A' ? pA : pB;
            return OptionalDouble.of(pHolds / (pA + pB));
        }
        // No letter token (or a backend that sent no log-probabilities): the reply's text is still a vote.
        return holdsFromText(reply, swapped);
    }

    private static PromptTemplate section(String name) {
        return PromptTemplate.of(PROMPT_VERSION + " section " + name, templateText(name));
    }

    private static String templateText(String section) {
        return Objects.requireNonNull(TEMPLATE.get(section), () -> PROMPT_VERSION + " has no section " + section);
    }

    private static Map<String, String> loadTemplate(String resource) {
        String text =
                PromptTemplate.load(SimulatedAnnotatorsJudge.class, resource).text();
        Map<String, String> sections = new LinkedHashMap<>();
        String section = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (section != null) {
                    sections.put(section, body.toString());
                }
                section = line.substring(3).strip();
                body.setLength(0);
            } else if (!line.startsWith("# ") && section != null) {
                body.append(line).append('\n');
            }
        }
        if (section != null) {
            sections.put(section, body.toString());
        }
        for (String needed : List.of("question", "example", "holds", "fails")) {
            if (!sections.containsKey(needed)) {
                throw new IllegalStateException("prompt resource " + resource + " has no section '## " + needed
                        + "'; sections: " + sections.keySet());
            }
        }
        // The question ends at "Answer:"; the reply follows it on the same line.
        sections.put(
                "question",
                Objects.requireNonNull(sections.get("question"), "no question section")
                        .stripTrailing());
        return Map.copyOf(sections);
    }

    private static String abbreviate(String text) {
        String s = text.strip();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Builds a {@link SimulatedAnnotatorsJudge}; not thread-safe. */
    public static final class Builder {
        private @Nullable LocalLlm llm;
        private final List<LabelledItem> examples = new ArrayList<>();
        private int annotators = 3;
        private int examplesPerAnnotator = 3;
        private int samples = 5;
        private double temperature = 0.8;
        private int maxTokens = 8;
        private long seed;
        private @Nullable String name;

        private Builder() {}

        public Builder llm(LocalLlm llm) {
            this.llm = Objects.requireNonNull(llm, "llm == null");
            return this;
        }

        /** Labelled items the annotators' few-shot examples are drawn from. */
        public Builder examples(List<LabelledItem> examples) {
            Objects.requireNonNull(examples, "examples == null");
            for (LabelledItem e : examples) {
                this.examples.add(Objects.requireNonNull(e, "example == null"));
            }
            return this;
        }

        /** How many simulated annotators; default 3. */
        public Builder annotators(int annotators) {
            Checks.atLeast("annotators", annotators, 1);
            this.annotators = annotators;
            return this;
        }

        /** How many labelled examples each annotator sees; default 3. */
        public Builder examplesPerAnnotator(int examplesPerAnnotator) {
            Checks.atLeast("examplesPerAnnotator", examplesPerAnnotator, 1);
            this.examplesPerAnnotator = examplesPerAnnotator;
            return this;
        }

        /** Without log-probabilities: how many answers each annotator samples; default 5. */
        public Builder samples(int samples) {
            Checks.atLeast("samples", samples, 1);
            this.samples = samples;
            return this;
        }

        /** Without log-probabilities: the sampling temperature, above 0 so samples differ; default 0.8. */
        public Builder temperature(double temperature) {
            if (!(temperature > 0.0 && temperature <= 2.0)) {
                throw new IllegalArgumentException(
                        "temperature must be > 0 and <= 2 (samples must differ) but was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** The most tokens an answer may have; default 8 (one letter, with room for a little prose). */
        public Builder maxTokens(int maxTokens) {
            Checks.atLeast("maxTokens", maxTokens, 1);
            this.maxTokens = maxTokens;
            return this;
        }

        /** Seeds the choice of examples and the sampling; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The judge's name in traces and calibrations; default {@code "annotators(<model name>)"}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        public SimulatedAnnotatorsJudge build() {
            if (llm == null) {
                throw new IllegalStateException("A SimulatedAnnotatorsJudge needs a model; set one with llm(...).");
            }
            if (examples.isEmpty()) {
                throw new IllegalStateException("A SimulatedAnnotatorsJudge needs labelled examples for its "
                        + "annotators' prompts; add at least one with examples(...).");
            }
            return new SimulatedAnnotatorsJudge(this, llm);
        }
    }
}
