package dev.pev4j.agent;

import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.RoleUsage;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.agent.AgentResult.Timings;
import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.exec.PlanExecutor;
import dev.pev4j.internal.llm.ModelOutputException;
import dev.pev4j.internal.planner.PlanDraft;
import dev.pev4j.internal.planner.PlanningSession;
import dev.pev4j.internal.solver.Solution;
import dev.pev4j.internal.solver.Solver;
import dev.pev4j.internal.worker.Worker;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.llm.TokenUsage;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.plan.ValidationReport;
import dev.pev4j.tester.TestReport;
import dev.pev4j.tester.Verdict;
import dev.pev4j.tool.ToolDescriptor;
import dev.pev4j.tool.ToolInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run of the agent: plan → validate (repair) → execute → test → solve or replan, within the budgets. Holds the
 * run's state; used by one thread (the caller of {@link Agent#run}), so not thread-safe and never shared.
 */
final class AgentRun {

    /** A done step of an earlier attempt, kept to reuse its evidence when a later plan repeats it exactly. */
    private record Earlier(StepOutcome.Done done, int attempt) {}

    /** How one attempt ended: its tests passed (or abstained), it needs a new plan, or the run stops. */
    private sealed interface AttemptEnd permits Passed, Replan, Stop {}

    private record Passed(Plan plan, ExecutionResult result, TestReport report) implements AttemptEnd {}

    private record Replan(Feedback feedback) implements AttemptEnd {}

    private record Stop(StopReason reason) implements AttemptEnd {}

    /** What one attempt has gathered so far; becomes its {@link Attempt} once the attempt ends, however it ends. */
    private static final class AttemptLog {
        final int number;

        @Nullable
        PlanningSession session;

        @Nullable
        Plan plan;

        List<StepTrace> steps = List.of();

        @Nullable
        TestReport report;

        AttemptLog(int number) {
            this.number = number;
        }

        /** Adds the attempt to {@code attempts}, unless the model was never asked (a budget ran out first). */
        void addTo(List<Attempt> attempts) {
            if (session == null || session.drafts().isEmpty()) {
                return;
            }
            List<PlannerRound> rounds = new ArrayList<>();
            for (PlanDraft draft : session.drafts()) {
                rounds.add(new PlannerRound(draft.text(), draft.problems()));
            }
            attempts.add(new Attempt(
                    number,
                    session.prompt(),
                    rounds,
                    Optional.ofNullable(plan),
                    steps,
                    Optional.ofNullable(report),
                    Optional.of(session.selection())));
        }
    }

    /** Tools added to the selection after the model called one it was not shown; later attempts show them too. */
    private final Set<String> widened = new LinkedHashSet<>();

    private final Agent agent;
    private final String runId;
    private final String task;
    private final Instant start;
    private final @Nullable Class<?> answerType;
    private @Nullable Object typedAnswer;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, Earlier> doneSteps = new HashMap<>();
    private RoleUsage usage = RoleUsage.ZERO;
    private Duration planning = Duration.ZERO;
    private Duration execution = Duration.ZERO;
    private Duration testing = Duration.ZERO;
    private Duration solving = Duration.ZERO;
    private @Nullable TestReport lastReport;
    /** The budget that made the last planning session halt. */
    private @Nullable StopReason budgetStop;
    /** With streamed execution: the steps of the reply being written that started early, until the plan runs. */
    private PlanExecutor.@Nullable Streaming streaming;
    /** With streamed execution: the steps of the reply being written, decoded so far. */
    private final List<Step> decoded = new ArrayList<>();

    AgentRun(Agent agent, String runId, String task) {
        this(agent, runId, task, null);
    }

    /** A run whose answer is JSON under {@code answerType}'s schema, read into it; free text when null. */
    AgentRun(Agent agent, String runId, String task, @Nullable Class<?> answerType) {
        this.answerType = answerType;
        this.agent = agent;
        this.runId = runId;
        this.task = task;
        this.start = agent.clock.instant();
    }

    AgentResult run() {
        @Nullable Feedback feedback = null;
        for (int number = 1; ; number++) {
            AttemptLog log = new AttemptLog(number);
            AttemptEnd end = attempt(log, feedback);
            log.addTo(attempts);
            if (end instanceof Passed passed) {
                return solve(passed);
            }
            if (end instanceof Stop stop) {
                return stopped(stop.reason());
            }
            feedback = ((Replan) end).feedback();
            if (number > agent.maxReplans) {
                return stopped(new StopReason(
                        StopReason.Kind.MAX_REPLANS,
                        "attempt " + number + " failed and maxReplans is " + agent.maxReplans + "; "
                                + summary(feedback)));
            }
            agent.emit(new AgentEvent.Replanning(runId, number, feedback));
        }
    }

