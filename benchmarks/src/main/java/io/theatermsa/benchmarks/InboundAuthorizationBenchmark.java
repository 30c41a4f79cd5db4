package io.theatermsa.benchmarks;

import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.security.ClientTransport;
import io.theatermsa.mesh.security.InboundDecision;
import io.theatermsa.mesh.security.InboundRequest;
import io.theatermsa.mesh.security.MeshSecurity;
import io.theatermsa.mesh.security.Principal;
import io.theatermsa.mesh.security.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The inbound decision every attempt asks the destination's sidecar for (mesh-semantics §11): without any policy,
 * and under lesson 09's STRICT PeerAuthentication and user-service ALLOW policy (a request its second rule allows, and
 * one no rule allows). Run with {@code -prof gc} to see the bytes allocated per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class InboundAuthorizationBenchmark {

    private static final String NAMESPACE = "theater-msa";
    private static final String POLICIES = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: theater-msa}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: user-service, namespace: theater-msa}
            spec:
              selector: {matchLabels: {app: user-service}}
              action: ALLOW
              rules:
              - from: [{source: {principals: [cluster.local/ns/theater-msa/sa/api-gateway]}}]
              - from: [{source: {principals: [cluster.local/ns/theater-msa/sa/booking-service]}}]
                to: [{operation: {methods: [GET], paths: [/users/*]}}]
            """;

    private MeshSecurity none;
    private MeshSecurity lessonNine;
    private Workload userService;
    private InboundRequest bookingLooksUp;
    private InboundRequest movieWrites;

    @Setup
    public void compile() {
        LoadedConfig config = new MeshConfigLoader(NAMESPACE).load("security.yaml", POLICIES);
        if (config.hasErrors()) {
            throw new IllegalStateException("benchmark policies refused: " + config.errors());
        }
        none = MeshSecurity.none();
        lessonNine = config.securityPolicies().enforcedUnder(MeshSecurity.DEFAULT_ROOT_NAMESPACE);
        userService = new Workload(NAMESPACE, Map.of("app", "user-service", "cluster", "ctx1"));
        bookingLooksUp = new InboundRequest(Optional.of(Principal.of(NAMESPACE, "booking-service")),
                ClientTransport.AUTO_MTLS, 8081, "GET", "/users/1?verbose=1");
        movieWrites = new InboundRequest(Optional.of(Principal.of(NAMESPACE, "movie-service")),
                ClientTransport.AUTO_MTLS, 8081, "POST", "/users/1");
    }

    @Benchmark
    public InboundDecision withoutPolicies() {
        return none.decide(userService, bookingLooksUp);
    }

    @Benchmark
    public InboundDecision allowedBySecondRule() {
        return lessonNine.decide(userService, bookingLooksUp);
    }

    @Benchmark
    public InboundDecision deniedByEveryRule() {
        return lessonNine.decide(userService, movieWrites);
    }
}
