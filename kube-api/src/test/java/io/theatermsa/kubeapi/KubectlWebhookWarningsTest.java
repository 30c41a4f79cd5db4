package io.theatermsa.kubeapi;

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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real kubectl prints Istio's webhook warnings as a real cluster makes it print them, {@code Warning: <text>} on
 * stderr, for every verb that writes (one API server on loopback, a fresh store per test); analysis findings, which
 * only istioctl analyze and Kiali show on a real cluster, it never prints.
 */
class KubectlWebhookWarningsTest {

    private static final String UNREACHABLE_RULE_WARNING =
            "Warning: virtualService rule \"late\" not used (only the last rule can have no matches)";
    private static final String CLEAN_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: movie-service-vs
              namespace: theater-msa
            spec:
              hosts:
              - movie-service
              http:
              - name: split
                route:
                - destination:
                    host: movie-service
                    subset: ctx1
                  weight: 70
                - destination:
                    host: movie-service
                    subset: ctx2
                  weight: 30
            """;
    /** The same, with a second rule behind the first, which has no match: Istio admits it and warns. */
    private static final String UNREACHABLE_VS = CLEAN_VS + """
              - name: late
                route:
                - destination:
                    host: movie-service
                    subset: ctx2
            """;

    @TempDir
    Path home;

    private KubeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void startOneCluster() {
        ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
        BearerTokens tokens = BearerTokens.generate(new SecureRandom());
        server = KubeApiServer.start(ClusterStore.withNamespaces("default", "theater-msa"), new MeshAdmission(),
                                     tokens, certificate, 0);
        Path kubeconfig = home.resolve("kubeconfig");
        Kubeconfig.write(kubeconfig, List.of(new Kubeconfig.Context("ctx1", server.url())), certificate,
                         tokens.admin(), "theater-msa");
        kubectl = new Kubectl(home, kubeconfig, Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void applyOfAVirtualServiceWithAnUnreachableRulePrintsIstiosWarningAndStoresIt() throws IOException {
        Kubectl.Result created = kubectl.run("apply", "-f", file("vs.yaml", UNREACHABLE_VS));

        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("virtualservice.networking.istio.io/movie-service-vs created");
        assertThat(created.err().lines()).containsExactly(UNREACHABLE_RULE_WARNING);
        assertThat(kubectl.run("get", "vs", "movie-service-vs", "-o", "name").out())
                .contains("virtualservice.networking.istio.io/movie-service-vs");
    }

    @Test
    void aCleanVirtualServicePrintsNoWarningAndAnUndefinedSubsetIsNoWarningEither() throws IOException {
        Kubectl.Result created = kubectl.run("apply", "-f", file("vs.yaml", CLEAN_VS));

        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("movie-service-vs created");
        assertThat(created.err()).as("subsets ctx1 and ctx2 have no DestinationRule: analysis (IST0101, KIA1107),"
                                     + " never a webhook warning").doesNotContain("Warning");
    }

    @Test
    void everyWritingVerbCarriesTheWarning() throws IOException {
        String clean = file("clean.yaml", CLEAN_VS);
        String unreachable = file("unreachable.yaml", UNREACHABLE_VS);
        kubectl.run("create", "--save-config", "-f", clean);

        Kubectl.Result dryRun = kubectl.run("apply", "--dry-run=server", "-f", unreachable);
        Kubectl.Result configured = kubectl.run("apply", "-f", unreachable);
        Kubectl.Result serverSide = kubectl.run("apply", "--server-side", "--force-conflicts", "-f",
                                                file("ssa.yaml", UNREACHABLE_VS.replace("weight: 30", "weight: 40")));
        Kubectl.Result replaced = kubectl.run("replace", "-f", file("put.yaml",
                UNREACHABLE_VS.replace("weight: 70", "weight: 60")));
        Kubectl.Result patched = kubectl.run("patch", "vs", "movie-service-vs", "--type", "merge", "-p",
                                             "{\"spec\":{\"http\":[{\"name\":\"split\",\"route\":[{\"destination\":"
                                             + "{\"host\":\"movie-service\"}}]},{\"name\":\"late\",\"route\":[{"
                                             + "\"destination\":{\"host\":\"movie-service\"}}]}]}}");
        Kubectl.Result cleanedUp = kubectl.run("replace", "-f", clean);

        assertThat(dryRun.out()).contains("movie-service-vs configured (server dry run)");
        assertThat(configured.out()).contains("movie-service-vs configured");
        assertThat(serverSide.out()).contains("movie-service-vs serverside-applied");
        assertThat(replaced.out()).contains("movie-service-vs replaced");
        assertThat(patched.out()).contains("movie-service-vs patched");
        for (Kubectl.Result written : List.of(dryRun, configured, serverSide, replaced, patched)) {
            assertThat(written.exitCode()).as(written.all()).isZero();
            assertThat(written.err().lines()).as(written.all()).containsExactly(UNREACHABLE_RULE_WARNING);
        }
        assertThat(cleanedUp.exitCode()).as(cleanedUp.all()).isZero();
        assertThat(cleanedUp.err()).doesNotContain("Warning");
    }

    @Test
    void severalWarningsArePrintedEachOnItsLineInTheWebhooksOrder() throws IOException {
        String repeatedMatch = CLEAN_VS.replace("  - name: split\n", "  - name: split\n    match:\n    - uri:\n"
                + "        prefix: /movies\n") + """
              - name: again
                match:
                - uri:
                    prefix: /movies
                route:
                - destination:
                    host: movie-service
            """;

        Kubectl.Result created = kubectl.run("apply", "-f", file("vs.yaml", repeatedMatch));

        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.err().lines()).containsExactly(
                "Warning: virtualService rule \"again\" match #0 is not used (duplicate/overlapping match in rule"
                        + " \"split\")",
                "Warning: virtualService rule \"again\" not used (all matches used by prior rules)");
    }

    @Test
    void aDenialPrintsTheErrorAndNoWarning() throws IOException {
        Kubectl.Result denied = kubectl.run("apply", "-f", file("bad.yaml",
                UNREACHABLE_VS.replace("weight: 30", "weight: -1")));

        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).contains("admission webhook \"validation.istio.io\" denied the request")
                .doesNotContain("Warning:");
    }

    private String file(String name, String content) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }
}
