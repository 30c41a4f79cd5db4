package io.theatermsa.mesh.security;

import java.util.Optional;

/** What the destination's sidecar does with one inbound request (mesh-semantics §11.3, §11.7). */
public sealed interface InboundDecision {

    /** The request goes on to the application. {@code peer} is the caller's identity when the hop was mTLS. */
    record Allowed(Optional<Principal> peer) implements InboundDecision {
    }

    /**
     * STRICT and the caller did not speak mTLS: no filter chain matches, the connection is closed without an HTTP
     * response; the server's listener logs {@code NR filter_chain_not_found}. A plain client sees a reset; a sidecar
     * that sent plaintext answers its app {@code 503 UC}.
     */
    record NoFilterChain() implements InboundDecision {
    }

    /**
     * The caller's sidecar insisted on mTLS ({@code ISTIO_MUTUAL}) to a pod whose mode is DISABLE: its inbound
     * listener has plaintext chains only, so the handshake ends with the connection closed (§11.3). The caller's
     * sidecar sees a connect failure (UF), which the default policy retries.
     */
    record TlsHandshakeFailed() implements InboundDecision {
    }

    /**
     * An RBAC denial: for HTTP a local reply {@code 403 RBAC: access denied} with no response flag; for a TCP
     * connection the connection is closed, with no status (§11.7).
     *
     * @param policyId the first matching DENY rule's id, or {@code none} for an ALLOW miss
     */
    record Denied(String policyId) implements InboundDecision {

        public static final int STATUS = 403;
        public static final String BODY = "RBAC: access denied";

        /** Envoy's response code details; whitespace in the id becomes {@code _}. */
        public String details() {
            return "rbac_access_denied_matched_policy[" + policyId.replaceAll("\\s", "_") + "]";
        }
    }
}
