package io.theatermsa.cli.local;

import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.platform.testing.Folders;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.topology.Topology;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A whole local stack started from this checkout's first practice scenario, with a known admin token, and a client
 * of its gateway. For test classes that share one stack ({@code @BeforeAll}); close it in {@code @AfterAll}.
 */
public final class StackUnderTest implements AutoCloseable {

    /** The checkout (tests run in {@code cli/}). */
    public static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    public static final Path INITIAL = HOME.resolve("k8s/practice/01-initial");
    /** user-service as one Envoy cluster with outlier detection (consecutive5xxErrors 3, baseEjectionTime 30s). */
    public static final Path CIRCUIT_BREAKER = HOME.resolve("k8s/practice/06-circuit-breaker-real");

    /** The Kubernetes APIs' read-only token. */
    public static final String READ_ONLY_TOKEN = "stack-under-test-read-only";

    private final Path kubeconfig;
    private final LocalStack stack;
    private final HttpApi api;
    private final String token;

    public StackUnderTest(String redisUrl, String token) {
        this(redisUrl, token, INITIAL);
    }

    /** A stack started on {@code scenario} instead of the first practice scenario. */
    public StackUnderTest(String redisUrl, String token, Path scenario) {
        this(redisUrl, token, scenario, ExerciseProgress.NONE);
    }

    /** A stack whose dashboard shows {@code exercise}. */
    public StackUnderTest(String redisUrl, String token, Path scenario, ExerciseProgress exercise) {
        this(redisUrl, token, scenario, exercise, Optional.empty());
    }

    /** A stack whose canary decisions follow {@code canaryTimer} (a test's, moved by hand). */
    public StackUnderTest(String redisUrl, String token, DecisionTimer canaryTimer) {
        this(redisUrl, token, INITIAL, ExerciseProgress.NONE, Optional.of(canaryTimer));
    }

    private StackUnderTest(String redisUrl, String token, Path scenario, ExerciseProgress exercise,
                           Optional<DecisionTimer> canaryTimer) {
        this.kubeconfig = temporaryKubeconfig();
        this.stack = LocalStack.start(new LocalStack.Settings("127.0.0.1", 0, HOME, scenario, redisUrl,
                                                              AdminToken.of(token), Topology.bundled(),
                                                              READ_ONLY_TOKEN, kubeconfig, exercise, canaryTimer));
        this.api = new HttpApi(URI.create(stack.url()).getPort());
        this.token = token;
    }

    /** The kubeconfig the stack wrote, in a directory of its own (never the checkout's {@code .theater/}). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    private static Path temporaryKubeconfig() {
        try {
            return Files.createTempDirectory("theater-kubeconfig").resolve("kubeconfig");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public HttpApi api() {
        return api;
    }

    /** The configured percent of user requests towards {@code cluster}, from {@code /traffic-weights}. */
    public int userWeight(String cluster) {
        return HttpApi.json(api.get("/traffic-weights")).get("UserService" + (cluster.equals("ctx1") ? "Ctx1" : "Ctx2")
                + "Weight").asInt();
    }

    /** {@code POST /api/mesh/scenario} with the admin token. */
    public HttpResponse<String> apply(Path scenario) {
        return change("/api/mesh/scenario", "{\"path\":\"" + scenario + "\"}");
    }

    /** {@code POST /api/mesh/scenario/reset} with the admin token. */
    public HttpResponse<String> reset() {
        return change("/api/mesh/scenario/reset", "");
    }

    private HttpResponse<String> change(String path, String json) {
        return admin("POST", path, json);
    }

    /** {@code method path} with the admin token and {@code json} as the body (empty for none). */
    public HttpResponse<String> admin(String method, String path, String json) {
        return api.send(api.at(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                                               : HttpRequest.BodyPublishers.ofString(json)));
    }

    @Override
    public void close() {
        stack.close();
        // The kubeconfigs are gone with the stack; the certificate it kept beside them (kube-pki/) is not.
        try {
            Folders.deleteTree(kubeconfig.getParent());
        } catch (IOException e) {
            System.err.println("warning: cannot remove " + kubeconfig + ": " + e.getMessage());
        }
    }
}
