package dev.pev4j.llm.hub;

import dev.pev4j.internal.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's HTTP protocol for one file: metadata by HEAD, bytes by resumable GET. Immutable and thread-safe. */
final class HubHttp {

    private static final Logger LOG = LoggerFactory.getLogger(HubHttp.class);
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CONTENT_RANGE_START = Pattern.compile("bytes\\s+(\\d+)-");
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    private static final String USER_AGENT = "pev4j/0.1 (java.net.http; hub-resolver)";

    private final HttpClient client;
    private final URI endpoint;
    private final @Nullable String token;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final Retry resume;

    HubHttp(
            HttpClient client,
            URI endpoint,
            @Nullable String token,
            Duration requestTimeout,
            Duration readTimeout,
            int maxAttempts) {
        this.client = client;
        this.endpoint = endpoint;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.readTimeout = readTimeout;
        // A broken transfer is resumed at once (the next request asks for the bytes after those on disk).
        this.resume = Retry.builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ZERO)
                .maxBackoff(Duration.ZERO)
                .retryIf(e -> e instanceof Broken)
                .listener(event -> {
                    if (event instanceof Retry.RetryScheduled scheduled) {
                        LOG.debug(
                                "download interrupted ({}), resuming",
                                scheduled.cause().getMessage());
                    }
                })
                .build();
    }

    /** A transfer that broke off; the bytes received so far are on disk. */
    private static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;

        Broken(String why) {
            super(why);
        }
    }

    /** {@code {endpoint}/{owner}/{name}/resolve/{revision}/{path}}, the revision's slashes encoded. */
    URI resolveUrl(ModelRef.HubFile file) {
        return URI.create(endpoint + "/" + file.owner() + "/" + file.name() + "/resolve/"
                + encode(file.revision(), false) + "/" + encode(file.path(), true));
    }

    /** HEAD on the resolve URL: follows relative redirects (a renamed repository), stops at absolute ones (the CDN). */
    FileMetadata metadata(ModelRef.HubFile file) {
        URI url = resolveUrl(file);
        for (int hop = 0; ; hop++) {
            HttpRequest request = request(url, true)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity")
                    .build();
            HttpResponse<Void> response = send(file, request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI target = location(file, url, response.headers());
                if (target.isAbsolute()) {
                    return metadataFrom(file, response, target);
                }
                if (hop >= MAX_REDIRECTS) {
                    throw new HubException(
                            file,
                            "the hub redirected " + resolveUrl(file) + " more than " + MAX_REDIRECTS
                                    + " times; check HF_ENDPOINT (" + endpoint + ")",
                            false,
                            null);
                }
                url = url.resolve(target);
                continue;
            }
            if (status >= 200 && status < 300) {
                return metadataFrom(file, response, url);
            }
            throw statusError(file, status, response.headers(), url);
        }
    }

    /**
     * Downloads {@code meta.location()} into {@code incomplete}, resuming from the bytes already there, in at most
     * {@code maxAttempts} requests; then checks the size and, for an etag that is a SHA-256, the digest.
     */
    void download(ModelRef.HubFile file, FileMetadata meta, Path incomplete, DownloadListener listener) {
        long total = meta.size();
        try {
            Files.createDirectories(incomplete.getParent());
            resume.<Boolean, IOException>call((attempt, previous) -> {
                long have = Files.exists(incomplete) ? Files.size(incomplete) : 0;
                if (total >= 0 && have > total) {
                    LOG.debug("{} holds {} bytes, more than the {} announced; starting over", incomplete, have, total);
                    Files.delete(incomplete);
                    have = 0;
                }
                if (total >= 0 && have == total) {
                    return true; // an earlier run got every byte but stopped before moving the file
                }
                Optional<String> interruption = fetchOnce(file, meta.location(), incomplete, have, total, listener);
                long now = Files.exists(incomplete) ? Files.size(incomplete) : 0;
                if (interruption.isEmpty()) {
                    if (total < 0 || now >= total) {
                        return true;
                    }
                    interruption = Optional.of("the response ended at byte " + now + " of " + total);
                }
                throw new Broken(interruption.get());
            });
            verify(file, meta, incomplete);
        } catch (Broken e) {
            long now = sizeOrZero(incomplete);
            throw new HubUnavailableException(
                    file,
                    "download of " + file + " stopped at byte " + now + (total >= 0 ? " of " + total : "")
                            + " after " + resume.maxAttempts() + " attempts (" + e.getMessage()
                            + "); call again to resume from there",
                    0,
                    null);
        } catch (IOException e) {
            throw new HubException(
                    file, "cannot write " + incomplete + " while downloading " + file + ": " + e, false, e);
        } catch (Retry.Interrupted e) {
            throw new IllegalStateException("resuming never waits, so it cannot be interrupted while waiting", e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * One GET (following up to {@link #MAX_REDIRECTS} redirects), appending to {@code incomplete}. Returns why the
     * transfer broke off, or empty when the response ended normally. Errors the hub answers with are thrown.
     */
    private Optional<String> fetchOnce(
            ModelRef.HubFile file, URI location, Path incomplete, long have, long total, DownloadListener listener)
            throws IOException {
        URI url = location;
        safely(() -> listener.started(file, have, total));
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder builder = request(url, sameOrigin(url)).GET();
            if (have > 0) {
                builder.header("Range", "bytes=" + have + "-");
            }
            try (FileChannel channel =
                    FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                PartWriter writer = new PartWriter(file, channel, have, total, listener);
                CompletableFuture<HttpResponse<Long>> pending = client.sendAsync(builder.build(), writer::handle);
                HttpResponse<Long> response;
                try {
                    response = await(file, pending, writer);
                } catch (StalledException e) {
                    return Optional.of(Objects.requireNonNullElse(e.getMessage(), "the download stalled"));
                } catch (IOException e) {
                    return Optional.of(e.toString());
                }
                int status = response.statusCode();
                if (status == 200 || status == 206) {
                    return writer.restartReason().isPresent() ? writer.restartReason() : Optional.empty();
                }
                if (status == 416) { // the partial file is no prefix of this blob: start over
                    channel.truncate(0);
                    return Optional.of("the hub refused the range bytes=" + have + "- (HTTP 416)");
                }
                if (status >= 300 && status < 400) {
                    url = url.resolve(location(file, url, response.headers()));
                    continue;
                }
                throw statusError(file, status, response.headers(), url);
            }
        }
        throw new HubException(
                file,
                "the download of " + file + " was redirected more than " + MAX_REDIRECTS + " times, last to " + url,
                false,
                null);
    }

    private HttpResponse<Long> await(
            ModelRef.HubFile file, CompletableFuture<HttpResponse<Long>> pending, PartWriter writer)
            throws IOException, StalledException {
        long pollMillis = Math.max(10, Math.min(1000, readTimeout.toMillis() / 4));
        while (true) {
            try {
                return pending.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long idle = System.nanoTime() - writer.lastActivityNanos();
                if (idle > readTimeout.toNanos()) {
                    writer.abort();
                    pending.cancel(true);
                    throw new StalledException("no bytes arrived for " + readTimeout.toMillis() + " ms");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(String.valueOf(cause), cause);
            } catch (CancellationException e) {
                throw new IOException("the request was cancelled", e);
            } catch (InterruptedException e) {
                writer.abort();
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new HubException(
                        file,
                        "interrupted while downloading " + file + "; call again to resume from the bytes already saved",
                        false,
                        e);
            }
        }
    }

    private void verify(ModelRef.HubFile file, FileMetadata meta, Path incomplete) throws IOException {
        long size = Files.size(incomplete);
        if (meta.size() >= 0 && size != meta.size()) {
            Files.deleteIfExists(incomplete);
            throw new DownloadVerificationException(
                    file,
                    "download of " + file + " is corrupt: it has " + size + " bytes but the hub announced "
                            + meta.size() + "; the partial file was deleted, try again",
                    "size",
                    Long.toString(meta.size()),
                    Long.toString(size));
        }
        String expected = meta.etag().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(expected).matches()) {
            LOG.debug("etag {} of {} is no SHA-256; checked the size only", meta.etag(), file);
            return;
        }
        String actual = sha256(incomplete);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(incomplete);
            throw new DownloadVerificationException(
                    file,
                    "download of " + file + " is corrupt: its SHA-256 is " + actual + " but the hub announced "
                            + expected + "; the partial file was deleted, try again",
                    "SHA-256",
                    expected,
                    actual);
        }
    }

    private FileMetadata metadataFrom(ModelRef.HubFile file, HttpResponse<Void> response, URI location) {
        HttpHeaders headers = response.headers();
        String commit = headers.firstValue("X-Repo-Commit").map(String::strip).orElse(null);
        if (commit == null && file.pinsCommit()) {
            commit = file.revision();
        }
        if (commit == null || !COMMIT_HASH.matcher(commit).matches()) {
            throw new HubException(
                    file,
                    "the hub at " + endpoint + " answered for " + file + " without a valid"
                            + " X-Repo-Commit header (got " + (commit == null ? "none" : "'" + commit + "'")
                            + "); is HF_ENDPOINT a Hugging Face hub?",
                    false,
                    null);
        }
        String etag = headers.firstValue("X-Linked-Etag")
                .or(() -> headers.firstValue("ETag"))
                .map(HubHttp::normalizeEtag)
                .orElse(null);
        if (etag == null || !SAFE_ETAG.matcher(etag).matches()) {
            throw new HubException(
                    file,
                    "the hub at " + endpoint + " answered for " + file + " without a usable" + " ETag (got "
                            + (etag == null ? "none" : "'" + etag + "'") + "), so the file cannot be cached",
                    false,
                    null);
        }
        Optional<String> size = headers.firstValue("X-Linked-Size");
        if (size.isEmpty() && response.statusCode() < 300) {
            size = headers.firstValue("Content-Length");
        }
        return new FileMetadata(commit, etag, size.map(HubHttp::parseSize).orElse(-1L), location);
    }

    private HubException statusError(ModelRef.HubFile file, int status, HttpHeaders headers, URI url) {
        String repo = "'" + file.repoId() + "'";
        String repoPage = endpoint + "/" + file.repoId();
        String errorCode = headers.firstValue("X-Error-Code").orElse("");
        if (status == 401 || status == 403) {
            boolean tokenSent = token != null && sameOrigin(url);
            String what = "access to " + file + " denied (HTTP " + status + "): the repository " + repo
                    + " is gated or private, or does not exist; ";
            String fix = tokenSent
                    ? "the token (HF_TOKEN) was sent but does not give access: accept the model's terms at " + repoPage
                            + " if it is gated, or use a token that can read it"
                    : "no token was sent: set HF_TOKEN to a Hugging Face access token that can read it (and accept"
                            + " the model's terms at " + repoPage + " if it is gated)";
            return new HubAccessDeniedException(file, what + fix, status, tokenSent);
        }
        if (status == 404) {
            String tree = repoPage + "/tree/" + encode(file.revision(), false);
            String message;
            switch (errorCode) {
                case "EntryNotFound" ->
                    message = "file '" + file.path() + "' not found in repository " + repo + " at revision '"
                            + file.revision() + "' (HTTP 404); its files are listed at " + tree;
                case "RevisionNotFound" ->
                    message = "revision '" + file.revision() + "' not found in repository " + repo
                            + " (HTTP 404) while looking for file '" + file.path() + "'; see " + repoPage;
                case "RepoNotFound" ->
                    message = "repository " + repo + " not found on " + endpoint
                            + " (HTTP 404) while looking for file '" + file.path() + "'; check the name at " + repoPage;
                default ->
                    message = "repository " + repo + " or file '" + file.path() + "' (revision '"
                            + file.revision() + "') not found on " + endpoint + " (HTTP 404); the repository's files"
                            + " are listed at " + tree;
            }
            return new ModelNotFoundException(file, message);
        }
        if (status == 429 || status >= 500) {
            return new HubUnavailableException(
                    file,
                    "the hub answered HTTP " + status + " for " + file + " (" + stripQuery(url)
                            + "); it may be down or busy: try again later",
                    status,
                    null);
        }
        String detail = headers.firstValue("X-Error-Message").map(m -> ": " + m).orElse("");
        return new HubException(
                file,
                "the hub answered HTTP " + status + " for " + file + " (" + stripQuery(url) + ")" + detail,
                false,
                null);
    }

    private URI location(ModelRef.HubFile file, URI from, HttpHeaders headers) {
        String location = headers.firstValue("Location").orElse(null);
        if (location == null) {
            throw new HubException(
                    file, "the hub redirected " + stripQuery(from) + " without a Location header", false, null);
        }
        try {
            return new URI(location);
        } catch (java.net.URISyntaxException e) {
            throw new HubException(
                    file,
                    "the hub redirected " + stripQuery(from) + " to a malformed location: " + e.getMessage(),
                    false,
                    e);
        }
    }

    private <T> HttpResponse<T> send(ModelRef.HubFile file, HttpRequest request, BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new HubUnavailableException(
                    file,
                    "the hub at " + endpoint + " did not answer within " + requestTimeout.toMillis() + " ms for " + file
                            + "; try again later",
                    0,
                    e);
        } catch (IOException e) {
            throw new HubUnavailableException(
                    file,
                    "cannot reach the hub at " + endpoint + " for " + file + " (" + e
                            + "); check the network and HF_ENDPOINT, try again later, or pass a local file path",
                    0,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(file, "interrupted while asking the hub about " + file, false, e);
        }
    }

    private HttpRequest.Builder request(URI url, boolean withToken) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(url).timeout(requestTimeout).header("User-Agent", USER_AGENT);
        if (withToken && token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** The token goes to the hub only, never to the CDN a download is redirected to. */
    private boolean sameOrigin(URI url) {
        return endpoint.getScheme().equalsIgnoreCase(String.valueOf(url.getScheme()))
                && endpoint.getRawAuthority().equalsIgnoreCase(String.valueOf(url.getRawAuthority()));
    }

    private static String normalizeEtag(String raw) {
        String etag = raw.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    private static long parseSize(String value) {
        try {
            long n = Long.parseLong(value.strip());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripQuery(URI url) {
        String s = url.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q); // CDN URLs carry signatures
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Percent-encodes UTF-8 bytes outside RFC 3986's unreserved set; keeps {@code /} when {@code keepSlash}. */
    static String encode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || (keepSlash && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("a download listener failed; ignoring it", e);
        }
    }

    /** No bytes arrived for longer than the read timeout. */
    private static final class StalledException extends Exception {
        StalledException(String message) {
            super(message);
        }
    }

    /**
     * Writes a 200 or 206 body into the partial file from the HTTP client's threads; other statuses are discarded
     * for the caller to handle.
     */
    private static final class PartWriter implements Flow.Subscriber<List<ByteBuffer>> {

        private final ModelRef.HubFile file;
        private final FileChannel channel;
        private final long have;
        private final long total;
        private final DownloadListener listener;
        private volatile long lastActivityNanos = System.nanoTime();
        private volatile long done;
        private volatile Flow.@Nullable Subscription subscription;
        private volatile @Nullable String restartReason;
        private volatile boolean aborted;

        PartWriter(ModelRef.HubFile file, FileChannel channel, long have, long total, DownloadListener listener) {
            this.file = file;
            this.channel = channel;
            this.have = have;
            this.total = total;
            this.listener = listener;
            this.done = have;
        }

        HttpResponse.BodySubscriber<Long> handle(HttpResponse.ResponseInfo info) {
            lastActivityNanos = System.nanoTime();
            int status = info.statusCode();
            try {
                if (status == 206) {
                    long start = rangeStart(info.headers());
                    if (start != have) {
                        restartReason = "the hub answered range bytes=" + have + "- from byte " + start;
                        channel.truncate(0);
                        return BodySubscribers.replacing(-1L);
                    }
                    channel.position(have);
                    return BodySubscribers.fromSubscriber(this, w -> w.done);
                }
                if (status == 200) {
                    if (have > 0) {
                        LOG.debug("the hub ignored the range for {}; downloading it from the start", file);
                    }
                    channel.truncate(0);
                    channel.position(0);
                    done = 0;
                    return BodySubscribers.fromSubscriber(this, w -> w.done);
                }
            } catch (IOException e) {
                restartReason = "cannot prepare the partial file: " + e;
            }
            return BodySubscribers.replacing(-1L);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (aborted) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @SuppressWarnings("NonAtomicVolatileUpdate") // onNext is called serially (Reactive Streams 1.3): one writer
        @Override
        public void onNext(List<ByteBuffer> buffers) {
            Flow.@Nullable Subscription s = subscription;
            try {
                long n = 0;
                for (ByteBuffer buffer : buffers) {
                    while (buffer.hasRemaining()) {
                        n += channel.write(buffer);
                    }
                }
                done += n;
                lastActivityNanos = System.nanoTime();
            } catch (IOException e) { // also ClosedChannelException after an abort
                aborted = true;
                if (s != null) {
                    s.cancel();
                }
                return;
            }
            long now = done;
            safely(() -> listener.progress(file, now, total));
            if (s != null && !aborted) {
                s.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            lastActivityNanos = System.nanoTime();
        }

        @Override
        public void onComplete() {
            lastActivityNanos = System.nanoTime();
        }

        void abort() {
            aborted = true;
            Flow.@Nullable Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        long lastActivityNanos() {
            return lastActivityNanos;
        }

        Optional<String> restartReason() {
            return Optional.ofNullable(restartReason);
        }

        private static long rangeStart(HttpHeaders headers) {
            // Content-Range: bytes 100-999/1000
            String range = headers.firstValue("Content-Range").orElse("");
            java.util.regex.Matcher m = CONTENT_RANGE_START.matcher(range);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }
}
