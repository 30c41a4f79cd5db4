package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-cluster findings of issue 16, each run against fakes that play what a cluster would answer: the dashboard
 * host, the per-build image tag, the fixed namespace, the shared cross-network Gateway, scenario 09's leftovers, the
 * original project's immutable selectors and the ingress address of {@code fault-injection-demo.sh test}.
 */
class ScriptRealClusterFindingsTest {

    @TempDir
    Path temp;
    ScriptTestSupport scripts;
    Path applied;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        ManifestRendering.requireKubectl();
        scripts = new ScriptTestSupport(temp);
        applied = Files.createDirectories(temp.resolve("applied"));
        Path kubeconfig = ScriptTestSupport.twoClusterKubeconfig(temp);
        env = new HashMap<>(Map.of("KUBECONFIG", kubeconfig.toString()));
    }

    @Test
    void theDashboardHostIsOneSettingOfTheDeploy() throws IOException {
        scripts.simulateClusters("dG9rZW4=", applied);
        ScriptTestSupport.Run run = scripts.run(env, "deploy-all.sh", "--skip-preflight", "--host", "theater.lab.example");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String ctx1 = files("applied-").stream().filter(d -> d.contains("name: dashboard")).findFirst().orElseThrow();
        assertThat(ctx1.split("- theater\\.lab\\.example\n", -1)).as("Gateway and VirtualService hosts").hasSize(3);
        assertThat(ctx1).doesNotContain("theater.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_host", "http://theater.example.com", "*.example.com", "Theater"})
    void aHostThatIsNotADnsNameIsRefusedBeforeAnyKubectlCall(String host) throws IOException {
        ScriptTestSupport.Run run = scripts.run(env, "deploy-all.sh", "--host", host);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("not a DNS name");
        assertThat(scripts.kubectlCalls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy-all.sh", "cleanup.sh", "fault-injection-demo.sh"})
    void anotherNamespaceIsRefusedWithTheReason(String script) throws IOException {
        env.put("THEATER_NAMESPACE", "theater-dev");
        ScriptTestSupport.Run run = scripts.run(env, script, "--dry-run", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("THEATER_NAMESPACE", "theater-msa", "not supported");
        assertThat(scripts.kubectlCalls()).isEmpty();
    }

    @Test
    void everyBuildGetsItsOwnTagAndTheDeployUsesTheLastOne() throws IOException {
        Path tagFile = temp.resolve("image-tag");
        env.put("THEATER_IMAGE_TAG_FILE", tagFile.toString());
        String built = scripts.run(env, "build-images.sh", "--dry-run", "--tar").output();
        assertThat(built).containsPattern("(?m)-Dimage\\.tag=\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?-\\d{14}(-g[0-9a-f]+)?$");

        Files.writeString(tagFile, "0.1.0-SNAPSHOT-20261207070000-gabc1234\n");
        String deployed = scripts.run(env, "deploy-all.sh", "--dry-run").output();
        assertThat(deployed).contains("newTag: \"0.1.0-SNAPSHOT-20261207070000-gabc1234\"");
    }

    @Test
    void aRegistryWithoutABuiltTagWarnsThatNodesKeepTheOldImage() throws IOException {
        env.put("THEATER_IMAGE_TAG_FILE", temp.resolve("none").toString());
        String out = scripts.run(env, "deploy-all.sh", "--dry-run", "--registry", "r.example/p").output();

        assertThat(out).contains("IfNotPresent", "--tag");
    }

    @Test
    void cleanupKeepsTheSharedCrossNetworkGatewayUnlessAskedFor() throws IOException {
        String kept = scripts.run(env, "cleanup.sh", "--dry-run", "--yes").output();
        String removed = scripts.run(env, "cleanup.sh", "--dry-run", "--yes", "--remove-cross-network-gateway").output();

        assertThat(kept).doesNotContain("kubectl kustomize k8s/istio |").contains("delete namespace theater-msa");
        assertThat(removed).contains("kubectl kustomize k8s/istio | kubectl --context ctx1 delete -f -",
                "kubectl kustomize k8s/istio | kubectl --context ctx2 delete -f -");
    }

    @Test
    void deployAllBackToTheInitialScenarioRemovesScenario09sPolicies() throws IOException {
        scripts.simulateClusters("dG9rZW4=", applied);
        ScriptTestSupport.Run run = scripts.run(env, "deploy-all.sh", "--skip-preflight");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> deleted = files("deleted-");
        assertThat(deleted).hasSize(2).allSatisfy(d -> assertThat(d)
                .contains("kind: PeerAuthentication", "kind: AuthorizationPolicy")
                .doesNotContain("kind: VirtualService", "kind: DestinationRule"));
        List<String> calls = scripts.kubectlCalls();
        for (String ctx : List.of("ctx1", "ctx2")) {
            assertThat(calls.indexOf("--context " + ctx + " delete -f - --ignore-not-found"))
                    .as(ctx).isNotNegative().isLessThan(calls.lastIndexOf("--context " + ctx + " apply -f -"));
        }
    }

    @Test
    void theOriginalsDeploymentsStopTheDeployWithTheCommandsThatReplaceThem() throws IOException {
        fakeClusterWithTheOriginal();
        ScriptTestSupport.Run run = scripts.run(env, "deploy-ctx2.sh");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("immutable", "kubectl --context ctx2 -n theater-msa delete deployment redis",
                "--replace-original");
        assertThat(scripts.kubectlCalls()).noneMatch(c -> c.contains("apply") || c.contains("delete deployment"));
    }

    @Test
    void replaceOriginalDeletesThoseDeploymentsBeforeApplying() throws IOException {
        fakeClusterWithTheOriginal();
        ScriptTestSupport.Run run = scripts.run(env, "deploy-ctx2.sh", "--replace-original");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> calls = scripts.kubectlCalls();
        int deleted = calls.indexOf("--context ctx2 -n theater-msa delete deployment redis --wait=true");
        assertThat(deleted).isNotNegative().isLessThan(calls.indexOf("--context ctx2 apply -f -"));
        assertThat(calls).noneMatch(c -> c.contains("delete deployment user-service"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "203.0.113.7|||;                   ;           http://203.0.113.7/users/",
            "|lb-1.elb.example.com||;          ;           http://lb-1.elb.example.com/users/",
            "||198.51.100.4|31380;             ;           http://198.51.100.4/users/",
            "|||31380;                         172.18.0.3; http://172.18.0.3:31380/users/"})
    void theDemoTestFindsTheIngressAddressAndSendsTheHost(String service, String node, String url) throws IOException {
        Path curlLog = temp.resolve("curl.log");
        scripts.fake("kubectl", """
                printf '%%s\\n' "$*" >>"$FAKE_KUBECTL_LOG"
                case "$*" in
                  config*) exec '%s' "$@" ;;
                  *"get svc istio-ingressgateway"*) printf '%%s\\n' '%s' ;;
                  *InternalIP*) printf '%%s' '%s' ;;
                  *"get nodes"*) : ;;
                  *"get gateway.networking.istio.io dashboard"*) printf 'theater.lab.example' ;;
                  *) exit 1 ;;
                esac
                """.formatted(ScriptTestSupport.onPath("kubectl").orElseThrow(), service, node == null ? "" : node));
        scripts.fake("curl", """
                printf '%%s\\n' "$*" >>'%s'
                printf 'HTTP/1.1 200 OK\\r\\nX-Service-Cluster: ctx1\\r\\n\\r\\n\\n200 0.010'
                """.formatted(curlLog));
        ScriptTestSupport.Run run = scripts.run(env, "fault-injection-demo.sh", "test", "--requests", "1");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(curlLog)).hasSize(3).first().asString()
                .contains("-H Host: theater.lab.example", url);
        assertThat(run.output()).contains("cluster ctx1=1");
    }

    @Test
    void theDemoTestNamesEveryAddressItLookedFor() throws IOException {
        scripts.fake("kubectl", """
                case "$*" in
                  config*) exec '%s' "$@" ;;
                  *"get svc"*) printf '|||\\n' ;;
                  *) exit 0 ;;
                esac
                """.formatted(ScriptTestSupport.onPath("kubectl").orElseThrow()));
        ScriptTestSupport.Run run = scripts.run(env, "fault-injection-demo.sh", "test", "--requests", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("hostname", "externalIPs", "NodePort", "--url");
    }

    /** ctx2 holds the original project's redis Deployment (selector app + cluster) and our user-service. */
    private void fakeClusterWithTheOriginal() throws IOException {
        scripts.fake("kubectl", """
                printf '%%s\\n' "$*" >>"$FAKE_KUBECTL_LOG"
                case "$*" in
                  kustomize*|config*|*"create secret"*) exec '%s' "$@" ;;
                  *"get deployment -o jsonpath"*) printf 'redis ctx2\\nuser-service \\n' ;;
                  *"get secret"*) exit 1 ;;
                  *"apply -f -"*) cat >/dev/null; echo "object configured" ;;
                  *) exit 0 ;;
                esac
                """.formatted(ScriptTestSupport.onPath("kubectl").orElseThrow()));
    }

    private List<String> files(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(applied)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
