package dev.pev4j.tools.mcp;

import dev.pev4j.internal.retry.Retry;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server's connection: started on first use, shared by all calls, restarted once when a call finds it crashed,
 * closed by {@link #close()}. Thread-safe.
 */
final class McpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpConnection.class);

    /** How long a server may take to start and answer {@code initialize} ({@code npx -y} may download first). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final int STDERR_LINES = 5;

    /** Serialises process starts so that the new child process can be told apart from others started meanwhile. */
    private static final Object PROCESS_START = new Object();

    /** Attempts to start a server over HTTP whose connection drops while it initialises, and the first wait. */
    private static final int START_ATTEMPTS = 3;

    private static final Duration START_BACKOFF = Duration.ofMillis(200);

    private final McpServer server;
    private final Retry startAgain;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final Deque<String> stderr = new ArrayDeque<>();
    private @Nullable Session session; // guarded by this
    private boolean closed; // guarded by this

    /**
     * A running client; for a stdio server, a future completed when its process exits (from the SDK transport's own
     * {@code awaitForExit}) and the process itself when it could be found (to stop its children too).
     */
    private record Session(
            McpAsyncClient client,
            CompletableFuture<Void> exited,
            @Nullable ProcessHandle process) {
        boolean crashed() {
            return exited.isDone();
        }

        String exit() {
            return process == null ? "its process exited" : "process " + process.pid() + " exited";
        }
    }

    /** The call failed because the server is gone (process exited, connection lost). */
    /** A crash is retried once, at once, after a restart; other failures are not retried. */
    private static final Retry RESTART_ONCE = Retry.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ZERO)
            .maxBackoff(Duration.ZERO)
            .retryIf(e -> e instanceof Crashed)
            .build();

    private static final class Crashed extends Exception {
        private static final long serialVersionUID = 1L;

        Crashed(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starting over HTTP failed on a connection that broke off or was refused before the server answered (a server
     * under load, a proxy restarting): another attempt may get through.
     */
    private static final class Dropped extends Exception {
        private static final long serialVersionUID = 1L;

        /** What the I/O failure said. */
        private final String why;

        Dropped(String message, String why, Throwable cause) {
            super(message + why, cause);
            this.why = why;
        }
    }

    McpConnection(McpServer server) {
        this(server, Retry.Listener.NONE);
    }

    /** {@code startListener} hears each decision to start the server over HTTP again (tests record them). */
    McpConnection(McpServer server, Retry.Listener startListener) {
        this.server = server;
        this.startAgain = Retry.builder()
                .maxAttempts(START_ATTEMPTS)
                .initialBackoff(START_BACKOFF)
                .maxBackoff(START_BACKOFF.multipliedBy(2))
                .retryIf(e -> e instanceof Dropped)
                .listener(event -> {
                    if (event instanceof Retry.RetryScheduled scheduled) {
                        log.warn(
                                "{}; trying again in {} ms",
                                scheduled.cause().getMessage(),
                                scheduled.delay().toMillis());
                    }
                    startListener.on(event);
                })
                .build();
    }

    McpServer server() {
        return server;
    }

    /** The server's tools, all pages; starts the server when it is not running. */
    List<McpSchema.Tool> listTools() {
        return restartingOnce(session(), s -> s.client.listTools().toFuture(), "listing its tools")
                .tools();
    }

    /** Calls {@code tool}; restarts the server once when it crashed before or during the call. */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        Session current = session();
        if (current.crashed()) {
            current = restart(current, new Crashed(current.exit(), null));
        }
        McpSchema.CallToolRequest request =
                McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
        return restartingOnce(
                current,
                s -> s.client.callTool(request).timeout(server.callTimeout()).toFuture(),
                "calling tool '" + tool + "'");
    }

    /**
     * Runs {@code call} on {@code first}; when the server crashed, restarts it and runs the call once more (the shared
     * retry policy with two attempts and no wait: a crash is retried, nothing else).
     */
    private <T> T restartingOnce(
            Session first, java.util.function.Function<Session, CompletableFuture<T>> call, String doing) {
        Session[] session = {first};
        try {
            return RESTART_ONCE.<T, Crashed>call((attempt, crashed) -> {
                if (crashed != null) {
                    session[0] = restart(session[0], crashed);
                }
                return await(session[0], call.apply(session[0]), doing);
            });
        } catch (Crashed again) {
            throw new McpException(
                    server.name(),
                    "MCP server '" + server.name() + "' crashed again after a restart, " + "while " + doing + ": "
                            + again.getMessage() + stderrNote(),
                    again.getCause());
        } catch (Retry.Interrupted e) {
            throw new IllegalStateException("a retry without a wait never waits, so it cannot be interrupted", e);
        }
    }

    /** Waits for {@code call}, or for the server's process to exit, or for the call timeout. */
    private <T> T await(Session session, CompletableFuture<T> call, String doing) throws Crashed {
        CompletableFuture<?> exit = session.exited;
        Duration timeout = server.callTimeout();
        try {
            CompletableFuture.anyOf(call, exit).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new McpException(
                    server.name(), "interrupted while " + doing + " on MCP server '" + server.name() + "'", e);
        } catch (ExecutionException e) {
            // reported below from the call itself
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut(doing, timeout, e);
        }
        if (!call.isDone()) {
            call.cancel(true);
            throw new Crashed(session.exit(), null);
        }
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(server.name(), "interrupted while " + doing, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof McpError error) {
                throw new McpException(
                        server.name(),
                        "MCP server '" + server.name() + "' refused " + doing + ": " + error.getMessage(),
                        error);
            }
            if (McpError.findRootCause(cause) instanceof TimeoutException) {
                if (session.crashed()) {
                    throw new Crashed(session.exit(), cause);
                }
                throw timedOut(doing, timeout, cause);
            }
            if (session.crashed() || server.transport() instanceof McpServer.Http) {
                throw new Crashed(describe(cause), cause);
            }
            throw new McpException(
                    server.name(),
                    "MCP server '" + server.name() + "' failed while " + doing + ": " + describe(cause) + stderrNote(),
                    cause);
        }
    }

    private McpException timedOut(String doing, Duration timeout, Throwable cause) {
        return new McpException(
                server.name(),
                "MCP server '" + server.name() + "' did not answer within " + seconds(timeout) + " while " + doing
                        + " (the call timeout; see McpServer.callTimeout)",
                cause);
    }

    private synchronized Session session() {
        if (closed) {
            throw new McpException(server.name(), "MCP server '" + server.name() + "' is closed", null);
        }
        if (session == null) {
            session = start();
        }
        return session;
    }

    /** Replaces {@code crashed} by a new session, unless another call did already; fails when the start fails. */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: has this very session been replaced already?
    private synchronized Session restart(Session crashed, Crashed why) {
        if (closed) {
            throw new McpException(server.name(), "MCP server '" + server.name() + "' is closed", null);
        }
        if (session != null && session != crashed) {
            return session;
        }
        log.warn("MCP server '{}' crashed ({}); restarting it", server.name(), why.getMessage());
        session = null;
        stop(crashed);
        try {
            session = start();
        } catch (McpException e) {
            throw new McpException(
                    server.name(),
                    "MCP server '" + server.name() + "' crashed (" + why.getMessage() + ") and could not be restarted: "
                            + e.getMessage(),
                    e);
        }
        return session;
    }

    /**
     * Starts the server; over HTTP, starts it again (the shared retry policy: {@value #START_ATTEMPTS} attempts in
     * all, 200 ms then 400 ms apart) when the connection drops before it answers {@code initialize}. A process that
     * fails to start is not started again.
     */
    private Session start() {
        try {
            return startAgain.<Session, Dropped>call((attempt, previous) -> startOnce());
        } catch (Dropped e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new McpException(
                    server.name(),
                    "MCP server '" + server.name() + "' could not be started (" + where() + "): the connection dropped "
                            + START_ATTEMPTS + " times, the last time: " + e.why,
                    cause);
        } catch (Retry.Interrupted e) {
            Thread.currentThread().interrupt();
            throw new McpException(
                    server.name(), "interrupted while starting MCP server '" + server.name() + "'", e.getCause());
        }
    }

    /** One attempt to start the server and have it answer {@code initialize}. */
    private Session startOnce() throws Dropped {
        McpClientTransport transport = transport();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(McpSchema.Implementation.builder("pev4j", "0.1.0").build())
                .requestTimeout(START_TIMEOUT) // calls get the shorter call timeout in call(...)
                .initializationTimeout(START_TIMEOUT)
                .build();
        CompletableFuture<Void> exited = new CompletableFuture<>();
        synchronized (PROCESS_START) {
            Set<Long> before = children();
            CompletableFuture<McpSchema.InitializeResult> initialized =
                    client.initialize().toFuture();
            if (transport instanceof StdioClientTransport stdio) {
                watchExit(stdio, exited, initialized);
            }
            try {
                CompletableFuture.anyOf(initialized, exited)
                        .get(START_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                if (!initialized.isDone()) {
                    throw new IllegalStateException("its process exited before answering 'initialize'");
                }
                initialized.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                killNewChildren(before);
                throw new McpException(
                        server.name(), "interrupted while starting MCP server '" + server.name() + "'", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                client.close();
                killNewChildren(before);
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                exited.complete(null);
                IOException dropped = transport instanceof HttpClientStreamableHttpTransport ? droppedBy(cause) : null;
                if (dropped != null) {
                    throw new Dropped(
                            "MCP server '" + server.name() + "' dropped the connection while starting (" + where()
                                    + "): ",
                            Objects.requireNonNullElse(
                                    dropped.getMessage(), dropped.getClass().getSimpleName()),
                            cause);
                }
                throw new McpException(
                        server.name(),
                        "MCP server '" + server.name() + "' could not be started (" + where() + "): " + describe(cause)
                                + stderrNote(),
                        cause);
            }
            ProcessHandle process = null;
            if (transport instanceof StdioClientTransport) {
                List<ProcessHandle> started = ProcessHandle.current()
                        .children()
                        .filter(p -> !before.contains(p.pid()))
                        .toList();
                process = started.size() == 1 ? started.get(0) : null;
            }
            log.debug("MCP server '{}' started ({})", server.name(), where());
            return new Session(client, exited, process);
        }
    }

    /**
     * Completes {@code exited} when the transport's process exits, on a daemon thread; the SDK reports no exit itself,
     * so without this a call to a crashed server would only end at its timeout.
     */
    private void watchExit(
            StdioClientTransport transport, CompletableFuture<Void> exited, CompletableFuture<?> started) {
        Thread watcher = new Thread(
                () -> {
                    while (!exited.isDone()) {
                        try {
                            transport.awaitForExit();
                            exited.complete(null);
                        } catch (NullPointerException notStartedYet) {
                            if (started.isCompletedExceptionally()) {
                                exited.complete(null);
                                return;
                            }
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        } catch (RuntimeException interrupted) {
                            return;
                        }
                    }
                },
                "mcp-" + server.name() + "-exit");
        watcher.setDaemon(true);
        watcher.start();
    }

    private McpClientTransport transport() {
        if (server.transport() instanceof McpServer.Stdio stdio) {
            ServerParameters parameters = ServerParameters.builder(
                            stdio.command().get(0))
                    .args(stdio.command().subList(1, stdio.command().size()))
                    .env(stdio.environment())
                    .build();
            StdioClientTransport transport = new StdioClientTransport(parameters, json);
            transport.setStdErrorHandler(this::stderr);
            return transport;
        }
        if (server.transport() instanceof McpServer.Http http) {
            URI url = http.url();
            String base = url.getScheme() + "://" + url.getRawAuthority();
            String endpoint = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/mcp" : url.getRawPath();
            if (url.getRawQuery() != null) {
                endpoint += "?" + url.getRawQuery();
            }
            Map<String, String> headers = http.headers();
            return HttpClientStreamableHttpTransport.builder(base)
                    .endpoint(endpoint)
                    .jsonMapper(json)
                    .connectTimeout(server.callTimeout())
                    .addHttpRequestCustomizer((request, method, uri, body, context) -> headers.forEach(request::header))
                    .build();
        }
        throw new IllegalStateException("unknown transport " + server.transport());
    }

    private void stderr(String line) {
        log.debug("MCP server '{}' stderr: {}", server.name(), line);
        synchronized (stderr) {
            stderr.addLast(line);
            while (stderr.size() > STDERR_LINES) {
                stderr.removeFirst();
            }
        }
    }

    private String stderrNote() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; its last error output: " + String.join(" | ", stderr);
        }
    }

    private String where() {
        if (server.transport() instanceof McpServer.Stdio stdio) {
            return String.join(" ", stdio.command());
        }
        return ((McpServer.Http) server.transport()).url().toString();
    }

    private static Set<Long> children() {
        return ProcessHandle.current()
                .children()
                .map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void killNewChildren(Set<Long> before) {
        ProcessHandle.current()
                .children()
                .filter(p -> !before.contains(p.pid()))
                .forEach(McpConnection::kill);
    }

    private static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private void stop(Session stopping) {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        if (stopping.process != null) {
            stopping.process.descendants().forEach(tree::add);
            tree.add(stopping.process);
        }
        if (!stopping.crashed()) {
            try {
                stopping.client.closeGracefully().block(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.debug("MCP server '{}' did not close gracefully", server.name(), e);
            }
        }
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                process.destroy();
            }
        }
        stopping.client.close();
    }

    /** Stops the server; later calls fail. */
    @Override
    public void close() {
        Session stopping;
        synchronized (this) {
            closed = true;
            stopping = session;
            session = null;
        }
        if (stopping != null) {
            stop(stopping);
        }
    }

    /**
     * The I/O failure behind {@code failure} when a connection broke off or was refused, else null; a timeout is not
     * one (another attempt would wait as long again).
     */
    private static @Nullable IOException droppedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return null;
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = McpError.aggregateExceptionMessages(e);
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
