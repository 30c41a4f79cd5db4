package io.theatermsa.kubeapi;

import io.theatermsa.mesh.Subscription;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET pods/NAME/log}: a pod's application log as plain text (kube-api.md 5.15–5.16), the last
 * {@code tailLines} of it if asked, and with {@code follow=true} each new line as it is written, until the pod is
 * gone (deleted or replaced), the client goes away, the server stops, or {@code limit} passes.
 */
final class PodLogs {

    private static final Duration POLL = Duration.ofMillis(200);

    /** What {@code kubectl logs} asked for; {@code tailLines} is negative for "all". */
    record Options(String container, boolean follow, int tailLines, Duration limit) {
    }

    private final ClusterStore store;
    private final ClusterWorkloads workloads;
    private final Clock clock;
    private final BooleanSupplier stopping;

    PodLogs(ClusterStore store, ClusterWorkloads workloads, Clock clock, BooleanSupplier stopping) {
        this.store = store;
        this.workloads = workloads;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Checks the pod and the container before anything is written, so a refusal is still a Status. */
    void check(ResourceRequest request, Options options) {
        store.get(request.key()).orElseThrow(() -> ApiError.notFound(request.key()));
        if (!options.container().isEmpty() && !options.container().equals(WorkloadObjects.CONTAINER)) {
            throw ApiError.badRequest("container " + options.container() + " is not valid for pod "
                                              + request.name());
        }
    }

    void serve(ResourceRequest request, Options options, OutputStream out) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (Subscription following = workloads.log(request.namespace(), request.name(), lines::add)) {
            List<String> written = new ArrayList<>();
            lines.drainTo(written);
            int from = options.tailLines() < 0 ? 0 : Math.max(0, written.size() - options.tailLines());
            for (String line : written.subList(from, written.size())) {
                write(out, line);
            }
            flush(out);
            Instant deadline = clock.instant().plus(options.limit());
            while (options.follow() && !stopping.getAsBoolean() && clock.instant().isBefore(deadline)
                    && store.get(request.key()).isPresent()) {
                String line = lines.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (line != null) {
                    write(out, line);
                    flush(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | UncheckedIOException clientGone) {
            // the client closed the stream: following is over
        }
    }

    private static void flush(OutputStream out) throws IOException {
        try {
            out.flush();
        } catch (RuntimeException socketClosed) {
            throw new IOException(socketClosed);
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException socketClosed) {
            throw new IOException(socketClosed);
        }
    }
}
