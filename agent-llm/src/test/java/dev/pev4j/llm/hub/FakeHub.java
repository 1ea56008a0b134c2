package dev.pev4j.llm.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the Hugging Face hub on 127.0.0.1: {@code HEAD/GET /{repo}/resolve/{revision}/{path}} answers
 * like the hub (302 to a CDN URL with X-Repo-Commit, X-Linked-Etag, X-Linked-Size for LFS files; 200 with ETag for
 * small git files), {@code GET /cdn/{sha256}} serves the bytes with Range support. Records every request.
 */
final class FakeHub implements AutoCloseable {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** A request as the server saw it. */
    record Request(
            String method,
            String path,
            @Nullable String range,
            @Nullable String authorization) {}

    private record Served(byte[] bytes, String sha256, boolean lfs) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Served> files = new HashMap<>(); // "owner/name/path" -> bytes
    private final Map<String, Served> blobs = new HashMap<>(); // sha256 -> bytes
    private final List<Request> requests = new ArrayList<>();
    private int errorStatus;
    private @Nullable String errorCode;
    private int dropAfterBytes = -1;
    private int dropsLeft;
    private byte @Nullable [] corruptBody;
    private boolean ignoreRange;
    private int stallAfterBytes = -1;
    private @Nullable URI cdn;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code bytes} as an LFS file (redirected to the CDN, etag = SHA-256). */
    synchronized FakeHub lfsFile(String repoId, String path, byte[] bytes) {
        Served s = new Served(bytes.clone(), sha256(bytes), true);
        files.put(repoId + "/" + path, s);
        blobs.put(s.sha256(), s);
        return this;
    }

    /** Serves {@code bytes} as a small git file (no redirect, etag = a git hash). */
    synchronized FakeHub gitFile(String repoId, String path, byte[] bytes) {
        files.put(repoId + "/" + path, new Served(bytes.clone(), sha256(bytes).substring(0, 40), false));
        return this;
    }

    /** Redirects downloads to {@code other} (another origin) instead of this hub's own {@code /cdn/}. */
    synchronized FakeHub cdn(FakeHub other) {
        this.cdn = other.endpoint();
        return this;
    }

    /** Every resolve request answers {@code status}, with {@code X-Error-Code} when given. */
    synchronized FakeHub failWith(int status, @Nullable String code) {
        this.errorStatus = status;
        this.errorCode = code;
        return this;
    }

    /** The next {@code times} CDN GETs send all headers, then only {@code bytes} bytes, then drop the connection. */
    synchronized FakeHub dropAfter(int bytes, int times) {
        this.dropAfterBytes = bytes;
        this.dropsLeft = times;
        return this;
    }

    /** CDN GETs send {@code body} instead of the file's bytes. */
    synchronized FakeHub corruptBody(byte[] body) {
        this.corruptBody = body.clone();
        return this;
    }

    /** The next CDN GET sends {@code bytes} bytes, then nothing more until the hub closes (at most 10 s). */
    synchronized FakeHub stallAfter(int bytes) {
        this.stallAfterBytes = bytes;
        return this;
    }

    /** CDN GETs answer 200 with the whole file even when asked for a range. */
    synchronized FakeHub ignoreRange() {
        this.ignoreRange = true;
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Headers in = exchange.getRequestHeaders();
            synchronized (this) {
                requests.add(new Request(method, path, in.getFirst("Range"), in.getFirst("Authorization")));
            }
            if (path.startsWith("/cdn/")) {
                serveBlob(exchange, path.substring("/cdn/".length()));
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            if (!m.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            resolve(exchange, m.group(1), m.group(3));
        }
    }

    private void resolve(HttpExchange exchange, String repoId, String filePath) throws IOException {
        Headers out = exchange.getResponseHeaders();
        Served file;
        URI cdnBase;
        synchronized (this) {
            cdnBase = cdn != null ? cdn : endpoint();
            if (errorStatus != 0) {
                if (errorCode != null) {
                    out.set("X-Error-Code", errorCode);
                }
                exchange.sendResponseHeaders(errorStatus, -1);
                return;
            }
            file = files.get(repoId + "/" + filePath);
        }
        if (file == null) {
            out.set("X-Error-Code", "EntryNotFound");
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        out.set("X-Repo-Commit", COMMIT);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (file.lfs()) {
            out.set(
                    "ETag",
                    "\""
                            + sha256(("pointer " + file.sha256()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                    .substring(0, 40)
                            + "\"");
            out.set("X-Linked-Etag", "\"" + file.sha256() + "\"");
            out.set("X-Linked-Size", Integer.toString(file.bytes().length));
            out.set("Location", cdnBase + "/cdn/" + file.sha256() + "?X-Amz-Signature=secret");
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        out.set("ETag", "\"" + file.sha256() + "\"");
        if (head) {
            out.set("Content-Length", Integer.toString(file.bytes().length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, file.bytes().length);
        exchange.getResponseBody().write(file.bytes());
    }

    private void serveBlob(HttpExchange exchange, String sha) throws IOException {
        Served blob;
        byte[] body;
        int drop;
        boolean honourRange;
        int stall;
        synchronized (this) {
            stall = stallAfterBytes;
            stallAfterBytes = -1;
            blob = blobs.get(sha);
            body = corruptBody != null ? corruptBody : blob == null ? null : blob.bytes();
            drop = dropsLeft > 0 ? dropAfterBytes : -1;
            if (dropsLeft > 0) {
                dropsLeft--;
            }
            honourRange = !ignoreRange;
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        int from = 0;
        if (honourRange && m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            if (from >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders()
                    .set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        OutputStream os = exchange.getResponseBody();
        if (stall >= 0) {
            os.write(body, from, Math.min(stall, body.length - from));
            os.flush();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new IOException("fake hub gave up on a stalled response"));
        }
        if (drop >= 0) {
            os.write(body, from, Math.min(drop, body.length - from));
            os.flush();
            // an exception out of the handler makes the server close the connection mid-body
            throw new UncheckedIOException(new IOException("fake hub drops the connection"));
        }
        os.write(body, from, body.length - from);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
