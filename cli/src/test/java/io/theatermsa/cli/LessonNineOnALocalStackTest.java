package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.RunningWorkload;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Lesson 09 on a whole local stack: its PeerAuthentication and AuthorizationPolicies are enforced by the emulated
 * sidecars (mesh-semantics §11), a call the policies deny comes back through the gateway as the destination
 * sidecar's {@code 403 RBAC: access denied}, and the access log the dashboard and {@code theater logs} read records it
 * with Envoy's details. A caller without a sidecar reaches a pod through that pod's sidecar ({@code theater status
 * -o wide}'s INBOUND column): STRICT resets its connection.
 */
@ExtendWith(RealRedis.class)
class LessonNineOnALocalStackTest {

    private static final String TOKEN = "lesson-nine-test-token";
    private static final Path LESSON = StackUnderTest.HOME.resolve("k8s/practice/09-mtls-authz");
    private static final String DENY_GATEWAY_USER_READS = """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata:
              name: deny-gateway-user-reads
              namespace: theater-msa
            spec:
              selector:
                matchLabels:
                  app: user-service
              action: DENY
              rules:
              - from:
                - source:
                    principals: [cluster.local/ns/theater-msa/sa/api-gateway]
                to:
                - operation:
                    methods: [GET]
                    paths: [/users/*]
            """;

    private static StackUnderTest stack;
    private static HttpApi api;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN);
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void lessonNineIsEnforcedAndADeniedCallIs403RbacWithEnvoysDetailsInTheAccessLog() throws IOException {
        HttpResponse<String> applied = stack.apply(LESSON);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(stack.stack().mesh().inForce("ctx2").snapshot().config().securityPolicies()
                           .authorizationPolicies()).hasSize(4);

        for (String path : List.of("/users/", "/movies/", "/bookings/")) {
            assertThat(api.get(path).statusCode()).as("the gateway may call %s", path).isEqualTo(200);
        }

        Path deny = Files.writeString(home.resolve("deny.yaml"), DENY_GATEWAY_USER_READS);
        Kubectl kubectl = new Kubectl(home, stack.kubeconfig(), Map.of());
        for (String context : List.of("ctx1", "ctx2")) {
            Kubectl.Result result = kubectl.run("--context", context, "apply", "-f", deny.toString());
            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.err()).doesNotContain("Warning");
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> api.get("/users/").statusCode() == 403);

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> denied = api.get("/users/");
            assertThat(denied.statusCode()).as("both clusters deny").isEqualTo(403);
            assertThat(denied.body()).isEqualTo("RBAC: access denied");
        }
        assertThat(api.get("/movies/").statusCode()).isEqualTo(200);

        JsonNode record = lastRecord("/users/");
        assertThat(record.path("status").asInt()).isEqualTo(403);
        assertThat(record.path("responseFlags").asText()).isEqualTo("-");
        assertThat(record.path("responseCodeDetails").asText())
                .isEqualTo("rbac_access_denied_matched_policy[ns[theater-msa]-policy[deny-gateway-user-reads]-rule[0]]")
                .as("the dashboard's column").isEqualTo(record.path("details").asText());

        writeState();
        CommandRun logs = CommandRun.of(home, "logs", "--service", "api-gateway");
        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out()).containsPattern("\"GET /users/ HTTP/1.1\" 403 - rbac_access_denied_matched_policy"
                + "\\[ns\\[theater-msa]-policy\\[deny-gateway-user-reads]-rule\\[0]] ");
        CommandRun receiver = CommandRun.of(home, "logs", "--service", "user-service");
        assertThat(receiver.out()).as("the receiving sidecar logs its denial too, as Envoy does").containsPattern(
                "istio-proxy: \"GET /users/ HTTP/1.1\" 403 - rbac_access_denied_matched_policy\\[ns\\[theater-msa]"
                + "-policy\\[deny-gateway-user-reads]-rule\\[0]] .* inbound\\|8081\\|\\| ");

        assertThat(stack.reset().statusCode()).isEqualTo(200);
        assertThat(api.get("/users/").statusCode()).as("01 has no policies").isEqualTo(200);
        assertThat(kubectl.run("--context", "ctx1", "get", "ap", "-o", "name").out()).isEmpty();
    }

    @Test
    void aCallerWithoutSidecarReachesAPodThroughItsSidecarAndStrictResetsIt() throws IOException {
        RunningWorkload pod = stack.stack().workloads().stream()
                .filter(w -> w.service().equals("user-service") && w.cluster().equals("ctx1"))
                .findFirst().orElseThrow();
        URI inbound = URI.create(pod.inbound());
        HttpApi plain = new HttpApi(inbound.getPort());

        HttpResponse<String> created = plain.post("/users/", "{\"name\":\"평문\",\"email\":\"plain@example.com\"}");
        assertThat(created.statusCode()).as("PERMISSIVE (no policy) passes plaintext, body and all: %s",
                                            created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("connection")).as("one request per connection").contains("close");

        assertThat(stack.apply(LESSON).statusCode()).isEqualTo(200);
        assertThat(api.get("/users/").statusCode()).as("sidecars still speak mTLS").isEqualTo(200);
        assertThatThrownBy(() -> rawGet(inbound, "/users/"))
                .as("§11.3 STRICT: no filter chain for plaintext, the connection is reset")
                .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");

        writeState();
        CommandRun logs = CommandRun.of(home, "logs", "--service", "user-service", "--cluster", "ctx1");
        assertThat(logs.out()).as(logs.all()).contains("\"- - -\" 0 NR filter_chain_not_found");

        Kubectl kubectl = new Kubectl(home, stack.kubeconfig(), Map.of());
        Kubectl.Result permissive = kubectl.run("--context", "ctx1", "-n", "theater-msa", "patch",
                "peerauthentication", "default", "--type=merge", "-p", "{\"spec\":{\"mtls\":{\"mode\":\"PERMISSIVE\"}}}");
        assertThat(permissive.exitCode()).as(permissive.all()).isZero();
        await().atMost(Duration.ofSeconds(2)).until(() -> statusOf(plain, "/users/") == 403);
        HttpResponse<String> denied = plain.get("/users/");
        assertThat(denied.body()).as("§11.6 plaintext has no principal: the allow list misses")
                .isEqualTo("RBAC: access denied");
        assertThat(denied.headers().firstValue("server")).contains("istio-envoy");

        assertThat(stack.reset().statusCode()).isEqualTo(200);
        assertThat(plain.get("/users/").statusCode()).isEqualTo(200);
    }

    @Test
    void theStoresPolicyAuthorizesEachServicesRedisConnection() {
        assertThat(stack.apply(LESSON).statusCode()).isEqualTo(200);
        assertThat(api.get("/bookings/").statusCode()).isEqualTo(200);

        Kubectl kubectl = new Kubectl(home, stack.kubeconfig(), Map.of());
        Kubectl.Result removed = kubectl.run("--context", "ctx2", "-n", "theater-msa", "patch", "ap", "redis",
                "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/rules/0/from/0/source/principals/2\"}]");
        assertThat(removed.exitCode()).as(removed.all()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(api, "/bookings/") == 503);
        assertThat(api.get("/users/").statusCode()).as("the other services still reach Redis").isEqualTo(200);

        Kubectl.Result restored = kubectl.run("--context", "ctx2", "-n", "theater-msa", "patch", "ap", "redis",
                "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/spec/rules/0/from/0/source/principals/-\","
                        + "\"value\":\"cluster.local/ns/theater-msa/sa/booking-service\"}]");
        assertThat(restored.exitCode()).as(restored.all()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(api, "/bookings/") == 200);
        assertThat(stack.reset().statusCode()).isEqualTo(200);
    }

    private static int statusOf(HttpApi api, String path) {
        try {
            return api.get(path).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** One GET on a raw socket, as curl sends it; returns the status line. */
    private static String rawGet(URI base, String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: user-service:8081\r\n"
                    + "User-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static JsonNode lastRecord(String path) {
        JsonNode page = HttpApi.json(api.get("/api/mesh/access-log"));
        JsonNode last = null;
        for (JsonNode record : page.path("records")) {
            if (record.path("path").asText().equals(path)) {
                last = record;
            }
        }
        assertThat(last).as("a record of %s in %s", path, page).isNotNull();
        return last;
    }

    private void writeState() {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/09-mtls-authz", Instant.now(), List.of(), TOKEN, StackUnderTest.READ_ONLY_TOKEN,
                     stack.kubeconfig().toString()).writeTo(RunState.fileIn(home));
    }
}
