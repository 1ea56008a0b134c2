/**
 * Judges: something that decides whether a criterion holds given the evidence, with a confidence, and may abstain.
 * The tester asks a {@link dev.pev4j.spi.Judge} about every criterion it cannot check in code; a calibrated cascade
 * of judges (cheap first, stronger when unsure, abstaining when none is sure) is one.
 */
@NullMarked
package dev.pev4j.judge;

import org.jspecify.annotations.NullMarked;
