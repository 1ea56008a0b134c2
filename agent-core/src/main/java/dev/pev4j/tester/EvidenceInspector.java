package dev.pev4j.tester;

import java.util.Optional;

/**
 * Shows the tester a kind of evidence value as a table, so that checks such as {@code rows(#E2) <= 3} or
 * {@code unique(#E2, "region")} work on it. Toolkits implement it for their dataframe types (agent-tools: Tablesaw's
 * {@code Table}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface EvidenceInspector {

    /** {@code value} as a table, or empty when this inspector does not know the value's type. */
    Optional<TabularView> inspect(Object value);
}
