package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.kubeapi.testing.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl against the API server of one emulated cluster (ctx2) whose workloads are a {@link FakeWorkloads}:
 * the workload kinds, their columns, scale, delete, rollout restart, logs, watch and describe.
 */
class KubectlOnWorkloadsTest {

    private static final String USER = "user-service-ctx2";

    @TempDir
    Path home;

    private FakeWorkloads workloads;
    private ClusterStore store;
    private ClusterEvents events;
    private KubeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void startCluster() {
        ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
        BearerTokens tokens = BearerTokens.generate(new SecureRandom());
        workloads = new FakeWorkloads("ctx2", Clock.systemUTC()).run("user-service", 8081).run("movie-service", 8082);
        store = ClusterStore.withNamespaces("default", "theater-msa");
        events = new ClusterEvents(store, Clock.systemUTC());
        server = KubeApiServer.start(store, new MeshAdmission(), workloads, events, tokens, certificate, 0);
        Path kubeconfig = home.resolve("kubeconfig");
        Kubeconfig.write(kubeconfig, List.of(new Kubeconfig.Context("ctx2", server.url())), certificate,
                         tokens.admin(), "theater-msa");
        kubectl = new Kubectl(home, kubeconfig, Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getShowsPodsDeploymentsAndServicesWithKubesColumns() {
        String pod = workloads.podNames(USER).getFirst();

        assertThat(ok("get", "pods").out()).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
                .containsPattern(pod + "\\s+1/1\\s+Running\\s+0\\s+\\d+s");
        assertThat(ok("get", "deploy").out()).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
                .containsPattern(USER + "\\s+1/1\\s+1\\s+1\\s+\\d+s");
        assertThat(ok("get", "svc").out())
                .containsPattern("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE")
                .containsPattern("user-service\\s+ClusterIP\\s+10\\.96\\.\\d+\\.\\d+\\s+<none>\\s+8081/TCP");
        assertThat(ok("get", "rs").out()).containsPattern("NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE")
                .containsPattern(USER + "-\\w+\\s+1\\s+1\\s+1");
        assertThat(ok("get", "endpointslices").out()).containsPattern("user-service-\\w+\\s+IPv4\\s+8081\\s+10\\.244");
        assertThat(ok("get", "all").out()).contains("pod/" + pod, "service/user-service",
                                                    "deployment.apps/" + USER, "replicaset.apps/" + USER);
        assertThat(ok("get", "pod", pod, "-o", "yaml").out())
                .contains("app: user-service", "version: v1", "cluster: ctx2", "topology.istio.io/cluster: ctx2",
                          "namespace: theater-msa", "kind: ReplicaSet", "podIP: 10.244.");
        assertThat(ok("get", "pods", "-o", "wide").out()).containsPattern("IP\\s+NODE").contains("ctx2-worker");
    }

    @Test
    void scaleStartsASecondPodThatAWatchSees() {
        String first = workloads.podNames(USER).getFirst();
        Process watch = kubectl.start("get", "pods", "-l", "app=user-service", "-w");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Kubectl.output(home, watch).contains(first));

            assertThat(ok("scale", "deployment", USER, "--replicas=2").out())
                    .contains("deployment.apps/" + USER + " scaled");

            assertThat(workloads.podNames(USER)).hasSize(2);
            String second = workloads.podNames(USER).get(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> Kubectl.output(home, watch).contains(second));
            assertThat(ok("get", "deploy", USER).out()).containsPattern(USER + "\\s+2/2\\s+2\\s+2");
            assertThat(ok("get", "deploy", USER, "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("2");
        } finally {
            watch.destroy();
        }
    }

    @Test
    void deletingAPodReplacesItUnderANewName() {
        String old = workloads.podNames(USER).getFirst();

        assertThat(ok("delete", "pod", old).out()).contains("pod \"" + old + "\" deleted");

        String replacement = workloads.podNames(USER).getFirst();
        assertThat(replacement).isNotEqualTo(old);
        assertThat(ok("get", "pods").out()).contains(replacement).doesNotContain(old);
        assertThat(kubectl.run("get", "pod", old).err()).contains("pods \"" + old + "\" not found");
    }

    @Test
    void rolloutRestartReplacesEveryPod() {
        workloads.scale("theater-msa", USER, 2);
        List<String> before = workloads.podNames(USER);

        assertThat(ok("rollout", "restart", "deployment/" + USER).out())
                .contains("deployment.apps/" + USER + " restarted");

        List<String> after = workloads.podNames(USER);
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
        ObjectNode deployment = store.get(WorkloadTypes.DEPLOYMENTS.key("theater-msa", USER)).orElseThrow();
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations")
                           .has(WorkloadObjects.RESTARTED_AT)).isTrue();
        assertThat(ok("rollout", "status", "deployment/" + USER, "--timeout=20s").out())
                .contains("successfully rolled out");
        assertThat(ok("get", "pods").out()).contains(after.get(0), after.get(1));
    }

    @Test
    void logsPrintsThePodsLogAndFollowEndsWhenThePodIsGone() throws InterruptedException {
        String pod = workloads.podNames(USER).getFirst();
        workloads.write(pod, "GET /users/1 200");

        assertThat(ok("logs", pod).out()).isEqualTo("Started user-service on port 8081\nGET /users/1 200\n");
        assertThat(ok("logs", pod, "--tail=1").out()).isEqualTo("GET /users/1 200\n");

        Process follow = kubectl.start("logs", "-f", pod);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Kubectl.output(home, follow).contains("GET /users/1"));
            workloads.write(pod, "GET /users/2 200");
            await().atMost(Duration.ofSeconds(20)).until(() -> Kubectl.output(home, follow).contains("GET /users/2"));

            workloads.deletePod("theater-msa", pod);

            assertThat(follow.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(follow.exitValue()).isZero();
        } finally {
            follow.destroy();
        }
    }

    @Test
    void describeShowsThePodsEvents() {
        String pod = workloads.podNames(USER).getFirst();
        events.record(WorkloadTypes.PODS.key("theater-msa", pod), ClusterEvents.Type.WARNING, "OutlierEjected",
                      "ejected from user-service by outlier detection after 5 consecutive 5xx", "istio-proxy");

        Kubectl.Result described = ok("describe", "pod", pod);

        assertThat(described.out()).contains("Name:", pod, "Labels:", "app=user-service", "Status:", "Running",
                                             "Events:")
                .containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container app")
                .containsPattern("Warning\\s+OutlierEjected\\s+\\S+\\s+istio-proxy\\s+ejected from user-service");
        ok("scale", "deployment", USER, "--replicas=2");
        assertThat(ok("describe", "deployment", USER).out()).contains("Replicas:", "ScalingReplicaSet",
                                                                      "Scaled up replica set");
        assertThat(ok("get", "events").out()).contains("OutlierEjected", "pod/" + pod);
    }

    @Test
    void creatingAPodDirectlyIsRefused() throws IOException {
        Path file = home.resolve("pod.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: extra
                spec:
                  containers:
                  - name: app
                    image: theater-msa/user-service:0.1.0-SNAPSHOT
                """);

        Kubectl.Result created = kubectl.run("create", "-f", file.toString());

        assertThat(created.exitCode()).isNotZero();
        assertThat(created.err()).contains("Error from server (MethodNotAllowed)",
                                           "the server does not allow this method on the requested resource");
        assertThat(store.get(WorkloadTypes.PODS.key("theater-msa", "extra"))).isEmpty();
    }

    private Kubectl.Result ok(String... args) {
        Kubectl.Result result = kubectl.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return result;
    }
}
