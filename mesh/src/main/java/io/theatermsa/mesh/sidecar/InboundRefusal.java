package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.security.InboundDecision;

/**
 * What a destination pod's sidecar refused, as its own access log records it (mesh-semantics §11.3, §11.7): an RBAC
 * denial is a {@code 403} line with the policy details on {@code inbound|<port>||}; a connection no filter chain
 * takes (plaintext to STRICT, mTLS to DISABLE) is the listener's {@code "- - -" 0 NR filter_chain_not_found} line.
 * The caller's own record is the access log's; this is the receiver's, which real Envoy writes as well.
 *
 * @param pod      the refusing pod
 * @param cluster  its cluster
 * @param port     the workload port the request arrived on
 * @param method   the request's method ({@code -} before any HTTP was read)
 * @param path     its path
 * @param decision what the sidecar decided (never {@link InboundDecision.Allowed})
 * @param local    the pod's address as the connection saw it, {@code -} when not known
 * @param remote   the caller's address, {@code -} when not known
 */
public record InboundRefusal(String pod, String cluster, int port, String method, String path,
                             InboundDecision decision, String local, String remote) {

    public InboundRefusal {
        if (decision instanceof InboundDecision.Allowed) {
            throw new IllegalArgumentException("an allowed request is no refusal");
        }
    }

    /**
     * The line in Istio's default access-log format ({@code [%START_TIME%]} left to the log), with {@code -} for
     * what the emulation does not know.
     */
    public String logLine() {
        return switch (decision) {
            case InboundDecision.Denied denied -> "\"" + method + " " + path + " HTTP/1.1\" "
                    + InboundDecision.Denied.STATUS + " - " + denied.details() + " - \"-\" 0 "
                    + InboundDecision.Denied.BODY.length() + " 0 - \"-\" \"-\" \"-\" \"-\" \"-\" inbound|" + port
                    + "|| - " + local + " " + remote + " - -";
            default -> "\"- - -\" 0 NR filter_chain_not_found - \"-\" 0 0 0 - \"-\" \"-\" \"-\" \"-\" \"-\" - - "
                    + local + " " + remote + " - -";
        };
    }
}
