package io.theatermsa.mesh.time;

import java.time.Duration;

/**
 * Waits on the current thread: fault delays (mesh-semantics §2.3) and retry back-off (§3.2). Production sleeps on
 * the request's virtual thread; tests pass a fake that records the waits (and advances a manual ticker).
 */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
