package io.theatermsa.booking;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.topology.Topology;

import java.time.Clock;

/** Wires booking-service; the Kubernetes {@link Main} and the local launcher both start it here. */
public final class BookingServiceApp {

    private BookingServiceApp() {
    }

    /**
     * Starts booking-service on {@code bindHost:port} (0 picks a free port). It calls user- and movie-service
     * where {@code topology} says they answer, only through {@code sidecar}; the caller owns the sidecar and
     * closes it.
     */
    public static ServiceServer start(WorkloadIdentity identity, String bindHost, int port, RedisConnector redis,
                                      Sidecar sidecar, Topology topology) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        RedisCommands<String, String> commands = redis.connection().sync();
        BookingCodec codec = new BookingCodec(json.mapper());
        BookingStore store = new BookingStore(commands, codec);
        BookingDesk desk = new BookingDesk(new BookingCheck(new RemoteLookup(sidecar, json.mapper()),
                topology.workload("user-service").address(), topology.workload("movie-service").address()),
                new SeatReservation(commands, codec, Clock.systemUTC()), store, codec);
        return ServiceServer.builder(identity, json)
                .host(bindHost)
                .port(port)
                .store(redis)
                .service("/bookings", new BookingService(desk, store, json))
                .start();
    }
}
