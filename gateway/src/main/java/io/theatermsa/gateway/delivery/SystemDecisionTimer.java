package io.theatermsa.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link DecisionTimer#system()}: the wall clock and one daemon thread. */
final class SystemDecisionTimer implements DecisionTimer {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "canary-decisions");
        thread.setDaemon(true);
        return thread;
    });

    SystemDecisionTimer() {
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(now(), at).toMillis());
        ScheduledFuture<?> future = executor.schedule(task, delay, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
