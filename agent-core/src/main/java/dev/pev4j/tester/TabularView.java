package dev.pev4j.tester;

/** STAND-IN (branch agent): a table seen through an {@link EvidenceInspector}; the real type has the accessors. */
public interface TabularView {}
