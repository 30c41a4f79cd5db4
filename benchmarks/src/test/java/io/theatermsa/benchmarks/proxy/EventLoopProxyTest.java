package io.theatermsa.benchmarks.proxy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLoopProxyTest {

    private final List<HttpServer> backends = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private EventLoopProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backends.forEach(backend -> backend.stop(0));
        client.close();
    }

    @Test
    void spreadsRequestsByWeightOverKeepAliveConnectionsAndRelaysBodies() throws Exception {
        String a = backend("a");
        String b = backend("b");
        proxy = EventLoopProxy.start(0, 2, WeightedUpstreams.parse(List.of(a + "=30", b + "=70")));

        Map<String, Integer> served = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(proxied("/users/1?x=" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("seat " + i)));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("connection")).isEmpty();
            String[] answer = response.body().split(" ", 2);
            assertThat(answer[1]).isEqualTo("POST /users/1?x=" + i + " seat " + i);
            served.merge(answer[0], 1, Integer::sum);
        }
        // One client connection is served by one event loop, whose turns cycle 3 × a and 7 × b.
        assertThat(served).isEqualTo(Map.of("a", 30, "b", 70));
    }

    @Test
    void answersPipelinedRequestsInTheirOrderWhenTheFirstIsSlower() throws Exception {
        proxy = EventLoopProxy.start(0, 1, WeightedUpstreams.parse(List.of(backend("a"), backend("b"))));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nhost: cinema\r\n\r\n"
                    + "GET /fast HTTP/1.1\r\nhost: cinema\r\nconnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String both = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(both).containsSubsequence("a GET /slow ", "b GET /fast ");
        }
    }

    @Test
    void answers502WhenTheUpstreamRefusesTheConnection() throws Exception {
        proxy = EventLoopProxy.start(0, 1, WeightedUpstreams.parse(List.of("127.0.0.1:" + closedPort())));

        HttpResponse<String> response = send(HttpRequest.newBuilder(proxied("/users/1")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("no response from the upstream\n");
    }

    @Test
    void answers502WhenAKeptConnectionClosesInsteadOfAnswering() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerOnceThenCloseAtTheNextRequest(upstream));
            proxy = EventLoopProxy.start(0, 1, only(upstream));

            assertThat(send(HttpRequest.newBuilder(proxied("/first"))).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(proxied("/second"))).statusCode()).isEqualTo(502);
        }
    }

    @Test
    void anInterimResponseIsNotTakenForTheAnswer() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> reply(upstream, "HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfinal"));
            proxy = EventLoopProxy.start(0, 1, only(upstream));

            HttpResponse<String> response = send(HttpRequest.newBuilder(proxied("/")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("final");
        }
    }

    @Test
    void spreadsTurnsAsNginxsSmoothWeightedRoundRobin() {
        WeightedUpstreams upstreams = WeightedUpstreams.parse(List.of("a:1=5", "b:1=1", "c:1=1"));

        List<String> turns = new ArrayList<>();
        for (int turn = 0; turn < 14; turn++) {
            turns.add(upstreams.pick(turn).host());
        }

        // The sequence nginx's own comment gives for weights 5, 1, 1 (ngx_http_upstream_round_robin.c), twice.
        assertThat(turns).containsExactly("a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void refusesUpstreamsItCannotUse() {
        assertThatThrownBy(() -> WeightedUpstreams.parse(List.of("localhost")))
                .hasMessage("not HOST:PORT[=WEIGHT]: localhost");
        assertThatThrownBy(() -> WeightedUpstreams.parse(List.of("127.0.0.1:80=101")))
                .hasMessage("not a number from 0 to 100 in 127.0.0.1:80=101");
        assertThatThrownBy(() -> WeightedUpstreams.parse(List.of("127.0.0.1:80=0")))
                .hasMessage("no upstream with a weight above 0");
        assertThat(WeightedUpstreams.parse(List.of("h:1=50", "h:2=50", "h:3=0")).cycleLength()).isEqualTo(2);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI proxied(String path) {
        return URI.create("http://127.0.0.1:" + proxy.port() + path);
    }

    /** A backend answering "NAME METHOD URI BODY", with a keep-alive response; {@code /slow} after 300 ms. */
    private String backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the first request on the first connection, then reads the second and closes without a word. */
    private static void answerOnceThenCloseAtTheNextRequest(ServerSocket upstream) {
        try (Socket connection = upstream.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                                                                         StandardCharsets.US_ASCII));
            readHead(in);
            connection.getOutputStream().write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
                                                       .getBytes(StandardCharsets.US_ASCII));
            readHead(in);
        } catch (IOException e) {
            // the test sees what the proxy answered
        }
    }

    /** Reads one request head and writes {@code reply} on the first connection. */
    private static void reply(ServerSocket upstream, String reply) {
        try (Socket connection = upstream.accept()) {
            readHead(new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII)));
            connection.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            connection.getInputStream().read(); // until the proxy closes or the test ends
        } catch (IOException e) {
            // the test sees what the proxy answered
        }
    }

    private static void readHead(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // the head of a request without a body
        }
    }

    private static WeightedUpstreams only(ServerSocket upstream) {
        return WeightedUpstreams.parse(List.of("127.0.0.1:" + upstream.getLocalPort()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
