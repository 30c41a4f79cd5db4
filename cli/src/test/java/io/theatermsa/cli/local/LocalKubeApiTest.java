package io.theatermsa.cli.local;

import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.kubeapi.BearerTokens;
import io.theatermsa.kubeapi.ClusterWorkloads;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubeconfigs of the local Kubernetes APIs, with the real kubectl: the admin's and the students' read-only one
 * next to it (same contexts, mode 0600), and neither left behind pointing at stopped servers.
 */
class LocalKubeApiTest {

    private static final Path INITIAL = StackUnderTest.INITIAL;

    @TempDir
    Path home;

    private Path kubeconfig;
    private LocalKubeApi api;

    @BeforeEach
    void start() {
        EndpointRegistry registry = new EndpointRegistry("theater-msa");
        List.of("user-service", "movie-service", "booking-service").forEach(s -> registry.register(s, 8080));
        LocalMesh mesh = LocalMesh.load(INITIAL, registry, List.of("ctx1", "ctx2"));
        kubeconfig = home.resolve(".theater/kubeconfig");
        api = LocalKubeApi.starting(mesh, "theater-msa", new BearerTokens("admin-token", "student-token"), kubeconfig,
                                    (cluster, events) -> ClusterWorkloads.NONE);
        api.awaitServing();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theReadOnlyKubeconfigNamesTheSameContextsAndItsWritesAreForbiddenInTheApiServersWords() throws IOException {
        Path readOnly = LocalKubeApi.readOnlyNextTo(kubeconfig);
        assertThat(readOnly).hasFileName("kubeconfig-readonly");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly))).isEqualTo("rw-------");
        Kubectl student = new Kubectl(home, readOnly, Map.of());

        assertThat(student.run("config", "get-contexts", "-o", "name").out()).isEqualTo("ctx1\nctx2\n");
        Kubectl.Result listed = student.run("--context", "ctx2", "get", "vs");
        assertThat(listed.out()).as(listed.err()).contains("user-service-vs");
        Kubectl.Result deleted = student.run("delete", "vs", "user-service-vs");

        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).contains("Error from server (Forbidden): virtualservices.networking.istio.io"
                + " \"user-service-vs\" is forbidden: User \"theater-student\" cannot delete resource"
                + " \"virtualservices\" in API group \"networking.istio.io\" in the namespace \"theater-msa\"");
        Kubectl.Result annotated = student.run("annotate", "vs", "user-service-vs", "owner=student");
        assertThat(annotated.err()).contains("Error from server (Forbidden)",
                                             "User \"theater-student\" cannot patch resource \"virtualservices\"");
        assertThat(new Kubectl(home, kubeconfig, Map.of()).run("get", "vs", "user-service-vs").exitCode())
                .as("the admin's kubeconfig still sees what the student could not delete").isZero();
    }

    @Test
    void stoppingRemovesBothKubeconfigsSoNoneNamesAStoppedServer() {
        Path readOnly = LocalKubeApi.readOnlyNextTo(kubeconfig);
        assertThat(kubeconfig).isRegularFile();
        assertThat(readOnly).isRegularFile();

        api.close();

        assertThat(kubeconfig).doesNotExist();
        assertThat(readOnly).doesNotExist();
    }

    @Test
    void aKubeconfigRewrittenSinceIsLeftAlone() throws IOException {
        Files.writeString(kubeconfig, "# another stack's\n");

        api.close();

        assertThat(kubeconfig).hasContent("# another stack's");
        assertThat(LocalKubeApi.readOnlyNextTo(kubeconfig)).doesNotExist();
    }

    @Test
    void theNextStartKeepsTheCaSoAKubeconfigSavedBeforeStillVerifiesTheServers() throws IOException {
        Path saved = home.resolve("saved-kubeconfig");
        Files.copy(kubeconfig, saved);
        assertThat(LocalKubeApi.pkiNextTo(kubeconfig).resolve("apiserver.pem")).isRegularFile();
        api.close();

        start();

        String caLine = Files.readAllLines(saved).stream().filter(l -> l.contains("certificate-authority-data"))
                .findFirst().orElseThrow();
        assertThat(Files.readString(kubeconfig)).contains(caLine.strip());
        String server = Files.readAllLines(kubeconfig).stream().filter(l -> l.contains("server:"))
                .findFirst().orElseThrow().strip().substring("server:".length()).strip();
        Kubectl.Result listed = new Kubectl(home, saved, Map.of()).run("--server", server, "get", "vs");
        assertThat(listed.out()).as(listed.err()).contains("user-service-vs");
    }

    @Test
    void theServersAreListedInTheClustersOrder() {
        assertThat(api.urls().keySet()).containsExactly("ctx1", "ctx2");
    }
}
