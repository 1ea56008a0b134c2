package dev.pev4j.tools.data;

import static dev.pev4j.tools.data.DataOpsTest.sales;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pev4j.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataOps' writers give new files the permissions any new file gets here (the umask) and keep a replaced file's. */
class DataOpsFileModesTest {

    @TempDir
    Path root;

    DataOps data;

    /** The permissions a file created here without explicit ones gets: 0666 less the process umask. */
    Set<PosixFilePermission> umaskMode;

    @BeforeEach
    void create_toolkit() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        data = DataOps.in(Workspace.of(root));
        Path reference = Files.createFile(root.resolve("reference"));
        umaskMode = Files.getPosixFilePermissions(reference);
        Files.delete(reference);
    }

    @Test
    void new_files_get_the_permissions_the_umask_gives() throws IOException {
        data.writeCsv(sales(), "out.csv", null);
        data.writeJson(sales(), "out.json", null);
        data.plot(sales(), "bar", "region", "revenue", "chart.html", null, null);

        assertThat(Files.getPosixFilePermissions(root.resolve("out.csv"))).isEqualTo(umaskMode);
        assertThat(Files.getPosixFilePermissions(root.resolve("out.json"))).isEqualTo(umaskMode);
        assertThat(Files.getPosixFilePermissions(root.resolve("chart.html"))).isEqualTo(umaskMode);
    }

    @Test
    void a_replaced_file_keeps_its_permissions() throws IOException {
        Path kept = Files.writeString(root.resolve("out.csv"), "old\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));

        data.writeCsv(sales(), "out.csv", true);

        assertThat(Files.readString(kept)).startsWith("region,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                .isEqualTo("rw-r-----");
    }
}