    /** One attempt, as in the diagram: plan → execute → test; each phase may end the attempt early. */
    private AttemptEnd attempt(AttemptLog log, @Nullable Feedback feedback) {
        try {
            return planExecuteTest(log, feedback);
        } finally {
            dropEarlySteps("the attempt ended before its plan ran");
        }
    }

    private AttemptEnd planExecuteTest(AttemptLog log, @Nullable Feedback feedback) {
        PlanningSession.Outcome planning = plan(log, feedback);
        if (!(planning instanceof PlanningSession.Planned planned)) {
            return new Stop(whyNoPlan(planning, log.number));
        }
        Plan plan = planned.draft().plan().orElseThrow();
        log.plan = plan;
        agent.emit(
                new AgentEvent.Planned(runId, log.number, plan, planned.draft().text()));
        Reviewed reviewed;
        try {
            reviewed = review(plan, log.number);
        } catch (RuntimeException e) {
            return new Stop(new StopReason(StopReason.Kind.APPROVER_FAILED, "the plan approver threw: " + e));
        }
        if (reviewed.rejected() != null) {
            return new Replan(new Feedback(
                    plan.toString(), List.of(new Feedback.FailedStep("the plan", reviewed.rejected())), List.of()));
        }
        plan = reviewed.plan();
        log.plan = plan;

        StopReason budget = budgetSpent();
        if (budget != null) {
            return new Stop(budget);
        }
        ExecutionResult result = execute(log, plan);
        if (!result.succeeded()) {
            return new Replan(feedback(plan, result, null));
        }

        budget = budgetSpent();
        if (budget != null) {
            return new Stop(budget);
        }
        TestReport report;
        Instant t0 = agent.clock.instant();
        try {
            report = agent.verification.test(task, plan, result);
        } catch (LlmException e) {
            return new Stop(modelFailed("tester", e));
        } finally {
            testing = testing.plus(since(t0));
        }
        usage = usage.plusTester(report.usage());
        lastReport = report;
        log.report = report;
        agent.emit(new AgentEvent.Tested(runId, log.number, report));
        if (report.overall() == Verdict.Status.FAILED) {
            return new Replan(feedback(plan, result, report));
        }
        return new Passed(plan, result, report);
    }

    /** The planning phase: one session with its repair rounds, each model call within the budgets. */
    private PlanningSession.Outcome plan(AttemptLog log, @Nullable Feedback feedback) {
        PlanningSession session = feedback == null
                ? agent.planner.session(task, widened)
                : agent.planner.session(task, feedback, widened);
        log.session = session;
        Instant t0 = agent.clock.instant();
        try {
            return runSession(session, log);
        } finally {
            planning = planning.plus(since(t0));
            widened.addAll(session.widened());
        }
    }

    private PlanningSession.Outcome runSession(PlanningSession session, AttemptLog log) {
        return session.run(new PlanningSession.Observer() {
            @Override
            public boolean mayCallModel() {
                budgetStop = budgetSpent();
                return budgetStop == null;
            }

            @Override
            public void answered(LlmResponse response) {
                usage = usage.plusPlanner(response.usage());
            }

            @Override
            public void repairing(int round, PlanDraft draft) {
                dropEarlySteps("the plan had problems and went to repair round " + round);
                agent.emit(new AgentEvent.Repairing(runId, log.number, round, draft.problemsText()));
            }

            @Override
            public boolean streams() {
                return agent.streamedExecution;
            }

            @Override
            public void decoded(Step step) {
                startEarly(step, log.number);
            }
        });
    }

    /**
     * Offers a step of the plan being written to the executor, which starts it now if it may start early; a step
     * that an earlier attempt did exactly is left to be reused instead.
     */
    private void startEarly(Step step, int number) {
        PlanExecutor.@Nullable Streaming early = streaming;
        if (early == null) {
            early = agent.executor.streaming(event -> agent.emit(new AgentEvent.Step(runId, number, event)));
            streaming = early;
        }
        decoded.add(step);
        if (step.tool().equals(Worker.TOOL)) {
            return; // the worker's model calls are metered per execution of the whole plan
        }
        if (!doneSteps.isEmpty()) {
            try {
                if (doneSteps.containsKey(new StepKeys(new Plan(decoded)).key(step.id()))) {
                    return;
                }
            } catch (RuntimeException unresolved) { // it uses a step not written yet: not offered
                return;
            }
        }
        early.offer(step);
    }

