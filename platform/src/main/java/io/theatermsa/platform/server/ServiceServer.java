package io.theatermsa.platform.server;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.platform.health.HealthService;
import io.theatermsa.platform.health.ReadinessCheck;
import io.theatermsa.platform.http.ErrorHandling;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.identity.IdentityHeaders;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.metrics.RequestMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Starts one workload's HTTP server the way every workload of the project is served: identity headers on every
 * response, JSON errors, {@code /health/live}, {@code /health/ready}, {@code /metrics}, then the workload's own
 * routes. Requests run on virtual threads (Helidon SE 4).
 */
public final class ServiceServer implements AutoCloseable {

    private final WebServer server;
    private final WorkloadIdentity identity;

    private ServiceServer(WebServer server, WorkloadIdentity identity) {
        this.server = server;
        this.identity = identity;
    }

    public static Builder builder(WorkloadIdentity identity, JsonBodies json) {
        return new Builder(identity, json);
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.port();
    }

    public WorkloadIdentity identity() {
        return identity;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public void stop() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Collects the workload's routes and starts the server. */
    public static final class Builder {
        private final WorkloadIdentity identity;
        private final JsonBodies json;
        private final List<Consumer<HttpRouting.Builder>> routes = new ArrayList<>();
        private String host = "127.0.0.1";
        private int port;
        private ReadinessCheck readiness = ReadinessCheck.ALWAYS;

        private Builder(WorkloadIdentity identity, JsonBodies json) {
            this.identity = Objects.requireNonNull(identity);
            this.json = Objects.requireNonNull(json);
        }

        /** Address to bind: loopback by default; {@code 0.0.0.0} in a container. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder readiness(ReadinessCheck readiness) {
            this.readiness = readiness;
            return this;
        }

        /** Mounts {@code service} under {@code path}. */
        public Builder service(String path, HttpService service) {
            routes.add(r -> r.register(path, service));
            return this;
        }

        /** Adds routes directly, for what a mounted service cannot express. */
        public Builder routing(Consumer<HttpRouting.Builder> extra) {
            routes.add(extra);
            return this;
        }

        public ServiceServer start() {
            RequestMetrics metrics = new RequestMetrics(identity);
            HttpRouting.Builder routing = HttpRouting.builder()
                    .addFilter(IdentityHeaders.filter(identity))
                    .addFilter(metrics.filter())
                    .register("/health", new HealthService(readiness, json))
                    .register("/metrics", metrics);
            routes.forEach(r -> r.accept(routing));
            ErrorHandling.register(routing, json.mapper());
            ErrorHandling.registerNotFound(routing);
            WebServer server = WebServer.builder()
                    .host(host)
                    .port(port)
                    .shutdownHook(false)
                    .routing(routing)
                    .build()
                    .start();
            return new ServiceServer(server, identity);
        }
    }
}
