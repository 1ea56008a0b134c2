/**
 * File output shared by pev4j's modules: the one atomic write every writer uses (reports, calibrations, DataOps'
 * {@code write_csv}, {@code write_json} and {@code plot}, the command line's result files). Not API.
 */
@NullMarked
package dev.pev4j.internal.io;

import org.jspecify.annotations.NullMarked;