    /** Stops the steps started early for a plan that will not run, and drops their results. */
    private void dropEarlySteps(String why) {
        PlanExecutor.@Nullable Streaming early = streaming;
        streaming = null;
        decoded.clear();
        if (early != null) {
            early.discard(why);
        }
    }

    /** The execution phase: the plan's steps as a graph, reusing identical steps done in earlier attempts. */
    private ExecutionResult execute(AttemptLog log, Plan plan) {
        Map<StepId, StepOutcome.Done> reused = reusable(plan, log.number);
        int number = log.number;
        WorkerMeter meter = new WorkerMeter(usage.total().totalTokens());
        PlanExecutor executor = executor(plan, meter);
        Instant t0 = agent.clock.instant();
        PlanExecutor.@Nullable Streaming early = streaming;
        streaming = null;
        decoded.clear();
        ExecutionResult result;
        if (early != null && executor == agent.executor) {
            result = early.finish(plan, reused);
        } else {
            if (early != null) { // its llm steps run on an executor that meters the worker: all run after the plan
                early.discard("the plan has llm steps, which run with the whole plan");
            }
            result = executor.execute(plan, reused, event -> agent.emit(new AgentEvent.Step(runId, number, event)));
        }
        execution = execution.plus(since(t0));
        usage = usage.plusWorker(meter.used());
        remember(plan, result, number);
        log.steps = trace(plan, result, reused);
        return result;
    }

    /**
     * The agent's executor, or for a plan with LLM steps one whose {@code llm} steps count their model calls toward this
     * run's usage and budgets.
     */
    private PlanExecutor executor(Plan plan, WorkerMeter meter) {
        Worker worker = agent.worker;
        if (worker == null || plan.steps().stream().noneMatch(s -> s.tool().equals(Worker.TOOL))) {
            return agent.executor;
        }
        ToolInvoker tools = agent.tools;
        return agent.executors.apply(new ToolInvoker() {
            @Override
            public @Nullable Object invoke(
                    String tool, List<@Nullable Object> args, Map<String, @Nullable Object> namedArgs) {
                return tool.equals(Worker.TOOL)
                        ? worker.invoke(args, namedArgs, meter)
                        : tools.invoke(tool, args, namedArgs);
            }

            @Override
            public ToolDescriptor.Effects effects(String tool) {
                return tools.effects(tool);
            }
        });
    }

    /**
     * Counts the worker's model calls of one execution, from the executor's threads: each call starts only within the
     * run's budgets, with the tokens used before the execution and by the calls before it.
     */
    private final class WorkerMeter implements Worker.Meter {
        private final long tokensBefore;
        private TokenUsage used = TokenUsage.ZERO; // guarded by this

        WorkerMeter(long tokensBefore) {
            this.tokensBefore = tokensBefore;
        }

        @Override
        public synchronized void beforeCall() {
            StopReason spent = budgetSpent(tokensBefore + used.totalTokens());
            if (spent != null) {
                throw new IllegalStateException("no budget left: " + spent.message());
            }
        }

        @Override
        public synchronized void used(TokenUsage usage) {
            used = used.plus(usage);
        }

        synchronized TokenUsage used() {
            return used;
        }
    }

    /** The plan to run and, when it may not run, why (for the planner). */
    private record Reviewed(Plan plan, @Nullable String rejected) {}

    /** Asks the approver, if any; an edited plan is validated again, and one with problems counts as rejected. */
    private Reviewed review(Plan plan, int number) {
        Agent.PlanApprover approver = agent.approver;
        if (approver == null) {
            return new Reviewed(plan, null);
        }
        Agent.Approval approval = Objects.requireNonNull(
                approver.review(new Agent.PlanReview(task, number, plan, agent.describe(plan))),
                "the plan approver returned null");
        if (approval instanceof Agent.Approval.Reject reject) {
            return new Reviewed(plan, "was rejected before it ran: " + reject.reason());
        }
        if (approval instanceof Agent.Approval.Edit edit) {
            Plan edited = edit.plan();
            ValidationReport report = agent.validator.validate(edited);
            if (!report.isValid()) {
                StringBuilder problems = new StringBuilder();
                report.problems()
                        .forEach(p -> problems.append(problems.length() == 0 ? "" : "; ")
                                .append(p.message()));
                return new Reviewed(plan, "was edited before it ran, and the edit has problems: " + problems);
            }
            if (edited.steps().size() > agent.planner.maxSteps()) {
                return new Reviewed(
                        plan,
                        "was edited before it ran, and the edit has "
                                + edited.steps().size() + " steps; maxStepsPerPlan is " + agent.planner.maxSteps());
            }
            return new Reviewed(edited, null);
        }
        return new Reviewed(plan, null);
    }

