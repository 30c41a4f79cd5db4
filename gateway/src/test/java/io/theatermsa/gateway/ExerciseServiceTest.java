package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.server.ServiceServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/exercise}: what the progress role says now ({@code null} without an exercise), and {@code /check}
 * that grades now, with the admin token only.
 */
class ExerciseServiceTest {

    private static final String TOKEN = "exercise-service-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ScriptedProgress progress = new ScriptedProgress();
    private final ScriptedSidecar sidecar = new ScriptedSidecar(Map.of(), Map.of());
    private ServiceServer gateway;

    /** An exercise view the test sets; a check adds one to {@code checks}. */
    private static final class ScriptedProgress implements ExerciseProgress {
        final AtomicReference<Optional<JsonNode>> current = new AtomicReference<>(Optional.empty());
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public Optional<JsonNode> current() {
            return current.get();
        }

        @Override
        public Optional<JsonNode> checkNow() {
            return current.get().map(view -> {
                checks.incrementAndGet();
                return view.deepCopy().<com.fasterxml.jackson.databind.node.ObjectNode>require()
                        .put("checks", checks.get());
            });
        }
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        sidecar.close();
    }

    private void start(boolean withMesh) {
        GatewaySettings.Builder settings = GatewaySettings.builder(GatewayFixture.GATEWAY, sidecar).exercise(progress);
        if (withMesh) {
            FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", MeshApiServiceTest.VALID);
            settings.mesh(new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)));
        }
        gateway = GatewayApp.start(settings.build());
    }

    @Test
    void withoutAnExerciseTheAnswerIsNullAndWithOneItIsTheRolesCurrentViewOnEveryRead() throws Exception {
        start(false);
        HttpResponse<String> none = send("GET", "/api/exercise", null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(Json.newMapper().readTree(none.body()).path("exercise").isNull()).isTrue();

        progress.current.set(Optional.of(JsonNodeFactory.instance.objectNode().put("id", "split-90-10")));
        assertThat(Json.newMapper().readTree(send("GET", "/api/exercise", null).body()).path("exercise").path("id")
                           .asText()).isEqualTo("split-90-10");

        HttpResponse<String> post = send("POST", "/api/exercise", TOKEN);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aCheckNeedsTheAdminTokenAndAnExerciseAndAnswersTheViewWithTheNewCheck() throws Exception {
        start(true);
        assertThat(send("POST", "/api/exercise/check", TOKEN).statusCode()).as("no exercise in hand").isEqualTo(409);
        progress.current.set(Optional.of(JsonNodeFactory.instance.objectNode().put("id", "split-90-10")));

        assertThat(send("POST", "/api/exercise/check", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/exercise/check", "another-token").statusCode()).isEqualTo(403);
        assertThat(progress.checks).hasValue(0);

        HttpResponse<String> checked = send("POST", "/api/exercise/check", TOKEN);
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(Json.newMapper().readTree(checked.body()).path("exercise").path("checks").asInt()).isEqualTo(1);
    }

    @Test
    void withoutTheLocalStacksRolesCheckingIsNotAvailable() throws Exception {
        start(false);
        progress.current.set(Optional.of(JsonNodeFactory.instance.objectNode().put("id", "split-90-10")));

        HttpResponse<String> post = send("POST", "/api/exercise/check", TOKEN);

        assertThat(post.statusCode()).isEqualTo(501);
        assertThat(progress.checks).hasValue(0);
    }

    @Test
    void theDefaultProgressIsNone() {
        assertThat(GatewaySettings.builder(GatewayFixture.GATEWAY, sidecar).build().exercise())
                .isSameAs(ExerciseProgress.NONE);
        assertThat(ExerciseProgress.NONE.checkNow()).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
