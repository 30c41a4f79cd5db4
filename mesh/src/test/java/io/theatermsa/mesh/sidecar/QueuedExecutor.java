package io.theatermsa.mesh.sidecar;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that only queues; {@link #runAll()} runs the queued tasks on the test's thread. */
final class QueuedExecutor implements Executor {

    private final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        queued.add(task);
    }

    synchronized int queued() {
        return queued.size();
    }

    /** Runs every queued task, in submission order; returns how many ran. */
    int runAll() {
        int ran = 0;
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
            ran++;
        }
        return ran;
    }

    private synchronized Runnable poll() {
        return queued.poll();
    }
}
