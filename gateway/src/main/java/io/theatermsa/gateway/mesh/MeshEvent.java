package io.theatermsa.gateway.mesh;

import io.theatermsa.mesh.sidecar.AccessLog;

/** One thing {@code /api/mesh/events} tells a client. */
sealed interface MeshEvent {

    /** A request went through a sidecar ({@code event: access}). */
    record Access(AccessLog.Numbered record) implements MeshEvent {
    }

    /** A new configuration is in force ({@code event: config}). */
    record ConfigChanged(long generation, String source) implements MeshEvent {
    }

    /** The client lagged and {@code dropped} events were dropped ({@code event: gap}). */
    record Gap(long dropped) implements MeshEvent {
    }

    /** The server is stopping: the stream ends. */
    record Closed() implements MeshEvent {
    }
}
