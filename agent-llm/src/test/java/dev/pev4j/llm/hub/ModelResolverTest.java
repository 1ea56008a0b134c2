package dev.pev4j.llm.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelResolver} against a local fake of the hub: cache layout, resume, verification, offline, errors. */
class ModelResolverTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String REPO = "Qwen/Tiny-GGUF";
    private static final String FILE = "tiny-q4_k_m.gguf";
    private static final ModelRef.HubFile REF = ModelRef.hub(REPO, FILE);

    @TempDir
    Path tmp;

    private FakeHub hub;
    private Path cacheRoot;
    private final byte[] model = bytes(100_000);

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub().lfsFile(REPO, FILE, model);
        cacheRoot = tmp.resolve("hf").resolve("hub");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void downloads_a_file_into_the_huggingface_hub_cache_layout() throws IOException {
        ModelResolver resolver = resolver(Map.of());

        Path path = within(() -> resolver.resolve(REF));

        String sha = FakeHub.sha256(model);
        Path repoDir = cacheRoot.resolve("models--Qwen--Tiny-GGUF");
        Path snapshot = repoDir.resolve("snapshots").resolve(FakeHub.COMMIT).resolve(FILE);
        assertThat(path).isEqualTo(snapshot);
        assertThat(Files.readAllBytes(path)).isEqualTo(model);
        assertThat(Files.readAllBytes(repoDir.resolve("blobs").resolve(sha))).isEqualTo(model);
        assertThat(Files.isSymbolicLink(snapshot)).isTrue();
        assertThat(Files.readSymbolicLink(snapshot)).isEqualTo(Path.of("..", "..", "blobs", sha));
        assertThat(Files.readString(repoDir.resolve("refs").resolve("main"))).isEqualTo(FakeHub.COMMIT);
        assertThat(Files.exists(repoDir.resolve("blobs").resolve(sha + ".incomplete")))
                .isFalse();
        assertThat(hub.requests())
                .extracting(FakeHub.Request::method, FakeHub.Request::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HEAD", "/Qwen/Tiny-GGUF/resolve/main/" + FILE),
                        org.assertj.core.groups.Tuple.tuple("GET", "/cdn/" + sha));
    }

    @Test
    void resolves_a_cached_file_again_without_any_request() {
        ModelResolver resolver = resolver(Map.of());
        Path first = within(() -> resolver.resolve(REF));
        int requestsSoFar = hub.requests().size();

        Path second = within(() -> resolver(Map.of()).resolve("hf:" + REPO + "/" + FILE));

        assertThat(second).isEqualTo(first);
        assertThat(hub.requests()).hasSize(requestsSoFar);
    }

    @Test
    void links_a_file_in_a_subfolder_relative_to_the_blobs() throws IOException {
        hub.lfsFile(REPO, "q4/part-1.gguf", model);

        Path path = within(() -> resolver(Map.of()).resolve(ModelRef.hub(REPO, "q4/part-1.gguf")));

        assertThat(Files.readSymbolicLink(path)).isEqualTo(Path.of("..", "..", "..", "blobs", FakeHub.sha256(model)));
        assertThat(Files.readAllBytes(path)).isEqualTo(model);
    }

    @Test
    void resumes_an_interrupted_download_with_a_range_request() throws IOException {
        hub.dropAfter(30_000, 1);

        Path path = within(() -> resolver(Map.of()).resolve(REF));

        assertThat(Files.readAllBytes(path)).isEqualTo(model);
        List<FakeHub.Request> gets = gets();
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(1).range()).isEqualTo("bytes=30000-");
    }

    @Test
    void resumes_from_a_partial_file_left_by_an_earlier_run() throws IOException {
        Path incomplete = cacheRoot
                .resolve("models--Qwen--Tiny-GGUF")
                .resolve("blobs")
                .resolve(FakeHub.sha256(model) + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, Arrays.copyOf(model, 12_345));

        Path path = within(() -> resolver(Map.of()).resolve(REF));

        assertThat(Files.readAllBytes(path)).isEqualTo(model);
        assertThat(gets()).extracting(FakeHub.Request::range).containsExactly("bytes=12345-");
    }

    @Test
    void breaks_off_a_stalled_download_and_resumes_it() throws IOException {
        hub.stallAfter(20_000);
        ModelResolver resolver =
                builder(Map.of()).readTimeout(Duration.ofSeconds(1)).build();

        Path path = within(() -> resolver.resolve(REF));

        assertThat(Files.readAllBytes(path)).isEqualTo(model);
        assertThat(gets()).extracting(FakeHub.Request::range).containsExactly(null, "bytes=20000-");
    }

    @Test
    void starts_over_when_the_server_ignores_the_range() throws IOException {
        hub.dropAfter(30_000, 1).ignoreRange();

        Path path = within(() -> resolver(Map.of()).resolve(REF));

        assertThat(Files.readAllBytes(path)).isEqualTo(model);
        assertThat(gets()).extracting(FakeHub.Request::range).containsExactly(null, "bytes=30000-");
    }

    @Test
    void gives_up_after_the_last_attempt_with_a_retriable_error_and_keeps_the_partial_file() {
        hub.dropAfter(10_000, 100);
        ModelResolver resolver = builder(Map.of()).maxAttempts(3).build();

        assertThatThrownBy(() -> within(() -> resolver.resolve(REF)))
                .isInstanceOfSatisfying(HubUnavailableException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageStartingWith("download of hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf stopped at byte 30000 of"
                        + " 100000 after 3 attempts (")
                .hasMessageEndingWith("); call again to resume from there");
        assertThat(cacheRoot
                        .resolve("models--Qwen--Tiny-GGUF")
                        .resolve("blobs")
                        .resolve(FakeHub.sha256(model) + ".incomplete"))
                .hasSize(30_000);
    }

    @Test
    void rejects_a_corrupted_download_and_leaves_nothing_in_the_snapshot() throws IOException {
        byte[] wrong = model.clone();
        wrong[500] ^= 1;
        hub.corruptBody(wrong);
        String expected = FakeHub.sha256(model);
        String actual = FakeHub.sha256(wrong);

        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(REF)))
                .isInstanceOfSatisfying(DownloadVerificationException.class, e -> {
                    assertThat(e.check()).isEqualTo("SHA-256");
                    assertThat(e.expected()).isEqualTo(expected);
                    assertThat(e.actual()).isEqualTo(actual);
                    assertThat(e.ref()).isEqualTo(REF);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessage("download of hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf is corrupt: its SHA-256 is " + actual
                        + " but the hub announced " + expected + "; the partial file was deleted, try again");
        Path repoDir = cacheRoot.resolve("models--Qwen--Tiny-GGUF");
        assertThat(repoDir.resolve("snapshots")).doesNotExist();
        assertThat(repoDir.resolve("refs")).doesNotExist();
        try (var blobs = Files.list(repoDir.resolve("blobs"))) {
            assertThat(blobs).isEmpty();
        }
    }

    @Test
    void downloads_a_small_git_file_without_a_redirect() throws IOException {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        hub.gitFile(REPO, "config.json", json);

        Path path = within(() -> resolver(Map.of()).resolve(ModelRef.hub(REPO, "config.json")));

        assertThat(Files.readAllBytes(path)).isEqualTo(json);
        assertThat(hub.requests())
                .extracting(FakeHub.Request::method, FakeHub.Request::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HEAD", "/Qwen/Tiny-GGUF/resolve/main/config.json"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/Qwen/Tiny-GGUF/resolve/main/config.json"));
    }

    @Test
    void fails_at_once_offline_saying_where_the_file_belongs() {
        ModelResolver resolver = resolver(Map.of("HF_HUB_OFFLINE", "1"));
        String sep = File.separator;
        Path repoDir = cacheRoot.resolve("models--Qwen--Tiny-GGUF");

        assertThatThrownBy(() -> resolver.resolve(REF))
                .isInstanceOfSatisfying(
                        ModelNotCachedException.class,
                        e -> assertThat(e.expectedPath()).isEmpty())
                .hasMessage("hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf is not in the cache and offline mode"
                        + " (HF_HUB_OFFLINE=1) forbids downloading it; put the file at " + repoDir + sep + "snapshots"
                        + sep + "<commit>" + sep + FILE + " and the commit hash in "
                        + repoDir.resolve("refs").resolve("main")
                        + " (huggingface-cli download Qwen/Tiny-GGUF tiny-q4_k_m.gguf does both"
                        + " when online), or pass the path of a local GGUF file instead");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offline_names_the_exact_snapshot_path_when_the_commit_is_known() throws IOException {
        Path ref = cacheRoot.resolve("models--Qwen--Tiny-GGUF").resolve("refs").resolve("main");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, FakeHub.COMMIT);
        Path expected = cacheRoot
                .resolve("models--Qwen--Tiny-GGUF")
                .resolve("snapshots")
                .resolve(FakeHub.COMMIT)
                .resolve(FILE);

        assertThatThrownBy(() -> resolver(Map.of("HF_HUB_OFFLINE", "true")).resolve(REF))
                .isInstanceOfSatisfying(
                        ModelNotCachedException.class,
                        e -> assertThat(e.expectedPath()).contains(expected))
                .hasMessage("hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf is not in the cache and offline mode"
                        + " (HF_HUB_OFFLINE=1) forbids downloading it; put the file at " + expected
                        + ", or pass the path of a local GGUF file instead");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void resolves_a_cached_file_offline() {
        Path online = within(() -> resolver(Map.of()).resolve(REF));
        int requestsSoFar = hub.requests().size();

        Path offline = resolver(Map.of("HF_HUB_OFFLINE", "1")).resolve(REF);

        assertThat(offline).isEqualTo(online);
        assertThat(hub.requests()).hasSize(requestsSoFar);
    }

    @Test
    void reuses_a_cache_written_by_python_huggingface_hub() throws IOException {
        // the layout huggingface_hub.hf_hub_download leaves behind, written by hand
        Path repoDir = cacheRoot.resolve("models--Qwen--Tiny-GGUF");
        String etag = FakeHub.sha256(model);
        Path blob = Files.createDirectories(repoDir.resolve("blobs")).resolve(etag);
        Files.write(blob, model);
        Path snapshot = Files.createDirectories(repoDir.resolve("snapshots").resolve(FakeHub.COMMIT))
                .resolve(FILE);
        Files.createSymbolicLink(snapshot, Path.of("..", "..", "blobs", etag));
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs").resolve("main"), FakeHub.COMMIT);
        hub.failWith(500, null); // any request would fail the test

        Path path = resolver(Map.of("HF_HOME", tmp.resolve("hf").toString())).resolve(REF);

        assertThat(path).isEqualTo(snapshot);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void resolves_a_pinned_commit_from_the_cache_without_a_ref_file() throws IOException {
        Path snapshot = Files.createDirectories(cacheRoot
                        .resolve("models--Qwen--Tiny-GGUF")
                        .resolve("snapshots")
                        .resolve(FakeHub.COMMIT))
                .resolve(FILE);
        Files.write(snapshot, model);

        Path path = resolver(Map.of("HF_HUB_OFFLINE", "1")).resolve(REF.withRevision(FakeHub.COMMIT));

        assertThat(path).isEqualTo(snapshot);
    }

    @Test
    void sends_the_token_as_bearer_authorization_to_the_hub() {
        within(() -> resolver(Map.of("HF_TOKEN", "hf_secret")).resolve(REF));

        assertThat(hub.requests())
                .first()
                .extracting(FakeHub.Request::authorization)
                .isEqualTo("Bearer hf_secret");
    }

    @Test
    void keeps_the_token_from_the_cdn_a_download_is_redirected_to() throws IOException {
        try (FakeHub cdn = new FakeHub().lfsFile(REPO, FILE, model)) {
            hub.cdn(cdn);

            Path path = within(() -> resolver(Map.of("HF_TOKEN", "hf_secret")).resolve(REF));

            assertThat(Files.readAllBytes(path)).isEqualTo(model);
            assertThat(hub.requests())
                    .extracting(FakeHub.Request::authorization)
                    .containsExactly("Bearer hf_secret");
            assertThat(cdn.requests())
                    .extracting(FakeHub.Request::authorization)
                    .containsExactly((String) null);
        }
    }

    @Test
    void downloads_a_file_once_when_resolved_from_two_threads_at_once() throws Exception {
        ModelResolver resolver = resolver(Map.of());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Path> a = pool.submit(() -> resolver.resolve(REF));
            java.util.concurrent.Future<Path> b = pool.submit(() -> resolver.resolve(REF));

            Path pa = within(() -> get(a));
            Path pb = within(() -> get(b));

            assertThat(pa).isEqualTo(pb);
            assertThat(Files.readAllBytes(pa)).isEqualTo(model);
            assertThat(gets()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sends_no_authorization_without_a_token() {
        within(() -> resolver(Map.of()).resolve(REF));

        assertThat(hub.requests()).extracting(FakeHub.Request::authorization).containsOnlyNulls();
    }

    @Test
    void reports_401_as_access_denied_naming_hf_token() {
        hub.failWith(401, "GatedRepo");

        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(REF)))
                .isInstanceOfSatisfying(HubAccessDeniedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.tokenSent()).isFalse();
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessage("access to hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf denied (HTTP 401): the repository"
                        + " 'Qwen/Tiny-GGUF' is gated or private, or does not exist; no token was sent: set HF_TOKEN"
                        + " to a Hugging Face access token that can read it (and accept the model's terms at "
                        + hub.endpoint() + "/Qwen/Tiny-GGUF if it is gated)");
    }

    @Test
    void reports_403_with_a_token_as_a_token_without_access() {
        hub.failWith(403, null);

        assertThatThrownBy(() ->
                        within(() -> resolver(Map.of("HF_TOKEN", "hf_secret")).resolve(REF)))
                .isInstanceOfSatisfying(
                        HubAccessDeniedException.class,
                        e -> assertThat(e.tokenSent()).isTrue())
                .hasMessage("access to hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf denied (HTTP 403): the repository"
                        + " 'Qwen/Tiny-GGUF' is gated or private, or does not exist; the token (HF_TOKEN) was sent"
                        + " but does not give access: accept the model's terms at " + hub.endpoint()
                        + "/Qwen/Tiny-GGUF if it is gated, or use a token that can read it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hf_secret"));
    }

    @Test
    void reports_404_as_not_found_naming_repository_and_file() {
        hub.failWith(404, null);

        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(REF)))
                .isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
                    assertThat(e.ref()).isEqualTo(REF);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessage("repository 'Qwen/Tiny-GGUF' or file 'tiny-q4_k_m.gguf' (revision 'main') not found on "
                        + hub.endpoint() + " (HTTP 404); the repository's files are listed at " + hub.endpoint()
                        + "/Qwen/Tiny-GGUF/tree/main");
    }

    @Test
    void reports_a_missing_file_in_an_existing_repository() {
        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(ModelRef.hub(REPO, "nope.gguf"))))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessage("file 'nope.gguf' not found in repository 'Qwen/Tiny-GGUF' at revision 'main' (HTTP 404);"
                        + " its files are listed at " + hub.endpoint() + "/Qwen/Tiny-GGUF/tree/main");
    }

    @Test
    void reports_a_missing_repository() {
        hub.failWith(404, "RepoNotFound");

        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(REF)))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessage("repository 'Qwen/Tiny-GGUF' not found on " + hub.endpoint() + " (HTTP 404) while"
                        + " looking for file 'tiny-q4_k_m.gguf'; check the name at " + hub.endpoint()
                        + "/Qwen/Tiny-GGUF");
    }

    @Test
    void reports_500_as_a_retriable_error() {
        hub.failWith(500, null);

        assertThatThrownBy(() -> within(() -> resolver(Map.of()).resolve(REF)))
                .isInstanceOfSatisfying(HubUnavailableException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.status()).hasValue(500);
                })
                .hasMessage("the hub answered HTTP 500 for hf:Qwen/Tiny-GGUF/tiny-q4_k_m.gguf (" + hub.endpoint()
                        + "/Qwen/Tiny-GGUF/resolve/main/tiny-q4_k_m.gguf); it may be down or busy: try again later");
    }

    @Test
    void reports_an_unreachable_hub_as_a_retriable_error() throws IOException {
        URI closed;
        try (FakeHub gone = new FakeHub()) {
            closed = gone.endpoint();
        }
        ModelResolver resolver = builder(Map.of())
                .endpoint(closed)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        assertThatThrownBy(() -> within(() -> resolver.resolve(REF)))
                .isInstanceOfSatisfying(
                        HubUnavailableException.class,
                        e -> assertThat(e.status()).isEmpty())
                .hasMessageStartingWith("cannot reach the hub at " + closed + " for " + REF + " (")
                .hasMessageEndingWith(
                        "); check the network and HF_ENDPOINT, try again later, or pass a local file" + " path");
    }

    @Test
    void reports_progress_to_the_listener() {
        List<String> events = new ArrayList<>();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void started(ModelRef.HubFile file, long done, long total) {
                events.add("started " + done + "/" + total);
            }

            @Override
            public void progress(ModelRef.HubFile file, long done, long total) {
                if (done == total) {
                    events.add("progress " + done + "/" + total);
                }
            }

            @Override
            public void finished(ModelRef.HubFile file, Path path) {
                events.add("finished " + path.getFileName());
            }
        };

        within(() -> builder(Map.of()).listener(listener).build().resolve(REF));

        assertThat(events).containsExactly("started 0/100000", "progress 100000/100000", "finished " + FILE);
    }

    @Test
    void resolves_a_local_path_to_itself() throws IOException {
        Path gguf = Files.write(tmp.resolve("model.gguf"), model);

        assertThat(resolver(Map.of()).resolve(gguf.toString())).isEqualTo(gguf);
        assertThat(resolver(Map.of()).resolve("file:" + gguf)).isEqualTo(gguf);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void names_a_missing_local_file() {
        Path missing = tmp.resolve("missing.gguf");

        assertThatThrownBy(() -> resolver(Map.of()).resolve(ModelRef.local(missing)))
                .isInstanceOfSatisfying(
                        ModelNotFoundException.class, e -> assertThat(e.ref()).isEqualTo(ModelRef.local(missing)))
                .hasMessage("model file '" + missing + "' does not exist; pass an existing GGUF file or a hub"
                        + " reference such as hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }

    @Test
    void names_the_working_directory_for_a_missing_relative_path() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve("models/missing.gguf"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessage("model file '" + Path.of("models", "missing.gguf") + "' (relative to the working"
                        + " directory " + Path.of("").toAbsolutePath() + ") does not exist; pass an existing GGUF"
                        + " file or a hub reference such as"
                        + " hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }

    @Test
    void reads_endpoint_token_and_offline_mode_from_the_environment() {
        ModelResolver resolver = ModelResolver.builder()
                .environment(Map.of(
                        "HF_ENDPOINT",
                        "http://127.0.0.1:9/",
                        "HF_HUB_OFFLINE",
                        "YES",
                        "HF_HUB_CACHE",
                        cacheRoot.toString()))
                .build();

        assertThat(resolver.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9"));
        assertThat(resolver.offline()).isTrue();
        assertThat(resolver.cache().root()).isEqualTo(cacheRoot);
        assertThat(ModelResolver.builder().environment(Map.of()).build().endpoint())
                .isEqualTo(URI.create("https://huggingface.co"));
    }

    @Test
    void the_default_model_is_qwen_2_5_1_5b_instruct_q4_k_m() {
        assertThat(ModelResolver.DEFAULT_MODEL)
                .hasToString("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }

    private List<FakeHub.Request> gets() {
        return hub.requests().stream().filter(r -> r.method().equals("GET")).toList();
    }

    private ModelResolver resolver(Map<String, String> env) {
        return builder(env).build();
    }

    private ModelResolver.Builder builder(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("HF_ENDPOINT", hub.endpoint().toString());
        if (!all.containsKey("HF_HOME")) {
            all.put("HF_HUB_CACHE", cacheRoot.toString());
        }
        return ModelResolver.builder().environment(all).readTimeout(Duration.ofSeconds(10));
    }

    private static <T> T get(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T within(Supplier<T> call) {
        return assertTimeoutPreemptively(LIMIT, call::get);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }
}
