package dev.pev4j.tester;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.internal.Checks;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Plan;
import dev.pev4j.spi.EvidenceInspector;
import dev.pev4j.spi.Judge;
import dev.pev4j.spi.Judge.JudgeRequest;
import dev.pev4j.spi.Judge.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a run's evidence meets its plan's criteria: criteria written in the check language are evaluated in
 * code first (free, deterministic, never shown to a judge); the others are asked of the {@link Judge}, which may abstain.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Tester tester = Tester.builder().judge(new LlmJudge(llm)).inspector(new TableInspector()).build();
 * TestReport report = tester.test(task, plan, executor.execute(plan));
 * if (report.overall() == Verdict.Status.FAILED) { replan(report.toPromptText()); }
 * }</pre>
 *
 * <p>A check that cannot be evaluated (a step that did not run, an unknown column, text compared with a number) fails,
 * with the reason: it is the plan's fault. A judge that throws is recorded as an abstention, not thrown.
 *
 * <p>How checks treat values: numbers compare by value whatever their Java type ({@code Long}, {@code Integer},
 * {@code Double}, {@code BigDecimal}), as exact decimals; a {@code Double} counts as its shortest decimal form, so
 * {@code #E5 == 1049.2} holds when the tool returned {@code 1049.2}, but a sum that came out as
 * {@code 0.30000000000000004} is not {@code == 0.3}: write {@code abs(#E5 - 0.3) < 1e-9} to allow for rounding.
 * Division and {@code mean} round to 16 significant digits. Text compares by UTF-16 order, booleans only with
 * {@code ==} and {@code !=}. Missing cells ({@code null}, {@code NaN}) are counted by {@code nulls}, skipped by
 * {@code min}, {@code max}, {@code sum}, {@code mean}, {@code sorted} and {@code unique}. A criterion wrapped in
 * backticks is read without them. Evidence is reached as {@code Number}, {@code String}, {@code Boolean}, collections
 * and arrays, maps, lists of maps (a table, a map a row) and whatever the {@link EvidenceInspector}s show as tables.
 */
public final class Tester {

    private static final Logger log = LoggerFactory.getLogger(Tester.class);

    private final @Nullable Judge judge;
    private final List<EvidenceInspector> inspectors;
    private final int evidenceChars;
    private final @Nullable Executor executor;
    private final Judge.@Nullable Guarantee required;
    private final boolean acceptsWithoutGuarantee;
    /** Whether the judge's verdicts carry a guarantee at least as strict as the one required. */
    private final boolean judgeGuaranteed;

    private final String noGuarantee;

    private Tester(Builder builder) {
        this.judge = builder.judge;
        this.required = builder.required;
        this.acceptsWithoutGuarantee = builder.acceptsWithoutGuarantee;
        Judge.@Nullable Guarantee has = judge == null ? null : judge.guarantee().orElse(null);
        Judge.@Nullable Guarantee needed = required;
        this.judgeGuaranteed = has != null && (needed == null || has.covers(needed));
        if (judge == null || judgeGuaranteed) {
            this.noGuarantee = "";
        } else if (has == null) {
            this.noGuarantee = " (judged without a guarantee: judge '" + judge.name() + "' is not calibrated)";
        } else {
            this.noGuarantee = " (judged without a guarantee: judge '" + judge.name() + "' is calibrated at " + has
                    + " but the run requires " + needed + ")";
        }
        this.inspectors = List.copyOf(builder.inspectors);
        this.evidenceChars = builder.evidenceChars;
        this.executor = builder.executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tests {@code result} against {@code plan}'s criteria, in order. Returns at once with {@link Verdict.Status#PASSED}
     * and no verdicts when the plan has no criteria. What the model wrote and the tools returned never makes it
     * throw: a criterion that cannot be checked fails, a judge that throws abstains.
     */
    public TestReport test(String task, Plan plan, ExecutionResult result) {
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(plan, "plan == null");
        Objects.requireNonNull(result, "result == null");
        List<String> criteria = plan.criteria();
        Verdict[] verdicts = new Verdict[criteria.size()];
        List<Integer> forJudge = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            String criterion = criteria.get(i);
            Optional<Check> check = CheckParser.parse(criterion);
            if (check.isPresent()) {
                verdicts[i] = check(criterion, check.get(), result);
            } else if (criterion.isBlank()) {
                verdicts[i] = abstain(criterion, "the criterion is empty: there is nothing to check");
            } else {
                forJudge.add(i);
            }
        }
        if (!forJudge.isEmpty()) {
            judgeAll(task, criteria, forJudge, result, verdicts);
        }
        return new TestReport(List.of(verdicts), acceptsWithoutGuarantee);
    }

    /**
     * What is wrong with {@code plan}'s criteria before anything runs, in plan order; empty when there is none. A
     * criterion that refers to a step no step defines is one, and so is one that starts like a check
     * ({@code rows(#E2) > 100 and and}) but does not parse, which {@link #test} would otherwise send to a judge as
     * prose. Prose criteria are not problems. Needs no tester: the check language is the same for every one.
     */
    public static List<CriterionProblem> problems(Plan plan) {
        return Criteria.problems(Objects.requireNonNull(plan, "plan == null"));
    }

    /**
     * A problem with one of a plan's criteria (see {@link #problems(Plan)}).
     *
     * @param index the criterion's index in the plan's criteria
     * @param criterion the criterion as written
     * @param message what is wrong, in words a model or a user can act on
     */
    public record CriterionProblem(int index, String criterion, String message) {}

    /** The α and δ a judged criterion needs a guarantee for; empty when any calibrated judge's own counts. */
    public Optional<Judge.Guarantee> required() {
        return Optional.ofNullable(required);
    }

    private Verdict check(String criterion, Check check, ExecutionResult result) {
        Check.Outcome outcome;
        try {
            outcome = check.evaluate(new CheckContext(result, inspectors));
        } catch (CheckContext.CannotCheck e) {
            return checked(criterion, false, Objects.requireNonNullElse(e.getMessage(), "it cannot be checked"));
        } catch (RuntimeException e) { // an inspector's view that broke its contract
            log.debug("check '{}' threw", criterion, e);
            return checked(criterion, false, criterion + " could not be checked: " + e);
        }
        log.debug("check '{}': {}", criterion, outcome.reason());
        return checked(criterion, outcome.holds(), outcome.reason());
    }

    private static Verdict checked(String criterion, boolean holds, String reason) {
        return new Verdict(
                criterion,
                holds ? Verdict.Status.PASSED : Verdict.Status.FAILED,
                1.0,
                reason,
                Verdict.Method.CHECK,
                TokenUsage.ZERO);
    }

    private void judgeAll(
            String task, List<String> criteria, List<Integer> forJudge, ExecutionResult result, Verdict[] verdicts) {
        Judge judge = this.judge;
        if (judge == null) {
            for (int i : forJudge) {
                verdicts[i] = abstain(criteria.get(i), "no judge configured");
            }
            return;
        }
        String evidence = EvidenceText.of(result, evidenceChars);
        Executor executor = this.executor;
        if (executor == null || forJudge.size() == 1) {
            for (int i : forJudge) {
                verdicts[i] = judge(judge, task, criteria.get(i), evidence, judgeGuaranteed, noGuarantee);
            }
            return;
        }
        List<CompletableFuture<Verdict>> futures = new ArrayList<>();
        for (int i : forJudge) {
            String criterion = criteria.get(i);
            CompletableFuture<Verdict> future;
            try {
                future = CompletableFuture.supplyAsync(
                        () -> judge(judge, task, criterion, evidence, judgeGuaranteed, noGuarantee), executor);
            } catch (RejectedExecutionException e) {
                future = CompletableFuture.completedFuture(
                        judge(judge, task, criterion, evidence, judgeGuaranteed, noGuarantee));
            }
            futures.add(future);
        }
        for (int k = 0; k < forJudge.size(); k++) {
            int i = forJudge.get(k);
            try {
                verdicts[i] = futures.get(k).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (int rest = k; rest < forJudge.size(); rest++) {
                    futures.get(rest).cancel(true);
                    verdicts[forJudge.get(rest)] =
                            abstain(criteria.get(forJudge.get(rest)), "not judged: the test was interrupted");
                }
                return;
            } catch (ExecutionException e) {
                // judge(..) catches what judges throw; only an Error gets here.
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                verdicts[i] = abstain(criteria.get(i), "judge '" + judge.name() + "' failed: " + cause);
            }
        }
    }

    private static Verdict judge(
            Judge judge, String task, String criterion, String evidence, boolean guaranteed, String noGuarantee) {
        Judgement judgement;
        try {
            judgement = judge.judge(new JudgeRequest(task, criterion, evidence));
        } catch (RuntimeException e) {
            log.debug("judge '{}' failed on '{}'", judge.name(), criterion, e);
            return abstain(criterion, "judge '" + judge.name() + "' failed: " + e.getMessage());
        }
        Verdict.Status status = switch (judgement.decision()) {
            case PASS -> Verdict.Status.PASSED;
            case FAIL -> Verdict.Status.FAILED;
            case ABSTAIN -> Verdict.Status.ABSTAINED;
        };
        String reason = judgement.reason();
        if (status == Verdict.Status.ABSTAINED && !judgement.confidencesSeen().isEmpty()) {
            StringJoiner seen = new StringJoiner(", ", " (confidences seen: ", ")");
            for (double confidence : judgement.confidencesSeen()) {
                seen.add(String.format(Locale.ROOT, "%.2f", confidence));
            }
            reason += seen;
        }
        Verdict.Method method = Verdict.Method.JUDGE;
        if (status != Verdict.Status.ABSTAINED) {
            if (guaranteed) {
                method = Verdict.Method.CALIBRATED_JUDGE;
            } else if (status == Verdict.Status.PASSED) {
                // A failure's reason feeds the replanning prompt as it is; the method marks it as unguaranteed.
                reason += noGuarantee;
            }
        }
        log.debug("judge '{}' on '{}': {} {}", judge.name(), criterion, status, reason);
        return new Verdict(criterion, status, judgement.confidence(), reason, method, judgement.usage());
    }

    private static Verdict abstain(String criterion, String reason) {
        return new Verdict(criterion, Verdict.Status.ABSTAINED, 0.0, reason, Verdict.Method.JUDGE, TokenUsage.ZERO);
    }

    /** Configures a {@link Tester}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {

        private @Nullable Judge judge;
        private final List<EvidenceInspector> inspectors = new ArrayList<>();
        private int evidenceChars = 4000;
        private @Nullable Executor executor;
        private Judge.@Nullable Guarantee required;
        private boolean acceptsWithoutGuarantee;

        private Builder() {}

        /**
         * The α and δ a judge's verdict needs a guarantee for to count as verified
         * ({@link Verdict.Method#CALIBRATED_JUDGE}); by default any calibrated judge's own.
         */
        public Builder requireGuarantee(Judge.Guarantee required) {
            this.required = Objects.requireNonNull(required, "required == null");
            return this;
        }

        /**
         * Counts a judge's pass without a guarantee as a pass, instead of sending the run to human review; off by
         * default. The verdicts still say they were judged without a guarantee.
         */
        public Builder acceptWithoutGuarantee(boolean accept) {
            this.acceptsWithoutGuarantee = accept;
            return this;
        }

        /**
         * Decides the criteria that are not checks. Optional: without one they are abstained on, with the reason
         * {@code no judge configured}.
         */
        public Builder judge(Judge judge) {
            this.judge = Objects.requireNonNull(judge, "judge == null");
            return this;
        }

        /** Shows a kind of evidence as a table to the checks; asked in the order added. */
        public Builder inspector(EvidenceInspector inspector) {
            inspectors.add(Objects.requireNonNull(inspector, "inspector == null"));
            return this;
        }

        /** The most characters of evidence a judge is shown; 4000 by default, at least 100. */
        public Builder evidenceChars(int evidenceChars) {
            Checks.atLeast("evidenceChars", evidenceChars, 100);
            this.evidenceChars = evidenceChars;
            return this;
        }

        /** Judges several criteria at once on this executor (used, never shut down); by default one after another. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        public Tester build() {
            return new Tester(this);
        }
    }
}
