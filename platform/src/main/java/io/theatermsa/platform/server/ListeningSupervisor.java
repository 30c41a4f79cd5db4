package io.theatermsa.platform.server;

import io.theatermsa.platform.fault.FaultBoard;
import io.theatermsa.platform.fault.FaultKind;
import io.theatermsa.platform.fault.FaultSnapshot;
import io.theatermsa.platform.fault.InjectedFaults;

import java.lang.System.Logger.Level;

/**
 * Carries out {@code down} faults: when one comes into force the server stops listening (connections are refused,
 * as by a crashed pod); when none is left it listens on the same port again. Runs on the fault board's thread.
 */
final class ListeningSupervisor {

    private static final System.Logger LOG = System.getLogger(ListeningSupervisor.class.getName());

    private final ServiceServer server;
    private final FaultBoard board;
    private final InjectedFaults injected;

    ListeningSupervisor(ServiceServer server, FaultBoard board, InjectedFaults injected) {
        this.server = server;
        this.board = board;
        this.injected = injected;
    }

    void watch() {
        board.onChange(this::onChange);
    }

    synchronized void onChange(FaultSnapshot snapshot) {
        boolean down = snapshot.isDownAt(board.clock().instant());
        if (down && server.isListening()) {
            LOG.log(Level.INFO, server.identity().pod() + ": down fault in force, no longer listening on port "
                                + server.port());
            injected.count(FaultKind.DOWN);
            server.pauseListening();
        } else if (!down && server.isRunning() && !server.isListening()) {
            server.resumeListening();
            LOG.log(Level.INFO, server.identity().pod() + ": down fault over, listening again on port " + server.port());
        }
    }
}
