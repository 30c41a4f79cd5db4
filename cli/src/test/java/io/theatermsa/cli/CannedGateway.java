package io.theatermsa.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server standing where a gateway would be: it answers every request with one status and JSON body
 * and keeps what it was asked ({@code METHOD raw-path}), for the commands' {@code --url}.
 */
final class CannedGateway implements AutoCloseable {

    private final HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private CannedGateway(HttpServer server) {
        this.server = server;
    }

    static CannedGateway answering(int status, String json) {
        try {
            CannedGateway gateway = new CannedGateway(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            gateway.server.createContext("/", exchange -> {
                gateway.asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            gateway.server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
