package io.theatermsa.cli.local;

import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts a pod of the local stack, the one way every pod starts (at {@code theater up}, and when kubectl scales,
 * deletes a pod or restarts a deployment): a new name, so a new identity; its workload's server on a free loopback
 * port; its log, fed one line per request served; and, for a service, its endpoint in the mesh, so the sidecars
 * route to it as a new host (outlier detection starts afresh for it, as Envoy does for a new host), and its
 * {@link SidecarInbound} for callers without a sidecar.
 */
final class PodLauncher {

    /** Starts a workload's server as {@code identity}, tracking in {@code resources} what only this pod uses. */
    @FunctionalInterface
    interface Starter {
        ServiceServer start(WorkloadIdentity identity, Deque<AutoCloseable> resources);
    }

    private final String bindHost;
    private final LocalMesh mesh;
    private final PodNames names;
    private final Clock clock;

    PodLauncher(String bindHost, LocalMesh mesh, PodNames names, Clock clock) {
        this.bindHost = bindHost;
        this.mesh = mesh;
        this.names = names;
        this.clock = clock;
    }

    /**
     * Starts a pod of {@code app} in {@code cluster}, an endpoint of its service when {@code endpoint}; all or nothing.
     */
    LocalPod launch(String app, String cluster, Starter starter, boolean endpoint) {
        WorkloadIdentity identity = new WorkloadIdentity(app, cluster, names.next(app, cluster));
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            ServiceServer server = starter.start(identity, resources);
            resources.push(server);
            String url = "http://" + bindHost + ":" + server.port();
            PodLog log = new PodLog(clock);
            log.write("started " + app + " in " + cluster + " as " + identity.pod() + ", listening on " + url);
            resources.push(server.onServed(r -> log.write(r.method() + " " + r.path() + " " + r.status() + " "
                                                          + r.duration().toMillis() + "ms")));
            String inboundUrl = null;
            if (endpoint) {
                int servicePort = mesh.registry().service(app).orElseThrow().port();
                SidecarInbound inbound = SidecarInbound.open(bindHost, identity, servicePort,
                        new InetSocketAddress(bindHost, server.port()), mesh, log);
                resources.push(inbound);
                inboundUrl = inbound.url();
                resources.push(mesh.onInboundRefusal(refusal -> {
                    if (refusal.pod().equals(identity.pod())) {
                        log.write(SidecarInbound.PROXY + refusal.logLine());
                    }
                }));
                mesh.registerPod(identity, bindHost, server.port());
                resources.push(() -> mesh.registry().remove(app, identity.pod()));
            }
            return new LocalPod(identity, bindHost, server.port(), inboundUrl, clock.instant(), log, resources);
        } catch (RuntimeException e) {
            LocalStack.closeAll(resources);
            throw e;
        }
    }
}
