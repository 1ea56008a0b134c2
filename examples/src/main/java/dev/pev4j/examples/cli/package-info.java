/**
 * The {@code pev4j} command line: {@code ask} answers a question about data files with the whole agent (progress on
 * stderr, answer and verdict on stdout, optionally the JSON trace and an HTML report); {@code plan check} reads a plan file the way the agent would and prints what it
 * understood or every problem it found; {@code plan run} executes a plan with the bundled toolkits and prints each
 * step's outcome. Both print JSON so that what a model wrote can be debugged and scripted.
 */
@NullMarked
package dev.pev4j.examples.cli;

import org.jspecify.annotations.NullMarked;
