package io.theatermsa.cli.local;

import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.fault.FaultTarget;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real ejection and its end, as {@code kubectl describe pod} shows them: 06-circuit-breaker-real with its ejection
 * time and interval shortened to one second, a service fault on user-service in ctx2, then the fault cleared.
 */
@ExtendWith(RealRedis.class)
class LocalStackOutlierEventsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @Test
    void anEjectedPodShowsOutlierEjectedThenOutlierUnejectedOnceItsEjectionTimeHasPassed(RedisEndpoint redis)
            throws IOException {
        Path scenario = shortEjections();
        try (StackUnderTest stack = new StackUnderTest(redis.url(), "outlier-events-token", scenario);
             RedisConnector connection = RedisConnector.connect(stack.stack().redisUrl())) {
            HttpApi api = stack.api();
            FaultChannel faults = new FaultChannel(connection.connection().sync(), Json.newMapper());
            String pod = stack.stack().workloads().stream()
                    .filter(w -> w.service().equals("user-service") && w.cluster().equals("ctx2"))
                    .findFirst().orElseThrow().pod();
            Kubectl kubectl = new Kubectl(home, stack.kubeconfig(), Map.of());

            faults.publish(new Fault("events-e2e", FaultTarget.cluster("user-service", "ctx2"),
                                     new FaultEffect.Error(100, 503), Instant.now(), Duration.ofMinutes(1)));
            await().atMost(DEADLINE).untilAsserted(() -> {
                api.get("/users/");
                assertThat(kubectl.run("--context", "ctx2", "describe", "pod", pod).out())
                        .containsPattern("Warning\\s+OutlierEjected\\s+.*istio-proxy\\s+.*after 3 consecutive 5xx");
            });
            faults.clearAll();

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                    kubectl.run("--context", "ctx2", "describe", "pod", pod).out())
                    .containsPattern("Normal\\s+OutlierUnejected\\s+.*istio-proxy\\s+.*back in api-gateway-\\S+'s load"
                                     + " balancing after its ejection time"));
            assertThat(kubectl.run("--context", "ctx1", "get", "events", "--field-selector", "reason=OutlierEjected",
                                   "-o", "name").out())
                    .as("the event is in the pod's cluster, not the observing sidecar's").isEmpty();
        }
    }

    /** 06-circuit-breaker-real with {@code interval: 1s} and {@code baseEjectionTime: 1s}. */
    private Path shortEjections() throws IOException {
        Path source = StackUnderTest.HOME.resolve("k8s/practice/06-circuit-breaker-real");
        Path scenario = Files.createDirectories(home.resolve("06-short"));
        for (String file : new String[] {"virtualservices.yaml", "destinationrules.yaml"}) {
            Files.writeString(scenario.resolve(file), Files.readString(source.resolve(file))
                    .replace("interval: 5s", "interval: 1s").replace("baseEjectionTime: 30s", "baseEjectionTime: 1s"));
        }
        return scenario;
    }
}
