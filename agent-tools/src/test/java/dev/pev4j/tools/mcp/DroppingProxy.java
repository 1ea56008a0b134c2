package dev.pev4j.tools.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP front for a local server that reads the request on each of its first {@code drops} connections and closes
 * it without answering a byte (as a server under load or a proxy restarting does), then relays every later
 * connection to the server both ways.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final int targetPort;
    private final int drops;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    DroppingProxy(int targetPort, int drops) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.drops = drops;
        daemon(this::accept, "dropping-proxy-accept");
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far, dropped ones included. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                if (connections.incrementAndGet() <= drops) {
                    daemon(() -> drop(client), "dropping-proxy-drop");
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(server);
                daemon(() -> relay(client, server), "dropping-proxy-up");
                daemon(() -> relay(server, client), "dropping-proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Ends the connection with no answer once the request came: the client reads the end of the stream. */
    private static void drop(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            in.read(); // the request has begun
            client.shutdownOutput();
            client.setSoTimeout(10_000);
            while (in.read(new byte[8192]) >= 0) {
                // read the rest, so that closing does not reset the connection before the client saw the end
            }
        } catch (IOException e) {
            // the client gave up first
        }
    }

    private static void relay(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other relay ends too
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
