package dev.pev4j.examples.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --step-timeout} option of the commands that run plans (a picocli mixin), checked in one place. */
final class StepTimeoutOption {

    @Option(
            names = "--step-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Fail a step that runs longer than this (default: ${DEFAULT-VALUE}).")
    long seconds = 60;

    /** @throws IllegalArgumentException naming the option and its value when it is less than a second */
    void check() {
        if (seconds < 1) {
            throw new IllegalArgumentException("--step-timeout must be >= 1 but was " + seconds);
        }
    }

    Duration duration() {
        check();
        return Duration.ofSeconds(seconds);
    }
}
