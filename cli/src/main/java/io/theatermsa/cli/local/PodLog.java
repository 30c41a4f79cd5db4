package io.theatermsa.cli.local;

import io.theatermsa.mesh.Subscription;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One pod's application log, as {@code kubectl logs} shows it: the last {@link #CAPACITY} lines, kept in memory. */
final class PodLog {

    static final int CAPACITY = 1000;

    private final Clock clock;
    private final Deque<String> lines = new ArrayDeque<>();
    private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();

    PodLog(Clock clock) {
        this.clock = clock;
    }

    /** Appends {@code text}, stamped with the time, and hands it to every follower. */
    void write(String text) {
        String line = clock.instant() + " " + text;
        synchronized (this) {
            if (lines.size() == CAPACITY) {
                lines.removeFirst();
            }
            lines.addLast(line);
            followers.forEach(f -> f.accept(line));
        }
    }

    /** Gives {@code line} every line kept so far, then each new one until the subscription is closed. */
    synchronized Subscription follow(Consumer<String> line) {
        lines.forEach(line);
        followers.add(line);
        return () -> followers.remove(line);
    }
}
