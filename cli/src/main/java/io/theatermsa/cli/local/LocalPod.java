package io.theatermsa.cli.local;

import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.time.Instant;
import java.util.Deque;

/**
 * One running pod of the local stack: its workload's server, the resources only it uses (its Redis connection, its
 * sidecar, its endpoint in the mesh) and its log. Closing it stops all of them, the endpoint first.
 */
final class LocalPod implements AutoCloseable {

    private final WorkloadIdentity identity;
    private final String host;
    private final int port;
    private final String inboundUrl;
    private final Instant started;
    private final PodLog log;
    private final Deque<AutoCloseable> resources;

    /** @param inboundUrl its {@link SidecarInbound}'s address; {@code null} for a pod that is no service endpoint */
    LocalPod(WorkloadIdentity identity, String host, int port, String inboundUrl, Instant started, PodLog log,
             Deque<AutoCloseable> resources) {
        this.identity = identity;
        this.host = host;
        this.port = port;
        this.inboundUrl = inboundUrl;
        this.started = started;
        this.log = log;
        this.resources = resources;
    }

    WorkloadIdentity identity() {
        return identity;
    }

    String name() {
        return identity.pod();
    }

    /** Where it listens, {@code http://<host>:<port>}. */
    String url() {
        return "http://" + host + ":" + port;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    Instant started() {
        return started;
    }

    PodLog log() {
        return log;
    }

    RunningWorkload running() {
        return new RunningWorkload(identity.service(), identity.cluster(), identity.pod(), url(), inboundUrl);
    }

    @Override
    public void close() {
        log.write("stopping");
        LocalStack.closeAll(resources);
    }
}
