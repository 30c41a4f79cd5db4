package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The most recent access-log entries of a local stack, in a bounded ring. Every entry gets a sequence number
 * (1, 2, 3 ...); readers poll with {@link #since(long)} or subscribe. Thread-safe; one log may be shared by all
 * sidecars.
 */
public final class AccessLog {

    public static final int DEFAULT_CAPACITY = 10_000;

    private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());

    /** An entry with its sequence number. */
    public record Numbered(long sequence, AccessLogEntry entry) {
    }

    private final Numbered[] ring;
    private final CopyOnWriteArrayList<Consumer<Numbered>> subscribers = new CopyOnWriteArrayList<>();
    private long nextSequence = 1;

    public AccessLog() {
        this(DEFAULT_CAPACITY);
    }

    public AccessLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new Numbered[capacity];
    }

    /**
     * Records {@code entry}, then calls every subscriber on this thread. Entries of concurrent requests can
     * reach subscribers out of sequence order; the sequence number tells the real order.
     */
    public long append(AccessLogEntry entry) {
        Numbered numbered;
        synchronized (ring) {
            numbered = new Numbered(nextSequence++, entry);
            ring[(int) (numbered.sequence() % ring.length)] = numbered;
        }
        for (Consumer<Numbered> subscriber : subscribers) {
            try {
                subscriber.accept(numbered);
            } catch (RuntimeException e) {
                subscribers.remove(subscriber);
                LOG.log(System.Logger.Level.WARNING, "access-log subscriber failed and was removed", e);
            }
        }
        return numbered.sequence();
    }

    /** The entries after sequence {@code after} still in the ring, oldest first ({@code 0}: all of them). */
    public List<Numbered> since(long after) {
        synchronized (ring) {
            long first = Math.max(after + 1, nextSequence - ring.length);
            List<Numbered> entries = new ArrayList<>((int) Math.max(0, nextSequence - Math.max(first, 1)));
            for (long seq = Math.max(first, 1); seq < nextSequence; seq++) {
                entries.add(ring[(int) (seq % ring.length)]);
            }
            return entries;
        }
    }

    /** The sequence number of the newest entry, 0 when there is none. */
    public long lastSequence() {
        synchronized (ring) {
            return nextSequence - 1;
        }
    }

    /** Calls {@code subscriber} with every entry appended from now on; a subscriber that throws is removed. */
    public Subscription subscribe(Consumer<Numbered> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
