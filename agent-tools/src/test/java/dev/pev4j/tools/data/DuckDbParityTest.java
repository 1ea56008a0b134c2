package dev.pev4j.tools.data;

import org.junit.jupiter.api.Nested;

/**
 * The DataOps parity tests, the same bodies, on the DuckDB engine: each nested class extends a Tablesaw test class and
 * only switches the engine. Every tool runs on this engine (some in memory, see SqlDataOps.IN_MEMORY); skips and
 * differences are tabled in agent-tools/README.md.
 */
class DuckDbParityTest {

    @Nested
    class Core extends DataOpsTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class FilterAssign extends DataOpsFilterAssignTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class Reshape extends DataOpsReshapeTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class Cleaning extends DataOpsCleaningTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class Inspect extends DataOpsInspectTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class FastPath extends DataOpsFastPathTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class Pandas extends DataOpsPandasTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }

    @Nested
    class Parquet extends DataOpsParquetTest {
        @Override
        Engines engine() {
            return Engines.DUCKDB;
        }
    }
}
