package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.IntervalTimers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sidecar's production timers: one daemon scheduler thread, started with the first timer (only clusters with
 * outlier detection have one) and stopped when the sidecar closes.
 */
final class ScheduledIntervalTimers implements IntervalTimers, AutoCloseable {

    private final String name;
    private ScheduledExecutorService scheduler;
    private boolean closed;

    ScheduledIntervalTimers(String name) {
        this.name = name;
    }

    @Override
    public synchronized Timer every(Duration every, Runnable tick) {
        if (closed) {
            return () -> { };
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("outlier-" + name).factory());
        }
        long nanos = Math.max(1, every.toNanos());
        ScheduledFuture<?> future = scheduler.scheduleAtFixedRate(tick, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
