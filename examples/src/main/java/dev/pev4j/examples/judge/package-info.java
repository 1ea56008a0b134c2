/**
 * Calibrated judge cascades, end to end: {@code CalibrateCascade} calibrates a cascade from a labelled file and
 * reports coverage and agreement per α; {@code SimulatedJudges} makes such a file from judges of known behaviour,
 * priced by model size, for the example and the cascade benchmark.
 */
@NullMarked
package dev.pev4j.examples.judge;

import org.jspecify.annotations.NullMarked;
