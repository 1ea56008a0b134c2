package dev.pev4j.tools.data;

import dev.pev4j.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where DataOps' tools run: {@link Tablesaw} (the default, in memory), {@link DuckDb} (embedded, out of core, lazy
 * SQL plans) or {@link Spark} (lazy Spark SQL plans on one machine or a cluster). The tool names, argument shapes and
 * pandas semantics are the same on all; see agent-tools/README.md for
 * when to pick which and where an engine differs. Immutable values.
 *
 * <pre>{@code
 * Toolkit data = DataOps.on(Engine.duckdb(), Workspace.of(Path.of("data")));
 * }</pre>
 */
public sealed interface Engine permits Engine.Tablesaw, Engine.DuckDb, Engine.Spark {

    /** The engine's name on the command line: {@code tablesaw}, {@code duckdb} or {@code spark}. */
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

    /**
     * Apache Spark SQL (org.apache.spark:spark-sql_2.13, 4.x, must be on the classpath, with the {@code --add-opens}
     * flags Spark needs on Java 17): each step is a lazy Spark SQL query. One SparkContext per JVM, made by the first
     * Spark DataOps with its master and shared by the later ones (each with its own session); it lives until the JVM
     * exits.
     *
     * @param master Spark's master URL: {@code local[*]} (all cores of this machine), {@code local[4]}, {@code
     *     spark://host:7077}, {@code yarn}, … On a cluster the workspace must be on a file system every executor sees
     *     at the same path. Or a Spark Connect URL, {@code sc://host:15002}: a session on that server, which runs the
     *     queries and reads and writes the files (needs org.apache.spark:spark-connect_2.13 on the classpath; the
     *     workspace must be at the same path on this machine and the server, see agent-tools/README.md).
     */
    record Spark(String master) implements Engine {
        public Spark {
            Objects.requireNonNull(master, "master == null");
            if (master.isBlank()) {
                throw new IllegalArgumentException(
                        "master must be a Spark master URL such as \"local[*]\" or \"spark://host:7077\" but was "
                                + "blank");
            }
        }

        @Override
        public String name() {
            return "spark";
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

    /** Spark on all cores of this machine ({@code local[*]}). */
    static Engine spark() {
        return new Spark("local[*]");
    }

    /**
     * The engine named {@code spec} on a command line: {@code tablesaw}, {@code duckdb}, {@code spark} (local[*]) or
     * {@code spark:MASTER}, e.g. {@code spark:spark://host:7077} or {@code spark:sc://host:15002} (Spark Connect).
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    static Engine parse(String spec) {
        Objects.requireNonNull(spec, "spec == null");
        String name = spec.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "tablesaw" -> tablesaw();
            case "duckdb" -> duckdb();
            case "spark" -> spark();
            default -> {
                if (name.startsWith("spark:")) {
                    yield new Spark(spec.strip().substring("spark:".length()));
                }
                throw new IllegalArgumentException(
                        "unknown engine '" + spec + "'; choices: tablesaw, duckdb, spark, spark:MASTER");
            }
        };
    }
}
