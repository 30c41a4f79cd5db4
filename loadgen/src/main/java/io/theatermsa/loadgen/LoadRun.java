package io.theatermsa.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One bounded load run: a fixed number of virtual-thread workers sending {@link LoadSpec}'s request over keep-alive
 * HTTP/1.1 connections, paced by a shared schedule when {@code qps > 0} (request {@code n} is due at
 * {@code start + n / qps}), until the count is reached, the time is up, or {@link #stop()} is called. Each request
 * carries {@code x-request-id: <run id>-<n>} unless the spec sets one, so the proxy's access log can be matched.
 */
public final class LoadRun {

    /** The longest one request may take; a run never outlives its bound by more than this. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final String CLUSTER_HEADER = "X-Service-Cluster";
    static final String REQUEST_ID_HEADER = "x-request-id";

    /** Where a run is. */
    public enum State {
        RUNNING, DONE, STOPPED, FAILED;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final URI target;
    private final LoadSpec spec;
    private final LongSupplier nanos;
    private final HttpClient client;
    private final Tally tally = new Tally();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Thread> workers = new ArrayList<>();
    private final long startNanos;
    private volatile long endNanos;
    private volatile boolean stopRequested;
    private volatile String error;

    private LoadRun(String id, URI target, LoadSpec spec, LongSupplier nanos) {
        this.id = id;
        this.target = target;
        this.spec = spec;
        this.nanos = nanos;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.startNanos = nanos.getAsLong();
    }

    /**
     * Validates {@code spec} and starts sending to {@code base} (scheme, host and port; the spec's path is
     * appended).
     *
     * @throws InvalidLoadSpec naming every problem; nothing is sent then
     */
    public static LoadRun start(String id, URI base, LoadSpec spec) {
        return start(id, base, spec, System::nanoTime);
    }

    static LoadRun start(String id, URI base, LoadSpec spec, LongSupplier nanos) {
        List<LoadSpec.Problem> problems = new ArrayList<>(spec.problems());
        URI target = null;
        if (problems.isEmpty()) {
            try {
                target = URI.create(base.toString().replaceAll("/+$", "") + spec.path());
                requestFor(target, spec, id + "-0");
            } catch (IllegalArgumentException e) {
                problems.add(new LoadSpec.Problem(target == null ? "path" : "headers", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidLoadSpec(problems);
        }
        LoadRun run = new LoadRun(id, target, spec, nanos);
        run.begin();
        return run;
    }

    public String id() {
        return id;
    }

    public LoadSpec spec() {
        return spec;
    }

    public State state() {
        return state.get();
    }

    /** Stops sending; requests in flight are abandoned. Returns at once; {@link #await} waits for the end. */
    public void stop() {
        stopRequested = true;
        workers.forEach(Thread::interrupt);
    }

    /** Waits up to {@code timeout} for the run to end; true when it has. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The report as of now (final once the run has ended). */
    public LoadReport report() {
        long end = state.get() == State.RUNNING ? nanos.getAsLong() : endNanos;
        long elapsedNanos = Math.max(end - startNanos, 1);
        long completed = tally.completed();
        return new LoadReport(id, state.get().text(), spec, sent.get(), completed, spec.qps(),
                completed * 1e9 / elapsedNanos, TimeUnit.NANOSECONDS.toMillis(elapsedNanos), tally.latency(),
                tally.histogram(), tally.byStatus(), tally.byCluster(), java.util.Map.of(), error);
    }

    private void begin() {
        for (int i = 0; i < spec.concurrency(); i++) {
            workers.add(Thread.ofVirtual().name("load-" + id + "-" + i).unstarted(this::work));
        }
        workers.forEach(Thread::start);
        Thread.ofVirtual().name("load-" + id).start(this::finish);
    }

    private void work() {
        try {
            long ticket;
            while (!stopRequested && (ticket = nextTicket()) >= 0) {
                if (!waitUntilDue(ticket)) {
                    return;
                }
                send(ticket);
            }
        } catch (RuntimeException e) {
            error = e.toString();
            stopRequested = true;
        }
    }

    /** The next request to send, or -1 when the run's bound is reached. */
    private long nextTicket() {
        long ticket = tickets.getAndIncrement();
        if (spec.byCount()) {
            return ticket < spec.requests() ? ticket : -1;
        }
        return nanos.getAsLong() - startNanos < TimeUnit.SECONDS.toNanos(spec.durationSeconds()) ? ticket : -1;
    }

    /** Waits for {@code ticket}'s turn under the rate limit; false when stopped (or out of time) meanwhile. */
    private boolean waitUntilDue(long ticket) {
        if (spec.qps() == 0) {
            return true;
        }
        long due = startNanos + ticket * 1_000_000_000L / spec.qps();
        long limit = spec.byCount() ? Long.MAX_VALUE : startNanos + TimeUnit.SECONDS.toNanos(spec.durationSeconds());
        if (due >= limit) {
            return false;
        }
        long wait;
        while (!stopRequested && (wait = due - nanos.getAsLong()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                return false;
            }
        }
        return !stopRequested;
    }

    private void send(long ticket) {
        HttpRequest request = requestFor(target, spec, id + "-" + ticket);
        sent.incrementAndGet();
        long began = nanos.getAsLong();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            tally.add(new Outcome(response.statusCode(), response.headers().firstValue(CLUSTER_HEADER).orElse(""),
                                  micros(began)));
        } catch (IOException e) {
            tally.add(new Outcome(Outcome.NO_RESPONSE, "", micros(began)));
        } catch (InterruptedException e) {
            sent.decrementAndGet();
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    private long micros(long beganNanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos.getAsLong() - beganNanos);
    }

    private static HttpRequest requestFor(URI target, LoadSpec spec, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .method(spec.method(), spec.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(spec.body()));
        spec.headers().forEach(request::header);
        if (spec.headers().keySet().stream().noneMatch(REQUEST_ID_HEADER::equalsIgnoreCase)) {
            request.header(REQUEST_ID_HEADER, requestId);
        }
        if (spec.body() != null && spec.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            request.header("content-type", "application/json");
        }
        return request.build();
    }

    private void finish() {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        endNanos = nanos.getAsLong();
        client.close();
        state.set(error != null ? State.FAILED : stopRequested ? State.STOPPED : State.DONE);
        finished.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
