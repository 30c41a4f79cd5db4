package io.theatermsa.platform.server;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * What a workload closes when it is told to stop, in order: typically the server first (no new requests), then
 * the clients it used (sidecar, Redis). A step that fails is logged and the next one still runs.
 */
public final class ShutdownSequence implements Runnable {

    private static final System.Logger LOG = System.getLogger(ShutdownSequence.class.getName());

    private final List<AutoCloseable> steps;

    private ShutdownSequence(List<AutoCloseable> steps) {
        this.steps = steps;
    }

    /** Closes {@code steps} in the order given. */
    public static ShutdownSequence of(AutoCloseable... steps) {
        return new ShutdownSequence(List.of(steps));
    }

    /** Closes every step once, in order. */
    @Override
    public void run() {
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "shutdown step " + step + " failed; continuing", e);
            }
        }
    }

    /** Runs this sequence when the JVM exits (SIGTERM on Kubernetes), on a thread named {@code threadName}. */
    public Thread runOnExit(String threadName) {
        Thread hook = new Thread(this, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
