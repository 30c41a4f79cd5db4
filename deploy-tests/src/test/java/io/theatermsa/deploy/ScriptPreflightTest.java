package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/preflight.sh} against a fake kubectl that plays two Istio clusters: healthy, then broken in one way
 * per case (the FAKE_* variables), each failure named with the command that fixes it.
 */
class ScriptPreflightTest {

    /** ctx1/ctx2 with Istio 1.24, meshID mesh1, network1/network2, e-w gateways, remote secrets, CNI, access log. */
    private static final String TWO_CLUSTERS = """
            printf '%s\\n' "$*" >>"$FAKE_KUBECTL_LOG"
            ctx=$2
            role=${ctx}
            net=network1; [ "$ctx" = ctx2 ] && net=${FAKE_NETWORK2:-network2}
            case "$*" in
              "config get-contexts -o name") printf 'ctx1\\nctx2\\n' ;;
              *"get namespace istio-system -o jsonpath"*) printf '%s' "$net" ;;
              *"get namespace istio-system"*) exit 0 ;;
              *"get deployment -l app=istiod"*) printf 'docker.io/istio/pilot:%s' "${FAKE_ISTIO_VERSION:-1.24.2}" ;;
              *"get configmap istio-sidecar-injector"*)
                cluster=$role; [ "$ctx" = ctx2 ] && cluster=${FAKE_CLUSTER_NAME2:-ctx2}
                printf '{\\n  "global": {\\n    "meshID": "mesh1",\\n    "multiCluster": {\\n      "clusterName": "%s"\\n    },\\n    "network": "%s"\\n  }\\n}' "$cluster" "$net" ;;
              *"get svc istio-eastwestgateway -o name"*) echo service/istio-eastwestgateway ;;
              *"get svc istio-eastwestgateway"*) [ -n "${FAKE_EW_PENDING:-}" ] || printf '172.18.0.10' ;;
              *"get gateway.networking.istio.io cross-network-gateway"*) echo gateway/cross-network-gateway ;;
              *"get secret istio-remote-secret-"*) [ "$ctx" = "${FAKE_NO_REMOTE_IN:-}" ] || echo secret/remote ;;
              *daemonset*) [ -n "${FAKE_NO_CNI:-}" ] || echo daemonset.apps/istio-cni-node ;;
              *"get configmap istio "*) [ -n "${FAKE_NO_ACCESS_LOG:-}" ] || printf 'accessLogFile: /dev/stdout\\n' ;;
              *telemetry*) : ;;
              *"get svc istio-ingressgateway -o name"*) echo service/istio-ingressgateway ;;
              *"get svc istio-ingressgateway"*) printf '172.18.0.11' ;;
              *) echo "fake kubectl: unexpected $*" >&2; exit 1 ;;
            esac
            """;

    /** istioctl remote-clusters: each istiod lists itself and the other cluster, synced unless FAKE_TIMEOUT_IN. */
    private static final String ISTIOCTL = """
            ctx=$3
            other=ctx2; [ "$ctx" = ctx2 ] && other=ctx1
            status=synced; [ "$ctx" = "${FAKE_TIMEOUT_IN:-}" ] && status=timeout
            case "$1" in
              remote-clusters)
                printf 'NAME     SECRET                                    STATUS     ISTIOD\n'
                printf '%s                                               synced     istiod-7d4\n' "$ctx"
                printf '%s     istio-system/istio-remote-secret-%s     %s     istiod-7d4\n' "$other" "$other" "$status" ;;
              *) exit 1 ;;
            esac
            """;

    @TempDir
    Path temp;
    ScriptTestSupport scripts;

    @BeforeEach
    void setUp() throws IOException {
        scripts = new ScriptTestSupport(temp);
        scripts.fake("kubectl", TWO_CLUSTERS);
        scripts.fake("istioctl", ISTIOCTL);
    }

