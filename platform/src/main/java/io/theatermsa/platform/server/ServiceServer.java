package io.theatermsa.platform.server;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.fault.FaultBoard;
import io.theatermsa.platform.fault.FaultWatcher;
import io.theatermsa.platform.fault.ServiceFaultFilter;
import io.theatermsa.platform.fault.InjectedFaults;
import io.theatermsa.platform.health.HealthService;
import io.theatermsa.platform.health.ReadinessCheck;
import io.theatermsa.platform.http.ErrorHandling;
import io.theatermsa.platform.http.ExactPaths;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.identity.IdentityHeaders;
import io.theatermsa.platform.metrics.RequestMetrics;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.SeedData;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Starts one workload's HTTP server the way every workload of the project is served: identity headers on every
 * response, request metrics, service-level faults ({@link ServiceFaultFilter}; {@code /health/*} and {@code /metrics}
 * exempt), JSON errors (also for what the HTTP server refuses before routing, {@link RejectedRequests}), paths
 * taken exactly as sent ({@link ExactPaths}), {@code /health/live}, {@code /health/ready}, {@code /metrics}, then the workload's own routes.
 * Requests run on virtual threads (Helidon SE 4).
 *
 * <p>A {@code down} fault makes the server {@link #pauseListening() stop listening} (connections refused) and
 * {@link #resumeListening() listen again} on the same port afterwards; the workload itself keeps running.
 */
public final class ServiceServer implements AutoCloseable {

    /** How long {@link #resumeListening()} keeps trying to bind the port again (the OS may hold it briefly). */
    static final Duration REBIND_PATIENCE = Duration.ofSeconds(10);

    private final WorkloadIdentity identity;
    private final IntFunction<WebServer> listen;
    private final FaultBoard faults;
    private final ServedRequests served;
    private final String host;
    private final int port;
    private WebServer server;
    private boolean closed;

    private ServiceServer(WorkloadIdentity identity, IntFunction<WebServer> listen, String host, int port,
                          FaultBoard faults, ServedRequests served) {
        this.identity = identity;
        this.listen = listen;
        this.faults = faults;
        this.served = served;
        this.host = host;
        this.server = listen.apply(port);
        this.port = server.port();
    }

    public static Builder builder(WorkloadIdentity identity, JsonBodies json) {
        return new Builder(identity, json);
    }

    /** The bound port (useful when started on port 0); the same after listening is resumed. */
    public int port() {
        return port;
    }

    public WorkloadIdentity identity() {
        return identity;
    }

    /** Tells {@code listener} about every request served from now on (on the request's thread: it must be quick). */
    public Subscription onServed(Consumer<ServedRequest> listener) {
        return served.subscribe(listener);
    }

    /** True until {@link #stop()}, including while a {@code down} fault keeps it from listening. */
    public synchronized boolean isRunning() {
        return !closed;
    }

    /** True while it accepts connections. */
    public synchronized boolean isListening() {
        return !closed && server.isRunning();
    }

    /** Stops accepting connections (they are refused) without stopping the workload. */
    public synchronized void pauseListening() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    /**
     * Listens again on {@link #port()}, retrying for up to {@link #REBIND_PATIENCE} while the port is busy; a
     * {@link #stop()} meanwhile ends the wait.
     */
    public synchronized void resumeListening() {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (!closed && !server.isRunning()) {
            try {
                HeldPort.hold(host, port).release(); // quietly: Helidon logs each failed bind with its stack trace
                server = listen.apply(port);
                return;
            } catch (UncheckedIOException | IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    wait(100); // lets stop() in
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll(); // a resumeListening() waiting for the port gives up
        }
        faults.close();
        synchronized (this) {
            pauseListening();
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
        private FaultBoard faults = FaultBoard.NONE;
        private final List<SeedData> seeds = new ArrayList<>();
        // Request threads draw concurrently: each draw uses the calling thread's own generator.
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();

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

        /**
         * The service-level faults this workload obeys, usually {@code FaultWatcher.watch(redis, identity)}; none by
         * default. The server closes the board when it stops.
         */
        public Builder faults(FaultBoard faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /**
         * The Redis the workload keeps its data in: it is ready while Redis answers, and it obeys the service-level
         * faults aimed at it there ({@code FaultWatcher.watch(redis, identity)}).
         */
        public Builder store(RedisConnector redis) {
            return readiness(redis.readiness()).faults(FaultWatcher.watch(redis, identity));
        }

        /** Data to plant once the server runs: now if Redis answers, else in the background while it runs. */
        public Builder seed(SeedData seed) {
            seeds.add(Objects.requireNonNull(seed));
            return this;
        }

        /** Where injected error rates and latency distributions draw from; tests may pass a seeded one. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
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

        /**
         * Starts listening, then plants the seed data.
         *
         * @throws UncheckedIOException with a {@link BindException} when the address cannot be bound (a port in use)
         */
        public ServiceServer start() {
            RequestMetrics metrics = new RequestMetrics(identity);
            InjectedFaults injected = new InjectedFaults(metrics.registry());
            ServiceFaultFilter faultFilter = new ServiceFaultFilter(faults, random, json, injected);
            HealthService health = new HealthService(readiness, json);
            ServedRequests served = new ServedRequests();
            RejectedRequests rejected = new RejectedRequests(identity, json.mapper());
            IntFunction<WebServer> listen = boundPort -> {
                HttpRouting.Builder routing = HttpRouting.builder()
                        .addFilter(served.filter())
                        .addFilter(IdentityHeaders.filter(identity))
                        .addFilter(ExactPaths.filter())
                        .addFilter(metrics.filter())
                        .addFilter(faultFilter)
                        .register("/health", health)
                        .register("/metrics", metrics);
                routes.forEach(r -> r.accept(routing));
                ErrorHandling.register(routing, json.mapper(), identity.pod());
                ErrorHandling.registerNotFound(routing);
                WebServer started = WebServer.builder()
                        .host(host)
                        .port(boundPort)
                        .shutdownHook(false)
                        // Each write leaves at once, as through Envoy (TCP_NODELAY): with Nagle's algorithm a body
                        // written after its headers, or in parts, waits for the client's delayed ACK (40 ms).
                        .connectionOptions(socket -> socket.tcpNoDelay(true))
                        .directHandlers(rejected.all())
                        .routing(routing)
                        .build()
                        .start();
                if (!started.isRunning()) {
                    // Helidon logs a failed bind and returns a server that is not running, with port -1.
                    throw new UncheckedIOException(new BindException(
                            identity.service() + " cannot listen on " + host + ":" + boundPort));
                }
                return started;
            };
            ServiceServer server;
            try {
                server = new ServiceServer(identity, listen, host, port, faults, served);
            } catch (RuntimeException e) {
                faults.close();
                throw e;
            }
            new ListeningSupervisor(server, faults, injected).watch();
            seeds.forEach(seed -> seed.plantEventually(server::isRunning));
            return server;
        }
    }
}
