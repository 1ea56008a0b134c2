package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DuckDbDataOpsTest}'s tests on the Spark engine (local[2], the test JVM's one SparkContext), and Spark's own
 * confinement: no SQL over files, no functions that call Java, no glob patterns in paths.
 */
class SparkDataOpsTest extends DuckDbDataOpsTest {

    @Override
    SqlDataOps openEngine(Path root) {
        return SqlDataOps.open(Workspace.of(root), Engines.LOCAL_SPARK);
    }

    @Override
    String engineName() {
        return "Spark";
    }

    @Test
    @Override
    void the_database_itself_refuses_files_outside_the_workspace_and_cannot_be_reconfigured() {
        SqlBackend session = duck.session();

        for (String function : SparkBackend.BLOCKED_FUNCTIONS) {
            assertThatThrownBy(() -> session.fetch(
                            "SELECT " + function + "('java.lang.System', 'getProperty', 'user.home')", List.of(), ""))
                    .isInstanceOf(DataOpsException.class)
                    .hasMessageStartingWith("Spark could not run the query: [UNRESOLVED_ROUTINE] Cannot resolve "
                            + "routine `" + function + "`");
        }
        assertNoSqlOverFiles(session);
        // the blocked functions are gone from this engine's sessions only
        try (SqlDataOps other = openEngine(root)) {
            assertThatThrownBy(() -> other.session().fetch("SELECT java_method('a', 'b')", List.of(), ""))
                    .isInstanceOf(DataOpsException.class);
        }
    }

    /** SQL cannot name a file: no {@code csv.`path`} table, no {@code read_files}. */
    void assertNoSqlOverFiles(SqlBackend session) {
        assertThatThrownBy(
                        () -> session.fetch("SELECT * FROM csv.`" + outside.resolve("secret.csv") + "`", List.of(), ""))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("Spark could not run the query: [TABLE_OR_VIEW_NOT_FOUND]");
        assertThatThrownBy(() -> session.fetch("SELECT * FROM read_files(?)", List.of("/etc/passwd"), ""))
                .isInstanceOf(DataOpsException.class)
                .hasMessageStartingWith("Spark could not run the query: [UNRESOLVABLE_TABLE_VALUED_FUNCTION]");
    }

    @Test
    void a_path_that_spark_would_read_as_a_pattern_is_refused() throws IOException {
        Files.createDirectories(root.resolve("{..,x}"));
        Files.writeString(root.resolve("{..,x}/a.csv"), "a\n1\n");

        assertThatThrownBy(() -> duck.readCsv("{..,x}/a.csv"))
                .isInstanceOf(DataOpsException.class)
                .hasMessageEndingWith("its path holds '{', which Spark reads as a pattern over file names; rename the "
                        + "file without any of *?[]{}\\\\:");
    }

    @Test
    void missing_markers_and_dtypes_are_read_as_pandas_reads_them() throws IOException {
        Files.writeString(root.resolve("t.csv"), "i,d,b,s,e\n1,1.5,True,x,\nNA,2,false,N/A,\n-3,1e3,,y,NA\n");

        Relation t = duck.readCsv("t.csv");

        assertThat(t.toTable().types())
                .containsExactly(
                        tech.tablesaw.api.ColumnType.LONG,
                        tech.tablesaw.api.ColumnType.DOUBLE,
                        tech.tablesaw.api.ColumnType.BOOLEAN,
                        tech.tablesaw.api.ColumnType.STRING,
                        tech.tablesaw.api.ColumnType.DOUBLE);
        assertThat(Tables.values(t.toTable(), "i")).containsExactly(1L, null, -3L);
        assertThat(Tables.values(t.toTable(), "s")).containsExactly("x", null, "y");
        assertThat(Tables.values(t.toTable(), "b")).containsExactly(true, false, null);
    }
}
