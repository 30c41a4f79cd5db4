package io.theatermsa.gateway.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/mesh/events}: the mesh as it happens, as Server-Sent Events. Each client has its own bounded
 * {@link EventQueue} filled by the mesh's threads and drained by the client's own (virtual) request thread, so a
 * slow client only ever slows itself. With {@code Last-Event-ID} or {@code ?since=} the access log is replayed
 * from that sequence first.
 */
final class MeshEvents {

    static final int QUEUE_CAPACITY = 1024;
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final MeshState state;
    private final ObjectMapper mapper;
    private final int capacity;
    private final Duration heartbeat;
    private final Set<EventQueue> open = ConcurrentHashMap.newKeySet();

    MeshEvents(MeshState state, ObjectMapper mapper, int capacity, Duration heartbeat) {
        this.state = state;
        this.mapper = mapper;
        this.capacity = capacity;
        this.heartbeat = heartbeat;
    }

    /** Streams until the client goes away or the server stops. */
    void stream(ServerRequest req, ServerResponse res) {
        OptionalLong since = resumeFrom(req);
        EventQueue queue = new EventQueue(capacity);
        open.add(queue);
        try (Subscription subscription = state.subscribe(queue)) {
            SseSink sink = res.sink(SseSink.TYPE);
            try {
                sink.emit(SseEvent.builder().comment("theater mesh events").build());
                if (since.isPresent()) {
                    queue.skipThrough(replay(sink, since.getAsLong()));
                }
                drain(queue, sink);
            } finally {
                sink.close();
            }
        } catch (UncheckedIOException | InterruptedException e) {
            // the client went away, or the server is stopping
        } finally {
            open.remove(queue);
        }
    }

    /** Ends every open stream (the server is stopping). */
    void closeAll() {
        open.forEach(EventQueue::close);
    }

    private long replay(SseSink sink, long since) {
        long last = since;
        for (AccessLog.Numbered record : state.accessLogAfter(since)) {
            sink.emit(access(record));
            last = record.sequence();
        }
        return last;
    }

    private void drain(EventQueue queue, SseSink sink) throws InterruptedException {
        while (true) {
            Optional<MeshEvent> next = queue.next(heartbeat);
            if (next.isEmpty()) {
                sink.emit(SseEvent.builder().comment("heartbeat").build());
                continue;
            }
            SseEvent event = switch (next.get()) {
                case MeshEvent.Access a -> access(a.record());
                case MeshEvent.ConfigChanged c -> event("config", null,
                        Map.of("generation", c.generation(), "source", c.source()));
                case MeshEvent.Gap g -> event("gap", null, Map.of("dropped", g.dropped()));
                case MeshEvent.Closed c -> null;
            };
            if (event == null) {
                return;
            }
            sink.emit(event);
        }
    }

    private SseEvent access(AccessLog.Numbered record) {
        return event("access", Long.toString(record.sequence()),
                     new AccessLogPage.Record(record.sequence(), record.entry(), state.observedAccessLog()));
    }

    private SseEvent event(String name, String id, Object data) {
        SseEvent.Builder event = SseEvent.builder().name(name);
        if (id != null) {
            event.id(id);
        }
        try {
            return event.data(mapper.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is always writable", e);
        }
    }

    /** {@code ?since=} wins over {@code Last-Event-ID}; an unreadable {@code Last-Event-ID} is ignored. */
    private static OptionalLong resumeFrom(ServerRequest req) {
        Optional<String> since = req.query().first("since").asOptional();
        if (since.isPresent()) {
            return OptionalLong.of(parse(since.get()).orElseThrow(() -> new ApiException.InvalidFieldsException(
                    List.of(new FieldError("since", "must be an access-log sequence number (0 or more)")))));
        }
        return req.headers().first(LAST_EVENT_ID).flatMap(MeshEvents::parse)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static Optional<Long> parse(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