    private StopReason whyNoPlan(PlanningSession.Outcome outcome, int number) {
        if (outcome instanceof PlanningSession.Unusable unusable) {
            return unusable(unusable.last(), number, unusable.replies());
        }
        if (outcome instanceof PlanningSession.ModelFailed failed) {
            return modelFailed("planner", failed.error());
        }
        if (outcome instanceof PlanningSession.Halted && budgetStop != null) {
            return budgetStop;
        }
        throw new IllegalStateException("no plan and no reason: " + outcome);
    }

    private static StopReason modelFailed(String role, LlmException e) {
        return new StopReason(StopReason.Kind.MODEL_FAILED, "the " + role + "'s model failed: " + e.getMessage());
    }

    /** The solving phase: the answer from the evidence of the attempt that passed. */
    private AgentResult solve(Passed passed) {
        TestReport report = passed.report();
        StopReason budget = budgetSpent();
        if (budget != null) {
            return stopped(budget);
        }
        Solution solution;
        @Nullable Object value = null;
        Instant t0 = agent.clock.instant();
        try {
            if (answerType == null) {
                solution = agent.solver.solve(task, passed.plan(), passed.result());
            } else {
                Solver.Typed<?> typed = agent.solver.solve(task, passed.plan(), passed.result(), answerType);
                solution = typed.solution();
                value = typed.value();
            }
        } catch (ModelOutputException e) {
            return stopped(new StopReason(
                    StopReason.Kind.ANSWER_UNREADABLE,
                    "the solver's answer does not fit "
                            + Objects.requireNonNull(answerType).getName() + ": " + e.getMessage()));
        } catch (LlmException e) {
            return stopped(modelFailed("solver", e));
        } finally {
            solving = solving.plus(since(t0));
        }
        typedAnswer = value;
        usage = usage.plusSolver(solution.usage());
        boolean review = report.overall() == Verdict.Status.ABSTAINED;
        String message = "solved in " + attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts");
        if (review) {
            message += "; needs human review: " + ReviewText.of(report);
        }
        agent.emit(new AgentEvent.Solved(runId, solution.answer(), review));
        return result(solution.answer(), new StopReason(StopReason.Kind.SOLVED, message));
    }

    private static String summary(Feedback feedback) {
        if (!feedback.failedSteps().isEmpty()) {
            Feedback.FailedStep step = feedback.failedSteps().get(0);
            return "step " + step.call() + " failed: " + step.error();
        }
        if (!feedback.failedCriteria().isEmpty()) {
            Feedback.FailedCriterion criterion = feedback.failedCriteria().get(0);
            return "criterion '" + criterion.criterion() + "' failed: " + criterion.reason();
        }
        return "the plan did not run through";
    }

    private StopReason unusable(PlanDraft draft, int number, int replies) {
        if (draft.overStepLimit()) {
            return new StopReason(
                    StopReason.Kind.MAX_STEPS,
                    "the planner's plans kept having more than "
                            + agent.planner.maxSteps() + " steps (maxStepsPerPlan is " + agent.planner.maxSteps()
                            + "): " + draft.plan().map(p -> p.steps().size()).orElse(0)
                            + " in its last reply of attempt "
                            + number);
        }
        return new StopReason(
                StopReason.Kind.MAX_REPAIRS,
                "no usable plan after " + replies
                        + (replies == 1 ? " reply" : " replies") + " in attempt " + number + " (maxRepairs is "
                        + agent.planner.maxRepairs() + "); the last reply's problems:\n"
                        + draft.problemsText().stripTrailing());
    }

    /** The budget that is used up, or null. Checked before every model call and every phase. */
    private @Nullable StopReason budgetSpent() {
        return budgetSpent(usage.total().totalTokens());
    }

    /** The budget that is used up after {@code tokens} model tokens, or null; reads only final fields. */
    private @Nullable StopReason budgetSpent(long tokens) {
        if (tokens >= agent.maxTokens) {
            return new StopReason(
                    StopReason.Kind.MAX_TOKENS,
                    "the run used " + tokens + " model tokens and maxTokens is " + agent.maxTokens);
        }
        Duration limit = agent.wallClock;
        if (limit != null) {
            Duration taken = since(start);
            if (taken.compareTo(limit) >= 0) {
                return new StopReason(
                        StopReason.Kind.WALL_CLOCK,
                        "the run has taken " + format(taken) + " and wallClock is " + format(limit));
            }
        }
        return null;
    }

