package io.theatermsa.mesh.sidecar;

import io.helidon.http.HeaderNames;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;

/**
 * A real workload on loopback: answers every GET with its pod name and echoes the mesh headers it received as
 * {@code x-seen-attempt-count} / {@code x-seen-request-id}.
 */
final class TestUpstream implements AutoCloseable {

    private final ServiceServer server;

    private TestUpstream(ServiceServer server) {
        this.server = server;
    }

    static TestUpstream start(String service, String cluster, String pod) {
        ServiceServer server = ServiceServer.builder(new WorkloadIdentity(service, cluster, pod),
                                                     new JsonBodies(Json.newMapper()))
                .routing(r -> r.get((req, res) -> {
                    res.header(HeaderNames.create("x-seen-attempt-count"),
                               req.headers().first(HeaderNames.create("x-envoy-attempt-count")).orElse(""));
                    res.header(HeaderNames.create("x-seen-request-id"),
                               req.headers().first(HeaderNames.create("x-request-id")).orElse(""));
                    res.send(pod);
                }))
                .start();
        return new TestUpstream(server);
    }

    Endpoint endpoint() {
        WorkloadIdentity id = server.identity();
        return Endpoint.local(id.service(), id.cluster(), id.pod(), "127.0.0.1", server.port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
