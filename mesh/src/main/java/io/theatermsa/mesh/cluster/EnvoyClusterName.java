package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;

/**
 * Names one Envoy cluster of a sidecar: {@code outbound|<port>|<subset>|<fqdn>} (mesh-semantics §1.9). The
 * subset is empty for the service's default cluster.
 */
public record EnvoyClusterName(int port, String subset, HostName host) {

    @Override
    public String toString() {
        return "outbound|" + port + "|" + subset + "|" + host.fqdn();
    }
}
