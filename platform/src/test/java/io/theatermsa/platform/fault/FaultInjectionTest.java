package io.theatermsa.platform.fault;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.ManualClock;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fault kind against real servers on loopback, published through the real Redis control channel and picked
 * up by each server's {@link FaultWatcher}. Expiry and ramps follow a manual clock.
 */
@ExtendWith(RealRedis.class)
class FaultInjectionTest {

    static final Duration PICKUP = Duration.ofSeconds(10);
    static final String SERVICE = "greeting-service";

    final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T10:00:00Z"));
    final List<AutoCloseable> opened = new ArrayList<>();
    RedisEndpoint endpoint;
    FaultChannel channel;
    RedisConnector admin;
    int nextId;

    @BeforeEach
    void emptyRedis(RedisEndpoint endpoint) {
        this.endpoint = endpoint;
        admin = open(RedisConnector.connect(endpoint.url()));
        admin.connection().sync().flushall();
        channel = new FaultChannel(admin.connection().sync(), Json.newMapper());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** One instance: a server answering {@code GET /hello} with 200, obeying the faults that target it. */
    record Instance(ServiceServer server, FaultWatcher watcher, HttpApi api) {
        WorkloadIdentity identity() {
            return server.identity();
        }
    }

    Instance start(WorkloadIdentity identity) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        FaultWatcher watcher = FaultWatcher.watch(open(RedisConnector.connect(endpoint.url())), identity, clock);
        ServiceServer server = open(ServiceServer.builder(identity, json)
                .faults(watcher)
                .routing(r -> r.get("/hello", (req, res) -> json.ok(res, Map.of("hello", "world"))))
                .start());
        return new Instance(server, watcher, new HttpApi(server.port()));
    }

    Instance start(String pod) {
        return start(new WorkloadIdentity(SERVICE, "ctx2", pod));
    }

    Fault publish(FaultTarget target, FaultEffect effect, Duration duration, Instance... seenBy) {
        Fault fault = new Fault("f" + ++nextId, target, effect, clock.instant(), duration);
        channel.publish(fault);
        for (Instance instance : seenBy) {
            await().atMost(PICKUP).until(() -> instance.watcher().current().faults().contains(fault));
        }
        return fault;
    }

    void clear(Fault fault, Instance... seenBy) {
        channel.clear(fault.id());
        for (Instance instance : seenBy) {
            await().atMost(PICKUP).until(() -> !instance.watcher().current().faults().contains(fault));
        }
    }

