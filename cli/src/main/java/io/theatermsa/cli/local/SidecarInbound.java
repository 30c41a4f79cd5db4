package io.theatermsa.cli.local;

import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.mesh.security.InboundDecision;
import io.theatermsa.mesh.security.InboundRequest;
import io.theatermsa.mesh.security.Workload;
import io.theatermsa.mesh.sidecar.InboundRefusal;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A pod's address as a caller <em>without</em> a sidecar reaches it: through the pod's own sidecar, whose inbound
 * listener decides by the PeerAuthentications and AuthorizationPolicies of the pod's cluster (mesh-semantics §11.3,
 * §11.7), as a curl in a pod with no injection meets it on a real cluster. Every caller of the stack's own has an
 * emulated sidecar and is judged inside the mesh; this is the one way in without one.
 * <ul>
 *   <li>STRICT: no filter chain takes plaintext, so the connection is reset once the first bytes arrive (curl:
 *       {@code Recv failure: Connection reset by peer}, exit 56); the pod's log gets the listener's
 *       {@code NR filter_chain_not_found} line.</li>
 *   <li>An RBAC denial: {@code 403 RBAC: access denied}; a caller without mTLS has no principal (§11.6).</li>
 *   <li>Allowed: the request goes on to the application, one request per connection.</li>
 * </ul>
 * The pod URLs of {@code theater status} are the application's own port instead, which bypasses the sidecar as
 * {@code kubectl port-forward} does.
 */
final class SidecarInbound implements AutoCloseable {

    /** How long a connection may take to send its request head before it is closed. */
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);
    /** What marks a line of the pod's log as its sidecar's ({@code kubectl logs -c istio-proxy} on a cluster). */
    static final String PROXY = "istio-proxy: ";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final WorkloadIdentity pod;
    private final Workload workload;
    private final int port;
    private final InetSocketAddress app;
    private final LocalMesh mesh;
    private final PodLog log;
    private final TcpListener listener;

    private SidecarInbound(String bindHost, WorkloadIdentity pod, int port, InetSocketAddress app, LocalMesh mesh,
                           PodLog log) {
        this.pod = pod;
        this.workload = mesh.workload(pod.service(), pod.cluster());
        this.port = port;
        this.app = app;
        this.mesh = mesh;
        this.log = log;
        this.listener = TcpListener.open(bindHost, "the inbound listener of " + pod.pod(), this::handle);
    }

    /**
     * Listens on {@code bindHost} (a free port) for {@code pod}, whose application listens at {@code app}.
     *
     * @param port the workload port the policies see ({@code ports} rules compare with it)
     */
    static SidecarInbound open(String bindHost, WorkloadIdentity pod, int port, InetSocketAddress app,
                               LocalMesh mesh, PodLog log) {
        return new SidecarInbound(bindHost, pod, port, app, mesh, log);
    }

    private void handle(Socket client, TcpListener connections) throws IOException {
        client.setSoTimeout((int) HEAD_TIMEOUT.toMillis());
        Optional<PlainRequestHead> head;
        try {
            head = PlainRequestHead.read(client.getInputStream());
        } catch (PlainRequestHead.Malformed e) {
            answer(client, 400, "Bad Request", "Bad Request");
            connections.close(client);
            return;
        }
        if (head.isEmpty()) {
            connections.close(client);
            return;
        }
        InboundDecision decision = mesh.inbound(pod.cluster(), workload,
                InboundRequest.withoutSidecar(port, head.get().method(), head.get().target()));
        if (decision instanceof InboundDecision.Allowed) {
            client.setSoTimeout(0);
            connections.relay(client, app, head.get().forwardedOnce(), () -> true);
            return;
        }
        log.write(PROXY + new InboundRefusal(pod.pod(), pod.cluster(), port, head.get().method(), head.get().target(),
                decision, hostPort(client.getLocalSocketAddress()), hostPort(client.getRemoteSocketAddress()))
                .logLine());
        if (decision instanceof InboundDecision.Denied) {
            answer(client, InboundDecision.Denied.STATUS, "Forbidden", InboundDecision.Denied.BODY);
            connections.close(client);
        } else {
            connections.reset(client);
        }
    }

    /** {@code http://<host>:<port>}. */
    String url() {
        return "http://" + hostPort(listener.address());
    }

    private static String hostPort(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getHostString() + ":" + inet.getPort();
    }

    /** A local reply of the inbound sidecar, as Envoy sends it: {@code server: istio-envoy}, then close. */
    private static void answer(Socket client, int status, String reason, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                      + "content-length: " + bytes.length + "\r\n"
                      + "content-type: text/plain\r\n"
                      + "date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                      + "server: istio-envoy\r\n"
                      + "connection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        listener.close();
    }
}
