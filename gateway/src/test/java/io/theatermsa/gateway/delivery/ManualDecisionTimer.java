package io.theatermsa.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link DecisionTimer} whose time moves only when a test says so: {@link #advance} runs every task that falls
 * due, in time order, on the calling thread, so a test judges a canary step at once instead of waiting its interval.
 */
public final class ManualDecisionTimer implements DecisionTimer {

    private record Task(Instant at, long order, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Instant now;
    private long order;

    public ManualDecisionTimer(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Instant at, Runnable run) {
        Task task = new Task(at, order++, run);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time on by {@code duration}, running each task due by then (tasks they schedule too, when due). */
    public void advance(Duration duration) {
        Instant until;
        synchronized (this) {
            until = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.at().isAfter(until))
                        .min(Comparator.comparing(Task::at).thenComparing(Task::order)).orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = next.at().isAfter(now) ? next.at() : now;
            }
            next.run().run();
        }
    }

    /** How many tasks wait to run. */
    public synchronized int pending() {
        return tasks.size();
    }
}
