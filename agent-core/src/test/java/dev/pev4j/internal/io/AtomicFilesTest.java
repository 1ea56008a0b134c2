package dev.pev4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_new_file_gets_the_umask_permissions_and_a_replaced_one_keeps_its_own() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path reference = Files.createFile(dir.resolve("reference"));
        Path replaced = Files.writeString(dir.resolve("old.txt"), "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rwxr-x---"));

        Path fresh = AtomicFiles.writeString(dir.resolve("new.txt"), "new", AtomicFiles.Mode.REPLACE);
        AtomicFiles.writeString(replaced, "newer", AtomicFiles.Mode.REPLACE);

        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)))
                .isEqualTo("rwxr-x---");
        assertThat(Files.readString(fresh)).isEqualTo("new");
        assertThat(Files.readString(replaced)).isEqualTo("newer");
    }

    @Test
    void create_new_never_replaces_and_a_failed_write_leaves_the_target_and_no_temporary_file() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.txt"), "old");

        assertThatThrownBy(() -> AtomicFiles.writeString(kept, "new", AtomicFiles.Mode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> AtomicFiles.write(
                        kept,
                        out -> {
                            out.write('x');
                            throw new IOException("disk full");
                        },
                        AtomicFiles.Mode.REPLACE))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");

        assertThat(Files.readString(kept)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kept.txt");
        }
    }
}
