package io.theatermsa.kubeapi;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Kubernetes API of one emulated cluster, on {@code https://127.0.0.1:<port>}: discovery, {@code /version},
 * OpenAPI v3, namespaces, VirtualServices and DestinationRules, over {@code store}, with {@code admission} before
 * every create and update, and the workloads of {@link ClusterWorkloads} (mirrored into the store). One instance per
 * cluster; the store is the seam to the emulator, which follows it with
 * {@link ClusterStore#subscribe} and writes through it.
 *
 * <pre>{@code
 * ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
 * BearerTokens tokens = BearerTokens.generate(new SecureRandom());
 * KubeApiServer ctx1 = KubeApiServer.start(ClusterStore.withNamespaces("default", "theater-msa"),
 *         new MeshAdmission(), tokens, certificate, 0);
 * }</pre>
 */
public final class KubeApiServer implements AutoCloseable {

    private final WebServer server;
    private final AtomicBoolean stopping;
    private final WorkloadMirror mirror;

    private KubeApiServer(WebServer server, AtomicBoolean stopping, WorkloadMirror mirror) {
        this.server = server;
        this.stopping = stopping;
        this.mirror = mirror;
    }

    /** Starts a server on {@code 127.0.0.1:port} ({@code 0}: a free port) for a cluster that runs no workloads. */
    public static KubeApiServer start(ClusterStore store, Admission admission, BearerTokens tokens,
                                      ServerCertificate certificate, int port) {
        return start(store, admission, ClusterWorkloads.NONE, new ClusterEvents(store, Clock.systemUTC()), tokens,
                     certificate, port);
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} ({@code 0}: a free port) that also serves {@code workloads} (and
     * records the events a kubelet would in {@code events}).
     */
    public static KubeApiServer start(ClusterStore store, Admission admission, ClusterWorkloads workloads,
                                      ClusterEvents events, BearerTokens tokens, ServerCertificate certificate,
                                      int port) {
        Clock clock = Clock.systemUTC();
        AtomicBoolean stopping = new AtomicBoolean();
        WorkloadMirror mirror = WorkloadMirror.start(store, workloads, events);
        ApiHandler handler = new ApiHandler(new ResourceVerbs(store, admission, events),
                                            new WorkloadVerbs(store, workloads, mirror),
                                            new PodLogs(store, workloads, clock, stopping::get),
                                            new WatchStream(store, clock, stopping::get), tokens,
                                            clock);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .tls(certificate.tls())
                // A response is headers then body: with Nagle's algorithm the body waits for the client's delayed
                // ACK of the headers (40 ms on Linux loopback), which was most of a `kubectl get`.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .shutdownGracePeriod(Duration.ofMillis(500))
                .routing(HttpRouting.builder().any(handler))
                .build()
                .start();
        if (!server.isRunning()) {
            mirror.close();
            throw new IllegalStateException("the Kubernetes API server cannot listen on 127.0.0.1:" + port);
        }
        return new KubeApiServer(server, stopping, mirror);
    }

    public int port() {
        return server.port();
    }

    /** The URL a kubeconfig's {@code server:} names. */
    public String url() {
        return "https://127.0.0.1:" + port();
    }

    /** Ends open watches and stops the server. */
    @Override
    public void close() {
        stopping.set(true);
        mirror.close();
        server.stop();
    }
}