    @Test
    void twoReadyClustersPassWithTheHostWarningOnly() throws IOException {
        ScriptTestSupport.Run run = scripts.run("preflight.sh");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Istio 1.24.2", "clusterName ctx1", "clusterName ctx2", "network network2",
                "meshID mesh1 in both", "remote secret for ctx1", "istiod reads ctx2 (synced)",
                "istiod reads ctx1 (synced)", "Istio CNI", "access logging on",
                "placeholder theater.example.com", "172.18.0.11 <호스트/host>", "preflight passed (1 warnings)");
        assertThat(scripts.kubectlCalls()).noneMatch(c -> c.matches(".*\\b(apply|delete|create|patch|label)\\b.*"));
    }

    record Broken(String name, Map<String, String> env, String args, List<String> fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> brokenClusters() {
        return Stream.of(
                new Broken("Istio too old", Map.of("FAKE_ISTIO_VERSION", "1.21.3"), "",
                        List.of("Istio 1.21.3 lacks the v1 APIs", "istioctl upgrade --context ctx1")),
                new Broken("no remote secret in ctx1", Map.of("FAKE_NO_REMOTE_IN", "ctx1"), "",
                        List.of("no remote secret for ctx2 in ctx1",
                                "istioctl create-remote-secret --context=ctx2 --name=ctx2 | kubectl apply -f - --context=ctx1")),
                new Broken("remote API server unreachable", Map.of("FAKE_TIMEOUT_IN", "ctx2"), "",
                        List.of("ctx2's istiod is not synced with ctx1 (ctx1 istio-system/istio-remote-secret-ctx1 timeout",
                                "istioctl create-remote-secret --context=ctx1 --name=ctx1 --server=https://")),
                new Broken("no CNI", Map.of("FAKE_NO_CNI", "1"), "",
                        List.of("Pod Security restricted rejects istio-init", "--set components.cni.enabled=true")),
                new Broken("wrong clusterName", Map.of("FAKE_CLUSTER_NAME2", "Kubernetes"), "",
                        List.of("clusterName is 'Kubernetes', must be 'ctx2'",
                                "--set values.global.multiCluster.clusterName=ctx2")),
                new Broken("one network", Map.of("FAKE_NETWORK2", "network1"), "",
                        List.of("both clusters are on network network1",
                                "label namespace istio-system topology.istio.io/network=network2 --overwrite")),
                new Broken("east-west address pending", Map.of("FAKE_EW_PENDING", "1"), "",
                        List.of("istio-eastwestgateway has no address", "patch svc istio-eastwestgateway",
                                "externalIPs")),
                new Broken("missing context", Map.of(), "--ctx2 other",
                        List.of("kubectl context \"other\" not found", "kubectl config rename-context")),
                new Broken("bad host", Map.of(), "--host bad_host", List.of("not a DNS name: bad_host")));
    }

    @ParameterizedTest
    @MethodSource("brokenClusters")
    void eachFailureComesWithTheCommandThatFixesIt(Broken broken) {
        String[] args = broken.args().isEmpty() ? new String[0] : broken.args().split(" ");
        ScriptTestSupport.Run run = scripts.run(broken.env(), "preflight.sh", args);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains(broken.fix()).contains("고치기 / fix:", "preflight: ");
    }

    @Test
    void accessLogOffIsAWarningWithTheInstallFlag() {
        ScriptTestSupport.Run run = scripts.run(Map.of("FAKE_NO_ACCESS_LOG", "1"), "preflight.sh");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("access logging is off", "--set meshConfig.accessLogFile=/dev/stdout");
    }

    @Test
    void deployAllStopsWhenThePreflightFails() throws IOException {
        ScriptTestSupport.Run run = scripts.run(Map.of("FAKE_NO_CNI", "1"), "deploy-all.sh");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("components.cni.enabled=true", "preflight failed", "--skip-preflight");
        assertThat(scripts.kubectlCalls()).noneMatch(c -> c.matches(".*\\b(apply|delete|create)\\b.*"));
    }

    @Test
    void helpNamesEveryCheckAndABadOptionIsAUsageError() {
        assertThat(scripts.run("preflight.sh", "--help").output())
                .contains("meshID", "clusterName", "network", "expose-services", "remote secrets", "CNI",
                        "access", "--host", "1.22");
        assertThat(scripts.run("preflight.sh", "--nope").exitCode()).isEqualTo(2);
    }
}
