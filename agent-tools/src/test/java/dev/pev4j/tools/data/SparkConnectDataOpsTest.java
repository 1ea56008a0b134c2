package dev.pev4j.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.junit.jupiter.api.Test;

/**
 * {@link SparkDataOpsTest}'s tests (and so {@link DuckDbDataOpsTest}'s) over Spark Connect: a Connect server started
 * in the test JVM on its SparkContext (local[2]), and the engine opened with its {@code sc://} URL, so every query,
 * file read and write goes through the Connect client.
 */
class SparkConnectDataOpsTest extends SparkDataOpsTest {

    /** The server's URL, {@code sc://127.0.0.1:PORT}, started once for the JVM. */
    private static volatile String url;

    static synchronized String server(Path anyDirectory) {
        if (url == null) {
            // the JVM's SparkContext, made by a classic session if no test made it yet; the server's sessions are
            // made from the classic default session
            SqlDataOps.open(Workspace.of(anyDirectory), Engines.LOCAL_SPARK).close();
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkEnv.get().conf().set("spark.connect.grpc.binding.address", "127.0.0.1");
            SparkEnv.get().conf().set("spark.connect.grpc.binding.port", String.valueOf(port));
            SparkConnectService.start(SparkContext.getOrCreate());
            url = "sc://127.0.0.1:" + port;
        }
        return url;
    }

    @Override
    SqlDataOps openEngine(Path root) {
        return SqlDataOps.open(Workspace.of(root), new Engine.Spark(server(root)));
    }

    @Test
    @Override
    void the_database_itself_refuses_files_outside_the_workspace_and_cannot_be_reconfigured() {
        // a Connect client cannot drop the server's functions (README, "Spark Connect"); SQL over files stays off
        assertNoSqlOverFiles(duck.session());
    }

    @Test
    void files_are_staged_in_a_hidden_directory_of_the_workspace_removed_at_close() throws IOException {
        Relation sales = duck.readCsv("sales.csv");

        duck.writeCsv(sales, "copy.csv", null);

        assertThat(Files.readString(root.resolve("copy.csv"))).startsWith("region,revenue,units\nN,10.5,1\n");
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith(".pev4j-spark-"));
        }
        duck.close();
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sales.csv", "copy.csv");
        }
        duck = openEngine(root); // for @AfterEach
    }
}
