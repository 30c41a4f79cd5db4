package io.theatermsa.mesh.security;

/**
 * A workload's mTLS identity, {@code <trust-domain>/ns/<ns>/sa/<sa>}: the URI SAN of its certificate without
 * {@code spiffe://} (mesh-semantics §11.6). Both clusters share the trust domain, so the cluster is not part of it
 * (§11.9).
 */
public record Principal(String trustDomain, String namespace, String serviceAccount) {

    public static final String TRUST_DOMAIN = "cluster.local";

    public static Principal of(String namespace, String serviceAccount) {
        return new Principal(TRUST_DOMAIN, namespace, serviceAccount);
    }

    public String text() {
        return trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
    }
}
