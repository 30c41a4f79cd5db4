package io.theatermsa.mesh.security;

import java.util.Optional;

/**
 * One HTTP request as the destination's sidecar receives it.
 *
 * @param callerSidecar the identity of the caller's sidecar; empty for a caller without one (a plain curl)
 * @param port          the workload (target) port it arrived on, which {@code ports} compare against (§11.5)
 */
public record InboundRequest(Optional<Principal> callerSidecar, int port, String method, String path) {
}