    @Test
    void errorAt100PercentAnswersTheChosenStatusWithIdentityAndAnInjectedFaultBody() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(100, 503), Duration.ofMinutes(1), instance);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = instance.api().get("/hello");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("error").asText()).isEqualTo("injected_fault");
            assertIdentity(response, instance.identity());
        }
        assertThat(instance.api().get("/health/ready").statusCode()).as("health is exempt").isEqualTo(200);
        assertThat(instance.api().get("/metrics").body())
                .contains("theater_injected_faults_total{").contains("kind=\"error\"")
                .contains("status=\"5xx\"");
    }

    @Test
    void errorAt50PercentFailsAboutHalfTheRequests() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(50, 500), Duration.ofMinutes(1), instance);

        int n = 400;
        long failed = IntStream.range(0, n).filter(i -> instance.api().get("/hello").statusCode() == 500).count();

        // Binomial(400, 0.5): mean 200, sd 10; |z| > 3.29 has probability 0.001.
        assertThat(failed).isBetween(200L - 33, 200L + 33);
    }

    @Test
    void fixedLatencyDelaysEveryRequestByAtLeastTheDelay() {
        Instance instance = start("greeting-ctx2-0");
        Duration delay = Duration.ofMillis(300);
        publish(FaultTarget.service(SERVICE), new FaultEffect.Latency(new Delay.Fixed(delay)), Duration.ofMinutes(1),
                instance);

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThat(instance.api().get("/hello").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void hangHoldsTheRequestUntilTheFaultIsCleared() throws Exception {
        Instance instance = start("greeting-ctx2-0");
        Fault hang = publish(FaultTarget.service(SERVICE), new FaultEffect.Hang(), Duration.ofMinutes(1), instance);

        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> instance.api().get("/hello").statusCode());
        await().atMost(PICKUP).until(() -> instance.api().get("/metrics").body().contains("kind=\"hang\""));
        assertThat(held).isNotDone();
        clear(hang, instance);

        assertThat(held.get(PICKUP.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void downRefusesConnectionsThenListensOnTheSamePortAgain() {
        Instance instance = start("greeting-ctx2-0");
        int port = instance.server().port();
        Fault down = publish(FaultTarget.service(SERVICE), new FaultEffect.Down(), Duration.ofMinutes(1), instance);

        await().atMost(PICKUP).until(() -> !instance.server().isListening());
        assertThatThrownBy(() -> instance.api().get("/hello"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
        clear(down, instance);

        await().atMost(PICKUP).until(() -> instance.server().isListening());
        assertThat(instance.server().port()).isEqualTo(port);
        assertThat(instance.api().get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void downEndsWhenItExpiresOnTheClock() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE), new FaultEffect.Down(), Duration.ofSeconds(30), instance);
        await().atMost(PICKUP).until(() -> !instance.server().isListening());

        clock.advance(Duration.ofSeconds(30));

        await().atMost(PICKUP).until(() -> instance.server().isListening());
        assertThat(instance.api().get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void gradualErrorRateGrowsWithTheClock() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE),
                new FaultEffect.Gradual(new Ramp(0, 100), null, Duration.ofSeconds(60), 503),
                Duration.ofMinutes(2), instance);

        assertThat(statuses(instance, 20)).containsOnly(200);
        clock.advance(Duration.ofSeconds(60));
        assertThat(statuses(instance, 20)).containsOnly(503);
    }

    @Test
    void faultsExpireOnTheirOwn() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(100, 503), Duration.ofSeconds(10), instance);
        assertThat(statuses(instance, 5)).containsOnly(503);

        clock.advance(Duration.ofSeconds(10));

        assertThat(statuses(instance, 5)).containsOnly(200);
    }

    @Test
    void faultsHitOnlyThePodClusterOrServiceTheyTarget() {
        Instance ctx1 = start(new WorkloadIdentity(SERVICE, "ctx1", "greeting-ctx1-0"));
        Instance ctx2a = start(new WorkloadIdentity(SERVICE, "ctx2", "greeting-ctx2-0"));
        Instance ctx2b = start(new WorkloadIdentity(SERVICE, "ctx2", "greeting-ctx2-1"));
        Instance other = start(new WorkloadIdentity("other-service", "ctx2", "other-ctx2-0"));
        Instance[] all = {ctx1, ctx2a, ctx2b, other};

        Fault pod = publish(FaultTarget.pod(SERVICE, "greeting-ctx2-1"), new FaultEffect.Error(100, 502),
                            Duration.ofMinutes(1), ctx2b);
        assertThat(firstStatuses(all)).containsExactly(200, 200, 502, 200);
        clear(pod, ctx2b);

        Fault cluster = publish(FaultTarget.cluster(SERVICE, "ctx2"), new FaultEffect.Error(100, 502),
                                Duration.ofMinutes(1), ctx2a, ctx2b);
        assertThat(firstStatuses(all)).containsExactly(200, 502, 502, 200);
        clear(cluster, ctx2a, ctx2b);

        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(100, 502), Duration.ofMinutes(1), ctx1, ctx2a,
                ctx2b);
        assertThat(firstStatuses(all)).containsExactly(502, 502, 502, 200);
    }

    @Test
    void anInstanceWhoseControlChannelIsDownServesOnAndKnownFaultsStillExpire() {
        Instance instance = start("greeting-ctx2-0");
        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(100, 503), Duration.ofSeconds(10), instance);
        endpoint.stop();
        try {
            assertThat(statuses(instance, 3)).containsOnly(503);
            clock.advance(Duration.ofSeconds(10));
            assertThat(statuses(instance, 3)).containsOnly(200);
            instance.watcher().reloadSoon();
            assertThat(statuses(instance, 3)).containsOnly(200);
        } finally {
            endpoint.start();
        }
        await().atMost(PICKUP).until(() -> admin.readiness().check().up());
        // Published once the channel is back: picked up without a restart.
        publish(FaultTarget.service(SERVICE), new FaultEffect.Error(100, 504), Duration.ofSeconds(10), instance);
        assertThat(statuses(instance, 3)).containsOnly(504);
    }

    static List<Integer> statuses(Instance instance, int count) {
        return IntStream.range(0, count).mapToObj(i -> instance.api().get("/hello").statusCode()).toList();
    }

    static List<Integer> firstStatuses(Instance... instances) {
        return java.util.Arrays.stream(instances).map(i -> i.api().get("/hello").statusCode()).toList();
    }
}
