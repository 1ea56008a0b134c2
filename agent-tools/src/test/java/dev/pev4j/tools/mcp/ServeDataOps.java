package dev.pev4j.tools.mcp;

import dev.pev4j.tools.data.DataOps;
import dev.pev4j.tools.workspace.Workspace;
import java.nio.file.Path;

/** A separate JVM serving DataOps over stdio for {@link McpToolServerTest}: {@code ServeDataOps <workspace>}. */
public final class ServeDataOps {

    private ServeDataOps() {}

    public static void main(String[] args) throws InterruptedException {
        McpToolServer.builder()
                .tools(new DataOps(Workspace.of(Path.of(args[0]))))
                .build()
                .serveStdio(System.in, System.out);
        System.exit(0);
    }
}
