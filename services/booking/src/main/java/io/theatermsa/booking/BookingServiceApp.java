package io.theatermsa.booking;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.fault.FaultWatcher;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;

import java.time.Clock;

/** Wires booking-service; the Kubernetes {@link Main} and the local launcher both start it here. */
public final class BookingServiceApp {

    private BookingServiceApp() {
    }

    /**
     * Starts booking-service on {@code bindHost:port} (0 picks a free port). It calls user- and movie-service
     * only through {@code sidecar}; the caller owns the sidecar and closes it.
     */
    public static ServiceServer start(WorkloadIdentity identity, String bindHost, int port, RedisConnector redis,
                                      Sidecar sidecar) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        RedisCommands<String, String> commands = redis.connection().sync();
        BookingCodec codec = new BookingCodec(json.mapper());
        BookingStore store = new BookingStore(commands, codec);
        BookingDesk desk = new BookingDesk(new BookingCheck(new RemoteLookup(sidecar, json.mapper())),
                new SeatReservation(commands, codec, Clock.systemUTC()), store, codec);
        return ServiceServer.builder(identity, json)
                .host(bindHost)
                .port(port)
                .readiness(redis.readiness())
                .faults(FaultWatcher.watch(redis, identity))
                .service("/bookings", new BookingService(desk, store, json))
                .start();
    }
}
