package dev.pev4j.tester;

import java.util.Optional;

/** STAND-IN (branch agent): sees an evidence value as a table, when it knows its type. Thread-safe. */
@FunctionalInterface
public interface EvidenceInspector {

    Optional<TabularView> inspect(Object value);
}
