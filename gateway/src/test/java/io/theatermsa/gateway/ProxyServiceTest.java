package io.theatermsa.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.theatermsa.gateway.ScriptedSidecar.Hop;
import io.theatermsa.gateway.StubService.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyServiceTest {

    private static final String ENCODED_PATH_AND_QUERY = "/movies/7/reviews?stars=5&q=%ED%95%9C%20%EA%B8%80&a=2&a=1";

    /** user-service alternates ctx1, ctx2; movie-service always ctx2; booking-service is a mesh local reply. */
    private final GatewayFixture fixture = new GatewayFixture(Map.of(
            GatewayFixture.USER, List.of(Hop.CTX1, Hop.CTX2),
            GatewayFixture.MOVIE, List.of(Hop.CTX2),
            GatewayFixture.BOOKING, List.of(Hop.LOCAL_REPLY)), List::of);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String pathAndQuery) {
        return HttpRequest.newBuilder(fixture.uri(pathAndQuery));
    }

    private Received lastReceivedByMovieService() {
        return fixture.stub(GatewayFixture.MOVIE, "ctx2").last();
    }

    @Test
    void forwardsMethodPathBodyAndHeadersUnchanged() throws Exception {
        HttpResponse<String> r = send(at("/movies/7/reviews")
                .header("Content-Type", "application/json").header("X-Custom", "abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"재밌어요\"}")));

        Received received = lastReceivedByMovieService();
        assertThat(received.method().text()).isEqualTo("POST");
        assertThat(received.pathAndQuery()).isEqualTo("/movies/7/reviews");
        assertThat(received.body()).isEqualTo("{\"text\":\"재밌어요\"}");
        assertThat(received.header("x-custom")).isEqualTo("abc");
        assertThat(received.header("content-type")).isEqualTo("application/json");
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void handsTheRawPathAndQueryToTheSidecarByteForByte() throws Exception {
        send(at(ENCODED_PATH_AND_QUERY).GET());

        assertThat(fixture.sidecar().sent().getLast().path()).isEqualTo(ENCODED_PATH_AND_QUERY);
    }

    @Test
    void queryReachesTheServiceByteForByte() throws Exception {
        send(at(ENCODED_PATH_AND_QUERY).GET());

        assertThat(lastReceivedByMovieService().pathAndQuery()).isEqualTo(ENCODED_PATH_AND_QUERY);
    }

    @Test
    void returnsTheUpstreamStatusHeadersAndBodyUnchanged() throws Exception {
        HttpResponse<String> r = send(at("/movies/").GET());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(GatewayFixture.LISTS.get(GatewayFixture.MOVIE));
        assertThat(r.headers().firstValue("x-stub-header")).hasValue("from-upstream");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    }

    record Prefix(String path, CinemaService service) {
    }

    static Stream<Prefix> prefixes() {
        return Stream.of(new Prefix("/movies", GatewayFixture.MOVIE), new Prefix("/movies/", GatewayFixture.MOVIE),
                new Prefix("/movies/1/showtimes/2", GatewayFixture.MOVIE),
                new Prefix("/users", GatewayFixture.USER), new Prefix("/users/42", GatewayFixture.USER),
                new Prefix("/bookings", GatewayFixture.BOOKING), new Prefix("/bookings/user/1", GatewayFixture.BOOKING));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void eachPrefixIsForwardedToItsServiceWithThePathAsSent(Prefix prefix) throws Exception {
        send(at(prefix.path()).method("DELETE", HttpRequest.BodyPublishers.noBody()));

        var sent = fixture.sidecar().sent().getLast();
        assertThat(sent.host()).isEqualTo(prefix.service().host());
        assertThat(sent.port()).isEqualTo(prefix.service().address().port());
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.path()).isEqualTo(prefix.path());
    }

    @Test
    void pathsThatOnlyStartLikeAPrefixAreNotProxied() throws Exception {
        int before = fixture.sidecar().sent().size();
        HttpResponse<String> r = send(at("/usersettings").GET());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\":\"not_found\"");
        assertThat(fixture.sidecar().sent()).hasSize(before);
    }

    @Test
    void identityHeadersAreExactlyThoseOfTheWorkloadThatServed() throws Exception {
        List<HttpResponse<String>> responses = List.of(send(at("/users/").GET()), send(at("/users/").GET()));

        assertThat(responses).extracting(r -> r.headers().allValues("X-Service-Cluster"))
                .containsExactlyInAnyOrder(List.of("ctx1"), List.of("ctx2"));
        for (HttpResponse<String> r : responses) {
            String cluster = r.headers().firstValue("X-Service-Cluster").orElseThrow();
            assertThat(r.headers().allValues("X-Service-Name")).containsExactly("user-service");
            assertThat(r.headers().allValues("X-Pod-Name"))
                    .containsExactly("user-service-" + cluster + (cluster.equals("ctx1") ? "-pod-a" : "-pod-b"));
        }
    }

    @Test
    void meshLocalReplyReachesTheClientWithoutAnyIdentityHeader() throws Exception {
        HttpResponse<String> r = send(at("/bookings/").GET());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("no healthy upstream");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(r.headers().firstValue("X-Service-Cluster")).isEmpty();
        assertThat(r.headers().firstValue("X-Pod-Name")).isEmpty();
        assertThat(r.headers().firstValue("X-Service-Name")).isEmpty();
    }

    @Test
    void gatewayOwnResponsesCarryTheGatewayIdentity() throws Exception {
        for (String path : List.of("/traffic-weights", "/health/live", "/", "/nothing")) {
            HttpResponse<String> r = send(at(path).GET());
            assertThat(r.headers().firstValue("X-Service-Name")).as(path).hasValue("api-gateway");
            assertThat(r.headers().firstValue("X-Pod-Name")).as(path).hasValue("api-gateway-ctx1-pod-g");
        }
    }

    @Test
    void requestIdIsCreatedWhenMissingAndEchoed() throws Exception {
        HttpResponse<String> r = send(at("/movies/").GET());

        String created = lastReceivedByMovieService().header("x-request-id");
        assertThat(created).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.headers().allValues("x-request-id")).containsExactly(created);
    }

    @Test
    void requestIdAndTraceHeadersArePropagated() throws Exception {
        HttpResponse<String> r = send(at("/movies/").GET()
                .header("X-Request-Id", "req-42")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("x-b3-traceid", "80f198ee56343ba864fe8b2a57d3eff7")
                .header("x-b3-sampled", "1")
                .header("end-user", "jason")
                .header("x-canary", "true"));

        Received received = lastReceivedByMovieService();
        assertThat(received.header("x-request-id")).isEqualTo("req-42");
        assertThat(received.header("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(received.header("x-b3-traceid")).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
        assertThat(received.header("x-b3-sampled")).isEqualTo("1");
        assertThat(received.header("end-user")).isEqualTo("jason");
        assertThat(received.header("x-canary")).isEqualTo("true");
        assertThat(r.headers().allValues("x-request-id")).containsExactly("req-42");
    }

    @Test
    void hopByHopHeadersAndThoseNamedByConnectionAreNotForwarded() {
        WebClient client = WebClient.builder().baseUri(fixture.uri("/").toString()).build();
        try (HttpClientResponse r = client.get("/movies/1")
                .header(HeaderNames.CONNECTION, "keep-alive, X-Secret-Hop")
                .header(HeaderNames.create("X-Secret-Hop"), "do-not-pass")
                .header(HeaderNames.create("Keep-Alive"), "timeout=5")
                .header(HeaderNames.create("Proxy-Authorization"), "Basic Zm9vOmJhcg==")
                .header(HeaderNames.create("X-End-To-End"), "pass")
                .request()) {
            assertThat(r.status().code()).isEqualTo(200);
        } finally {
            client.closeResource();
        }

        Received received = lastReceivedByMovieService();
        assertThat(received.headers()).doesNotContainKeys("x-secret-hop", "keep-alive", "proxy-authorization");
        assertThat(received.header("x-end-to-end")).isEqualTo("pass");
        assertThat(received.header("host")).doesNotEndWith(":" + fixture.uri("/").getPort());
    }

    @Test
    void bodyOfExactlyTheLimitIsForwarded() throws Exception {
        String body = "x".repeat(BoundedBody.DEFAULT_LIMIT_BYTES);
        HttpResponse<String> r = send(at("/movies/big").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lastReceivedByMovieService().body()).hasSize(BoundedBody.DEFAULT_LIMIT_BYTES);
    }

    @Test
    void bodyOverTheLimitIs413JsonAndNeverReachesTheService() throws Exception {
        int before = fixture.sidecar().sent().size();
        HttpResponse<String> r = send(at("/movies/big").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(BoundedBody.DEFAULT_LIMIT_BYTES + 1))));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"error\":\"payload_too_large\"").contains("1048576 bytes");
        assertThat(r.headers().firstValue("X-Service-Name")).hasValue("api-gateway");
        assertThat(fixture.sidecar().sent()).hasSize(before);
    }
}
