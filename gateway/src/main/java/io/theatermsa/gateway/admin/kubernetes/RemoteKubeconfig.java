package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code REMOTE_KUBECONFIG} gives the gateway: nothing (unset, or no such file: the other cluster's pods are
 * then those seen answering), a client of the other cluster, or a file that cannot be used, whose problem the gateway
 * reports instead of failing to start.
 */
sealed interface RemoteKubeconfig {

    /**
     * How often one request to the other cluster is retried before its informer hears of the failure (fabric8's
     * default, 10 with doubling waits, hides an unreachable cluster for minutes); the informer itself retries forever.
     */
    int REQUEST_RETRIES = 1;

    record Absent() implements RemoteKubeconfig {
    }

    record Usable(KubernetesClient client) implements RemoteKubeconfig {
    }

    record Unusable(String problem) implements RemoteKubeconfig {
    }

    static RemoteKubeconfig of(Optional<KubernetesClient> client) {
        return client.<RemoteKubeconfig>map(Usable::new).orElseGet(Absent::new);
    }

    static RemoteKubeconfig read(Optional<Path> kubeconfig) {
        if (kubeconfig.isEmpty() || !Files.exists(kubeconfig.get())) {
            return new Absent();
        }
        Path file = kubeconfig.get();
        try {
            Config config = Config.fromKubeconfig(Files.readString(file));
            config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
            return new Usable(new KubernetesClientBuilder().withConfig(config).build());
        } catch (IOException | RuntimeException e) {
            return new Unusable("misconfigured: the remote kubeconfig " + file + " cannot be used (check the Secret "
                    + "mounted as REMOTE_KUBECONFIG): " + e.getMessage());
        }
    }

    /** The client, when there is a usable one. */
    default Optional<KubernetesClient> usableClient() {
        return this instanceof Usable usable ? Optional.of(usable.client()) : Optional.empty();
    }
}
