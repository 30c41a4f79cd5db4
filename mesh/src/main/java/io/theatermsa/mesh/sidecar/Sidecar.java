package io.theatermsa.mesh.sidecar;

/**
 * The one way a workload calls another: every outbound HTTP call (gateway to a service, booking to user and
 * movie) goes through the calling workload's sidecar.
 * <p>
 * On Kubernetes the sidecar is a plain HTTP client (platform's {@code DirectSidecar}) and the real Envoy next to
 * the container does the mesh work. Locally it is an {@link EmulatedSidecar} that applies the VirtualServices and
 * DestinationRules itself. Each client workload owns one sidecar, with its own state, as in Envoy.
 */
public interface Sidecar extends AutoCloseable {

    /**
     * Sends one request and returns the response, which may be a mesh-generated local reply (404 NR, 503 UH ...).
     * Never throws for an upstream failure: a failure is a response, as it is behind Envoy.
     */
    OutboundResponse send(OutboundRequest request);

    @Override
    void close();
}
