package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/kind-up.sh} has never run on a Docker engine here: its dry run must print every step, in order, and
 * touch no cluster.
 */
class ScriptKindUpTest {

    @TempDir
    Path temp;
    ScriptTestSupport scripts;

    @BeforeEach
    void setUp() throws IOException {
        scripts = new ScriptTestSupport(temp);
    }

    @Test
    void theDryRunPrintsEveryStepInOrder() throws IOException {
        ScriptTestSupport.Run run = scripts.run(Map.of("ISTIO_DIR", "/opt/istio-1.26.0"), "kind-up.sh", "--dry-run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsSubsequence(
                "podSubnet: \"10.110.0.0/16\"", "serviceSubnet: \"10.111.0.0/16\"",
                "kind create cluster --name theater-ctx1",
                "podSubnet: \"10.120.0.0/16\"", "kind create cluster --name theater-ctx2",
                "make -f /opt/istio-1.26.0/tools/certs/Makefile.selfsigned.mk root-ca",
                "kubectl --context kind-theater-ctx1 label namespace istio-system topology.istio.io/network=network1",
                "create secret generic cacerts --from-file=target/kind-certs/ctx1/ca-cert.pem",
                "istioctl install --context kind-theater-ctx1 -y --set values.global.meshID=mesh1 "
                        + "--set values.global.multiCluster.clusterName=ctx1 --set values.global.network=network1 "
                        + "--set components.cni.enabled=true --set meshConfig.accessLogFile=/dev/stdout",
                "/opt/istio-1.26.0/samples/multicluster/gen-eastwest-gateway.sh --network network1 "
                        + "| istioctl --context kind-theater-ctx1 install -y -f -",
                "samples/multicluster/expose-services.yaml",
                "--set values.global.multiCluster.clusterName=ctx2 --set values.global.network=network2",
                "istioctl create-remote-secret --context=kind-theater-ctx1 --name=ctx1 "
                        + "--server=https://theater-ctx1-control-plane:6443 | kubectl apply -f - --context=kind-theater-ctx2",
                "istioctl create-remote-secret --context=kind-theater-ctx2 --name=ctx2 "
                        + "--server=https://theater-ctx2-control-plane:6443 | kubectl apply -f - --context=kind-theater-ctx1",
                "wait svc/istio-eastwestgateway",
                "scripts/build-images.sh --tar --tag ",
                "kind load image-archive gateway/target/jib-image.tar --name theater-ctx1",
                "kind load image-archive services/booking/target/jib-image.tar --name theater-ctx2",
                "scripts/deploy-all.sh --ctx1 kind-theater-ctx1 --ctx2 kind-theater-ctx2 --host theater.kind.test "
                        + "--remote-server https://theater-ctx2-control-plane:6443 --tag ",
                "scripts/preflight.sh --ctx1 kind-theater-ctx1",
                "kubectl kustomize k8s/clusters/ctx1",
                "theater.kind.test");
        assertThat(scripts.kubectlCalls()).allMatch(c -> c.startsWith("kustomize") || c.startsWith("config"));
    }

    @Test
    void downDeletesBothClustersAndHelpSaysItIsUntested() {
        assertThat(scripts.run("kind-up.sh", "--dry-run", "--down", "--prefix", "lab").output())
                .contains("kind delete cluster --name lab-ctx1", "kind delete cluster --name lab-ctx2");
        assertThat(scripts.run("kind-up.sh", "--help").output())
                .contains("cloud-provider-kind", "kind load image-archive", "not yet run on a real Docker engine");
        assertThat(scripts.run("kind-up.sh", "--bogus").exitCode()).isEqualTo(2);
    }
}
