/**
 * A small, safe expression language for row filters and derived columns ({@code amount > 100 and region == "N"},
 * {@code price * units}), read the way pandas' {@code DataFrame.query} and {@code DataFrame.eval} read them. An
 * {@link dev.pev4j.tools.expr.Expression} is parsed by a hand-written tokenizer and recursive-descent parser into a
 * closed syntax tree and evaluated column by column over a Tablesaw table; only the operators and the fixed list of
 * functions it documents exist, so an expression can never reach the JVM, files or the network. Every mistake is an
 * {@link dev.pev4j.tools.expr.ExpressionException} that names the offending token, its column in the text and the
 * nearest valid choices.
 */
@NullMarked
package dev.pev4j.tools.expr;

import org.jspecify.annotations.NullMarked;
