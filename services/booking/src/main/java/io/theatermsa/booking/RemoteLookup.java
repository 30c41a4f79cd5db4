package io.theatermsa.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.platform.identity.IdentityHeaders;
import io.theatermsa.platform.sidecar.ServiceAddress;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one resource of another service through the workload's sidecar, so the mesh (or its local emulation)
 * routes, delays, aborts and counts the call. 404 means the resource does not exist; any other failure,
 * including the mesh's own local replies, means the service is unavailable.
 */
final class RemoteLookup {

    private final Sidecar sidecar;
    private final ObjectMapper mapper;

    RemoteLookup(Sidecar sidecar, ObjectMapper mapper) {
        this.sidecar = sidecar;
        this.mapper = mapper;
    }

    /**
     * {@code GET path} on {@code service}, with the caller's trace headers; empty on the service's own 404. A 404 the
     * mesh made (no route, an injected abort: no identity header) means the service could not be asked.
     */
    <T> Optional<T> find(ServiceAddress service, String path, Class<T> type, Map<String, List<String>> traceHeaders) {
        OutboundResponse response = sidecar.send(service.request("GET", path, traceHeaders));
        if (response.status() == 404 && answeredByTheService(response)) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw UpstreamUnavailable.answered(service, response);
        }
        try {
            return Optional.of(mapper.readValue(response.body(), type));
        } catch (IOException e) {
            throw new UpstreamUnavailable(service.host() + " answered " + response.status()
                    + " with a body that is not the expected JSON");
        }
    }

    private static boolean answeredByTheService(OutboundResponse response) {
        return response.headers().firstValue(IdentityHeaders.SERVICE_NAME.defaultCase()).isPresent();
    }
}
