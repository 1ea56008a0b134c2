package dev.pev4j.agent;

import dev.pev4j.exec.ExecutionResult;
import dev.pev4j.exec.ExecutionResult.StepOutcome;
import dev.pev4j.llm.LlmRequest.ChatMessage;
import dev.pev4j.llm.LlmException;
import dev.pev4j.llm.LlmRequest;
import dev.pev4j.llm.LlmResponse;
import dev.pev4j.plan.Plan;
import dev.pev4j.plan.Step;
import dev.pev4j.plan.StepId;
import dev.pev4j.internal.planner.PlanDraft;
import dev.pev4j.internal.solver.Solution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import dev.pev4j.agent.AgentResult.Attempt;
import dev.pev4j.agent.AgentResult.StepTrace;
import dev.pev4j.agent.AgentResult.PlannerRound;
import dev.pev4j.agent.AgentResult.StopReason;
import dev.pev4j.agent.AgentResult.RoleUsage;
import dev.pev4j.agent.AgentResult.Timings;

/**
 * One run of the agent: plan → validate (repair) → execute → test → solve or replan, within the budgets. Holds the
 * run's state; used by one thread (the caller of {@link Agent#run}), so not thread-safe and never shared.
 */
final class AgentRun {

    /** A done step of an earlier attempt, kept to reuse its evidence when a later plan repeats it exactly. */
    private record Earlier(StepOutcome.Done done, int attempt) {}

    private final Agent agent;
    private final String runId;
    private final String task;
    private final Instant start;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, Earlier> doneSteps = new HashMap<>();
    private RoleUsage usage = RoleUsage.ZERO;
    private Duration planning = Duration.ZERO;
    private Duration execution = Duration.ZERO;
    private Duration testing = Duration.ZERO;
    private Duration solving = Duration.ZERO;

    AgentRun(Agent agent, String runId, String task) {
        this.agent = agent;
        this.runId = runId;
        this.task = task;
        this.start = agent.clock.instant();
    }

