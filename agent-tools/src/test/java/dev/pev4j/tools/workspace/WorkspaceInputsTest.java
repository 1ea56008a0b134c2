package dev.pev4j.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace protecting its inputs never replaces the files it held when asked to; new files are still written. */
class WorkspaceInputsTest {

    @TempDir
    Path root;

    @Test
    void never_replaces_a_file_that_was_there_when_inputs_were_protected() throws IOException {
        Files.writeString(root.resolve("titanic.csv"), "PassengerId\n1\n2\n");
        Workspace workspace = Workspace.of(root).protectingInputs();

        assertThatThrownBy(() -> workspace.writeAtomically("titanic.csv", "x\n".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("file 'titanic.csv' is an input (it was in the workspace when the run started) and is "
                        + "never replaced; write to another name");
        assertThat(Files.readString(root.resolve("titanic.csv"))).isEqualTo("PassengerId\n1\n2\n");

        workspace.writeAtomically("out.csv", "x\n".getBytes(StandardCharsets.UTF_8), false);
        workspace.writeAtomically("out.csv", "y\n".getBytes(StandardCharsets.UTF_8), true);
        assertThat(Files.readString(root.resolve("out.csv"))).isEqualTo("y\n");
    }

    @Test
    void quotes_at_most_a_bounded_part_of_a_very_long_path() {
        Workspace workspace = Workspace.of(root);
        String name = "a".repeat(10 * 1024 * 1024) + ".csv";

        assertThatThrownBy(() -> workspace.resolve(name))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("path '" + "a".repeat(120) + "... (" + (name.length() - 120) + " more characters)' has "
                        + name.length() + " characters; at most 4096 are allowed");
    }
}
