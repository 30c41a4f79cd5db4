package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's admin roles when it runs in a cluster: the clients (this cluster's from the mounted service account,
 * the other one's from {@code REMOTE_KUBECONFIG}) and the {@link KubernetesMesh} over them. Close it after
 * the server: informers first, then the clients.
 */
public final class KubernetesMode implements AutoCloseable {

    /** Where Kubernetes mounts the pod's service account token. */
    public static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final KubernetesClient local;
    private final Optional<KubernetesClient> remote;
    private final KubernetesMesh mesh;

    private KubernetesMode(KubernetesClient local, Optional<KubernetesClient> remote, KubernetesMesh mesh) {
        this.local = local;
        this.remote = remote;
        this.mesh = mesh;
    }

    /**
     * Starts the admin roles when a service account is mounted at {@code serviceAccountToken}; empty otherwise (the
     * gateway then answers 501 on {@code /api/mesh}).
     */
    public static Optional<KubernetesMode> start(WorkloadIdentity gateway, KubernetesSettings settings,
                                                 Path serviceAccountToken) {
        if (!Files.isReadable(serviceAccountToken)) {
            return Optional.empty();
        }
        KubernetesClient local = new KubernetesClientBuilder().build();
        RemoteKubeconfig remote = RemoteKubeconfig.read(settings.remoteKubeconfig());
        return Optional.of(new KubernetesMode(local, remote.usableClient(),
                new KubernetesMesh(gateway, settings, local, remote, Json.newMapper())));
    }

    public KubernetesMesh mesh() {
        return mesh;
    }

    @Override
    public void close() {
        mesh.close();
        remote.ifPresent(KubernetesClient::close);
        local.close();
    }
}
