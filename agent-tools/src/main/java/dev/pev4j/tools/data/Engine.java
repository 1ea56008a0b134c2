package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where DataOps' tools run: {@link Tablesaw} (the default, in memory) or {@link DuckDb} (embedded, out of core, lazy
 * SQL plans). The tool names, argument shapes and pandas semantics are the same on both; see agent-tools/README.md for
 * when to pick which and where an engine differs. Immutable values.
 *
 * <pre>{@code
 * Toolkit data = DataOps.on(Engine.duckdb(), Workspace.of(Path.of("data")));
 * }</pre>
 */
public sealed interface Engine permits Engine.Tablesaw, Engine.DuckDb {

    /** The engine's name on the command line: {@code tablesaw} or {@code duckdb}. */
    String name();

    /** Tables held in the JVM's heap by Tablesaw, computed step by step. */
    record Tablesaw() implements Engine {
        @Override
        public String name() {
            return "tablesaw";
        }
    }

    /**
     * DuckDB, embedded in the JVM (org.duckdb:duckdb_jdbc must be on the classpath): each step is a lazy relation, a
     * SQL query over the steps before it, and only previews, checks and answers are fetched.
     *
     * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code "2GB"}; null for DuckDB's default (80% of RAM).
     *     DuckDB's memory is outside the JVM heap; beyond it, DuckDB spills to a temporary directory.
     * @param threads the number of threads DuckDB may use, or 0 for all cores
     */
    record DuckDb(@Nullable String memoryLimit, int threads) implements Engine {
        private static final String SIZE = "(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)";

        public DuckDb {
            Checks.atLeast("threads", threads, 0);
            if (memoryLimit != null && !memoryLimit.strip().matches(SIZE)) {
                throw new IllegalArgumentException(
                        "memoryLimit must be a size such as \"512MB\" or \"2GB\" but was '" + memoryLimit + "'");
            }
        }

        @Override
        public String name() {
            return "duckdb";
        }
    }

    /** The default engine. */
    static Engine tablesaw() {
        return new Tablesaw();
    }

    /** DuckDB with its default memory limit and all cores. */
    static Engine duckdb() {
        return new DuckDb(null, 0);
    }

    /**
     * The engine named {@code spec} on a command line: {@code tablesaw} or {@code duckdb}.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    static Engine parse(String spec) {
        Objects.requireNonNull(spec, "spec == null");
        String name = spec.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "tablesaw" -> tablesaw();
            case "duckdb" -> duckdb();
            default -> {
                if (name.startsWith("spark")) {
                    throw new IllegalArgumentException("engine '" + spec + "' is not available yet: the Spark engine "
                            + "is not built (issue 17); choices: tablesaw, duckdb");
                }
                throw new IllegalArgumentException("unknown engine '" + spec + "'; choices: tablesaw, duckdb");
            }
        };
    }
}
