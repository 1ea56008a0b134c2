package dev.pev4j.llm.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCacheTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final ModelRef.HubFile FILE = ModelRef.hub("Qwen/Tiny-GGUF", "q4/tiny.gguf");

    @TempDir
    Path tmp;

    @Test
    void takes_its_root_from_hf_hub_cache_first() {
        HubCache cache = HubCache.fromEnvironment(Map.of(
                "HF_HUB_CACHE",
                tmp.resolve("a").toString(),
                "HF_HOME",
                tmp.resolve("b").toString()));

        assertThat(cache.root()).isEqualTo(tmp.resolve("a"));
    }

    @Test
    void takes_its_root_from_hf_home_next() {
        HubCache cache = HubCache.fromEnvironment(Map.of(
                "HF_HOME",
                tmp.resolve("b").toString(),
                "XDG_CACHE_HOME",
                tmp.resolve("c").toString()));

        assertThat(cache.root()).isEqualTo(tmp.resolve("b").resolve("hub"));
    }

    @Test
    void takes_its_root_from_xdg_cache_home_then_the_home_directory() {
        assertThat(HubCache.fromEnvironment(Map.of("XDG_CACHE_HOME", tmp.toString()))
                        .root())
                .isEqualTo(tmp.resolve("huggingface").resolve("hub"));
        assertThat(HubCache.fromEnvironment(Map.of()).root())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"));
        assertThat(HubCache.fromEnvironment(Map.of("HF_HOME", "~/hf")).root())
                .isEqualTo(Path.of(System.getProperty("user.home"), "hf", "hub"));
    }

    @Test
    void lays_files_out_as_huggingface_hub_does() {
        HubCache cache = HubCache.at(tmp);
        Path repo = tmp.resolve("models--Qwen--Tiny-GGUF");

        assertThat(cache.repoDirectory(FILE)).isEqualTo(repo);
        assertThat(cache.blobPath(FILE, "abc")).isEqualTo(repo.resolve("blobs").resolve("abc"));
        assertThat(cache.snapshotPath(FILE, COMMIT))
                .isEqualTo(
                        repo.resolve("snapshots").resolve(COMMIT).resolve("q4").resolve("tiny.gguf"));
        assertThat(cache.refPath(FILE.withRevision("refs/pr/1")))
                .isEqualTo(repo.resolve("refs").resolve("refs").resolve("pr").resolve("1"));
    }

    @Test
    void finds_nothing_for_a_dangling_snapshot_link() throws IOException {
        HubCache cache = HubCache.at(tmp);
        cache.writeRef(FILE, COMMIT);
        Path snapshot = cache.snapshotPath(FILE, COMMIT);
        Files.createDirectories(snapshot.getParent());
        Files.createSymbolicLink(snapshot, Path.of("..", "..", "..", "blobs", "gone"));

        assertThat(cache.commitOf(FILE)).contains(COMMIT);
        assertThat(cache.find(FILE)).isEmpty();
    }

    @Test
    void ignores_a_ref_file_that_holds_no_commit_hash() throws IOException {
        HubCache cache = HubCache.at(tmp);
        Path ref = cache.refPath(FILE);
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, "not a hash");

        assertThat(cache.commitOf(FILE)).isEmpty();
    }

    @Test
    void reads_a_ref_file_with_a_trailing_newline() throws IOException {
        HubCache cache = HubCache.at(tmp);
        Path ref = cache.refPath(FILE);
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, COMMIT + "\n");

        assertThat(cache.commitOf(FILE)).contains(COMMIT);
    }
}