    AgentResult run() {
        Feedback feedback = null;
        TestReport lastReport = null;
        for (int number = 1; ; number++) {
            LlmRequest request = feedback == null
                    ? agent.planner.request(task)
                    : agent.planner.request(task, feedback);
            List<ChatMessage> prompt = request.messages();
            List<PlannerRound> rounds = new ArrayList<>();
            PlanDraft draft;
            for (int round = 0; ; round++) {
                StopReason budget = budgetSpent();
                if (budget != null) {
                    return stop(budget, number, prompt, rounds, lastReport);
                }
                Instant t0 = agent.clock.instant();
                LlmResponse response;
                try {
                    response = agent.planner.llm().chat(request);
                } catch (LlmException e) {
                    return stop(new StopReason(StopReason.Kind.MODEL_FAILED, "the planner's model failed: "
                            + e.getMessage()), number, prompt, rounds, lastReport);
                } finally {
                    planning = planning.plus(since(t0));
                }
                usage = usage.plusPlanner(response.usage());
                draft = agent.planner.read(response.text());
                rounds.add(new PlannerRound(response.text(), draft.problems()));
                if (draft.isUsable()) {
                    break;
                }
                if (round == agent.planner.maxRepairs()) {
                    return stop(unusable(draft, number, round + 1), number, prompt, rounds, lastReport);
                }
                agent.emit(new AgentEvent.Repairing(runId, number, round + 1, draft.problemsText()));
                request = agent.planner.repair(request, response.text(), draft);
            }
            Plan plan = draft.plan().orElseThrow();
            agent.emit(new AgentEvent.Planned(runId, number, plan, draft.text()));

            StopReason budget = budgetSpent();
            if (budget != null) {
                attempts.add(new Attempt(number, prompt, rounds, Optional.of(plan), List.of(), Optional.empty()));
                return stopped(budget, lastReport);
            }
            Map<StepId, StepOutcome.Done> reused = reusable(plan, number);
            int attempt = number;
            Instant t0 = agent.clock.instant();
            ExecutionResult result = agent.executor.execute(
                    plan, reused, event -> agent.emit(new AgentEvent.Step(runId, attempt, event)));
            execution = execution.plus(since(t0));
            remember(plan, result, number);
            List<StepTrace> steps = trace(plan, result, reused);

            if (!result.succeeded()) {
                attempts.add(new Attempt(number, prompt, rounds, Optional.of(plan), steps, Optional.empty()));
                feedback = feedback(plan, result, null);
                StopReason noReplan = replanOrStop(number, feedback);
                if (noReplan != null) {
                    return stopped(noReplan, lastReport);
                }
                continue;
            }

            budget = budgetSpent();
            if (budget != null) {
                attempts.add(new Attempt(number, prompt, rounds, Optional.of(plan), steps, Optional.empty()));
                return stopped(budget, lastReport);
            }
            TestReport report;
            t0 = agent.clock.instant();
            try {
                report = agent.verification.test(task, plan, result);
            } catch (LlmException e) {
                attempts.add(new Attempt(number, prompt, rounds, Optional.of(plan), steps, Optional.empty()));
                return stopped(new StopReason(StopReason.Kind.MODEL_FAILED, "the tester's model failed: "
                        + e.getMessage()), lastReport);
            } finally {
                testing = testing.plus(since(t0));
            }
            usage = usage.plusTester(report.usage());
            lastReport = report;
            attempts.add(new Attempt(number, prompt, rounds, Optional.of(plan), steps, Optional.of(report)));
            agent.emit(new AgentEvent.Tested(runId, number, report));

            if (report.overall() == Verdict.Status.FAILED) {
                feedback = feedback(plan, result, report);
                StopReason noReplan = replanOrStop(number, feedback);
                if (noReplan != null) {
                    return stopped(noReplan, lastReport);
                }
                continue;
            }
            return solve(plan, result, report);
        }
    }

    private AgentResult solve(Plan plan, ExecutionResult result, TestReport report) {
        StopReason budget = budgetSpent();
        if (budget != null) {
            return stopped(budget, report);
        }
        Solution solution;
        Instant t0 = agent.clock.instant();
        try {
            solution = agent.solver.solve(task, plan, result);
        } catch (LlmException e) {
            return stopped(new StopReason(StopReason.Kind.MODEL_FAILED, "the solver's model failed: "
                    + e.getMessage()), report);
        } finally {
            solving = solving.plus(since(t0));
        }
        usage = usage.plusSolver(solution.usage());
        boolean review = report.overall() == Verdict.Status.ABSTAINED;
        String message = "solved in " + attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts");
        if (review) {
            message += "; needs human review: " + ReviewText.of(report);
        }
        agent.emit(new AgentEvent.Solved(runId, solution.answer(), review));
        return result(solution.answer(), new StopReason(StopReason.Kind.SOLVED, message), report);
    }

