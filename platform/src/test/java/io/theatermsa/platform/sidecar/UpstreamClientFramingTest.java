package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamFailure;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's HTTP/1.1 against an upstream on a raw loopback socket that answers each request head with scripted
 * bytes: how bodies are framed, when a connection is kept for the next exchange, and what is not a response.
 */
class UpstreamClientFramingTest {

    private static final ServiceAddress USER = new ServiceAddress("user-service", 8081);

    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(1));
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch silentlyClosed = new CountDownLatch(1);
    private final Semaphore closedByClient = new Semaphore(0);
    private ServerSocket server;

    /** A reply that starts with this is written without it, then the connection is closed. */
    private static final String SILENT_CLOSE = "<close after>";

    /** A reply that starts with this is written without it, one byte every {@link #DRIP_INTERVAL}. */
    private static final String DRIP = "<drip>";
    private static final Duration DRIP_INTERVAL = Duration.ofMillis(50);

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
        threads.shutdownNow();
    }

    /** Serves every connection until it closes; {@code answer} gets the request head and says what to write. */
    private int upstream(Function<String, String> answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(socket, answer));
            }
            return null;
        });
        return server.getLocalPort();
    }

    private Void serve(Socket socket, Function<String, String> answer) throws IOException {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (true) {
                String head = head(in);
                if (head == null) {
                    closedByClient.release();
                    return null;
                }
                heads.add(head);
                String reply = answer.apply(head);
                if (reply == null) {
                    return null; // close without a byte
                }
                if (reply.startsWith(DRIP)) {
                    drip(socket, reply.substring(DRIP.length()));
                    continue;
                }
                boolean closeAfter = reply.startsWith(SILENT_CLOSE);
                socket.getOutputStream().write(reply.substring(closeAfter ? SILENT_CLOSE.length() : 0)
                                                    .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (closeAfter) {
                    socket.close();
                    silentlyClosed.countDown();
                    return null;
                }
                if (reply.contains("Connection: close")) {
                    return null;
                }
            }
        }
    }

    private static void drip(Socket socket, String reply) throws IOException {
        for (byte b : reply.getBytes(StandardCharsets.ISO_8859_1)) {
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
            try {
                Thread.sleep(DRIP_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int ends = 0;
        while (ends < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            ends = b == '\r' || b == '\n' ? ends + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void failsWith(UpstreamFailure.Reason reason, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UpstreamFailure.class,
                                                        f -> assertThat(f.reason()).isEqualTo(reason));
    }

    private OutboundResponse get(int port, String path) {
        return client.exchange("127.0.0.1", port, USER.request("GET", path, Map.of()), Duration.ofSeconds(5));
    }

    @Test
    void aChunkedBodyIsDecodedAndTheConnectionServesTheNextRequest() throws IOException {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Part: a\r\nX-Part: b\r\n\r\n"
                                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        OutboundResponse first = get(port, "/users/1");
        OutboundResponse second = get(port, "/users/2");

        assertThat(first.bodyText()).isEqualTo("hello world");
        assertThat(first.headers().allValues("x-part")).containsExactly("a", "b");
        assertThat(first.headers().map()).doesNotContainKeys("transfer-encoding", "x-trailer");
        assertThat(second.bodyText()).isEqualTo("hello world");
        assertThat(connections).as("the second exchange reused the kept-alive connection").hasValue(1);
    }

    @Test
    void connectionCloseIsHonouredAndTheNextExchangeConnectsAgain() throws IOException {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

        assertThat(get(port, "/users/1").bodyText()).isEqualTo("ok");
        assertThat(get(port, "/users/2").bodyText()).isEqualTo("ok");
        assertThat(connections).hasValue(2);
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws IOException {
        int port = upstream(head -> "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                                    + "until the end");

        OutboundResponse response = get(port, "/users/1");

        assertThat(response.bodyText()).isEqualTo("until the end");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
    }

    @Test
    void anInterimResponseIsSkippedAndAHeadResponseHasNoBody() throws IOException {
        int port = upstream(head -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n");

        OutboundResponse response = client.exchange("127.0.0.1", port, USER.request("HEAD", "/users/1", Map.of()),
                                                     Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(heads.getFirst()).startsWith("HEAD /users/1 HTTP/1.1\r\n").contains("host: user-service:8081\r\n");
    }

    @Test
    void aKeptConnectionTheUpstreamClosedWhileIdleIsNotUsedAgain() throws Exception {
        AtomicInteger served = new AtomicInteger();
        // The first connection answers once and then closes without having said so.
        int port = upstream(head -> (served.incrementAndGet() == 1 ? SILENT_CLOSE : "")
                                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(get(port, "/users/1").bodyText()).isEqualTo("ok");
        assertThat(silentlyClosed.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(get(port, "/users/2").bodyText()).isEqualTo("ok");
        assertThat(connections).as("the closed connection was dropped, a new one made").hasValue(2);
    }

    @Test
    void aResponseCutShortIsAReset() throws IOException {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort");

        failsWith(UpstreamFailure.Reason.RESET, () -> get(port, "/users/1"));
    }

    @Test
    void aMalformedHeaderIsAProtocolError() throws IOException {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n");

        failsWith(UpstreamFailure.Reason.PROTOCOL_ERROR, () -> get(port, "/users/1"));
    }

    @Test
    void noResponseWithinTheTimeoutIsATimeout() throws IOException {
        int port = upstream(head -> {
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });

        failsWith(UpstreamFailure.Reason.TIMEOUT, () -> client.exchange("127.0.0.1", port,
                USER.request("GET", "/users/1", Map.of()), Duration.ofMillis(200)));
    }

    @Test
    void aHeaderValueWithALineBreakIsNeverSent() throws IOException {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        failsWith(UpstreamFailure.Reason.PROTOCOL_ERROR, () -> client.exchange("127.0.0.1", port,
                USER.request("GET", "/users/1", Map.of("x-note", List.of("a\r\nx-injected: 1"))), null));
        assertThat(heads).isEmpty();
    }

    @Test
    void aSwitchingProtocolsResponseIsAProtocolErrorAndTheConnectionIsNotKept() throws Exception {
        AtomicInteger served = new AtomicInteger();
        int port = upstream(head -> served.incrementAndGet() == 1
                ? "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        failsWith(UpstreamFailure.Reason.PROTOCOL_ERROR, () -> get(port, "/users/1"));

        assertThat(closedByClient.tryAcquire(5, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
        assertThat(get(port, "/users/2").bodyText()).isEqualTo("ok");
        assertThat(connections).hasValue(2);
    }

    @Test
    void aResponseFramedByBothChunkedAndALengthIsReadChunkedAndTheConnectionClosed() throws Exception {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                                    + "2\r\nok\r\n0\r\n\r\n");

        assertThat(get(port, "/users/1").bodyText()).isEqualTo("ok");

        assertThat(closedByClient.tryAcquire(5, TimeUnit.SECONDS)).as("closed after it, RFC 9112 §6.1").isTrue();
        assertThat(get(port, "/users/2").bodyText()).isEqualTo("ok");
        assertThat(connections).hasValue(2);
    }

    @Test
    void noContentAndNotModifiedHaveNoBodyWhateverTheirLengthSays() throws IOException {
        AtomicInteger served = new AtomicInteger();
        int port = upstream(head -> switch (served.incrementAndGet()) {
            case 1 -> "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n";
            case 2 -> "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\nETag: \"v1\"\r\n\r\n";
            default -> "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
        });

        OutboundResponse noContent = get(port, "/users/1");
        OutboundResponse notModified = get(port, "/users/1");
        OutboundResponse next = get(port, "/users/2");

        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("etag")).hasValue("\"v1\"");
        assertThat(next.bodyText()).as("the next response starts where the bodyless ones ended").isEqualTo("next");
        assertThat(connections).hasValue(1);
    }

    @Test
    void chunkTrailersAreConsumedAndNotPassedOn() throws IOException {
        AtomicInteger served = new AtomicInteger();
        int port = upstream(head -> served.incrementAndGet() == 1
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: x-checksum, x-count\r\n\r\n"
                  + "3\r\nabc\r\n0\r\nx-checksum: 900150983cd24fb0\r\nx-count: 3\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext");

        OutboundResponse first = get(port, "/users/1");
        OutboundResponse second = get(port, "/users/2");

        assertThat(first.bodyText()).isEqualTo("abc");
        assertThat(first.headers().map()).doesNotContainKeys("trailer", "x-checksum", "x-count");
        assertThat(second.bodyText()).isEqualTo("next");
        assertThat(connections).hasValue(1);
    }

    @Test
    void aDeclaredLengthBeyondTheBodyLimitIsAProtocolErrorWithoutAllocatingIt() throws Exception {
        int port = upstream(head -> "HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\nfew bytes");

        failsWith(UpstreamFailure.Reason.PROTOCOL_ERROR, () -> get(port, "/users/1"));

        assertThat(closedByClient.tryAcquire(5, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
    }

    @Test
    void aBodyUntilCloseBeyondTheBodyLimitIsAProtocolError() throws Exception {
        String chunk = "x".repeat(1024 * 1024);
        String overLimit = chunk.repeat(ResponseParser.MAX_BODY_BYTES / chunk.length()) + "one too many";
        int port = upstream(head -> "HTTP/1.0 200 OK\r\n\r\n" + overLimit);

        failsWith(UpstreamFailure.Reason.PROTOCOL_ERROR, () -> get(port, "/users/1"));
    }

    @Test
    void anUpstreamDrippingBytesCannotOutlastTheTimeout() throws IOException {
        // each byte comes well within the timeout; the whole response does not
        int port = upstream(head -> DRIP + "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + "d".repeat(40));

        failsWith(UpstreamFailure.Reason.TIMEOUT, () -> client.exchange("127.0.0.1", port,
                USER.request("GET", "/users/1", Map.of()), Duration.ofMillis(500)));
    }

    @Test
    void aPoolToAnAddressNobodyListensOnIsGoneAfterTheFailedConnect() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        upstream(head -> null);

        failsWith(UpstreamFailure.Reason.CONNECT_FAILURE, () -> get(closedPort, "/users/1"));

        assertThat(client.hasPool("127.0.0.1", closedPort)).isFalse();
    }

    @Test
    void connectionsIdleLongerThanTheLimitAreClosedWhenAnotherComesBack() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        int port = upstream(head -> {
            bothArrived.countDown();
            try {
                bothArrived.await(5, TimeUnit.SECONDS); // two exchanges at once: two connections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        });
        AtomicLong skew = new AtomicLong();
        try (UpstreamClient skewed = new UpstreamClient(Duration.ofSeconds(1), () -> System.nanoTime() + skew.get())) {
            var first = threads.submit(() -> skewed.exchange("127.0.0.1", port, USER.request("GET", "/a", Map.of()),
                                                             Duration.ofSeconds(5)));
            var second = threads.submit(() -> skewed.exchange("127.0.0.1", port, USER.request("GET", "/b", Map.of()),
                                                              Duration.ofSeconds(5)));
            assertThat(first.get().bodyText()).isEqualTo("ok");
            assertThat(second.get().bodyText()).isEqualTo("ok");
            assertThat(connections).hasValue(2);

            skew.set(KeepAlivePool.MAX_IDLE_TIME.plusSeconds(1).toNanos());
            assertThat(skewed.exchange("127.0.0.1", port, USER.request("GET", "/c", Map.of()), Duration.ofSeconds(5))
                             .bodyText()).isEqualTo("ok");

            assertThat(connections).as("the newest idle connection served it").hasValue(2);
            assertThat(closedByClient.tryAcquire(5, TimeUnit.SECONDS)).as("the older one was closed").isTrue();
            assertThat(closedByClient.availablePermits()).as("only the older one").isZero();
        }
    }
}
