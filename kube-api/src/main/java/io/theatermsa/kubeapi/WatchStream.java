package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.Subscription;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One watch ({@code GET ...?watch=true}): a chunked HTTP response of JSON lines {@code {"type":"ADDED",
 * "object":{...}}}, as {@code kubectl get -w} reads it (kube-api.md 5.8–5.11). With a Table Accept each object is
 * a one-row table, the column definitions in the first event only. The headers go out at once (with a newline).
 * It ends when the client goes away, when the requested timeout passes, or when the server stops.
 */
final class WatchStream {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClusterStore store;
    private final Clock clock;
    private final BooleanSupplier stopping;

    WatchStream(ClusterStore store, Clock clock, BooleanSupplier stopping) {
        this.store = store;
        this.clock = clock;
        this.stopping = stopping;
    }

    /**
     * Streams the changes of {@code request}'s collection after {@code since} to {@code out} until
     * {@code timeout}. A resourceVersion too old to replay is reported as an ERROR event (410 Expired).
     */
    void serve(ResourceRequest request, Selector selector, long since, boolean table, Duration timeout,
               OutputStream out) {
        BlockingQueue<StoreChange> changes = new LinkedBlockingQueue<>();
        ResourceType type = request.type();
        Subscription subscription;
        try {
            subscription = store.watch(k -> k.in(type.group(), type.plural(), request.namespace()), since,
                                       changes::add);
        } catch (ApiError expired) {
            write(out, event("ERROR", Responses.statusBody(expired)));
            return;
        }
        Instant deadline = clock.instant().plus(timeout);
        boolean first = true;
        try {
            // Helidon sends the headers with the first bytes; a newline, which JSON stream decoders such as
            // client-go's skip, sends them now, as kube-apiserver does, instead of with the first event.
            out.write('\n');
            out.flush();
            while (!stopping.getAsBoolean() && clock.instant().isBefore(deadline)) {
                StoreChange change = changes.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (change == null || !selector.matches(change.object())) {
                    continue;
                }
                ObjectNode object = change.object();
                object.put("apiVersion", request.apiVersion());
                ObjectNode shown = table ? Tables.table(type, List.of(object), change.resourceVersion(),
                                                        clock.instant(), first) : object;
                write(out, event(change.type().name(), shown));
                first = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | UncheckedIOException clientGone) {
            // the client closed the stream: the watch is over
        } finally {
            subscription.close();
        }
    }

    private static ObjectNode event(String type, ObjectNode object) {
        ObjectNode event = JsonMappers.MAPPER.createObjectNode();
        event.put("type", type);
        event.set("object", object);
        return event;
    }

    private static void write(OutputStream out, ObjectNode event) {
        try {
            out.write(Responses.bytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException socketClosed) {
            throw new UncheckedIOException(new IOException(socketClosed));
        }
    }
}
