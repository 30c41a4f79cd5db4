package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.server.ServiceServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/exercise}: what the progress role says now, {@code null} without one, reads only. */
class ExerciseServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutAnExerciseTheAnswerIsNullAndWithOneItIsTheRolesCurrentViewOnEveryRead() throws Exception {
        AtomicReference<Optional<JsonNode>> current = new AtomicReference<>(Optional.empty());
        try (ScriptedSidecar sidecar = new ScriptedSidecar(Map.of(), Map.of())) {
            ServiceServer gateway = GatewayApp.start(GatewaySettings.builder(GatewayFixture.GATEWAY, sidecar)
                    .exercise(current::get).build());
            try {
                HttpResponse<String> none = send(gateway, "GET");
                assertThat(none.statusCode()).isEqualTo(200);
                assertThat(Json.newMapper().readTree(none.body()).path("exercise").isNull()
                           || Json.newMapper().readTree(none.body()).path("exercise").isMissingNode()).isTrue();

                current.set(Optional.of(JsonNodeFactory.instance.objectNode().put("id", "split-90-10")));
                assertThat(Json.newMapper().readTree(send(gateway, "GET").body()).path("exercise").path("id").asText())
                        .isEqualTo("split-90-10");

                HttpResponse<String> post = send(gateway, "POST");
                assertThat(post.statusCode()).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).hasValue("GET");
            } finally {
                gateway.stop();
            }
        }
    }

    @Test
    void theDefaultProgressIsNone() {
        try (ScriptedSidecar sidecar = new ScriptedSidecar(Map.of(), Map.of())) {
            assertThat(GatewaySettings.builder(GatewayFixture.GATEWAY, sidecar).build().exercise())
                    .isSameAs(ExerciseProgress.NONE);
        }
    }

    private HttpResponse<String> send(ServiceServer gateway, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/exercise"))
                                 .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