    /**
     * The steps of {@code plan} that repeat exactly a step done in an earlier attempt, with that evidence: only steps of
     * tools declared free of side effects, and only those before the plan's first step with side effects (the steps
     * after it must see what it changes).
     */
    private Map<StepId, StepOutcome.Done> reusable(Plan plan, int number) {
        if (doneSteps.isEmpty()) {
            return Map.of();
        }
        StepKeys keys = new StepKeys(plan);
        Map<StepId, StepOutcome.Done> reused = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            ToolDescriptor.Effects effects = agent.tools.effects(step.tool());
            if (effects.ordered()) {
                break;
            }
            Earlier earlier = effects.reusable() ? doneSteps.get(keys.key(step.id())) : null;
            if (earlier != null) {
                reused.put(step.id(), earlier.done());
                agent.emit(new AgentEvent.StepReused(runId, number, step.id(), earlier.attempt()));
            }
        }
        return reused;
    }

    /**
     * Keeps the attempt's done steps for reuse, unless a step that is not declared free of side effects ran (or began
     * to): it may have changed what any earlier evidence was read from, so then nothing earlier is kept either.
     */
    private void remember(Plan plan, ExecutionResult result, int number) {
        for (Step step : plan.steps()) {
            if (!agent.tools.effects(step.tool()).reusable()
                    && result.outcome(step.id())
                            .filter(o -> !(o instanceof StepOutcome.Skipped))
                            .isPresent()) {
                doneSteps.clear();
                return;
            }
        }
        StepKeys keys = new StepKeys(plan);
        for (StepOutcome.Done done : result.done()) {
            doneSteps.putIfAbsent(keys.key(done.step()), new Earlier(done, number));
        }
    }

    private List<StepTrace> trace(Plan plan, ExecutionResult result, Map<StepId, StepOutcome.Done> reused) {
        List<StepTrace> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            StepOutcome outcome = result.outcome(step.id()).orElse(null);
            boolean wasReused = reused.containsKey(step.id());
            boolean writes = agent.tools.effects(step.tool()).ordered();
            if (outcome instanceof StepOutcome.Done done) {
                steps.add(new StepTrace(
                        step.id(),
                        step.tool(),
                        step.toString(),
                        StepTrace.Status.DONE,
                        wasReused,
                        done.preview(),
                        wasReused ? Duration.ZERO : done.duration(),
                        writes,
                        done.cells()));
            } else if (outcome instanceof StepOutcome.Failed failed) {
                steps.add(new StepTrace(
                        step.id(),
                        step.tool(),
                        step.toString(),
                        StepTrace.Status.FAILED,
                        false,
                        failed.reason(),
                        failed.duration(),
                        writes,
                        Optional.empty()));
            } else if (outcome instanceof StepOutcome.Skipped skipped) {
                steps.add(new StepTrace(
                        step.id(),
                        step.tool(),
                        step.toString(),
                        StepTrace.Status.SKIPPED,
                        false,
                        skipped.why(),
                        Duration.ZERO,
                        writes,
                        Optional.empty()));
            }
        }
        return steps;
    }

    private static Feedback feedback(Plan plan, ExecutionResult result, @Nullable TestReport report) {
        List<Feedback.FailedStep> failedSteps = new ArrayList<>();
        for (StepOutcome.Failed failed : result.failures()) {
            String call = plan.step(failed.step()).map(Step::toString).orElse("#" + failed.step());
            failedSteps.add(new Feedback.FailedStep(call, failed.reason()));
        }
        if (result.cancelled()) {
            failedSteps.add(new Feedback.FailedStep("the plan", "was cancelled"));
        }
        List<Feedback.FailedCriterion> failedCriteria = new ArrayList<>();
        if (report != null) {
            for (Verdict verdict : report.failed()) {
                failedCriteria.add(new Feedback.FailedCriterion(verdict.criterion(), verdict.reason()));
            }
        }
        return new Feedback(plan.toString(), failedSteps, failedCriteria);
    }

    private AgentResult stopped(StopReason reason) {
        agent.emit(new AgentEvent.Stopped(runId, reason));
        return result("", reason);
    }

    private AgentResult result(String answer, StopReason reason) {
        Timings timings = new Timings(planning, execution, testing, solving, since(start));
        return new AgentResult(
                runId,
                task,
                answer,
                reason,
                Optional.ofNullable(lastReport),
                attempts,
                usage,
                timings,
                Optional.ofNullable(typedAnswer));
    }

    private Duration since(Instant t0) {
        Duration d = Duration.between(t0, agent.clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
