package io.theatermsa.platform.fault;

import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * What one instance knows about the faults that target it: an immutable {@link FaultSnapshot} read without
 * blocking on the request path, the clock expiry is judged by, and a way to hear when either may have changed.
 */
public interface FaultBoard extends AutoCloseable {

    /** No faults ever: for workloads without a control channel (and the default of every server). */
    FaultBoard NONE = new FaultBoard() {
        @Override
        public FaultSnapshot current() {
            return FaultSnapshot.EMPTY;
        }

        @Override
        public InstantSource clock() {
            return InstantSource.system();
        }

        @Override
        public void onChange(Consumer<FaultSnapshot> listener) {
        }
    };

    FaultSnapshot current();

    InstantSource clock();

    /**
     * Calls {@code listener} after every reload (at least once a tick), so that time-based ends, such as a
     * {@code down} fault expiring, are noticed too. Listeners run on the board's own thread.
     */
    void onChange(Consumer<FaultSnapshot> listener);

    @Override
    default void close() {
    }
}
