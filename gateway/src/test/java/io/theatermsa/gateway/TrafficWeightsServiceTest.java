package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.ConfiguredSplit.Share;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficWeightsServiceTest {

    static final ConfiguredSplit USER_70_30 = new ConfiguredSplit("user-service", "theater-msa/user-service-vs", "split",
            List.of(new Share("ctx1", "ctx1", 70, 70.0), new Share("ctx2", "ctx2", 30, 30.0)));
    static final ConfiguredSplit MOVIE_30_70 = new ConfiguredSplit(
            "movie-service.theater-msa.svc.cluster.local", "theater-msa/movie-service-vs", "http[0]",
            List.of(new Share("ctx1", "ctx1", 3, 30.0), new Share("ctx2", "ctx2", 7, 70.0)));

    private final AtomicReference<Supplier<List<ConfiguredSplit>>> splits =
            new AtomicReference<>(() -> List.of(USER_70_30, MOVIE_30_70));
    private final GatewayFixture fixture = new GatewayFixture(Map.of(), () -> splits.get().get());
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void restore() {
        splits.set(() -> List.of(USER_70_30, MOVIE_30_70));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(fixture.uri("/traffic-weights")).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode weights() throws Exception {
        HttpResponse<String> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return mapper.readTree(r.body());
    }

    @Test
    void legacyKeysAreTheConfiguredPercentAsIntegers() throws Exception {
        JsonNode body = weights();

        assertThat(body.get("UserServiceCtx1Weight").isInt()).isTrue();
        assertThat(body.get("UserServiceCtx1Weight").asInt()).isEqualTo(70);
        assertThat(body.get("UserServiceCtx2Weight").asInt()).isEqualTo(30);
        assertThat(body.get("MovieServiceCtx1Weight").asInt()).isEqualTo(30);
        assertThat(body.get("MovieServiceCtx2Weight").asInt()).isEqualTo(70);
    }

    @Test
    void aServiceWithoutASplitKeepsItsLegacyKeysAtZeroAndIsMarkedNotConfigured() throws Exception {
        JsonNode body = weights();

        assertThat(body.get("BookingServiceCtx1Weight").asInt()).isZero();
        assertThat(body.get("BookingServiceCtx2Weight").asInt()).isZero();
        JsonNode booking = body.get("services").get(2);
        assertThat(booking.get("service").asText()).isEqualTo("booking-service");
        assertThat(booking.get("path").asText()).isEqualTo("/bookings");
        assertThat(booking.get("configured").asBoolean()).isFalse();
        assertThat(booking.has("weights")).isFalse();
    }

    @Test
    void servicesListTheSplitAsConfigured() throws Exception {
        JsonNode user = weights().get("services").get(0);

        assertThat(user.get("service").asText()).isEqualTo("user-service");
        assertThat(user.get("configured").asBoolean()).isTrue();
        assertThat(user.get("virtualService").asText()).isEqualTo("theater-msa/user-service-vs");
        assertThat(user.get("route").asText()).isEqualTo("split");
        assertThat(user.get("weights").get("ctx1").asDouble()).isEqualTo(70.0);
        assertThat(user.get("weights").get("ctx2").asDouble()).isEqualTo(30.0);
        assertThat(user.get("unpinned").asDouble()).isZero();
        assertThat(user.get("shares").get(1).get("subset").asText()).isEqualTo("ctx2");
        assertThat(user.get("shares").get(1).get("weight").asInt()).isEqualTo(30);
    }

    @Test
    void legacyKeysRoundThirdsToTheNearestInteger() throws Exception {
        splits.set(() -> List.of(new ConfiguredSplit("user-service", "theater-msa/user-service-vs", "split",
                List.of(new Share("ctx1", "ctx1", 1, 100.0 / 3), new Share("ctx2", "ctx2", 2, 200.0 / 3)))));

        JsonNode body = weights();
        assertThat(body.get("UserServiceCtx1Weight").asInt()).isEqualTo(33);
        assertThat(body.get("UserServiceCtx2Weight").asInt()).isEqualTo(67);
    }

    @Test
    void aDestinationPinnedToNoClusterIsReportedAsUnpinned() throws Exception {
        splits.set(() -> List.of(new ConfiguredSplit("user-service", "", "http[0]",
                List.of(new Share("", "", 100, 100.0)))));

        JsonNode user = weights().get("services").get(0);
        assertThat(user.get("configured").asBoolean()).isTrue();
        assertThat(user.get("weights").get("ctx1").asDouble()).isZero();
        assertThat(user.get("unpinned").asDouble()).isEqualTo(100.0);
    }

    @Test
    void theSupplierIsReadOnEveryRequest() throws Exception {
        assertThat(weights().get("UserServiceCtx1Weight").asInt()).isEqualTo(70);
        splits.set(List::of);

        assertThat(weights().get("UserServiceCtx1Weight").asInt()).isZero();
    }

    @Test
    void anUnreadableConfigurationIs503Json() throws Exception {
        splits.set(() -> {
            throw new IllegalStateException("VirtualService list failed");
        });

        HttpResponse<String> r = get();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"error\":\"unavailable\"").contains("VirtualService list failed");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(fixture.uri("/traffic-weights"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }
}
