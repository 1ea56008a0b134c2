package dev.pev4j.examples.cli;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The budgets of the commands that run the agent (a picocli mixin): {@code --max-replans} and {@code --step-timeout},
 * checked in one place.
 */
final class AgentBudgetOptions {

    @Option(
            names = "--max-replans",
            paramLabel = "N",
            defaultValue = "2",
            description = "New plans after a failed one (default: ${DEFAULT-VALUE}).")
    int maxReplans = 2;

    @Mixin
    StepTimeoutOption timeout = new StepTimeoutOption();

    /** @throws IllegalArgumentException naming the option and its value when one is out of range */
    void check() {
        if (maxReplans < 0) {
            throw new IllegalArgumentException("--max-replans must be >= 0 but was " + maxReplans);
        }
        timeout.check();
    }

    Duration stepTimeout() {
        return timeout.duration();
    }
}
