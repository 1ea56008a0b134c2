package dev.pev4j.llm.hub;

import dev.pev4j.internal.Checks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ModelRef} into a local model file: a local path as it is, a hub file from the {@link HubCache}
 * without any network when the cache has it for the revision, else downloaded into the cache.
 *
 * <pre>{@code
 * Path gguf = ModelResolver.builder().listener(myDownloadListener).build()
 *         .resolve(ModelResolver.DEFAULT_MODEL);
 * try (LlamaCppLlm llm = LlamaCppLlm.load(gguf)) { ... }
 * }</pre>
 *
 * <p>Settings come from the environment, as {@code huggingface_hub} reads them, unless set on the builder:
 * {@code HF_ENDPOINT} (default {@code https://huggingface.co}), {@code HF_TOKEN} (sent as
 * {@code Authorization: Bearer} to the hub, never to the CDN it redirects to, never logged), {@code HF_HUB_OFFLINE}
 * ({@code 1}/{@code true}/{@code yes}/{@code on}: fail at once, without a request, for files the cache lacks) and the
 * cache directory (see {@link HubCache#fromEnvironment(Map)}).
 *
 * <p>A download asks {@code HEAD {endpoint}/{owner}/{name}/resolve/{revision}/{path}} for the commit
 * ({@code X-Repo-Commit}), the blob id ({@code X-Linked-Etag} or {@code ETag}) and size ({@code X-Linked-Size} or
 * {@code Content-Length}), then GETs the redirect target into {@code blobs/{etag}.incomplete}, resuming with
 * {@code Range} after a dropped connection or an earlier interrupted run, checks the size and, for LFS files (whose
 * etag is the SHA-256), the digest, and only then moves it into {@code blobs/}, links the snapshot entry and writes the
 * ref. A revision that is a branch is not checked for updates once cached: pin a commit, or delete
 * {@code refs/{revision}}, to move on.
 *
 * <p>Thread-safe: concurrent resolves of one file download it once (other JVMs are kept out by a lock file in
 * {@code .locks/}, as {@code huggingface_hub} keeps its own).
 */
public final class ModelResolver {

    /**
     * The default model: Qwen2.5-1.5B-Instruct, Q4_K_M quantization (about 1.1 GB), Apache-2.0 licence, from Qwen's
     * own GGUF repository; llama.cpp build b4916 (the one in {@code de.kherud:llama} 4.2.0) loads it. Why: at 1.5 B
     * parameters it is among the best small models at following JSON schemas and tool-call formats.
     */
    public static final ModelRef.HubFile DEFAULT_MODEL =
            ModelRef.hub("Qwen/Qwen2.5-1.5B-Instruct-GGUF", "qwen2.5-1.5b-instruct-q4_k_m.gguf");

    /** The public Hugging Face hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);
    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");
    private static final ConcurrentMap<Path, Object> BLOB_LOCKS = new ConcurrentHashMap<>();

    private final HubCache cache;
    private final URI endpoint;
    private final boolean offline;
    private final DownloadListener listener;
    private final HubHttp http;

    private ModelResolver(HubCache cache, URI endpoint, boolean offline, DownloadListener listener, HubHttp http) {
        this.cache = cache;
        this.endpoint = endpoint;
        this.offline = offline;
        this.listener = listener;
        this.http = http;
    }

    /** A resolver configured by the process environment, with no progress output. */
    public static ModelResolver fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code reference} (see {@link ModelRef#parse}) and resolves it.
     *
     * @throws InvalidModelRefException if the reference is malformed
     */
    public Path resolve(String reference) {
        return resolve(ModelRef.parse(reference));
    }

    /**
     * The local file holding {@code ref}'s model.
     *
     * @throws ModelNotFoundException if the local file or the hub's repository, revision or file does not exist
     * @throws ModelNotCachedException if offline and the cache lacks the file
     * @throws HubAccessDeniedException if the hub refuses access (gated or private repository)
     * @throws HubUnavailableException if the hub cannot be reached or fails (retriable)
     * @throws DownloadVerificationException if the downloaded bytes are not what the hub announced (retriable)
     */
    public Path resolve(ModelRef ref) {
        Objects.requireNonNull(ref, "ref == null");
        if (ref instanceof ModelRef.LocalFile local) {
            return resolveLocal(local);
        }
        ModelRef.HubFile file = (ModelRef.HubFile) ref;
        Optional<Path> cached = cache.find(file);
        if (cached.isPresent()) {
            LOG.debug("{} is cached at {}", file, cached.get());
            return cached.get();
        }
        if (offline) {
            throw notCached(file);
        }
        return download(file);
    }

    /** The cache files are looked up in and downloaded to. */
    public HubCache cache() {
        return cache;
    }

    /** The hub's base URL. */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether downloads are forbidden. */
    public boolean offline() {
        return offline;
    }

    private Path download(ModelRef.HubFile file) {
        FileMetadata meta = http.metadata(file);
        LOG.debug("{}: commit {}, etag {}, {} bytes", file, meta.commit(), meta.etag(), meta.size());
        Path snapshot = cache.snapshotPath(file, meta.commit());
        Path blob = cache.blobPath(file, meta.etag());
        synchronized (BLOB_LOCKS.computeIfAbsent(blob, b -> new Object())) {
            try (FileChannel lockFile = openLockFile(file, meta.etag())) {
                lockFile.lock(); // released when the channel closes; keeps other JVMs out of this blob
                if (!Files.isRegularFile(snapshot)) {
                    if (!Files.isRegularFile(blob)) {
                        Path incomplete = cache.incompletePath(file, meta.etag());
                        http.download(file, meta, incomplete, listener);
                        HubCache.moveReplacing(incomplete, blob);
                    }
                    cache.linkSnapshot(file, meta.commit(), blob);
                }
                cache.writeRef(file, meta.commit());
            } catch (IOException e) {
                throw new HubException(
                        file, "cannot store " + file + " in the cache at " + cache.root() + ": " + e, false, e);
            } catch (UncheckedIOException e) {
                throw new HubException(
                        file,
                        "cannot store " + file + " in the cache at " + cache.root() + ": " + e.getMessage() + " ("
                                + e.getCause() + ")",
                        false,
                        e);
            }
        }
        HubHttp.safely(() -> listener.finished(file, snapshot));
        LOG.debug("{} is now cached at {}", file, snapshot);
        return snapshot;
    }

    private FileChannel openLockFile(ModelRef.HubFile file, String etag) throws IOException {
        Path lockFile = cache.lockPath(file, etag);
        Files.createDirectories(lockFile.getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private ModelNotCachedException notCached(ModelRef.HubFile file) {
        Optional<String> commit = cache.commitOf(file);
        String fix;
        Path expected = null;
        if (commit.isPresent()) {
            expected = cache.snapshotPath(file, commit.get());
            fix = "put the file at " + expected;
        } else {
            String sep = File.separator;
            Path repoDir = cache.repoDirectory(file);
            String revisionOption =
                    file.revision().equals(ModelRef.DEFAULT_REVISION) ? "" : " --revision " + file.revision();
            fix = "put the file at " + repoDir + sep + "snapshots" + sep + "<commit>" + sep
                    + file.path().replace("/", sep) + " and the commit hash in " + cache.refPath(file)
                    + " (huggingface-cli download " + file.repoId() + " " + file.path() + revisionOption
                    + " does both when online)";
        }
        return new ModelNotCachedException(
                file,
                file + " is not in the cache and offline mode (HF_HUB_OFFLINE=1)" + " forbids downloading it; " + fix
                        + ", or pass the path of a local GGUF file instead",
                expected);
    }

    private static Path resolveLocal(ModelRef.LocalFile local) {
        Path path = local.path();
        if (Files.isRegularFile(path)) {
            return path;
        }
        String where = path.isAbsolute()
                ? ""
                : " (relative to the working directory " + Path.of("").toAbsolutePath() + ")";
        if (Files.isDirectory(path)) {
            throw new ModelNotFoundException(
                    local, "model file '" + path + "'" + where + " is a directory; pass" + " a GGUF file inside it");
        }
        throw new ModelNotFoundException(
                local,
                "model file '" + path + "'" + where + " does not exist; pass an"
                        + " existing GGUF file or a hub reference such as " + DEFAULT_MODEL);
    }

    /** Builds a {@link ModelResolver}; whatever is not set comes from the environment. Not thread-safe. */
    public static final class Builder {

        private Map<String, String> env = System.getenv();
        private @Nullable HubCache cache;
        private @Nullable URI endpoint;
        private @Nullable String token;
        private boolean tokenSet;
        private @Nullable Boolean offline;
        private DownloadListener listener = new LoggingDownloadListener();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 5;

        private Builder() {}

        /**
         * Where unset values come from, instead of {@link System#getenv()}: {@code HF_ENDPOINT}, {@code HF_TOKEN},
         * {@code HF_HUB_OFFLINE} and the cache variables of {@link HubCache#fromEnvironment(Map)}.
         */
        public Builder environment(Map<String, String> env) {
            this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
            return this;
        }

        /** The cache to use, instead of the one the environment names. */
        public Builder cache(HubCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache == null");
            return this;
        }

        /** The hub's base URL, instead of {@code HF_ENDPOINT}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
            return this;
        }

        /** The access token to send, instead of {@code HF_TOKEN}; {@code null} sends none. */
        public Builder token(@Nullable String token) {
            this.token = token;
            this.tokenSet = true;
            return this;
        }

        /** Whether to forbid downloads, instead of {@code HF_HUB_OFFLINE}. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** Hears download progress; the default logs the start and end of downloads at debug level. */
        public Builder listener(DownloadListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** How long to wait for a connection; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
            return this;
        }

        /** How long to wait for a response's headers; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Checks.positive("requestTimeout", requestTimeout);
            return this;
        }

        /** How long a download may go without receiving a byte before it is broken off and resumed; default 60 s. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Checks.positive("readTimeout", readTimeout);
            return this;
        }

        /** How many GET requests one download may take, resumes included; default 5. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public ModelResolver build() {
            URI base = endpoint != null ? endpoint : endpointFrom(env);
            String scheme = base.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || base.getRawAuthority() == null) {
                throw new IllegalArgumentException("the hub endpoint must be an http(s) URL such as " + DEFAULT_ENDPOINT
                        + " but was '" + base + "'");
            }
            String text = base.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            base = URI.create(text);
            String bearer = tokenSet ? token : blankToNull(env.get("HF_TOKEN"));
            boolean off = offline != null ? offline : isTrue(env.get("HF_HUB_OFFLINE"));
            HubCache hubCache = cache != null ? cache : HubCache.fromEnvironment(env);
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER) // redirects are read, then followed by hand
                    .build();
            HubHttp http = new HubHttp(client, base, bearer, requestTimeout, readTimeout, maxAttempts);
            return new ModelResolver(hubCache, base, off, listener, http);
        }

        private static URI endpointFrom(Map<String, String> env) {
            String value = blankToNull(env.get("HF_ENDPOINT"));
            if (value == null) {
                return DEFAULT_ENDPOINT;
            }
            try {
                return URI.create(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "HF_ENDPOINT must be an http(s) URL such as " + DEFAULT_ENDPOINT + " but was '" + value + "'",
                        e);
            }
        }

        private static boolean isTrue(@Nullable String value) {
            return value != null && TRUE_VALUES.contains(value.strip().toLowerCase(Locale.ROOT));
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