    /** Null when a replan may follow (and tells the listeners), else why not. */
    private @Nullable StopReason replanOrStop(int number, Feedback feedback) {
        if (number - 1 >= agent.maxReplans) {
            return new StopReason(StopReason.Kind.MAX_REPLANS, "attempt " + number + " failed and maxReplans is "
                    + agent.maxReplans + "; " + summary(feedback));
        }
        agent.emit(new AgentEvent.Replanning(runId, number, feedback));
        return null;
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
            return new StopReason(StopReason.Kind.MAX_STEPS, "the planner's plans kept having more than "
                    + agent.planner.maxSteps() + " steps (maxStepsPerPlan is " + agent.planner.maxSteps()
                    + "): " + draft.plan().map(p -> p.steps().size()).orElse(0) + " in its last reply of attempt "
                    + number);
        }
        return new StopReason(StopReason.Kind.MAX_REPAIRS, "no usable plan after " + replies
                + (replies == 1 ? " reply" : " replies") + " in attempt " + number + " (maxRepairs is "
                + agent.planner.maxRepairs() + "); the last reply's problems:\n" + draft.problemsText().stripTrailing());
    }

    /** The budget that is used up, or null. Checked before every model call and every phase. */
    private @Nullable StopReason budgetSpent() {
        long tokens = usage.total().totalTokens();
        if (tokens >= agent.maxTokens) {
            return new StopReason(StopReason.Kind.MAX_TOKENS, "the run used " + tokens
                    + " model tokens and maxTokens is " + agent.maxTokens);
        }
        Duration limit = agent.wallClock;
        if (limit != null) {
            Duration taken = since(start);
            if (taken.compareTo(limit) >= 0) {
                return new StopReason(StopReason.Kind.WALL_CLOCK, "the run has taken " + format(taken)
                        + " and wallClock is " + format(limit));
            }
        }
        return null;
    }

    /** The steps of {@code plan} that repeat exactly a step done in an earlier attempt, with that evidence. */
    private Map<StepId, StepOutcome.Done> reusable(Plan plan, int number) {
        if (doneSteps.isEmpty()) {
            return Map.of();
        }
        StepKeys keys = new StepKeys(plan);
        Map<StepId, StepOutcome.Done> reused = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            Earlier earlier = doneSteps.get(keys.key(step.id()));
            if (earlier != null) {
                reused.put(step.id(), earlier.done());
                agent.emit(new AgentEvent.StepReused(runId, number, step.id(), earlier.attempt()));
            }
        }
        return reused;
    }

    private void remember(Plan plan, ExecutionResult result, int number) {
        StepKeys keys = new StepKeys(plan);
        for (StepOutcome.Done done : result.done()) {
            doneSteps.putIfAbsent(keys.key(done.step()), new Earlier(done, number));
        }
    }

    private static List<StepTrace> trace(Plan plan, ExecutionResult result, Map<StepId, StepOutcome.Done> reused) {
        List<StepTrace> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            StepOutcome outcome = result.outcome(step.id()).orElse(null);
            boolean wasReused = reused.containsKey(step.id());
            if (outcome instanceof StepOutcome.Done done) {
                steps.add(new StepTrace(step.id(), step.tool(), step.toString(), StepTrace.Status.DONE, wasReused,
                        done.preview(), wasReused ? Duration.ZERO : done.duration()));
            } else if (outcome instanceof StepOutcome.Failed failed) {
                steps.add(new StepTrace(step.id(), step.tool(), step.toString(), StepTrace.Status.FAILED, false,
                        failed.reason(), failed.duration()));
            } else if (outcome instanceof StepOutcome.Skipped skipped) {
                steps.add(new StepTrace(step.id(), step.tool(), step.toString(), StepTrace.Status.SKIPPED, false,
                        skipped.why(), Duration.ZERO));
            }
        }
        return steps;
    }

    private static Feedback feedback(
            Plan plan, ExecutionResult result, @Nullable TestReport report) {
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

    private AgentResult stop(
            StopReason reason, int number, List<ChatMessage> prompt, List<PlannerRound> rounds,
            @Nullable TestReport lastReport) {
        if (!rounds.isEmpty()) {
            attempts.add(new Attempt(number, prompt, rounds, Optional.empty(), List.of(), Optional.empty()));
        }
        return stopped(reason, lastReport);
    }

    private AgentResult stopped(StopReason reason, @Nullable TestReport lastReport) {
        agent.emit(new AgentEvent.Stopped(runId, reason));
        return result("", reason, lastReport);
    }

    private AgentResult result(String answer, StopReason reason, @Nullable TestReport report) {
        Timings timings = new Timings(planning, execution, testing, solving, since(start));
        return new AgentResult(runId, task, answer, reason, Optional.ofNullable(report), attempts, usage, timings);
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
