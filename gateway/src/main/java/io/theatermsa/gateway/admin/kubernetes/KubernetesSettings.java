package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.platform.topology.Topology;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's Kubernetes mode, from its environment. The admin token ({@code ADMIN_TOKEN}) is the HTTP API's, read
 * by {@code Main}.
 *
 * @param namespace        {@code NAMESPACE} (downward API), default: the topology's namespace
 * @param envoyAdmin       {@code ENVOY_ADMIN_URL}, default {@value #DEFAULT_ENVOY_ADMIN}
 * @param remoteKubeconfig {@code REMOTE_KUBECONFIG}: a kubeconfig file for the other cluster (mounted from an
 *                         optional Secret); absent or missing file: the other cluster's pods are known only from
 *                         the responses they answer, and scenarios are written to this cluster only
 * @param remoteCluster    {@code REMOTE_CLUSTER_NAME}, default: the topology's first cluster other than this one
 * @param scenarioRoot     {@code SCENARIO_ROOT}, default {@value #DEFAULT_SCENARIO_ROOT}
 * @param initialScenario  {@code INITIAL_SCENARIO}, relative to the root, what reset applies; default
 *                         {@value #DEFAULT_INITIAL_SCENARIO}
 */
public record KubernetesSettings(String namespace, URI envoyAdmin, Optional<Path> remoteKubeconfig,
                                 String remoteCluster, Path scenarioRoot, Path initialScenario) {

    public static final String DEFAULT_ENVOY_ADMIN = "http://localhost:15000";
    public static final String DEFAULT_SCENARIO_ROOT = "/app/scenarios";
    public static final String DEFAULT_INITIAL_SCENARIO = PracticeScenario.COURSE_START;

    /** The settings of a gateway running in {@code cluster} of {@code topology}, from {@code env}. */
    public static KubernetesSettings read(Map<String, String> env, String cluster, Topology topology) {
        return new KubernetesSettings(value(env, "NAMESPACE").orElse(topology.namespace()),
                URI.create(value(env, "ENVOY_ADMIN_URL").orElse(DEFAULT_ENVOY_ADMIN)),
                value(env, "REMOTE_KUBECONFIG").map(Path::of),
                value(env, "REMOTE_CLUSTER_NAME").orElseGet(() -> topology.clusterNames().stream()
                        .filter(other -> !other.equals(cluster)).findFirst().orElse(cluster)),
                Path.of(value(env, "SCENARIO_ROOT").orElse(DEFAULT_SCENARIO_ROOT)),
                Path.of(value(env, "INITIAL_SCENARIO").orElse(DEFAULT_INITIAL_SCENARIO)));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
