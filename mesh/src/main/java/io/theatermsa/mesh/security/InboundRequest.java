package io.theatermsa.mesh.security;

import java.util.Optional;

/**
 * One HTTP request, or one TCP connection, as the destination's sidecar receives it. A TCP connection has no method
 * and no path (both empty): the network RBAC filter sees only the peer and the port (mesh-semantics §11.5).
 *
 * @param callerSidecar the identity of the caller's sidecar; empty for a caller without one (a plain curl)
 * @param transport     how the caller connects; a caller without a sidecar always sends plaintext
 * @param port          the workload (target) port it arrived on, which {@code ports} compare against (§11.5)
 */
public record InboundRequest(Optional<Principal> callerSidecar, ClientTransport transport, int port, String method,
                             String path) {

    public InboundRequest {
        if (callerSidecar.isEmpty() && transport != ClientTransport.PLAINTEXT) {
            throw new IllegalArgumentException("a caller without a sidecar sends plaintext");
        }
    }

    /** A TCP connection (Redis) from {@code callerSidecar}'s workload, judged on its first bytes (§11.7). */
    public static InboundRequest connection(Principal callerSidecar, ClientTransport transport, int port) {
        return new InboundRequest(Optional.of(callerSidecar), transport, port, "", "");
    }

    public boolean isTcp() {
        return method.isEmpty();
    }

    /** A request from a workload without a sidecar (a plain curl in a pod with no injection). */
    public static InboundRequest withoutSidecar(int port, String method, String path) {
        return new InboundRequest(Optional.empty(), ClientTransport.PLAINTEXT, port, method, path);
    }
}
