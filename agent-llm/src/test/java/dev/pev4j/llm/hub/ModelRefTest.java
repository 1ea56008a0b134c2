package dev.pev4j.llm.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelRefTest {

    private static final String EXPECTED = "; expected hf:<owner>/<repo>/<file>, hf:<owner>/<repo>@<revision>/<file> or"
            + " a local file path, e.g. hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf";

    @Test
    void parses_a_hub_file_on_the_main_branch() {
        ModelRef ref = ModelRef.parse("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf");

        assertThat(ref)
                .isEqualTo(new ModelRef.HubFile(
                        "Qwen", "Qwen2.5-1.5B-Instruct-GGUF", "qwen2.5-1.5b-instruct-q4_k_m.gguf", "main"));
        assertThat(((ModelRef.HubFile) ref).repoId()).isEqualTo("Qwen/Qwen2.5-1.5B-Instruct-GGUF");
        assertThat(ref).hasToString("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }

    @Test
    void parses_a_revision_and_a_path_with_folders() {
        ModelRef.HubFile ref = (ModelRef.HubFile) ModelRef.parse("hf://bartowski/Phi-3.5-GGUF@v1.2/q4/phi.gguf");

        assertThat(ref).isEqualTo(new ModelRef.HubFile("bartowski", "Phi-3.5-GGUF", "q4/phi.gguf", "v1.2"));
        assertThat(ref.fileName()).isEqualTo("phi.gguf");
        assertThat(ref).hasToString("hf:bartowski/Phi-3.5-GGUF@v1.2/q4/phi.gguf");
    }

    @Test
    void reads_a_revision_with_slashes_written_as_percent_2f() {
        ModelRef.HubFile ref = (ModelRef.HubFile) ModelRef.parse("hf:a/b@refs%2Fpr%2F1/m.gguf");

        assertThat(ref.revision()).isEqualTo("refs/pr/1");
        assertThat(ref).hasToString("hf:a/b@refs%2Fpr%2F1/m.gguf");
        assertThat(ModelRef.parse(ref.toString())).isEqualTo(ref);
    }

    @Test
    void knows_a_pinned_commit() {
        ModelRef.HubFile ref = ModelRef.hub("a/b", "m.gguf");

        assertThat(ref.pinsCommit()).isFalse();
        assertThat(ref.withRevision("0123456789abcdef0123456789abcdef01234567").pinsCommit())
                .isTrue();
    }

    @Test
    void parses_local_paths_with_or_without_file_prefix() {
        assertThat(ModelRef.parse("models/m.gguf")).isEqualTo(ModelRef.local(Path.of("models/m.gguf")));
        assertThat(ModelRef.parse("/opt/m.gguf")).isEqualTo(ModelRef.local(Path.of("/opt/m.gguf")));
        assertThat(ModelRef.parse("file:models/m.gguf")).isEqualTo(ModelRef.local(Path.of("models/m.gguf")));
        assertThat(ModelRef.parse("file:///opt/m.gguf")).isEqualTo(ModelRef.local(Path.of("/opt/m.gguf")));
    }

    @Test
    void rejects_an_empty_reference() {
        assertThatThrownBy(() -> ModelRef.parse(" "))
                .isInstanceOfSatisfying(
                        InvalidModelRefException.class,
                        e -> assertThat(e.reference()).isEqualTo(" "))
                .hasMessage("bad model reference ' ': it is empty" + EXPECTED);
    }

    @Test
    void rejects_a_hub_reference_without_a_repository() {
        assertThatThrownBy(() -> ModelRef.parse("hf:Qwen"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'hf:Qwen': it names no repository (<owner>/<repo>)" + EXPECTED);
    }

    @Test
    void rejects_a_hub_reference_without_a_file() {
        assertThatThrownBy(() -> ModelRef.parse("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF': it names no file inside the"
                        + " repository 'Qwen/Qwen2.5-1.5B-Instruct-GGUF'" + EXPECTED);
    }

    @Test
    void rejects_a_bad_repository_name() {
        assertThatThrownBy(() -> ModelRef.parse("hf:Qwen/Qwen 2.5/m.gguf"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'hf:Qwen/Qwen 2.5/m.gguf': 'Qwen 2.5' is not a valid repository"
                        + " name (letters, digits, '-', '_' and '.', starting with a letter or digit)" + EXPECTED);
    }

    @Test
    void rejects_a_path_that_climbs_out_of_the_repository() {
        assertThatThrownBy(() -> ModelRef.parse("hf:a/b/../../etc/passwd"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'hf:a/b/../../etc/passwd': the file path '../../etc/passwd' must be"
                        + " relative, with no empty, '.' or '..' parts, backslashes or control characters" + EXPECTED);
    }

    @Test
    void rejects_an_empty_revision() {
        assertThatThrownBy(() -> ModelRef.parse("hf:a/b@/m.gguf"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'hf:a/b@/m.gguf': the revision after '@' is empty" + EXPECTED);
    }

    @Test
    void rejects_a_file_prefix_without_a_path() {
        assertThatThrownBy(() -> ModelRef.parse("file:"))
                .isInstanceOf(InvalidModelRefException.class)
                .hasMessage("bad model reference 'file:': it names no file" + EXPECTED);
    }
}
