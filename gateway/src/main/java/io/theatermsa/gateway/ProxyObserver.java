package io.theatermsa.gateway;

import io.theatermsa.mesh.sidecar.OutboundResponse;

/**
 * Told of every answer the gateway relays from its sidecar, before it is written back. On Kubernetes the gateway
 * records from it which pods answered (their identity headers); locally nothing listens. It runs on the request's
 * thread, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface ProxyObserver {

    /** Listens to nothing. */
    ProxyObserver NONE = answer -> { };

    void answered(OutboundResponse answer);
}
