/**
 * DataOps: pandas-named tools ({@code read_csv}, {@code head}, {@code sort_values}, {@code groupby_agg} …) over
 * Tablesaw tables, for plans to call. Tables stay Java objects between steps;
 * {@link dev.pev4j.tools.data.TablePreviewer} shows a model a bounded preview with pandas' dtype names. Semantics follow pandas (missing values skipped by
 * aggregations and sorted last, groups sorted by key) except where {@link dev.pev4j.tools.data.DataOps} documents
 * otherwise; errors name the bad value and the nearest valid ones.
 */
@NullMarked
package dev.pev4j.tools.data;

import org.jspecify.annotations.NullMarked;
