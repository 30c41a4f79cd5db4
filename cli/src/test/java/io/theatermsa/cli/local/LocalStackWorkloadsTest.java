package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl against the workloads of a whole local stack: the pods it shows are the ones that serve, with
 * k8s/'s names and labels, and scaling, deleting a pod and restarting a deployment really start and stop pods.
 */
@ExtendWith(RealRedis.class)
class LocalStackWorkloadsTest {

    private static final String NAMESPACE = "theater-msa";
    private static final String USERS_CTX2 = "user-service-ctx2";

    private static StackUnderTest stack;
    private static HttpApi api;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), "workloads-test-token");
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void oneUserServicePodInCtx2AndTheInitialScenario() {
        kubectl().run("--context", "ctx2", "scale", "deployment", USERS_CTX2, "--replicas=1");
        assertThat(stack.reset().statusCode()).isEqualTo(200);
    }

    @Test
    void getPodsShowsTheSevenPodsWithTheLabelsK8sGivesThem() {
        List<JsonNode> pods = new ArrayList<>();
        for (String context : List.of("ctx1", "ctx2")) {
            pods.addAll(items(json("--context", context, "get", "pods", "-o", "json")));
        }

        assertThat(pods).hasSize(7).allSatisfy(pod -> {
            JsonNode labels = pod.at("/metadata/labels");
            assertThat(pod.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
            assertThat(pod.at("/metadata/name").asText()).startsWith(labels.path("app").asText() + "-"
                                                                      + labels.path("cluster").asText() + "-");
            assertThat(labels.path("version").asText()).isEqualTo("v1");
            assertThat(labels.path("topology.istio.io/cluster").asText()).isEqualTo(labels.path("cluster").asText());
        });
        assertThat(pods).extracting(p -> p.at("/metadata/labels/app").asText() + "@"
                                         + p.at("/metadata/labels/cluster").asText())
                .containsExactlyInAnyOrder("api-gateway@ctx1", "user-service@ctx1", "movie-service@ctx1",
                                           "booking-service@ctx1", "user-service@ctx2", "movie-service@ctx2",
                                           "booking-service@ctx2");
        Kubectl.Result table = kubectl().run("--context", "ctx2", "get", "pods,deploy,svc");
        assertThat(table.exitCode()).as(table.all()).isZero();
        assertThat(table.out()).contains("deployment.apps/" + USERS_CTX2, "service/user-service", "Running");
    }

    @Test
    void aSecondUserServicePodInCtx2ServesAndBothAreHostsOfTheClusterUntilScaledBackToOne() {
        String first = onlyPod(USERS_CTX2);

        Kubectl.Result scaled = kubectl().run("--context", "ctx2", "scale", "deployment", USERS_CTX2, "--replicas=2");

        assertThat(scaled.exitCode()).as(scaled.all()).isZero();
        List<String> pods = podNames(USERS_CTX2);
        assertThat(pods).hasSize(2).contains(first);
        routeEveryUserRequestToCtx2();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(userPodsAnswering(60)).containsExactlyInAnyOrderElementsOf(pods));
        assertThat(usersAnsweredThroughBookingInCtx2(40)).containsAll(pods);
        assertThat(ctx2UserHostsSeenByBookingInCtx2()).isEqualTo(2);

        Kubectl.Result down = kubectl().run("--context", "ctx2", "scale", "deployment", USERS_CTX2, "--replicas=1");

        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(podNames(USERS_CTX2)).hasSize(1);
        assertThat(ctx2UserHostsSeenByBookingInCtx2()).isEqualTo(1);
        assertThat(userPodsAnswering(20)).containsExactlyElementsOf(podNames(USERS_CTX2));
        assertThat(runningPods()).containsAll(podNames(USERS_CTX2));
    }

    @Test
    void aDeletedPodIsReplacedUnderANewNameThatServes() {
        String before = onlyPod(USERS_CTX2);

        Kubectl.Result deleted = kubectl().run("--context", "ctx2", "delete", "pod", before);

        assertThat(deleted.exitCode()).as(deleted.all()).isZero();
        String after = onlyPod(USERS_CTX2);
        assertThat(after).isNotEqualTo(before);
        routeEveryUserRequestToCtx2();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(userPodsAnswering(10))
                .containsOnly(after));
        assertThat(runningPods()).contains(after).doesNotContain(before);
    }

    @Test
    void aRolloutRestartReplacesEveryPodOfTheDeployment() {
        kubectl().run("--context", "ctx2", "scale", "deployment", USERS_CTX2, "--replicas=2");
        List<String> before = podNames(USERS_CTX2);

        Kubectl.Result restarted = kubectl().run("--context", "ctx2", "rollout", "restart", "deployment/" + USERS_CTX2);

        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(podNames(USERS_CTX2)).hasSize(2)
                .doesNotContainAnyElementsOf(before));
    }

    @Test
    void aReplacedBookingPodTakesItsSidecarAlongOutOfTheMeshView() {
        String before = onlyPod("booking-service-ctx2");

        Kubectl.Result deleted = kubectl().run("--context", "ctx2", "delete", "pod", before);

        assertThat(deleted.exitCode()).as(deleted.all()).isZero();
        String after = onlyPod("booking-service-ctx2");
        assertThat(stack.stack().mesh().sidecars()).extracting(s -> s.workload().pod())
                .contains(after).doesNotContain(before);
    }

    @Test
    void kubectlLogsShowsARequestThePodServed() {
        String pod = onlyPod(USERS_CTX2);
        routeEveryUserRequestToCtx2();
        await().atMost(Duration.ofSeconds(10)).until(() -> userPodsAnswering(5).contains(pod));

        Kubectl.Result logs = kubectl().run("--context", "ctx2", "logs", pod);

        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out()).contains("started user-service in ctx2 as " + pod).containsPattern("GET /users/? 200");
    }

    @Test
    void kubectlLogsFollowShowsEachRequestAsThePodServesIt() {
        String pod = onlyPod(USERS_CTX2);
        Process follow = kubectl().start("--context", "ctx2", "logs", "-f", pod);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Kubectl.output(home, follow).contains("started"));
            routeEveryUserRequestToCtx2();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                userPodsAnswering(3);
                assertThat(Kubectl.output(home, follow)).containsPattern("GET /users/? 200 \\d+ms");
            });
        } finally {
            follow.destroy();
        }
    }

    @Test
    void theGatewayIsNotScalableLocallyAndSaysWhy() {
        Kubectl.Result refused = kubectl().run("--context", "ctx1", "scale", "deployment", "api-gateway-ctx1",
                                               "--replicas=2");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("Forbidden").contains("dashboard port");
        assertThat(podNames("api-gateway-ctx1")).hasSize(1);
    }

    private Kubectl kubectl() {
        return new Kubectl(home, stack.kubeconfig(), Map.of());
    }

    private JsonNode json(String... args) {
        Kubectl.Result got = kubectl().run(args);
        assertThat(got.exitCode()).as(got.all()).isZero();
        try {
            return Json.newMapper().readTree(got.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> items(JsonNode list) {
        return StreamSupport.stream(list.get("items").spliterator(), false).toList();
    }

    /** The pods of {@code deployment} (named {@code <app>-<cluster>}) as kubectl lists them. */
    private List<String> podNames(String deployment) {
        String context = deployment.substring(deployment.lastIndexOf('-') + 1);
        String app = deployment.substring(0, deployment.lastIndexOf('-'));
        return items(json("--context", context, "get", "pods", "-l", "app=" + app, "-o", "json")).stream()
                .map(p -> p.at("/metadata/name").asText()).toList();
    }

    private String onlyPod(String deployment) {
        List<String> pods = podNames(deployment);
        assertThat(pods).hasSize(1);
        return pods.getFirst();
    }

    private void routeEveryUserRequestToCtx2() {
        try {
            Path file = Files.writeString(home.resolve("all-ctx2.yaml"), Scenarios.ALL_USERS_TO_CTX2);
            Kubectl.Result applied = kubectl().run("--context", "ctx1", "apply", "-f", file.toString());
            assertThat(applied.exitCode()).as(applied.all()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pods named in X-Pod-Name by {@code count} user requests through the gateway. */
    private static Set<String> userPodsAnswering(int count) {
        return IntStream.range(0, count).mapToObj(i -> api.get("/users/"))
                .filter(r -> r.statusCode() == 200)
                .map(r -> r.headers().firstValue("X-Pod-Name").orElse("none"))
                .collect(Collectors.toSet());
    }

    /** The pods that answered {@code count} user requests sent through booking-service's sidecar in ctx2. */
    private static Set<String> usersAnsweredThroughBookingInCtx2(int count) {
        EmulatedSidecar booking = stack.stack().mesh().sidecars().stream()
                .filter(s -> s.workload().service().equals("booking-service") && s.workload().cluster().equals("ctx2"))
                .findFirst().orElseThrow();
        return IntStream.range(0, count)
                .mapToObj(i -> booking.send(OutboundRequest.of("user-service", 8081, "GET", "/users/", Map.of())))
                .map(r -> r.headers().firstValue("X-Pod-Name").orElse("none"))
                .collect(Collectors.toSet());
    }

    /** How many ctx2 hosts booking-service's sidecar in ctx2 has for user-service, per {@code /api/mesh/clusters}. */
    private static long ctx2UserHostsSeenByBookingInCtx2() {
        JsonNode sidecars = HttpApi.json(api.get("/api/mesh/clusters")).get("sidecars");
        return StreamSupport.stream(sidecars.spliterator(), false)
                .filter(s -> s.at("/workload/service").asText().equals("booking-service")
                             && s.at("/workload/cluster").asText().equals("ctx2"))
                .flatMap(s -> StreamSupport.stream(s.get("cluster_statuses").spliterator(), false))
                .filter(c -> c.get("name").asText().startsWith("outbound|8081|")
                             && c.get("name").asText().contains("|user-service"))
                .flatMap(c -> StreamSupport.stream(c.path("host_statuses").spliterator(), false))
                .filter(h -> h.path("locality").path("region").asText().equals("ctx2"))
                .map(h -> h.path("hostname").asText())
                .distinct().count();
    }

    /** The pod names the stack reports running, as {@code .theater/state.json} and {@code theater status} list them. */
    private static List<String> runningPods() {
        return stack.stack().workloads().stream().map(RunningWorkload::pod).toList();
    }
}
