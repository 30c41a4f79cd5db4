package io.theatermsa.gateway.mesh;

import io.theatermsa.gateway.admin.MeshListener;
import io.theatermsa.mesh.sidecar.AccessLog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting for one {@code /api/mesh/events} client. The mesh's request threads only add (never wait);
 * when the client lags and the queue is full the oldest event is dropped, and the client is told how many with a
 * {@link MeshEvent.Gap} before the next event.
 */
final class EventQueue implements MeshListener {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<MeshEvent> events = new ArrayDeque<>();
    private long dropped;
    private long skipThrough;
    private boolean closed;

    EventQueue(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void accessed(AccessLog.Numbered record) {
        add(new MeshEvent.Access(record));
    }

    @Override
    public void configChanged(long generation, String source) {
        add(new MeshEvent.ConfigChanged(generation, source));
    }

    /** Access records up to {@code sequence} were already sent (replayed): they are skipped from now on. */
    void skipThrough(long sequence) {
        lock.lock();
        try {
            skipThrough = sequence;
            events.removeIf(e -> e instanceof MeshEvent.Access a && a.record().sequence() <= sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream: {@link #next} answers {@link MeshEvent.Closed} from now on. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event to send: a gap first when events were dropped; empty when none came within {@code wait} (time
     * for a heartbeat).
     */
    Optional<MeshEvent> next(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (!closed && dropped == 0 && events.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (closed) {
                return Optional.of(new MeshEvent.Closed());
            }
            if (dropped > 0) {
                MeshEvent gap = new MeshEvent.Gap(dropped);
                dropped = 0;
                return Optional.of(gap);
            }
            return Optional.of(events.removeFirst());
        } finally {
            lock.unlock();
        }
    }

    private void add(MeshEvent event) {
        lock.lock();
        try {
            if (closed || event instanceof MeshEvent.Access a && a.record().sequence() <= skipThrough) {
                return;
            }
            if (events.size() == capacity) {
                events.removeFirst();
                dropped++;
            }
            events.addLast(event);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }
}
