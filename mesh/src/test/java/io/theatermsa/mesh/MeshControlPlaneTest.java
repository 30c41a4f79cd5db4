package io.theatermsa.mesh;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MeshControlPlaneTest {

    private static final String NAMESPACE = "theater-msa";
    private static final Path INITIAL = Path.of("../k8s/practice/01-initial");

    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final MeshConfigLoader loader = new MeshConfigLoader(NAMESPACE);

    @Test
    void applyingValidConfigurationSwapsInANewSnapshotAndTellsListeners() {
        List<Long> seen = new ArrayList<>();
        controlPlane.onChange(s -> seen.add(s.generation()));

        ApplyResult result = controlPlane.apply(loader.load(INITIAL));

        assertThat(result.applied()).isTrue();
        assertThat(controlPlane.current()).isSameAs(result.snapshot());
        assertThat(controlPlane.current().generation()).isEqualTo(1);
        assertThat(seen).containsExactly(1L);
    }

    @Test
    void configurationWithAnErrorIsRefusedWholeAndTheRunningSnapshotStays() {
        controlPlane.apply(loader.load(INITIAL));
        MeshSnapshot before = controlPlane.current();
        LoadedConfig broken = loader.load("broken.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-service-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - route:
                    - {destination: {host: user-service, subset: ctx1}, weight: -1}
                    - {destination: {host: user-service, subset: ctx2}, weight: 1}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: movie-service-vs, namespace: theater-msa}
                spec:
                  hosts: [movie-service]
                  http:
                  - route: [{destination: {host: movie-service}}]
                """);

        ApplyResult result = controlPlane.apply(broken);

        assertThat(result.applied()).isFalse();
        assertThat(result.snapshot()).isSameAs(before);
        assertThat(controlPlane.current()).isSameAs(before);
        assertThat(result.diagnostics()).extracting(Diagnostic::code).contains(Code.NEGATIVE_WEIGHT);
        assertThat(controlPlane.current().configuredSplits()).hasSize(3);
    }

    @Test
    void configuredSplitsDescribeEachHostsDefaultRoute() {
        controlPlane.apply(loader.load(INITIAL));

        List<ConfiguredSplit> splits = controlPlane.current().configuredSplits();

        assertThat(splits).extracting(ConfiguredSplit::host)
                .containsExactly("booking-service", "movie-service", "user-service");
        ConfiguredSplit users = splits.get(2);
        assertThat(users.virtualService()).isEqualTo("theater-msa/user-service-vs");
        assertThat(users.route()).isEqualTo("split");
        assertThat(users.shares()).extracting(ConfiguredSplit.Share::subset, ConfiguredSplit.Share::cluster,
                                              ConfiguredSplit.Share::weight, ConfiguredSplit.Share::percent)
                .containsExactly(tuple("ctx1", "ctx1", 70, 70.0), tuple("ctx2", "ctx2", 30, 30.0));
        assertThat(users.percentFor("ctx2")).isEqualTo(30.0);
    }

    @Test
    void splitPercentagesAreRelativeAndALoneDestinationGetsAll() {
        controlPlane.apply(loader.load("relative.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: users}
                spec:
                  hosts: [user-service]
                  http:
                  - match: [{uri: {prefix: /beta}}]
                    route: [{destination: {host: user-service}}]
                  - route:
                    - {destination: {host: user-service}, weight: 1}
                    - {destination: {host: user-service}, weight: 3}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: movies}
                spec:
                  hosts: [movie-service]
                  http:
                  - route: [{destination: {host: movie-service}}]
                """));

        List<ConfiguredSplit> splits = controlPlane.current().configuredSplits();

        assertThat(splits.get(0).shares()).extracting(ConfiguredSplit.Share::weight, ConfiguredSplit.Share::percent)
                .containsExactly(tuple(0, 100.0));
        assertThat(splits.get(1).shares()).extracting(ConfiguredSplit.Share::percent).containsExactly(25.0, 75.0);
    }

    @Test
    void shortAndFullyQualifiedHostsShareOneRouteTable() {
        controlPlane.apply(loader.load(INITIAL));
        MeshSnapshot snapshot = controlPlane.current();

        assertThat(snapshot.routeTable(HostName.of("user-service.theater-msa.svc.cluster.local", "x")))
                .isSameAs(snapshot.routeTable(HostName.ofAuthority("user-service:8081", NAMESPACE)));
        assertThat(snapshot.routeTable(HostName.of("user-service", NAMESPACE)).virtualService())
                .isEqualTo("theater-msa/user-service-vs");
    }

    @Test
    void anUndefinedSubsetHasNoClusterButEveryHostHasADefaultCluster() {
        controlPlane.apply(loader.load(INITIAL));
        MeshSnapshot snapshot = controlPlane.current();
        HostName users = HostName.of("user-service", NAMESPACE);

        assertThat(snapshot.cluster(users, "ctx3")).isEmpty();
        assertThat(snapshot.cluster(users, "ctx1")).get().extracting(c -> c.pinnedCluster()).isEqualTo("ctx1");
        assertThat(snapshot.cluster(HostName.of("redis", NAMESPACE), "")).isPresent();
    }

    @Test
    void eachClustersControlPlaneHasItsOwnSnapshotAndGenerationButTheMeshSharesOnePartitionSet() {
        NetworkPartitions partitions = new NetworkPartitions();
        MeshControlPlane ctx1 = new MeshControlPlane(partitions);
        MeshControlPlane ctx2 = new MeshControlPlane(partitions);

        ctx1.apply(loader.load(INITIAL));
        ctx1.partitions().partition("ctx1", "ctx2");

        assertThat(ctx1.current().generation()).isEqualTo(1);
        assertThat(ctx2.current().generation()).isZero();
        assertThat(ctx2.current().configuredSplits()).isEmpty();
        assertThat(ctx2.partitions()).isSameAs(partitions);
        assertThat(ctx2.partitions().isCut("ctx2", "ctx1")).isTrue();
    }
}
