package dev.pev4j.examples.cli;

import dev.pev4j.agent.AgentEvent;
import dev.pev4j.agent.AgentListener;
import dev.pev4j.exec.PlanExecutor.StepEvent;
import dev.pev4j.plan.Feedback;
import dev.pev4j.plan.Step;
import dev.pev4j.tester.Verdict;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a run's progress as it happens, one line an event: the plan, each step starting and ending, the tests, the
 * replans. Thread-safe (step events come from the executor's threads).
 */
final class ProgressPrinter implements AgentListener {

    private final PrintWriter err;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.Planned planned) {
            err.println("plan (attempt " + planned.attempt() + "): "
                    + planned.plan().steps().size() + " steps, "
                    + planned.plan().criteria().size() + " criteria");
            for (Step step : planned.plan().steps()) {
                err.println("  " + CliOutput.oneLine(step.toString()));
            }
        } else if (event instanceof AgentEvent.Repairing repairing) {
            err.println("plan has problems, asking again (round " + repairing.round() + "): "
                    + CliOutput.oneLine(repairing.problems()));
        } else if (event instanceof AgentEvent.Step step) {
            StepEvent e = step.event();
            if (e instanceof StepEvent.Started) {
                err.println("  run  " + e.step() + " " + e.tool());
            } else if (e instanceof StepEvent.Finished finished) {
                err.println("  done " + e.step() + " " + e.tool() + " ("
                        + finished.duration().toMillis() + " ms)");
            } else if (e instanceof StepEvent.Failed failed) {
                err.println("  FAIL " + e.step() + " " + e.tool() + ": " + CliOutput.oneLine(failed.reason()));
            } else if (e instanceof StepEvent.Skipped skipped) {
                err.println("  skip " + e.step() + " " + e.tool() + ": " + CliOutput.oneLine(skipped.why()));
            }
        } else if (event instanceof AgentEvent.StepReused reused) {
            err.println("  reuse " + reused.step() + " from attempt " + reused.fromAttempt());
        } else if (event instanceof AgentEvent.Tested tested) {
            err.println("tested: " + tested.report().overall().name().toLowerCase(Locale.ROOT));
            for (Verdict verdict : tested.report().verdicts()) {
                err.println("  " + verdict.status().name().toLowerCase(Locale.ROOT) + ": "
                        + CliOutput.oneLine(verdict.criterion()));
            }
        } else if (event instanceof AgentEvent.Replanning replanning) {
            Feedback feedback = replanning.feedback();
            err.println("replanning after attempt " + replanning.attempt() + ": "
                    + feedback.failedSteps().size() + " failed steps, "
                    + feedback.failedCriteria().size() + " failed criteria");
        }
    }
}
