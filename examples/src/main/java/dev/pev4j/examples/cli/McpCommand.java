package dev.pev4j.examples.cli;

import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.mcp.McpToolServer;
import dev.pev4j.tools.workspace.Workspace;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pev4j mcp --workspace DIR [--http PORT]}: serves DataOps over the Model Context Protocol, on standard input
 * and output (for a client that starts this command) or on streamable HTTP at {@code http://127.0.0.1:PORT/mcp}. Paths
 * are confined to the workspace; tables come back as a preview and a handle such as {@code table:1} for later calls.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve DataOps (read_csv, groupby_agg, ...) to any MCP client, over stdio or streamable HTTP.",
            "Tables stay in the server: results show a preview and a handle (table:1) that later calls take."
        })
final class McpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--workspace",
            required = true,
            paramLabel = "DIR",
            description = "The folder the tools may read and write; paths outside it are refused.")
    Path workspace;

    @Option(
            names = "--http",
            paramLabel = "PORT",
            description = "Serve streamable HTTP on 127.0.0.1:PORT/mcp (0 picks a free port) instead of stdio.")
    @Nullable
    Integer port;

    /** Completed to stop an HTTP server (tests); a real run stops with the process. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(workspace)) {
            err.println("error: workspace folder not found: " + workspace.toAbsolutePath());
            return Pev4jCli.EXIT_INPUT;
        }
        if (port != null && (port < 0 || port > 65_535)) {
            err.println("error: --http must be a port between 0 and 65535 but was " + port);
            return Pev4jCli.EXIT_USAGE;
        }
        McpToolServer server = McpToolServer.builder()
                .tools(DataOps.in(Workspace.of(workspace)))
                .build();
        if (port == null) {
            err.println("serving " + server.registry().names().size() + " tools over MCP on stdin/stdout; workspace "
                    + workspace.toAbsolutePath());
            err.flush();
            // The raw standard streams: nothing but protocol messages may go to standard output.
            server.serveStdio(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
            return Pev4jCli.EXIT_OK;
        }
        try (McpToolServer.Running running = server.serveHttp(port)) {
            err.println("serving " + server.registry().names().size() + " tools over MCP at " + running.url()
                    + "; workspace " + workspace.toAbsolutePath());
            err.flush();
            stop.await();
        }
        return Pev4jCli.EXIT_OK;
    }
}
