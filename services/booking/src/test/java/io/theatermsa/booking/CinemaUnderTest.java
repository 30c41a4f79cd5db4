package io.theatermsa.booking;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.movie.MovieServiceApp;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.user.UserServiceApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real user-, movie- and booking-service on loopback, over one emptied Redis (one connection each), booking
 * reaching the other two through a {@link ForwardingSidecar}. For test classes that share it ({@code @BeforeAll}).
 */
final class CinemaUnderTest implements AutoCloseable {

    private final List<RedisConnector> connectors = new ArrayList<>();
    private final ServiceServer users;
    private final ServiceServer movies;
    private final ServiceServer bookings;
    private final ForwardingSidecar sidecar;

    CinemaUnderTest(String redisUrl, WorkloadIdentity user, WorkloadIdentity movie, WorkloadIdentity booking) {
        for (int i = 0; i < 3; i++) {
            connectors.add(RedisConnector.connect(redisUrl));
        }
        redis().flushall();
        users = UserServiceApp.start(user, "127.0.0.1", 0, connectors.get(0));
        movies = MovieServiceApp.start(movie, "127.0.0.1", 0, connectors.get(1));
        sidecar = new ForwardingSidecar(Map.of(ForwardingSidecar.USER, users.port(), ForwardingSidecar.MOVIE,
                                               movies.port()));
        bookings = BookingServiceApp.start(booking, "127.0.0.1", 0, connectors.get(2), sidecar,
                                           ForwardingSidecar.TOPOLOGY);
    }

    RedisCommands<String, String> redis() {
        return connectors.getFirst().connection().sync();
    }

    ForwardingSidecar sidecar() {
        return sidecar;
    }

    ServiceServer users() {
        return users;
    }

    ServiceServer movies() {
        return movies;
    }

    ServiceServer bookings() {
        return bookings;
    }

    @Override
    public void close() {
        List.of(users, movies, bookings).forEach(ServiceServer::stop);
        sidecar.close();
        connectors.forEach(RedisConnector::close);
    }
}
