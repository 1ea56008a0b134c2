package dev.pev4j.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path temp;

    Path root;
    Workspace workspace;

    @BeforeEach
    void create_workspace() throws IOException {
        root = Files.createDirectory(temp.resolve("ws"));
        Files.writeString(root.resolve("sales.csv"), "a,b\n1,2\n");
        Files.writeString(root.resolve("orders.csv"), "id\n1\n");
        Files.createDirectory(root.resolve("data"));
        Files.writeString(root.resolve("data/2024.csv"), "x\n");
        workspace = Workspace.of(root);
    }

    @Test
    void root_must_exist() {
        Path missing = temp.resolve("nope");

        assertThatThrownBy(() -> Workspace.of(missing))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("workspace root '" + missing + "' does not exist");
    }

    @Test
    void root_must_be_a_directory() {
        Path file = root.resolve("sales.csv");

        assertThatThrownBy(() -> Workspace.of(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("workspace root '" + file + "' is not a directory");
    }

    @Test
    void resolves_relative_paths_to_real_paths_inside_the_root() throws IOException {
        assertThat(workspace.resolve("sales.csv")).isEqualTo(root.toRealPath().resolve("sales.csv"));
        assertThat(workspace.resolve("data/2024.csv"))
                .isEqualTo(root.toRealPath().resolve("data/2024.csv"));
        assertThat(workspace.resolve("data/../sales.csv"))
                .isEqualTo(root.toRealPath().resolve("sales.csv"));
    }

    @Test
    void accepts_an_absolute_path_inside_the_root() throws IOException {
        String absolute = root.toRealPath().resolve("sales.csv").toString();

        assertThat(workspace.resolve(absolute)).isEqualTo(root.toRealPath().resolve("sales.csv"));
    }

    @Test
    void rejects_an_absolute_path_outside_the_root() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");

        WorkspaceException e =
                catchThrowableOfType(WorkspaceException.class, () -> workspace.resolve(outside.toString()));

        assertThat(e)
                .hasMessage(
                        "path '" + outside + "' is outside the workspace; use a path relative to the workspace root");
        assertThat(e.path()).isEqualTo(outside.toString());
    }

    @Test
    void rejects_dot_dot_that_leads_out() throws IOException {
        Files.writeString(temp.resolve("secret.txt"), "secret");

        assertThatThrownBy(() -> workspace.resolve("../secret.txt"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path '../secret.txt' is outside the workspace: '..' leads above the workspace root");
        assertThatThrownBy(() -> workspace.resolve("data/../../secret.txt"))
                .hasMessage(
                        "path 'data/../../secret.txt' is outside the workspace: '..' leads above the workspace root");
    }

    @Test
    void rejects_a_symbolic_link_that_leads_out() throws IOException {
        Path outsideDir = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outsideDir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link"), outsideDir);
        Files.createSymbolicLink(root.resolve("secret.csv"), outsideDir.resolve("secret.txt"));

        assertThatThrownBy(() -> workspace.resolve("link/secret.txt"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path 'link/secret.txt' is outside the workspace: "
                        + "it goes through a symbolic link that leads out of it");
        assertThatThrownBy(() -> workspace.resolve("secret.csv"))
                .hasMessage("path 'secret.csv' is outside the workspace: "
                        + "it goes through a symbolic link that leads out of it");
    }

    @Test
    void follows_a_symbolic_link_that_stays_inside() throws IOException {
        Files.createSymbolicLink(root.resolve("latest.csv"), root.resolve("data/2024.csv"));

        assertThat(workspace.resolve("latest.csv")).isEqualTo(root.toRealPath().resolve("data/2024.csv"));
    }

    @Test
    void missing_file_names_the_nearest_files_and_lists_them() {
        WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> workspace.resolve("sales.cvs"));

        assertThat(e)
                .hasMessage("file 'sales.cvs' not found in the workspace; did you mean 'sales.csv'? "
                        + "files: data/2024.csv, orders.csv, sales.csv");
        assertThat(e.suggestions()).containsExactly("sales.csv");
    }

    @Test
    void missing_file_without_near_names_lists_the_files() {
        assertThatThrownBy(() -> workspace.resolve("weather.json"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'weather.json' not found in the workspace; "
                        + "files: data/2024.csv, orders.csv, sales.csv");
    }

    @Test
    void missing_file_in_an_empty_workspace_says_so() throws IOException {
        Workspace empty = Workspace.of(Files.createDirectory(temp.resolve("empty")));

        assertThatThrownBy(() -> empty.resolve("sales.csv"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'sales.csv' not found in the workspace; the workspace has no files");
    }

    @Test
    void rejects_an_empty_path() {
        assertThatThrownBy(() -> workspace.resolve(" "))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path is empty; name a file in the workspace");
    }

    @Test
    void lists_files_recursively_sorted_with_unicode_names() throws IOException {
        Files.writeString(root.resolve("ventes-été.csv"), "x\n");

        assertThat(workspace.list()).containsExactly("data/2024.csv", "orders.csv", "sales.csv", "ventes-été.csv");
    }

    @Test
    void list_leaves_out_links_that_lead_out() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("secret.csv"), outside);

        assertThat(workspace.list()).containsExactly("data/2024.csv", "orders.csv", "sales.csv");
    }

    @Test
    void writes_a_new_file_atomically() throws IOException {
        Path written = workspace.writeAtomically("out.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8), false);

        assertThat(written).isEqualTo(root.toRealPath().resolve("out.csv"));
        assertThat(Files.readString(written)).isEqualTo("a\n1\n");
        assertThat(workspace.list()).containsExactly("data/2024.csv", "orders.csv", "out.csv", "sales.csv");
    }

    @Test
    void refuses_to_overwrite_an_existing_file_and_leaves_it_unchanged() throws IOException {
        assertThatThrownBy(() -> workspace.writeAtomically("sales.csv", new byte[] {'x'}, false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'sales.csv' already exists; choose another name or pass overwrite=true");

        assertThat(Files.readString(root.resolve("sales.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(workspace.list()).containsExactly("data/2024.csv", "orders.csv", "sales.csv");
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".pev4j-"));
        }
    }

    @Test
    void overwrites_when_asked() throws IOException {
        workspace.writeAtomically("orders.csv", out -> out.write("id\n2\n".getBytes(StandardCharsets.UTF_8)), true);

        assertThat(Files.readString(root.resolve("orders.csv"))).isEqualTo("id\n2\n");
    }

    @Test
    void a_failing_writer_leaves_no_file_behind() throws IOException {
        assertThatThrownBy(() -> workspace.writeAtomically(
                        "out.csv",
                        out -> {
                            out.write('a');
                            throw new IOException("disk full");
                        },
                        false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("could not write 'out.csv': java.io.IOException: disk full");

        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("data", "orders.csv", "sales.csv");
        }
    }

    @Test
    void creates_missing_directories_inside_the_workspace() throws IOException {
        workspace.writeAtomically("reports/2024/summary.txt", new byte[] {'s'}, false);

        assertThat(Files.readString(root.resolve("reports/2024/summary.txt"))).isEqualTo("s");
    }

    @Test
    void refuses_to_write_outside() throws IOException {
        Path outsideDir = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outsideDir);

        assertThatThrownBy(() -> workspace.writeAtomically("../out.csv", new byte[] {'x'}, false))
                .hasMessage("path '../out.csv' is outside the workspace: '..' leads above the workspace root");
        assertThatThrownBy(() -> workspace.writeAtomically("link/sub/out.csv", new byte[] {'x'}, false))
                .hasMessage("path 'link/sub/out.csv' is outside the workspace: "
                        + "it goes through a symbolic link that leads out of it");
        assertThat(outsideDir).isEmptyDirectory();
    }

    @Test
    void refuses_to_write_over_a_directory() {
        assertThatThrownBy(() -> workspace.writeAtomically("data", new byte[] {'x'}, true))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path 'data' is a directory, not a file");
    }
}
