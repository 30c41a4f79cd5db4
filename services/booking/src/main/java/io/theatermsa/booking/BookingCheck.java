package io.theatermsa.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.platform.http.FieldChecks;
import io.theatermsa.platform.sidecar.ServiceAddress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a well-formed booking request names things that exist: the user (user-service), the movie and
 * its showtime (movie-service), and seats inside that showtime's seat map. All problems are reported together.
 */
final class BookingCheck {

    private final RemoteLookup remote;
    private final ServiceAddress users;
    private final ServiceAddress movies;

    /** @param users where user-service answers, @param movies where movie-service answers (the topology's) */
    BookingCheck(RemoteLookup remote, ServiceAddress users, ServiceAddress movies) {
        this.remote = remote;
        this.users = users;
        this.movies = movies;
    }

    void requireBookable(BookingRequest request, Map<String, List<String>> traceHeaders) {
        Optional<JsonNode> user = remote.find(users, "/users/" + request.userId(), JsonNode.class, traceHeaders);
        Optional<MovieSchedule> movie = remote.find(movies, "/movies/" + request.movieId(), MovieSchedule.class,
                                                    traceHeaders);
        Optional<MovieSchedule.Showing> showing = movie.flatMap(m -> m.showtime(request.showtimeId()));
        FieldChecks checks = new FieldChecks()
                .check(user.isPresent(), "userId", "no user '" + request.userId() + "' exists")
                .check(movie.isPresent(), "movieId", "no movie '" + request.movieId() + "' exists")
                .check(movie.isEmpty() || showing.isPresent(), "showtimeId",
                       "movie '" + request.movieId() + "' has no showtime '" + request.showtimeId() + "'");
        showing.ifPresent(s -> checkSeats(request.seats(), s.seatMap(), checks));
        checks.throwIfAny();
    }

    private static void checkSeats(List<String> seats, MovieSchedule.SeatMap map, FieldChecks checks) {
        for (int i = 0; i < seats.size(); i++) {
            checks.check(Seat.parse(seats.get(i)).filter(map::contains).isPresent(), "seats[" + i + "]",
                         "seat " + seats.get(i) + " is not in this showtime's hall (" + map.describe() + ")");
        }
    }
}
