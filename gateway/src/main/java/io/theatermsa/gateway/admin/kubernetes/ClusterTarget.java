package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One cluster a scenario is written to. Each istiod reads config only from its own cluster, so a scenario goes to
 * the local cluster and, when a remote kubeconfig is given, to the other one too (multicluster §2).
 *
 * @param name   the cluster name, for messages
 * @param client a client whose credentials may write VirtualServices and DestinationRules (admin overlay)
 */
record ClusterTarget(String name, KubernetesClient client) {
}
